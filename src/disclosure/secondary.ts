import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { grouped } from '../diagnostics/numbers.js';
import type { DisclosureRules } from '../mapping/model.js';
import { atCell, cellsWhere, lines } from './checks.js';
import { membersOf, relationsByCell, type Relation } from './relations.js';
import type { DisclosureTable, Figures } from './table.js';
import type { Highs } from 'highs';

/**
 * What the published figures allow for a suppressed cell: [lower, upper] (upper may be
 * Infinity). Exact for a cell narrower than the protection level; for a protected one, at
 * least as wide as given (values some solutions took).
 */
export interface Interval {
  readonly cell: number;
  readonly lower: number;
  readonly upper: number;
  /** The relations (totals) that bound it: the chain that pinned it, or the totals it is in. */
  readonly relations: readonly Relation[];
}

/** One component's integer program: whole, non-negative cells under the rows' bounds. */
interface ComponentModel {
  /**
   * The least or greatest whole value of one cell. `seen`: the best value some whole solution
   * already gave it; when the linear bound, rounded to a whole number, reaches it, that is the
   * optimum with no integer solve. `relaxed`: the linear bound rounded inward, never an integer
   * solve (an outer bound of the whole-number one).
   */
  bound(column: number, sense: 'min' | 'max', seen: number, relaxed: boolean): { status: 'optimal' | 'infeasible' | 'unbounded'; value: number; values?: Float64Array };
  /** A whole-number solution with the given cost of each cell (the linear optimum, when it is whole; relaxed, any linear optimum). */
  probe(costs: readonly number[], sense: 'min' | 'max', relaxed: boolean): Float64Array | undefined;
  dispose(): void;
}

