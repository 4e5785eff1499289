import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { grouped } from '../diagnostics/numbers.js';
import type { DisclosureRules, DominanceRule } from '../mapping/model.js';
import type { Relation } from './relations.js';
import type { Cell, DisclosureTable, Figures } from './table.js';

/** A diagnostic at a cell's CSV line and column. */
export function atCell(csv: string, c: Cell, code: Diagnostic['code'], message: string): Diagnostic {
  return diagnostic(code, message, { span: { file: csv, line: c.line }, ...(c.column ? { cell: { columnName: c.column, value: c.text ?? '' } } : {}) });
}

/** "line 6", "lines 2, 3": the cells' lines (0-based) as people read them (1-based), a few of them. */
export function lines(at: readonly number[], most = 6): string {
  const ls = [...new Set(at.map((l) => l + 1))].sort((a, b) => a - b);
  const listed = ls.length > most ? `${ls.slice(0, most).join(', ')} and ${ls.length - most} more` : ls.join(', ');
  return `line${ls.length === 1 ? '' : 's'} ${listed}`;
}

/** A count from 1 to k − 1 (or 0, when zero is not safe) published as a number. */
export function isUnsafeCount(table: Figures, i: number, rules: DisclosureRules): boolean {
  if (!table.counted(i)) return false;
  const v = table.value(i);
  return v !== undefined && (v === 0 ? !rules.zeroSafe : v > 0 && v < rules.threshold);
}

/** The cells of a table that pass a test. */
export function cellsWhere(table: Figures, test: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < table.size; i++) if (test(i)) out.push(i);
  return out;
}

/** Primary disclosure: an unsafe count published as a number (JL801). */
export function primaryFindings(csv: string, table: DisclosureTable, rules: DisclosureRules): Diagnostic[] {
  return cellsWhere(table, (i) => isUnsafeCount(table, i, rules)).map((i) => table.cell(i))
    .map((c) => atCell(csv, c, 'JL801', `${c.measure} ${grouped(c.value!)} is published as a number, but counts below ${rules.threshold}${rules.zeroSafe ? '' : ' (0 included)'} identify people`));
}

/** Additivity: where nothing is suppressed, the parts of a total add up to it, within the tolerance (JL803). */
export function additivityFindings(csv: string, table: DisclosureTable, relations: readonly Relation[], rules: DisclosureRules): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of relations) {
    const value = table.value(r.total);
    if (value === undefined || r.parts.some((p) => table.value(p) === undefined)) continue;
    const sum = r.parts.reduce((s, p) => s + table.value(p)!, 0);
    if (Math.abs(value - sum) <= rules.tolerance + 1e-9) continue;
    const total = table.cell(r.total);
    out.push(atCell(csv, total, 'JL803', `${total.measure} total ${grouped(value)} is not the sum of its ${r.parts.length} ${r.dimension} cells (${lines(r.parts.map((i) => table.line(i)))}), which is ${grouped(sum)}${rules.tolerance ? ` (tolerance ${rules.tolerance})` : ''}`));
  }
  return out;
}

/** Rates agree with their numerator and denominator within rounding (JL804). */
export function rateFindings(csv: string, table: DisclosureTable, rules: DisclosureRules): Diagnostic[] {
  if (rules.rates.length === 0) return [];
  const byKey = new Map<string, Map<string, Cell>>();
  const named = new Set(rules.rates.flatMap((r) => [r.measure, r.numerator, r.denominator]));
  for (let i = 0; i < table.size; i++) {
    if (!named.has(table.measure(i))) continue;
    const c = table.cell(i);
    const key = c.codes.join('\u0001');
    let m = byKey.get(key);
    if (!m) byKey.set(key, (m = new Map()));
    m.set(c.measure, c);
  }
  const out: Diagnostic[] = [];
  for (const figures of byKey.values()) {
    for (const r of rules.rates) {
      const rate = figures.get(r.measure);
      const num = figures.get(r.numerator)?.value;
      const den = figures.get(r.denominator)?.value;
      if (rate?.value === undefined || num === undefined || den === undefined || den === 0) continue;
      const expected = (num / den) * r.scale;
      // A percentage column (`percent: true`) holds a fraction: compare it as the CSV shows it.
      // Without the CSV's text (a dump, in `validate`), the value as written, less float noise.
      const shown = r.percent ? Number((rate.value * 100).toPrecision(12)) : rate.value;
      const text = rate.text || String(shown);
      const tolerance = r.tolerance ?? halfLastPlace(text);
      if (Math.abs(shown - expected) <= tolerance + 1e-9) continue;
      out.push(atCell(csv, rate, 'JL804', `${r.measure} ${text} does not agree with ${r.numerator} ÷ ${r.denominator}${r.scale !== 1 ? ` × ${r.scale}` : ''} = ${grouped(num)} ÷ ${grouped(den)}${r.scale !== 1 ? ` × ${r.scale}` : ''} = ${expected.toFixed(4).replace(/\.?0+$/, '')} (tolerance ${tolerance})`));
    }
  }
  return out;
}

