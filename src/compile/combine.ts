import { splitMarkers, withMarker } from '../csv/markers.js';
import { detached } from '../csv/tokenize.js';
import { parseNumber } from './number.js';
import { SUPPRESSING } from '../mapping/markers.js';
import type { Aggregation, Combine, MarkerCode, MarkerTable } from '../mapping/model.js';
import type { ColumnResolver } from './columns.js';
import { add, compare, divide, formatDecimal, multiply, parseDecimal, ZERO, type Decimal } from './decimal.js';

/** One measure's values over the rows of a group, kept so that two partial groups merge exactly. */
interface Part {
  markers: readonly MarkerCode[];
  suppressed: boolean;
  /** Rows that gave a number. */
  values: number;
  sum: Decimal;
  /** Σ weight and Σ value × weight, for a weighted mean. */
  weight: Decimal;
  weighted: Decimal;
  min: Decimal | undefined;
  max: Decimal | undefined;
  /** Most decimal places of any value, for the mean's precision. */
  scale: number;
  /** The largest values, largest first (as many as a dominance rule reads; else none). */
  largest: number[];
}

/** Rows with one dimension key, combined so far. `line` and `cells` are those of the first row. */
export interface Group {
  readonly line: number;
  readonly cells: readonly string[];
  rows: number;
  readonly parts: Part[];
}

/**
 * Combines value cells of rows that share a key (`duplicates:`). Pure and exact: numbers are
 * BigInt decimals; a suppressed part ([c] [x] [z] [low]) suppresses the result, and every
 * marker of every part is carried over. The result is a row of cells like the first row's,
 * with each measure cell replaced, so the plan converts it like any other row.
 */
export interface Combiner {
  start(cells: readonly string[], line: number): Group;
  add(group: Group, cells: readonly string[]): void;
  /** Two partial groups of one key (spilled to disk); `a` holds the earlier first row. */
  merge(a: Group, b: Group): Group;
  cells(group: Group): string[];
  toJson(group: Group): unknown;
  fromJson(json: unknown): Group;
  /** Each measure's largest rows, largest first, by measure key (those a dominance rule reads). */
  largest(group: Group): ReadonlyMap<string, readonly number[]> | undefined;
}

/** Means are given to at least this many decimal places (more when the values have more). */
const MEAN_PLACES = 6;

interface Slot {
  readonly index: number;
  /** A long table's marker column (-1: none), read with the value and cleared in the result. */
  readonly marker: number;
  readonly combine: Combine;
  readonly weight: number;
  readonly key: string;
  /** How many of the largest values to keep (a dominance rule's n). */
  readonly keep: number;
  /** Whether the least and greatest values are kept (`min`, `max`). */
  readonly range: boolean;
}

/** A measure cell as read: its number, if any, and its markers. */
interface Read {
  readonly value?: Decimal;
  readonly markers: readonly MarkerCode[];
}

const NONE: readonly MarkerCode[] = Object.freeze([]);
/** The shared empty list of largest values (a part gets its own on its first value). */
const NO_VALUES: number[] = Object.freeze([]) as unknown as number[];
/** Distinct measure cells whose reading is kept. */
const READ_CACHE = 10_000;

/** Keeps the `keep` largest of `list` (largest first) with `v` added. */
function withLargest(list: number[], v: number, keep: number): void {
  if (list.length === keep && v <= list[keep - 1]!) return;
  let i = list.length;
  while (i > 0 && list[i - 1]! < v) i--;
  list.splice(i, 0, v);
  if (list.length > keep) list.pop();
}

