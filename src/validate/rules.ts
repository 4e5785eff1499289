/**
 * Business rules of the justice vocabulary (issue 4): value ranges per measure, and relations
 * between the measures observed at one key (in MoJ tables, the cells of one row).
 */
import { NS } from '../rdf/ns.js';

const J = NS.justice;

export interface Range {
  readonly min?: number;
  readonly max?: number;
}

/** Counts, durations and averages are never negative; proportions lie in [0, 1]. */
export function rangeOf(property: string): Range | undefined {
  if (property === `${J}proportionReoffending`) return { min: 0, max: 1 };
  return property.startsWith(J) ? { min: 0 } : undefined;
}

export interface RowRule {
  readonly id: string;
  readonly title: string;
  readonly uses: readonly string[];
  /** A message when the rule is broken by these values (all of `uses` are present). */
  readonly check: (v: (property: string) => number) => string | undefined;
}

/** MoJ publishes proportions as percentages to one decimal place: ±0.05 points, and a little slack. */
const PROPORTION_TOLERANCE = 0.0006;

const le = (id: string, small: string, large: string, words: [string, string]): RowRule => ({
  id, title: `${words[0]} ≤ ${words[1]}`, uses: [`${J}${small}`, `${J}${large}`],
  check: (v) => (v(`${J}${small}`) > v(`${J}${large}`) ? `${words[0]} (${v(`${J}${small}`)}) exceed ${words[1]} (${v(`${J}${large}`)})` : undefined),
});

export const ROW_RULES: readonly RowRule[] = [
  le('rule:reoffenders-le-offenders', 'reoffenderCount', 'offenderCount', ['reoffenders', 'offenders']),
  le('rule:reoffenders-le-reoffences', 'reoffenderCount', 'reoffenceCount', ['reoffenders', 'reoffences']),
  le('rule:sentenced-le-convicted', 'defendantsSentenced', 'defendantsConvicted', ['sentenced', 'convicted']),
  le('rule:convicted-le-proceeded', 'defendantsConvicted', 'defendantsProceededAgainst', ['convicted', 'proceeded against']),
  {
    id: 'rule:proportion-matches-counts',
    title: 'proportion = reoffenders ÷ offenders, within rounding',
    uses: [`${J}proportionReoffending`, `${J}reoffenderCount`, `${J}offenderCount`],
    check: (v) => {
      const offenders = v(`${J}offenderCount`);
      if (offenders === 0) return undefined;
      const expected = v(`${J}reoffenderCount`) / offenders;
      const given = v(`${J}proportionReoffending`);
      return Math.abs(expected - given) > PROPORTION_TOLERANCE ? `proportion ${given} differs from reoffenders ÷ offenders = ${expected.toFixed(4)}` : undefined;
    },
  },
];