interface Rows {
  readonly starts: readonly number[];
  readonly indices: readonly number[];
  readonly values: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

interface Solver {
  model(columns: number, rows: Rows): ComponentModel;
}

/**
 * The exact interval of every suppressed cell: each is a variable, non-negative and (for
 * counts) whole; each total with a suppressed cell among its parts is a row, sum of parts −
 * total = 0, with the published cells moved to the right-hand side (± the tolerance for
 * rounded figures). Cells a total leaves alone are pinned by back-substitution; the others,
 * linked by rows, form components, each solved on its own: HiGHS finds a variable's minimum
 * and maximum, unless solutions already found show it protected.
 */
export async function intervals(table: Figures, relations: readonly Relation[], rules: DisclosureRules, only?: readonly number[], options: { relaxed?: boolean } = {}): Promise<{ intervals: Interval[]; contradictions: Contradiction[] }> {
  // Every suppressed cell of the relations is a variable; the ones not reported are not bounded.
  const suppressed = only
    ? [...new Set([...only, ...relations.flatMap((r) => membersOf(r).filter((i) => table.suppressed(i)))])]
    : cellsWhere(table, (i) => table.suppressed(i) && table.counted(i));
  if (suppressed.length === 0) return { intervals: [], contradictions: [] };
  // The cells to report (all by default); every suppressed cell stays a variable.
  const report = only ? new Set(only) : undefined;
  const reported = (i: number): boolean => report === undefined || report.has(i);
  const relaxed = options.relaxed === true;
  const touching = relations.filter((r) => table.suppressed(r.total) || r.parts.some((i) => table.suppressed(i)));
  const out: Interval[] = [];
  const contradictions: Contradiction[] = [];
  // Back-substitution first: a total with one unknown cell left pins it, exactly (the usual
  // disclosure: total minus the others); that cell is then known, and so on. Only what is left
  // goes to the solver.
  const pinned = rules.tolerance === 0 ? backSubstitute(table, touching, contradictions) : new Map<number, Pin>();
  for (const [cell, pin] of pinned) if (pin.valid && reported(cell)) out.push({ cell, lower: pin.value, upper: pin.value, relations: reasonsOf(pin) });
  const open = suppressed.filter((i) => !pinned.has(i));
  const unknown = (i: number): boolean => table.suppressed(i) && !pinned.has(i);
  const known = (i: number): number => pinned.get(i)?.value ?? table.value(i) ?? 0;
  const rest = touching.filter((r) => membersOf(r).some(unknown));
  // Components: unknown cells that share a relation (union-find over cell indexes).
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const i of open) parent.set(i, i);
  for (const r of rest) {
    const members = membersOf(r).filter(unknown);
    for (const m of members.slice(1)) parent.set(find(m), find(members[0]!));
  }
  const components = new Map<number, { cells: number[]; relations: Relation[] }>();
  for (const i of open) {
    const root = find(i);
    if (!components.has(root)) components.set(root, { cells: [], relations: [] });
    components.get(root)!.cells.push(i);
  }
  for (const r of rest) {
    const first = membersOf(r).find(unknown)!;
    components.get(find(first))!.relations.push(r);
  }
  const highs = components.size > 0 ? await solver() : undefined;
  for (const { cells, relations: rows } of components.values()) {
    if (!cells.some(reported)) continue;
    if (rows.length === 0) {
      for (const c of cells) out.push({ cell: c, lower: 0, upper: Infinity, relations: [] });
      continue;
    }
    const column = new Map(cells.map((c, k) => [c, k]));
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    for (const r of rows) {
      let rhs = 0;
      for (const [i, sign] of [[r.total, -1], ...r.parts.map((p) => [p, 1])] as [number, number][]) {
        if (unknown(i)) {
          indices.push(column.get(i)!);
          values.push(sign);
        } else rhs -= sign * known(i);
      }
      starts.push(indices.length);
      lower.push(rhs - rules.tolerance);
      upper.push(rhs + rules.tolerance);
    }
    const model = highs!.model(cells.length, { starts, indices, values, lower, upper });
    // A finding names the totals a cell is in: the component's others bound it only through them.
    const own = relationsByCell(rows, (i) => column.has(i));
    try {
      // Every solution found bounds every cell's interval from inside: a cell already seen at
      // values `protection` apart needs no solve of its own (most cells of a protected table).
      const seenLow = new Array<number>(cells.length).fill(Infinity);
      const seenHigh = new Array<number>(cells.length).fill(-Infinity);
      const see = (x: Float64Array): void => x.forEach((v, k) => {
        if (v < seenLow[k]!) seenLow[k] = v;
        if (v > seenHigh[k]!) seenHigh[k] = v;
      });
      const wide = (k: number): boolean => seenHigh[k]! - seenLow[k]! >= rules.protection;
      // A few solutions of the whole component first: all cells low, all high, then mixed
      // (seeded, so reruns agree). In a protected table they show most cells wide at once.
      if (cells.filter(reported).length > PROBE_FROM) {
        let seed = 1;
        const coin = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) < 1073741824 ? 1 : -1);
        for (const costs of [cells.map(() => 1), ...Array.from({ length: PROBES }, () => cells.map(coin))]) {
          for (const sense of ['min', 'max'] as const) {
            const x = model.probe(costs, sense, relaxed);
            if (x) see(x);
          }
        }
      }
      let feasible = true;
      for (const [k, c] of cells.entries()) {
        if (!reported(c)) continue;
        // A long solve yields now and then, so that Ctrl-C (SIGINT, SIGTERM) is heard.
        if (k % YIELD_EVERY === YIELD_EVERY - 1) await yieldToSignals();
        if (wide(k)) {
          out.push({ cell: c, lower: seenLow[k]!, upper: seenHigh[k]!, relations: own.get(c)! });
          continue;
        }
        const low = model.bound(k, 'min', seenLow[k]!, relaxed);
        // Infeasible: no whole, non-negative values of the suppressed cells meet every total.
        if (low.status === 'infeasible') {
          feasible = false;
          break;
        }
        if (low.values) see(low.values);
        const high = wide(k) ? undefined : model.bound(k, 'max', seenHigh[k]!, relaxed);
        if (high?.values) see(high.values);
        const lo = low.status === 'optimal' ? Math.round(low.value * 1e6) / 1e6 : 0;
        const hi = high === undefined ? seenHigh[k]! : high.status === 'optimal' ? Math.round(high.value * 1e6) / 1e6 : Infinity;
        out.push({ cell: c, lower: lo, upper: hi, relations: own.get(c)! });
      }
      if (!feasible) contradictions.push({ cells, relations: rows });
    } finally {
      model.dispose();
    }
  }
  return { intervals: out, contradictions };
}

/** A cell a total pinned: its value, whether it can be a count (whole, not negative), and the totals that pinned it. */
interface Pin {
  readonly value: number;
  readonly valid: boolean;
  /** The total that pinned it, and the pinned cells it used: the chain, kept as links (a list per cell would grow with the chain's square). */
  readonly relation: Relation;
  readonly used: readonly Pin[];
}