/** `keep`: for each measure key a dominance rule reads, how many of its largest rows to keep. */
export function compileCombiner(aggregation: Aggregation, columns: ColumnResolver, markers: MarkerTable, keep: ReadonlyMap<string, number> = new Map()): Combiner {
  const slots: Slot[] = aggregation.measures.map((m) => ({
    index: columns.index(m.column), marker: m.markerColumn ? columns.index(m.markerColumn) : -1, combine: m.combine, weight: m.weight ? columns.index(m.weight) : -1,
    key: m.key, keep: keep.get(m.key) ?? 0, range: m.combine === 'min' || m.combine === 'max',
  }));
  const dominated = slots.some((s) => s.keep > 0);
  // The number as the measure's cell gives it (thousands separators, `1e+06`), before any
  // percentage is divided: the combined cell is read again with the measure's own format.
  // Cells repeat (counts of 1 to 9, a few hundred means), so each is read once; the results
  // are immutable and shared.
  const readCache = new Map<string, Read>();
  const read = (cell: string): Read => {
    let r = readCache.get(cell);
    if (r !== undefined) return r;
    const split = splitMarkers(cell, markers);
    if ('error' in split || split.value === undefined) r = { markers: 'error' in split ? NONE : split.markers };
    else {
      const n = parseNumber(split.value.replace(/%$/, ''), { datatype: 'decimal', percent: false });
      const value = 'error' in n ? undefined : parseDecimal(n.lexical);
      r = value ? { value, markers: split.markers } : { markers: split.markers };
    }
    if (readCache.size >= READ_CACHE) readCache.clear();
    readCache.set(cell, r);
    return r;
  };
  const cellOf = (slot: Slot, cells: readonly string[]): string =>
    slot.marker < 0 ? cells[slot.index] ?? '' : withMarker(cells[slot.index] ?? '', cells[slot.marker] ?? '');
  // Nothing is allocated for what a part may never hold: the marker and largest lists are
  // the shared empty one until a part has some (a group table holds hundreds of thousands).
  const emptyPart = (): Part => ({ markers: NONE, suppressed: false, values: 0, sum: ZERO, weight: ZERO, weighted: ZERO, min: undefined, max: undefined, scale: 0, largest: NO_VALUES });
  const addCells = (parts: Part[], cells: readonly string[]): void => {
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const part = parts[i]!;
      const { value, markers: marks } = read(cellOf(slot, cells));
      for (const m of marks) {
        if (!part.markers.includes(m)) part.markers = [...part.markers, m];
        if (SUPPRESSING.has(m)) part.suppressed = true;
      }
      if (!value) continue;
      part.values++;
      part.sum = add(part.sum, value);
      part.scale = Math.max(part.scale, value.s);
      if (slot.range) {
        if (!part.min || compare(value, part.min) < 0) part.min = value;
        if (!part.max || compare(value, part.max) > 0) part.max = value;
      }
      if (slot.keep > 0) {
        if (part.largest === NO_VALUES) part.largest = [];
        withLargest(part.largest, Number(formatDecimal(value)), slot.keep);
      }
      // A row whose weight has no number weighs nothing.
      const w = slot.weight >= 0 ? read(cells[slot.weight] ?? '').value : undefined;
      if (w) {
        part.weight = add(part.weight, w);
        part.weighted = add(part.weighted, multiply(value, w));
      }
    }
  };
  const mergeParts = (a: Part, b: Part, keep: number): Part => ({
    largest: b.largest.reduce((list, v) => (withLargest(list, v, keep), list), [...a.largest]),
    markers: [...a.markers, ...b.markers.filter((m) => !a.markers.includes(m))],
    suppressed: a.suppressed || b.suppressed,
    values: a.values + b.values,
    sum: add(a.sum, b.sum),
    weight: add(a.weight, b.weight),
    weighted: add(a.weighted, b.weighted),
    min: !a.min || (b.min && compare(b.min, a.min) < 0) ? b.min : a.min,
    max: !a.max || (b.max && compare(b.max, a.max) > 0) ? b.max : a.max,
    scale: Math.max(a.scale, b.scale),
  });
  const result = (slot: Slot, part: Part, first: string): string => {
    if (slot.combine === 'first') return first;
    const marks = part.markers.map((m) => `[${m}]`).join('');
    if (part.suppressed || part.values === 0) return marks;
    let value: Decimal;
    if (slot.combine === 'sum') value = part.sum;
    else if (slot.combine === 'min') value = part.min!;
    else if (slot.combine === 'max') value = part.max!;
    else {
      const places = Math.max(part.scale, MEAN_PLACES);
      // Unweighted when no row gave a weight (or the weights add up to nothing).
      value = part.weight.n !== 0n ? divide(part.weighted, part.weight, places) : divide(part.sum, { n: BigInt(part.values), s: 0 }, places);
    }
    return `${formatDecimal(value)}${marks ? ` ${marks}` : ''}`;
  };
  const dec = (d: Decimal | undefined): [string, number] | null => (d ? [d.n.toString(), d.s] : null);
  const undec = (j: [string, number] | null): Decimal | undefined => (j ? { n: BigInt(j[0]), s: j[1] } : undefined);

  const interners: Interner[] = [];
  return {
    start(cells, line) {
      const group: Group = { line, cells: cells.map((c, i) => (interners[i] ??= new Interner()).of(c)), rows: 1, parts: slots.map(emptyPart) };
      addCells(group.parts, cells);
      return group;
    },
    add(group, cells) {
      group.rows++;
      addCells(group.parts, cells);
    },
    merge(a, b) {
      return { line: a.line, cells: a.cells, rows: a.rows + b.rows, parts: a.parts.map((p, i) => mergeParts(p, b.parts[i]!, slots[i]!.keep)) };
    },
    cells(group) {
      const out = [...group.cells];
      slots.forEach((slot, i) => {
        // The markers are merged into the value cell, so a marker column is emptied.
        out[slot.index] = result(slot, group.parts[i]!, cellOf(slot, group.cells));
        if (slot.marker >= 0) out[slot.marker] = '';
      });
      return out;
    },
    largest(group) {
      if (!dominated) return undefined;
      return new Map(slots.flatMap((slot, i) => (slot.keep > 0 ? [[slot.key, group.parts[i]!.largest] as const] : [])));
    },
    toJson(g) {
      return [g.line, g.cells, g.rows, g.parts.map((p) => [p.markers, p.suppressed, p.values, dec(p.sum), dec(p.weight), dec(p.weighted), dec(p.min), dec(p.max), p.scale, p.largest])];
    },
    fromJson(json) {
      const [line, cells, rows, parts] = json as [number, string[], number, [MarkerCode[], boolean, number, [string, number], [string, number], [string, number], [string, number] | null, [string, number] | null, number, number[]][]];
      return {
        line, cells, rows,
        parts: parts.map(([markers, suppressed, values, sum, weight, weighted, min, max, scale, largest]) => ({
          markers, suppressed, values, sum: undec(sum)!, weight: undec(weight)!, weighted: undec(weighted)!, min: undec(min), max: undec(max), scale, largest,
        })),
      };
    },
  };
}

/** Distinct cells a column's interner keeps; beyond it, cells are copied, not shared. */
const INTERN_LIMIT = 4_096;

/**
 * A group keeps its first row's cells for as long as the table holds it: one shared copy per
 * distinct value of a column (labels repeat), rather than a slice of its row each.
 */
class Interner {
  private readonly seen = new Map<string, string>();

  of(cell: string): string {
    const known = this.seen.get(cell);
    if (known !== undefined) return known;
    const copy = detached(cell);
    if (this.seen.size < INTERN_LIMIT) this.seen.set(copy, copy);
    return copy;
  }
}
