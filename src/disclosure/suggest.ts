import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { grouped } from '../diagnostics/numbers.js';
import type { DisclosureRules } from '../mapping/model.js';
import { atCell, cellsWhere, isUnsafeCount, lines } from './checks.js';
import { membersOf, relationsByCell, type Relation } from './relations.js';
import { intervals, type Contradiction, type Interval } from './secondary.js';
import type { DisclosureTable, Figures } from './table.js';

/** What to minimise when choosing extra cells: the people they hide, or their number. */
export type SuppressionCost = 'people' | 'cells';

/** A cell to suppress and why. */
export interface Suppression {
  readonly cell: number;
  /** 'primary': an unsafe count; 'secondary': protects the suppressed cell at `protects`. */
  readonly reason: 'primary' | 'secondary';
  readonly protects?: number;
}

/** At most this many rounds of adding cells and solving again: a table that needs more is reported as not protected. */
const MAX_ROUNDS = 500;

/** The table with more cells suppressed. */
class WithSuppressed implements Figures {
  constructor(private readonly table: Figures, private readonly extra: ReadonlyMap<number, unknown>) {}
  get size(): number {
    return this.table.size;
  }
  suppressed(i: number): boolean {
    return this.extra.has(i) || this.table.suppressed(i);
  }
  value(i: number): number | undefined {
    return this.extra.has(i) ? undefined : this.table.value(i);
  }
  counted(i: number): boolean {
    return this.table.counted(i);
  }
}

/**
 * A small set of extra cells to suppress so that every suppressed cell is protected: first
 * every unsafe count (primary suppression); then, in rounds, for each suppressed cell pinned
 * closer than the protection level, one published cell of the totals that reveal it
 * (`cheapest`), and the check runs again on the groups of linked cells that changed (the
 * others' intervals cannot have). A cell whose totals another choice of the round touched
 * waits for the next round. The rounds read the linear bounds; the exact check ends them, and
 * is the result's re-check (`protected`). Greedy, as tau-Argus's hypercube method is: small,
 * not minimal.
 */
export async function suggestSuppression(table: DisclosureTable, relations: readonly Relation[], rules: DisclosureRules, cost: SuppressionCost): Promise<{ suppressions: Suppression[]; protected: boolean }> {
  const extra = new Map<number, Suppression>();
  for (const i of cellsWhere(table, (c) => isUnsafeCount(table, c, rules))) extra.set(i, { cell: i, reason: 'primary' });
  const view = new WithSuppressed(table, extra);
  const containing = relationsByCell(relations);
  const exposed = new Map<number, Interval>();
  /** Contradictions, by their first cell. */
  const contradicted = new Map<number, Contradiction>();
  const record = (found: { intervals: Interval[]; contradictions: Contradiction[] }): void => {
    for (const iv of found.intervals) if (iv.upper - iv.lower < rules.protection) exposed.set(iv.cell, iv);
    for (const c of found.contradictions) contradicted.set(c.cells[0]!, c);
  };
  /** One round: for each exposed cell, in order, one cell to suppress, unless an earlier choice of the round touched its totals. */
  const choose = (targets: readonly Interval[]): number[] => {
    const touched = new Set<Relation>();
    const added: number[] = [];
    for (const target of [...targets].sort((a, b) => a.cell - b.cell)) {
      if (target.relations.some((r) => touched.has(r))) continue;
      const best = cheapest(view, table, rules, target, containing, cost);
      if (best === undefined) continue;
      extra.set(best, { cell: best, reason: 'secondary', protects: target.cell });
      added.push(best);
      for (const r of [...target.relations, ...(containing.get(best) ?? [])]) touched.add(r);
    }
    return added;
  };
  // The rounds read the linear bounds (never narrower than the whole-number ones, so a cell
  // they expose is exposed); once they find nothing, the exact check runs on the whole table,
  // and rounds go on with it if it finds more.
  let relaxed = true;
  record(await intervals(view, relations, rules, undefined, { relaxed }));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (exposed.size === 0) {
      if (!relaxed) return { suppressions: [...extra.values()], protected: contradicted.size === 0 };
      relaxed = false;
      contradicted.clear();
      record(await intervals(view, relations, rules));
      continue;
    }
    const added = choose([...exposed.values()]);
    if (added.length === 0) return { suppressions: [...extra.values()], protected: false };
    // Solve again only the groups of linked suppressed cells that the new ones joined, and in
    // them only the cells that were exposed (a cell once protected stays so: suppressing more
    // only widens what the others allow) and the new ones.
    const fresh = new Set(added);
    for (const group of linkedGroups(view, added, containing)) {
      const recheck = group.cells.filter((c) => exposed.has(c) || contradicted.has(c) || fresh.has(c));
      for (const c of recheck) {
        exposed.delete(c);
        contradicted.delete(c);
      }
      record(await intervals(view, group.relations, rules, recheck, { relaxed }));
    }
  }
  return { suppressions: [...extra.values()], protected: false };
}

