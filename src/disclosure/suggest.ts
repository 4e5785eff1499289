import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { grouped } from '../diagnostics/numbers.js';
import type { DisclosureRules } from '../mapping/model.js';
import { atCell, isUnsafeCount, lines } from './checks.js';
import { membersOf, type Relation } from './relations.js';
import { intervals } from './secondary.js';
import type { Cell, DisclosureTable } from './table.js';

/** What to minimise when choosing extra cells: the people they hide, or their number. */
export type SuppressionCost = 'people' | 'cells';

/** A cell to suppress and why. */
export interface Suppression {
  readonly cell: number;
  /** 'primary': an unsafe count; 'secondary': protects the suppressed cell at `protects`. */
  readonly reason: 'primary' | 'secondary';
  readonly protects?: number;
}

/** At most this many rounds of adding a cell and solving again: a table that needs more is reported as not protected. */
const MAX_ROUNDS = 2_000;

/**
 * A small set of extra cells to suppress so that every suppressed cell is protected: first
 * every unsafe count (primary suppression); then, while the secondary check finds a suppressed
 * cell pinned closer than the protection level, one published cell of the totals that
 * together reveal it — the one hiding fewest people (or, for `cells`, the one in most such totals; a total
 * only when no part can go) — and the check runs again. The result is re-checked by the same
 * secondary check (`protected`). Greedy, as tau-Argus's hypercube method is: small, not minimal.
 */
export async function suggestSuppression(table: DisclosureTable, relations: readonly Relation[], rules: DisclosureRules, cost: SuppressionCost): Promise<{ suppressions: Suppression[]; protected: boolean }> {
  const extra = new Map<number, Suppression>();
  table.cells.forEach((c, i) => isUnsafeCount(c, rules) && extra.set(i, { cell: i, reason: 'primary' }));
  const view = (): { cells: Cell[] } => ({ cells: table.cells.map((c, i) => (extra.has(i) ? { ...c, suppressed: true, value: undefined } as Cell : c)) });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const cells = view();
    const found = await intervals(cells, relations, rules);
    const exposed = found.intervals.filter((iv) => iv.upper - iv.lower < rules.protection);
    if (exposed.length === 0) return { suppressions: [...extra.values()], protected: found.contradictions.length === 0 };
    const target = exposed[0]!;
    // Any published cell of the totals that together pin it: a part before a total.
    const candidates = new Map<number, { inTotals: number; isTotal: boolean }>();
    for (const r of target.relations) {
      for (const i of membersOf(r)) {
        const c = cells.cells[i]!;
        if (c.suppressed || c.value === undefined) continue;
        const have = candidates.get(i) ?? { inTotals: 0, isTotal: true };
        candidates.set(i, { inTotals: have.inTotals + 1, isTotal: have.isTotal && r.total === i });
      }
    }
    const best = [...candidates].sort(([a, x], [b, y]) => Number(x.isTotal) - Number(y.isTotal)
      || (cost === 'cells' ? y.inTotals - x.inTotals : 0)
      || table.cells[a]!.value! - table.cells[b]!.value!
      || a - b)[0];
    if (!best) return { suppressions: [...extra.values()], protected: false };
    extra.set(best[0], { cell: best[0], reason: 'secondary', protects: target.cell });
  }
  return { suppressions: [...extra.values()], protected: false };
}

/** The suggestion as diagnostics (JL805, info) at each cell to suppress, and one line for the summary. */
export function suggestionFindings(csv: string, table: DisclosureTable, suggestion: { suppressions: readonly Suppression[]; protected: boolean }, rules: DisclosureRules): Diagnostic[] {
  const out = [...suggestion.suppressions].sort((a, b) => a.cell - b.cell).map((s) => {
    const c = table.cells[s.cell]!;
    const why = s.reason === 'primary' ? `an unsafe count` : `protects the suppressed ${table.cells[s.protects!]!.measure} at ${lines([table.cells[s.protects!]!])}`;
    return atCell(csv, c, 'JL805', `suppress ${c.measure} ${grouped(c.value!)} as [c]: ${why}`);
  });
  if (!suggestion.protected) out.push(diagnostic('JL805', `the suggested cells do not protect every suppressed cell (the table's totals contradict each other, or it needs more than ${MAX_ROUNDS} rounds); see the JL802 and JL803 warnings`, { span: rules.span }));
  return out;
}

/** People hidden by the suggestion, for the summary. */
export const peopleHidden = (table: DisclosureTable, suppressions: readonly Suppression[]): number => suppressions.reduce((n, s) => n + (table.cells[s.cell]!.value ?? 0), 0);