/** Half a unit in the last decimal place the text shows: "45.3" → 0.05, "12" → 0.5. */
export function halfLastPlace(text: string): number {
  const decimals = /\.(\d+)/.exec(text.replace(/[^\d.]/g, ''))?.[1]?.length ?? 0;
  return 0.5 / 10 ** decimals;
}

/**
 * k-anonymity of a record-level extract (JL806): the people of each combination of the
 * quasi-identifiers, summed over the rest of the key; a combination with 1 … k − 1 people is a
 * finding at its first row. Cells whose count is suppressed are not counted (their people are
 * unknown), and totals rows have no place in an extract of people.
 */
export function anonymityFindings(csv: string, table: DisclosureTable, rules: DisclosureRules): Diagnostic[] {
  const k = rules.kAnonymity;
  if (!k) return [];
  const at = k.quasiIdentifiers.map((q) => table.dimensions.indexOf(q));
  const groups = new Map<string, { first: Cell; people: number; labels: string[] }>();
  for (let i = 0; i < table.size; i++) {
    if (table.measure(i) !== k.weight || table.value(i) === undefined) continue;
    const key = at.map((d) => table.codeId(i, d)).join('\u0001');
    const g = groups.get(key);
    if (g) g.people += table.value(i)!;
    else {
      const c = table.cell(i);
      groups.set(key, { first: c, people: c.value!, labels: at.map((d) => c.labels[d] || c.codes[d]!) });
    }
  }
  const out: Diagnostic[] = [];
  for (const g of groups.values()) {
    if (g.people <= 0 || g.people >= k.k) continue;
    const combination = k.quasiIdentifiers.map((q, i) => `${q} ${g.labels[i]}`).join(', ');
    out.push(atCell(csv, g.first, 'JL806', `${grouped(g.people)} ${g.people === 1 ? 'person shares' : 'people share'} ${combination}: fewer than k = ${k.k}`));
  }
  return out;
}

/**
 * Dominance (JL807): an amount summed over rows (fines, compensation) that its largest rows
 * dominate, so that publishing it tells a contributor about another: under the (n, k) rule the
 * n largest rows make more than k% of it; under the p% rule, the cell less its two largest
 * rows is under p% of the largest (the second could estimate the first within p%). Only
 * published cells; a cell's rows are known where the mapping sums them (`duplicates:`).
 */
export function dominanceFindings(csv: string, table: DisclosureTable, rules: DisclosureRules): Diagnostic[] {
  if (rules.dominance.length === 0) return [];
  const out: Diagnostic[] = [];
  for (let i = 0; i < table.size; i++) {
    const total = table.value(i);
    if (total === undefined || total <= 0) continue;
    for (const rule of rules.dominance) {
      if (rule.measure !== table.measure(i)) continue;
      const why = dominated(total, table.largest(i), rule);
      if (why) out.push(atCell(csv, table.cell(i), 'JL807', `${rule.measure} ${grouped(total)} is dominated by its largest rows: ${why}`));
    }
  }
  return out;
}

/** Why a cell of this total with these largest rows breaks the rule, or undefined. */
export function dominated(total: number, largest: readonly number[], rule: DominanceRule): string | undefined {
  if (largest.length === 0) return undefined;
  const pct = (x: number): string => `${grouped(Math.round((1000 * x) / total) / 10)}%`;
  if (rule.rule === 'nk') {
    const top = largest.slice(0, rule.n).reduce((a, b) => a + b, 0);
    if (top <= (rule.k / 100) * total) return undefined;
    const n = Math.min(rule.n, largest.length);
    return `${n === 1 ? 'the largest makes' : `the ${n} largest make`} ${pct(top)} of it (rule: ${rule.n} largest over ${rule.k}%)`;
  }
  const [first, second = 0] = largest;
  const rest = total - first! - second;
  if (rest >= (rule.p / 100) * first!) return undefined;
  return `less its 2 largest rows it is ${grouped(Math.max(0, rest))}, under ${rule.p}% of the largest (${grouped(first!)})`;
}