/**
 * Pins every suppressed cell that a total leaves alone (one unknown cell in it), then the
 * cells that pinning makes alone, to a fixed point. A pin that is not a whole, non-negative
 * number is a contradiction of the published figures.
 */
function backSubstitute(table: Figures, touching: readonly Relation[], contradictions: Contradiction[]): Map<number, Pin> {
  const pinned = new Map<number, Pin>();
  const rowsOf = relationsByCell(touching, (i) => table.suppressed(i));
  const queue = [...touching];
  while (queue.length > 0) {
    const r = queue.pop()!;
    const members = membersOf(r);
    const open = members.filter((i) => table.suppressed(i) && !pinned.has(i));
    if (open.length !== 1) continue;
    const u = open[0]!;
    const value = (i: number): number => pinned.get(i)?.value ?? table.value(i) ?? 0;
    const parts = r.parts.filter((i) => i !== u).reduce((sum, i) => sum + value(i), 0);
    const v = u === r.total ? parts : value(r.total) - parts;
    const used = members.filter((i) => i !== u && pinned.has(i)).map((i) => pinned.get(i)!);
    const whole = v >= 0 && Math.abs(v - Math.round(v)) < 1e-9;
    // A value worked out from an impossible one is not reported again: only where it starts.
    const valid = whole && used.every((p) => p.valid);
    const pin = { value: Math.round(v * 1e6) / 1e6, valid, relation: r, used };
    pinned.set(u, pin);
    if (!whole && used.every((p) => p.valid)) contradictions.push({ cells: [u], relations: reasonsOf(pin) });
    for (const next of rowsOf.get(u) ?? []) if (next !== r) queue.push(next);
  }
  return pinned;
}

/** The totals of a pin's chain, nearest first: at most `most` (findings name a few; the suggestion picks from the nearest). */
function reasonsOf(pin: Pin, most = 24): Relation[] {
  const out = new Set<Relation>();
  const queue = [pin];
  const seen = new Set<Pin>(queue);
  for (let k = 0; k < queue.length && out.size < most; k++) {
    const p = queue[k]!;
    out.add(p.relation);
    for (const q of p.used) if (!seen.has(q)) (seen.add(q), queue.push(q));
  }
  return [...out];
}

/** Suppressed cells whose totals cannot all hold: the published figures contradict each other. */
export interface Contradiction {
  readonly cells: readonly number[];
  readonly relations: readonly Relation[];
}

/** Totals that no values of the suppressed cells under them can meet (JL803, at the first suppressed cell). */
export function contradictionFindings(csv: string, table: DisclosureTable, found: readonly Contradiction[]): Diagnostic[] {
  return found.map(({ cells, relations }) => {
    const first = table.cell(cells[0]!);
    const totals = relations.map((r) => table.line(r.total));
    return atCell(csv, first, 'JL803', `the totals at ${lines(totals)} cannot all hold: no whole, non-negative values of the suppressed cells at ${lines(cells.map((i) => table.line(i)))} add up to them`);
  });
}

/** Secondary disclosure: a suppressed cell whose interval is narrower than the protection level (JL802). */
export function secondaryFindings(csv: string, table: DisclosureTable, found: readonly Interval[], rules: DisclosureRules): Diagnostic[] {
  return found.filter((iv) => iv.upper - iv.lower < rules.protection).sort((a, b) => a.cell - b.cell).map((iv) => {
    const cell = table.cell(iv.cell);
    const totalIds = new Set(iv.relations.map((r) => r.total).filter((t) => t !== iv.cell));
    const revealing = [...new Set(iv.relations.flatMap((r) => r.parts))].filter((i) => i !== iv.cell && !totalIds.has(i) && !table.suppressed(i)).map((i) => table.line(i));
    const totals = [...totalIds].map((i) => table.line(i));
    const range = iv.lower === iv.upper ? `exactly ${grouped(iv.lower)}` : `between ${grouped(iv.lower)} and ${grouped(iv.upper)}`;
    return atCell(csv, cell, 'JL802', `suppressed ${cell.measure} can be worked out as ${range} (protection ${rules.protection}) from ${describe(totals, revealing)}`);
  });
}

function describe(totals: readonly number[], published: readonly number[]): string {
  const parts = [totals.length ? `the total${totals.length > 1 ? 's' : ''} at ${lines(totals)}` : '', published.length ? `the cell${published.length > 1 ? 's' : ''} at ${lines(published)}` : ''].filter(Boolean);
  return parts.join(' and ') || 'the other suppressed cells';
}

