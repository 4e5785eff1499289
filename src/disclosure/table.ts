import type { Term } from '@rdfjs/types';
import { rowsRead } from '../mapping/disclosure.js';
import { isSuppressingIri } from '../mapping/markers.js';
import type { MappingModel } from '../mapping/model.js';
import { QB, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import { columnOf } from '../run/locate.js';
import { observationEnd } from '../validate/stream-checks.js';

/** One published or suppressed figure, as findings describe it: a measure at one combination of dimension values. */
export interface Cell {
  /** The measure's key in the mapping. */
  readonly measure: string;
  /** Each dimension's value (an IRI or a literal's text), in the cube's order; '' when absent. */
  readonly codes: readonly string[];
  /** Each dimension's CSV text, trimmed (totals are named by it); '' without a column. */
  readonly labels: readonly string[];
  /** The published number; undefined when suppressed (or not a number). */
  readonly value?: number;
  readonly suppressed: boolean;
  /** 0-based CSV line, and the column of the figure. */
  readonly line: number;
  readonly column?: string;
  readonly text?: string;
}

/** What the secondary check reads of a table: which cells are suppressed, and the others' values. */
export interface Figures {
  readonly size: number;
  suppressed(i: number): boolean;
  /** The published number, or undefined. */
  value(i: number): number | undefined;
  /** Whether the cell's measure counts people (`disclosure: counts:`). */
  counted(i: number): boolean;
}

/** A growable column of numbers. */
class Column<T extends Int32Array | Float64Array | Uint8Array> {
  constructor(public data: T) {}
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(Math.max(1024, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[i] = v;
  }
}

/** Strings stored once, numbered. */
class Interned {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) this.ids.set(s, (id = this.list.push(s) - 1));
    return id;
  }
}

const NONE = -1;

/**
 * The cube's figures as the run writes them, for disclosure control and additivity: one cell
 * per observation and measure, with where it came from. Stored by column (typed arrays, and
 * each code, label and text once), about 40 bytes a cell: a million-row table in tens of MB.
 * The checks run at the end of the run.
 */
export class DisclosureTable implements Figures {
  /** The dimensions that key a cell (not qb:measureType): their keys, in the cube's order. */
  readonly dimensions: readonly string[];
  /** The measures' keys; a cell holds its measure's position. */
  readonly measures: readonly string[];
  size = 0;
  /** Dimension d's code of cell i: codeIds[d][i], a number for `codes[d]`. */
  readonly codes: Interned[];
  readonly labels: Interned[];
  private readonly codeIds: Column<Int32Array>[];
  private readonly labelIds: Column<Int32Array>[];
  private readonly measureIds = new Column(new Uint8Array(1024));
  /** The number, or NaN. */
  private readonly values = new Column(new Float64Array(1024));
  private readonly flags = new Column(new Uint8Array(1024));
  private readonly lines = new Column(new Int32Array(1024));
  private readonly columns = new Column(new Int32Array(1024));
  private readonly texts = new Column(new Int32Array(1024));
  private readonly text = new Interned();
  /** The figures' column names. */
  private readonly columnNames = new Interned();
  private readonly isCounted: boolean[];
  private readonly properties: readonly string[];
  private readonly position = new Map<string, number>();
  private readonly measureOf = new Map<string, number>();
  /** Each dimension's column when one column always gives it, else undefined (found per row). */
  private readonly labelColumn: (number | undefined)[];
  /** The figure's column of each observation a row makes (by its position among them). */
  private readonly valueColumn = new Map<number, number>();
  /** The largest rows of each cell of a measure with a dominance rule (`largest[j]`: the j+1-th largest, NaN when fewer). */
  private readonly largestRows: Column<Float64Array>[];
  /** How many of them are kept: the most any dominance rule reads. */
  private readonly keep: number;
  /** The observation just read (`read`), for `store`: reused, so a row allocates nothing here. */
  private readonly current = { codes: [] as string[], values: [] as number[], measureType: NONE, suppressed: false };

  constructor(readonly model: MappingModel, private readonly header: readonly string[], counts: readonly string[] = model.disclosure?.counts ?? []) {
    const keyed = model.cube.dimensions.filter((d) => d.property !== QB.measureType);
    this.dimensions = keyed.map((d) => d.key);
    this.properties = keyed.map((d) => d.property);
    this.properties.forEach((p, i) => this.position.set(p, i));
    this.measures = model.cube.measures.map((m) => m.key);
    model.cube.measures.forEach((m, i) => this.measureOf.set(m.property, i));
    this.isCounted = this.measures.map((m) => counts.includes(m));
    this.codes = keyed.map(() => new Interned());
    this.labels = keyed.map(() => new Interned());
    this.codeIds = keyed.map(() => new Column(new Int32Array(1024)));
    this.labelIds = keyed.map(() => new Column(new Int32Array(1024)));
    this.keep = Math.max(0, ...(model.disclosure?.dominance ?? []).map(rowsRead));
    this.largestRows = Array.from({ length: this.keep }, () => new Column(new Float64Array(1024)));
    this.labelColumn = keyed.map((d) => {
      const variable = model.variables.find((x) => x.name === d.key);
      return variable?.rule.kind === 'firstOf' ? undefined : variable?.rule.kind === 'constant' ? NONE : columnOf(model, d.property, 0, header, []);
    });
  }

  suppressed(i: number): boolean {
    return this.flags.data[i] === 1;
  }

  value(i: number): number | undefined {
    const v = this.values.data[i]!;
    return Number.isNaN(v) ? undefined : v;
  }

  counted(i: number): boolean {
    return this.isCounted[this.measureIds.data[i]!]!;
  }

  /** The cell's CSV line, 0-based. */
  line(i: number): number {
    return this.lines.data[i]!;
  }

