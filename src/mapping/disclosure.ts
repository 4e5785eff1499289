import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DisclosureRules, DominanceRule } from './model.js';
import type { LocatedDocument } from './parse.js';
import type { RawMapping } from './raw.js';

type Report = (code: Diagnostic['code'], message: string, path: readonly (string | number)[], key?: boolean, hint?: string) => void;

/** The `totals:` value that takes a dimension's totals from its code list's hierarchy. */
export const HIERARCHY = 'hierarchy';

/** The usual (n, k) dominance rule: the two largest contributions over 85% of the cell. */
export const DEFAULT_DOMINANCE = { n: 2, k: 85 } as const;

/** How many of a cell's largest rows a dominance rule reads: its n, or two for the p% rule. */
export const rowsRead = (rule: DominanceRule): number => (rule.rule === 'p' ? 2 : rule.n);

/** Counts 1 and 2 are unsafe unless the mapping says otherwise (k = 3). */
export const DEFAULT_THRESHOLD = 3;

/**
 * `disclosure:` as rules by component key, each name checked against the mapping's measures
 * and dimensions (JL122 at the name, with the names it could be).
 */
export function normalizeDisclosure(raw: RawMapping, doc: LocatedDocument, report: Report): DisclosureRules | undefined {
  const d = raw.disclosure;
  if (!d) return undefined;
  const measures = Object.keys(raw.measures ?? {});
  const dimensions = Object.keys(raw.dimensions ?? {});
  // `key`: the name is a key of the YAML map (`totals:`), not a value; `i`: its place in a list.
  const known = (names: readonly string[], kind: string, path: readonly (string | number)[], key = false) => (name: string, i?: number): boolean => {
    if (names.includes(name)) return true;
    report('JL122', `'${name}' is not a ${kind} of this mapping`, i === undefined ? path : [...path, i], key, `Name one of: ${names.join(', ') || '(none)'}.`);
    return false;
  };
  const counts = d.counts ?? [];
  counts.forEach((m, i) => known(measures, 'measure', ['disclosure', 'counts'])(m, i));
  const totals = new Map<string, readonly string[]>();
  const hierarchies: string[] = [];
  for (const [dim, labels] of Object.entries(d.totals ?? {})) {
    if (!known(dimensions, 'dimension', ['disclosure', 'totals', dim], true)(dim)) continue;
    // `hierarchy`: each broader code is the total of its narrower ones, as the code list says.
    if (labels === HIERARCHY) hierarchies.push(dim);
    else totals.set(dim, (typeof labels === 'string' ? [labels] : labels).map((l) => l.trim().toLowerCase()));
  }
  const rates = (d.rates ?? []).filter((r, i) => ['measure', 'numerator', 'denominator'].every((k) => known(measures, 'measure', ['disclosure', 'rates', i, k])(r[k as 'measure'])));
  const threshold = d.threshold ?? DEFAULT_THRESHOLD;
  const k = d.kAnonymity;
  const quasi = k?.quasiIdentifiers.filter((q, i) => known(dimensions, 'dimension', ['disclosure', 'kAnonymity', 'quasiIdentifiers'])(q, i)) ?? [];
  const weight = k?.weight ?? counts[0];
  if (k?.weight !== undefined) known(measures, 'measure', ['disclosure', 'kAnonymity', 'weight'])(k.weight);
  const dominance = (d.dominance ?? []).flatMap((r, i): DominanceRule[] => {
    if (!known(measures, 'measure', ['disclosure', 'dominance', i, 'measure'])(r.measure)) return [];
    // The rule reads the rows that make a cell, so it needs rows that are summed.
    const combine = raw.measures?.[r.measure]?.combine ?? 'sum';
    if (raw.duplicates?.combine !== 'sum' || combine !== 'sum') {
      report('JL122', `dominance of '${r.measure}' needs the rows that make each cell, but the mapping does not sum its rows`, ['disclosure', 'dominance', i, 'measure'], false,
        'A dominance rule applies to amounts summed over the rows that share a key (a record-level extract): add `duplicates: {combine: sum}` (and no other `combine:` on the measure), or remove the rule.');
      return [];
    }
    return [r.p !== undefined ? { measure: r.measure, rule: 'p', p: r.p } : { measure: r.measure, rule: 'nk', n: r.n ?? DEFAULT_DOMINANCE.n, k: r.k ?? DEFAULT_DOMINANCE.k }];
  });
  return {
    dominance,
    counts: counts.filter((m) => measures.includes(m)),
    threshold,
    zeroSafe: d.zeroSafe ?? true,
    protection: d.protection ?? threshold,
    totals,
    hierarchies,
    tolerance: d.tolerance ?? 0,
    rates: rates.map((r) => ({ measure: r.measure, numerator: r.numerator, denominator: r.denominator, scale: r.scale ?? 1, ...(r.tolerance !== undefined ? { tolerance: r.tolerance } : {}), ...(raw.measures?.[r.measure]?.percent ? { percent: true } : {}) })),
    ...(k && weight !== undefined && measures.includes(weight) ? { kAnonymity: { quasiIdentifiers: quasi, k: k.k ?? threshold, weight } } : {}),
    span: doc.spanOf(['disclosure']),
  };
}
