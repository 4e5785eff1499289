import type { DisclosureRules } from '../mapping/model.js';
import type { Cell, DisclosureTable } from './table.js';

/** A total and the cells that add up to it, along one dimension (indexes into the table's cells). */
export interface Relation {
  readonly total: number;
  readonly parts: readonly number[];
  /** The dimension's key. */
  readonly dimension: string;
}

/** A relation's cells: its total, then its parts. */
export const membersOf = (r: Relation): number[] => [r.total, ...r.parts];

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
  const counted = new Set(rules.counts);
  /** The cells of each measure and combination of the other dimensions' values. */
  const groupsAlong = (d: number): Map<string, number[]> => {
    const groups = new Map<string, number[]>();
    table.cells.forEach((c: Cell, i) => {
      if (!counted.has(c.measure)) return;
      const key = `${c.measure}\u0001${c.codes.filter((_, j) => j !== d).join('\u0001')}`;
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    });
    return groups;
  };
  table.dimensions.forEach((dimension, d) => {
    if (!rules.hierarchies.includes(dimension)) return;
    // Along a code list's hierarchy: a broader code = the sum of its narrower codes, where the
    // table has the code and every one of them (a missing child leaves the sum unknown).
    for (const cells of groupsAlong(d).values()) {
      const byCode = new Map(cells.map((i) => [table.cells[i]!.codes[d]!, i]));
      for (const [code, total] of byCode) {
        const kids = children.get(code);
        if (!kids?.length || !kids.every((k) => byCode.has(k))) continue;
        out.push({ total, parts: kids.map((k) => byCode.get(k)!), dimension });
      }
    }
  });
  table.dimensions.forEach((dimension, d) => {
    const labels = rules.totals.get(dimension);
    if (!labels) return;
    // A named total: the one cell of the group whose label is the total's; the others are its parts.
    for (const cells of groupsAlong(d).values()) {
      const totals = cells.filter((i) => labels.includes(table.cells[i]!.labels[d]!.toLowerCase()));
      const parts = cells.filter((i) => !totals.includes(i));
      if (totals.length === 1 && parts.length > 0) out.push({ total: totals[0]!, parts, dimension });
    }
  });
  return out;
}
