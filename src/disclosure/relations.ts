import type { DisclosureRules } from '../mapping/model.js';
import type { DisclosureTable } from './table.js';

/** A total and the cells that add up to it, along one dimension (indexes into the table's cells). */
export interface Relation {
  readonly total: number;
  readonly parts: readonly number[];
  /** The dimension's key. */
  readonly dimension: string;
}

/** A relation's cells: its total, then its parts. */
export const membersOf = (r: Relation): number[] => [r.total, ...r.parts];

/** Each cell's relations (as total or part), for the cells that pass `keep` (all by default). */
export function relationsByCell(relations: readonly Relation[], keep: (i: number) => boolean = () => true): Map<number, Relation[]> {
  const out = new Map<number, Relation[]>();
  for (const r of relations) {
    for (const i of membersOf(r)) {
      if (!keep(i)) continue;
      const list = out.get(i);
      if (list) list.push(r);
      else out.set(i, [r]);
    }
  }
  return out;
}

/**
 * Every margin of the table: for each dimension with a total code (`totals:`), and each
 * combination of the other dimensions' values, the total cell = the sum of the other cells
 * of that dimension; for a dimension whose totals follow its code list (`hierarchy`), each
 * broader code = the sum of its narrower codes (`children`: code → narrower codes). Only
 * the measures that count (`counts:`) add up. A group without exactly one total, or without
 * parts, is no relation.
 */
export function relationsOf(table: DisclosureTable, rules: DisclosureRules, children: ReadonlyMap<string, readonly string[]> = new Map()): Relation[] {
  const out: Relation[] = [];
  table.dimensions.forEach((dimension, d) => {
    if (!rules.hierarchies.includes(dimension)) return;
    // Along a code list's hierarchy: a broader code = the sum of its narrower codes, where the
    // table has the code and every one of them (a missing child leaves the sum unknown).
    const codes = table.codes[d]!.list;
    const kidsOf = new Map<number, string[]>();
    codes.forEach((code, id) => {
      const kids = children.get(code);
      if (kids?.length) kidsOf.set(id, [...kids]);
    });
    if (kidsOf.size === 0) return;
    for (const cells of groupsAlong(table, d)) {
      const byCode = new Map(cells.map((i) => [codes[table.codeId(i, d)]!, i]));
      for (const i of cells) {
        const kids = kidsOf.get(table.codeId(i, d));
        if (!kids || !kids.every((k) => byCode.has(k))) continue;
        out.push({ total: i, parts: kids.map((k) => byCode.get(k)!), dimension });
      }
    }
  });
  table.dimensions.forEach((dimension, d) => {
    const names = rules.totals.get(dimension);
    if (!names) return;
    const isTotal = table.labels[d]!.list.map((label) => names.includes(label.toLowerCase()));
    if (!isTotal.includes(true)) return;
    // A named total: the one cell of the group whose label is the total's; the others are its parts.
    for (const cells of groupsAlong(table, d)) {
      const totals = cells.filter((i) => isTotal[table.labelId(i, d)]);
      if (totals.length !== 1 || cells.length < 2) continue;
      out.push({ total: totals[0]!, parts: cells.filter((i) => i !== totals[0]), dimension });
    }
  });
  return out;
}

/**
 * The counting cells of each measure and combination of the other dimensions' values, in
 * table order. The combination is one number where the codes' counts allow (every table of
 * this world), else a string.
 */
function groupsAlong(table: DisclosureTable, d: number): Iterable<number[]> {
  const radix = table.dimensions.map((_, j) => (j === d ? 1 : table.codes[j]!.list.length));
  const exact = radix.reduce((a, b) => a * b, table.measures.length) < Number.MAX_SAFE_INTEGER;
  const groups = new Map<number | string, number[]>();
  for (let i = 0; i < table.size; i++) {
    if (!table.counted(i)) continue;
    let key: number | string = table.measureId(i);
    for (let j = 0; j < radix.length; j++) {
      if (j === d) continue;
      key = exact ? (key as number) * radix[j]! + table.codeId(i, j) : `${key}\u0001${table.codeId(i, j)}`;
    }
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  return groups.values();
}