/** Cells bounded between two yields to the event loop. */
const YIELD_EVERY = 64;
const yieldToSignals = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Components with more cells to bound than this are probed first, with this many mixed objectives (each minimised and maximised). */
const PROBE_FROM = 20;
const PROBES = 6;

let loaded: Promise<Solver> | undefined;

const integral = (x: Float64Array): boolean => x.every((v) => Math.abs(v - Math.round(v)) < 1e-7);

/**
 * HiGHS, compiled to WebAssembly, loaded on first use (only runs with suppressed cells need
 * it). Each component is solved first as a linear program, whose bound is never tighter than
 * the integer one: where its optimum is whole numbers it is the integer optimum too (the
 * usual case for tables of totals, and a warm-started simplex re-solve takes microseconds);
 * only otherwise does the integer model (made on first need) decide.
 */
function solver(): Promise<Solver> {
  loaded ??= import('highs').then(async (mod) => {
    const highs = await (mod as unknown as { default: () => Promise<Highs> }).default();
    const { minimize, maximize } = highs.constants.objectiveSense;
    const { optimal, infeasible, unboundedOrInfeasible, unbounded } = highs.constants.modelStatus;
    return {
      model(columns, rows) {
        const make = (integer: boolean): ReturnType<Highs['createModel']> => {
          const m = highs.createModel({
            numCols: columns, numRows: rows.lower.length,
            colCost: new Array<number>(columns).fill(0), colLower: new Array<number>(columns).fill(0), colUpper: new Array<number>(columns).fill(highs.infinity),
            rowLower: rows.lower, rowUpper: rows.upper,
            matrix: { format: 'csr', numRows: rows.lower.length, numCols: columns, starts: rows.starts, indices: rows.indices, values: rows.values },
            ...(integer ? { integrality: new Array<number>(columns).fill(highs.constants.variableType.integer) as never } : {}),
          });
          m.options.set('output_flag', false);
          // The bound must be the optimum itself, not one within HiGHS's default 0.01% gap.
          if (integer) m.options.set('mip_rel_gap', 0);
          return m;
        };
        const lp = make(false);
        let mip: ReturnType<typeof make> | undefined;
        const costed = new Map<object, number>();
        const solve = (m: ReturnType<typeof make>, column: number, sense: 'min' | 'max') => {
          const before = costed.get(m);
          if (before !== undefined) m.changeColCost(before, 0);
          m.changeColCost(column, 1);
          costed.set(m, column);
          m.changeObjectiveSense(sense === 'min' ? minimize : maximize);
          return m.run().modelStatus;
        };
        return {
          probe(costs, sense, relaxed) {
            costed.delete(lp);
            lp.changeColsCost({ kind: 'range', from: 0, to: columns - 1 }, costs);
            lp.changeObjectiveSense(sense === 'min' ? minimize : maximize);
            const status = lp.run().modelStatus;
            const values = status === optimal ? lp.getSolution().colValue : undefined;
            lp.changeColsCost({ kind: 'range', from: 0, to: columns - 1 }, new Array<number>(columns).fill(0));
            return values && (relaxed || integral(values)) ? values : undefined;
          },
          bound(column, sense, seen, relaxed) {
            const status = solve(lp, column, sense);
            if (status === infeasible) return { status: 'infeasible', value: NaN };
            if (status === unbounded || (status === unboundedOrInfeasible && sense === 'max')) return { status: 'unbounded', value: Infinity };
            if (status === optimal) {
              const values = lp.getSolution().colValue;
              if (integral(values)) return { status: 'optimal', value: lp.getObjectiveValue(), values };
              const whole = sense === 'min' ? Math.ceil(lp.getObjectiveValue() - 1e-7) : Math.floor(lp.getObjectiveValue() + 1e-7);
              // Relaxed, the linear solution itself is a point of the relaxation: it bounds the others too.
              if (relaxed) return { status: 'optimal', value: whole, values };
              if (whole === seen) return { status: 'optimal', value: whole };
            }
            mip ??= make(true);
            const whole = solve(mip, column, sense);
            if (whole === optimal) return { status: 'optimal', value: mip.getObjectiveValue(), values: mip.getSolution().colValue };
            if (whole === infeasible || (whole === unboundedOrInfeasible && sense === 'min')) return { status: 'infeasible', value: NaN };
            return { status: 'unbounded', value: Infinity };
          },
          dispose: () => {
            lp.dispose();
            mip?.dispose();
          },
        };
      },
    };
  });
  return loaded;
}
