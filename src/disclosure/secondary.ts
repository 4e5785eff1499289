import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { grouped } from '../diagnostics/numbers.js';
import type { DisclosureRules } from '../mapping/model.js';
import { atCell, lines } from './checks.js';
import type { Relation } from './relations.js';
import type { Cell, Cells, DisclosureTable } from './table.js';

/** What the published figures allow for a suppressed cell: [lower, upper] (upper may be Infinity). */
export interface Interval {
  readonly cell: number;
  readonly lower: number;
  readonly upper: number;
  /** The relations (totals) of its component: together they bound it. */
  readonly relations: readonly Relation[];
}

/** A linear program's optimum of one variable, up or down, under equality rows. */
type Solve = (lp: string) => { status: string; value: number };

/**
 * The exact interval of every suppressed cell: each is a variable, non-negative and (for
 * counts) whole; each total with a suppressed cell among its parts is a row, sum of parts −
 * total = 0, with the published cells moved to the right-hand side (± the tolerance for
 * rounded figures). Cells linked by rows form a component, solved on its own: for each
 * variable HiGHS finds its minimum and its maximum.
 */
export async function intervals(table: Cells, relations: readonly Relation[], rules: DisclosureRules): Promise<{ intervals: Interval[]; contradictions: Contradiction[] }> {
  const suppressed = table.cells.map((c, i) => (c.suppressed && rules.counts.includes(c.measure) ? i : -1)).filter((i) => i >= 0);
  if (suppressed.length === 0) return { intervals: [], contradictions: [] };
  const touching = relations.filter((r) => [r.total, ...r.parts].some((i) => table.cells[i]!.suppressed));
  // Components: suppressed cells that share a relation (union-find over cell indexes).
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const i of suppressed) parent.set(i, i);
  for (const r of touching) {
    const members = [r.total, ...r.parts].filter((i) => table.cells[i]!.suppressed);
    for (const m of members.slice(1)) parent.set(find(m), find(members[0]!));
  }
  const components = new Map<number, { cells: number[]; relations: Relation[] }>();
  for (const i of suppressed) {
    const root = find(i);
    if (!components.has(root)) components.set(root, { cells: [], relations: [] });
    components.get(root)!.cells.push(i);
  }
  for (const r of touching) {
    const first = [r.total, ...r.parts].find((i) => table.cells[i]!.suppressed)!;
    components.get(find(first))!.relations.push(r);
  }
  const solve = await solver();
  const out: Interval[] = [];
  const contradictions: Contradiction[] = [];
  for (const { cells, relations: rows } of components.values()) {
    if (rows.length === 0) {
      for (const c of cells) out.push({ cell: c, lower: 0, upper: Infinity, relations: [] });
      continue;
    }
    const name = new Map(cells.map((c, k) => [c, `x${k}`]));
    const constraints = rows.flatMap((r, k) => {
      const terms: string[] = [];
      let rhs = 0;
      for (const [i, sign] of [[r.total, -1], ...r.parts.map((p) => [p, 1])] as [number, number][]) {
        const cell = table.cells[i]!;
        if (cell.suppressed) terms.push(`${sign < 0 ? '-' : '+'} ${name.get(i)}`);
        else rhs -= sign * (cell.value ?? 0);
      }
      const expr = terms.join(' ');
      return rules.tolerance > 0
        ? [` r${k}a: ${expr} >= ${rhs - rules.tolerance}`, ` r${k}b: ${expr} <= ${rhs + rules.tolerance}`]
        : [` r${k}: ${expr} = ${rhs}`];
    });
    const body = `Subject To\n${constraints.join('\n')}\nBounds\n${cells.map((c) => ` ${name.get(c)} >= 0`).join('\n')}\nGeneral\n ${cells.map((c) => name.get(c)).join(' ')}\nEnd\n`;
    for (const c of cells) {
      const v = name.get(c)!;
      const low = solve(`Minimize\n obj: ${v}\n${body}`);
      // Infeasible: no whole, non-negative values of the suppressed cells meet every total.
      if (low.status === 'Infeasible') {
        contradictions.push({ cells, relations: rows });
        break;
      }
      const high = solve(`Maximize\n obj: ${v}\n${body}`);
      const lower = low.status === 'Optimal' ? Math.round(low.value * 1e6) / 1e6 : 0;
      const upper = high.status === 'Optimal' ? Math.round(high.value * 1e6) / 1e6 : Infinity;
      out.push({ cell: c, lower, upper, relations: rows });
    }
  }
  return { intervals: out, contradictions };
}

/** Suppressed cells whose totals cannot all hold: the published figures contradict each other. */
export interface Contradiction {
  readonly cells: readonly number[];
  readonly relations: readonly Relation[];
}

/** Totals that no values of the suppressed cells under them can meet (JL803, at the first suppressed cell). */
export function contradictionFindings(csv: string, table: DisclosureTable, found: readonly Contradiction[]): Diagnostic[] {
  return found.map(({ cells, relations }) => {
    const first = table.cells[cells[0]!]!;
    const totals = [...new Set(relations.map((r) => table.cells[r.total]!))];
    return atCell(csv, first, 'JL803', `the totals at ${lines(totals)} cannot all hold: no whole, non-negative values of the suppressed cells at ${lines(cells.map((i) => table.cells[i]!))} add up to them`);
  });
}

/** Secondary disclosure: a suppressed cell whose interval is narrower than the protection level (JL802). */
export function secondaryFindings(csv: string, table: DisclosureTable, found: readonly Interval[], rules: DisclosureRules): Diagnostic[] {
  return found.filter((iv) => iv.upper - iv.lower < rules.protection).map((iv) => {
    const cell = table.cells[iv.cell]!;
    const revealing = iv.relations.flatMap((r) => [r.total, ...r.parts]).filter((i) => i !== iv.cell).map((i) => table.cells[i]!);
    const totals = [...new Set(iv.relations.map((r) => table.cells[r.total]!).filter((t) => t !== cell))];
    const range = iv.lower === iv.upper ? `exactly ${grouped(iv.lower)}` : `between ${grouped(iv.lower)} and ${grouped(iv.upper)}`;
    return atCell(csv, cell, 'JL802', `suppressed ${cell.measure} can be worked out as ${range} (protection ${rules.protection}) from ${describe(totals, revealing)}`);
  });
}

function describe(totals: readonly Cell[], revealing: readonly Cell[]): string {
  const published = [...new Set(revealing.filter((c) => !c.suppressed && !totals.includes(c)))];
  const parts = [totals.length ? `the total${totals.length > 1 ? 's' : ''} at ${lines(totals)}` : '', published.length ? `the cell${published.length > 1 ? 's' : ''} at ${lines(published)}` : ''].filter(Boolean);
  return parts.join(' and ') || 'the other suppressed cells';
}

let loaded: Promise<Solve> | undefined;

/** HiGHS, compiled to WebAssembly, loaded on first use (only runs with suppressed cells need it). */
function solver(): Promise<Solve> {
  loaded ??= import('highs').then(async (mod) => {
    const load = (mod as unknown as { default: () => Promise<{ solve(lp: string, o?: object): { Status: string; ObjectiveValue: number } }> }).default;
    const highs = await load();
    return (lp: string) => {
      const s = highs.solve(lp, { presolve: 'on' });
      return { status: s.Status, value: s.ObjectiveValue };
    };
  });
  return loaded;
}