  measure(i: number): string {
    return this.measures[this.measureIds.data[i]!]!;
  }

  /** Dimension d's code of cell i, as a number (equal numbers, equal codes). */
  codeId(i: number, d: number): number {
    return this.codeIds[d]!.data[i]!;
  }

  labelId(i: number, d: number): number {
    return this.labelIds[d]!.data[i]!;
  }

  measureId(i: number): number {
    return this.measureIds.data[i]!;
  }

  /** The largest rows that made cell i, largest first (empty when they are not known). */
  largest(i: number): number[] {
    const out: number[] = [];
    for (const c of this.largestRows) {
      const v = c.data[i];
      if (v === undefined || Number.isNaN(v)) break;
      out.push(v);
    }
    return out;
  }

  /** Cell i as findings describe it. */
  cell(i: number): Cell {
    const value = this.value(i);
    const column = this.columns.data[i]!;
    return {
      measure: this.measure(i),
      codes: this.codes.map((c, d) => c.list[this.codeId(i, d)]!),
      labels: this.labels.map((l, d) => l.list[this.labelId(i, d)]!),
      ...(value !== undefined ? { value } : {}),
      suppressed: this.suppressed(i),
      line: this.lines.data[i]!,
      ...(column !== NONE ? { column: this.columnNames.list[column]!, text: this.text.list[this.texts.data[i]!]! } : {}),
    };
  }

  /** Adds the observations of one row (its triples as parallel lists, observation by observation). */
  addRow(s: readonly Term[], p: readonly Term[], o: readonly Term[], n: number, line: number, cells: readonly string[], largest?: ReadonlyMap<string, readonly number[]>): void {
    for (let start = 0, end = 0, index = 0; start < n; start = end, index++) {
      end = observationEnd(s, start, n);
      this.addObservation(p, o, start, end, index, line, cells, largest);
    }
  }

  /**
   * Adds one observation of a dump (`validate`), at the CSV line and column it was traced to;
   * `labelOf` gives a dimension's code the label its totals are named by.
   */
  addTraced(p: readonly Term[], o: readonly Term[], n: number, at: { readonly line: number; readonly column?: string; readonly text?: string }, labelOf: (d: number, code: string) => string): void {
    if (!this.read(p, o, 0, n)) return;
    const { codes } = this.current;
    this.store(at.line, at.column, at.text ?? '', (d) => labelOf(d, codes[d]!));
  }

  private addObservation(p: readonly Term[], o: readonly Term[], start: number, end: number, index: number, line: number, cells: readonly string[], largest?: ReadonlyMap<string, readonly number[]>): void {
    if (!this.read(p, o, start, end)) return;
    let column = this.valueColumn.get(index);
    if (column === undefined) this.valueColumn.set(index, (column = columnOf(this.model, undefined, index, this.header, cells)));
    const label = (d: number): string => {
      let c = this.labelColumn[d];
      if (c === undefined) c = columnOf(this.model, this.properties[d], index, this.header, cells);
      return c >= 0 ? (cells[c] ?? '').trim() : '';
    };
    this.store(line, column >= 0 ? this.header[column] : undefined, column >= 0 ? cells[column] ?? '' : '', label, largest);
  }

  /** Reads the observation's codes, values, measure and status into `current`; false when it holds no figure. */
  private read(p: readonly Term[], o: readonly Term[], start: number, end: number): boolean {
    const cur = this.current;
    const { codes, values } = cur;
    codes.length = 0;
    for (let d = 0; d < this.properties.length; d++) codes.push('');
    values.length = 0;
    for (let m = 0; m < this.measures.length; m++) values.push(NaN);
    cur.measureType = NONE;
    cur.suppressed = false;
    let any = false;
    for (let i = start; i < end; i++) {
      const pred = p[i]!.value;
      const at = this.position.get(pred);
      if (at !== undefined) codes[at] = o[i]!.value;
      else if (pred === QB.measureType) cur.measureType = this.measureOf.get(o[i]!.value) ?? NONE;
      else if (pred === SDMX_ATTRIBUTE.obsStatus && isSuppressingIri(o[i]!.value)) cur.suppressed = true;
      else {
        const m = this.measureOf.get(pred);
        if (m !== undefined) {
          values[m] = Number(o[i]!.value);
          any = true;
        }
      }
    }
    return cur.measureType !== NONE || any || cur.suppressed;
  }

  /** Stores the observation just read: one cell for a measure-dimension observation, else one per measure. */
  private store(line: number, column: string | undefined, text: string, label: (d: number) => string, largest?: ReadonlyMap<string, readonly number[]>): void {
    const { codes, values, measureType, suppressed } = this.current;
    const columnId = column === undefined ? NONE : this.columnNames.id(column);
    const textId = column === undefined ? NONE : this.text.id(text);
    const add = (m: number): void => {
      const i = this.size++;
      const v = values[m]!;
      this.measureIds.set(i, m);
      this.values.set(i, Number.isFinite(v) ? v : NaN);
      this.flags.set(i, Number.isNaN(v) && suppressed ? 1 : 0);
      this.lines.set(i, line);
      this.columns.set(i, columnId);
      this.texts.set(i, textId);
      const rows = largest?.get(this.measures[m]!);
      for (let j = 0; j < this.keep; j++) this.largestRows[j]!.set(i, rows?.[j] ?? NaN);
      for (let d = 0; d < codes.length; d++) {
        this.codeIds[d]!.set(i, this.codes[d]!.id(codes[d]!));
        this.labelIds[d]!.set(i, this.labels[d]!.id(label(d)));
      }
    };
    if (measureType !== NONE) add(measureType);
    else for (let m = 0; m < this.measures.length; m++) if (suppressed || !Number.isNaN(values[m]!)) add(m);
  }
}