/**
 * Of the published cells in the totals that pin `target`, the one to suppress: from the totals
 * the cell itself is in before those further along a chain; a part before a total; one whose
 * value is at least the protection level (a smaller one leaves little room, and is soon exposed
 * itself); one whose other totals already hold a suppressed cell, so that the suppressions close
 * into rectangles, as tau-Argus's hypercubes do; then the fewest people (or, for `cells`, the one in most such
 * totals).
 */
function cheapest(view: Figures, table: DisclosureTable, rules: DisclosureRules, target: Interval, containing: ReadonlyMap<number, readonly Relation[]>, cost: SuppressionCost): number | undefined {
  // The totals where it is the only suppressed cell must each lose one more; else one that pinned
  // it and has a part to lose; else any with a part; else any.
  const mine = containing.get(target.cell) ?? [];
  const alone = mine.filter((r) => membersOf(r).every((i) => i === target.cell || !view.suppressed(i)));
  const pinning = new Set(target.relations);
  const withPart = mine.filter((r) => r.parts.some((i) => isPublished(view, i)));
  const pinnedWithPart = withPart.filter((r) => pinning.has(r));
  const chosen = [alone, pinnedWithPart, withPart, mine].find((list) => list.some((r) => membersOf(r).some((i) => isPublished(view, i))));
  const own = chosen ?? mine;
  const candidates = new Map<number, { inTotals: number; isTotal: boolean; paired: number; pinning: boolean }>();
  for (const r of chosen ?? target.relations) {
    for (const i of membersOf(r)) {
      if (!isPublished(view, i)) continue;
      const have = candidates.get(i) ?? { inTotals: 0, isTotal: true, paired: 0, pinning: false };
      candidates.set(i, { inTotals: have.inTotals + 1, isTotal: have.isTotal && r.total === i, paired: 0, pinning: have.pinning || pinning.has(r) });
    }
  }
  for (const [i, c] of candidates) {
    c.paired = (containing.get(i) ?? []).filter((r) => !own.includes(r) && membersOf(r).some((m) => m !== i && view.suppressed(m))).length;
  }
  const small = (i: number): number => Number(table.value(i)! < rules.protection);
  return [...candidates].sort(([a, x], [b, y]) => Number(x.isTotal) - Number(y.isTotal)
    || small(a) - small(b)
    || Number(y.pinning) - Number(x.pinning)
    || y.paired - x.paired
    || (cost === 'cells' ? y.inTotals - x.inTotals : 0)
    || table.value(a)! - table.value(b)!
    || a - b)[0]?.[0];
}

/** A cell published as a number: one that could be suppressed next. */
const isPublished = (view: Figures, i: number): boolean => !view.suppressed(i) && view.value(i) !== undefined;

/** The suppressed cells linked to each start cell through totals they share, and those totals: one group per component. */
function linkedGroups(view: Figures, starts: readonly number[], containing: ReadonlyMap<number, readonly Relation[]>): { cells: number[]; relations: Relation[] }[] {
  const seen = new Set<number>();
  const groups: { cells: number[]; relations: Relation[] }[] = [];
  for (const start of starts) {
    if (seen.has(start)) continue;
    const cells: number[] = [];
    const rels = new Set<Relation>();
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const c = queue.pop()!;
      cells.push(c);
      for (const r of containing.get(c) ?? []) {
        if (rels.has(r)) continue;
        rels.add(r);
        for (const m of membersOf(r)) {
          if (seen.has(m) || !view.suppressed(m)) continue;
          seen.add(m);
          queue.push(m);
        }
      }
    }
    groups.push({ cells: cells.sort((a, b) => a - b), relations: [...rels] });
  }
  return groups;
}

/** The suggestion as diagnostics (JL805, info) at each cell to suppress, and one line for the summary. */
export function suggestionFindings(csv: string, table: DisclosureTable, suggestion: { suppressions: readonly Suppression[]; protected: boolean }, rules: DisclosureRules): Diagnostic[] {
  const out = [...suggestion.suppressions].sort((a, b) => a.cell - b.cell).map((s) => {
    const c = table.cell(s.cell);
    const why = s.reason === 'primary' ? `an unsafe count` : `protects the suppressed ${table.measure(s.protects!)} at ${lines([table.line(s.protects!)])}`;
    return atCell(csv, c, 'JL805', `suppress ${c.measure} ${grouped(c.value!)} as [c]: ${why}`);
  });
  if (!suggestion.protected) out.push(diagnostic('JL805', `the suggested cells do not protect every suppressed cell (the table's totals contradict each other, or it needs more than ${MAX_ROUNDS} rounds); see the JL802 and JL803 warnings`, { span: rules.span }));
  return out;
}

/** People hidden by the suggestion, for the summary. */
export const peopleHidden = (table: DisclosureTable, suppressions: readonly Suppression[]): number => suppressions.reduce((n, s) => n + (table.value(s.cell) ?? 0), 0);
