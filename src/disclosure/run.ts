import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DisclosureRules } from '../mapping/model.js';
import { during } from '../run/activity.js';
import { additivityFindings, primaryFindings, rateFindings } from './checks.js';
import { relationsOf } from './relations.js';
import { contradictionFindings, intervals, secondaryFindings } from './secondary.js';
import type { DisclosureTable } from './table.js';

/**
 * Disclosure control and additivity over the run's table: small counts published (JL801),
 * suppressed cells the published ones pin down (JL802), totals their cells miss (JL803) and
 * rates that disagree with their counts (JL804), each at its CSV line and column.
 */
export async function disclosureFindings(csv: string, table: DisclosureTable, rules: DisclosureRules): Promise<{ diagnostics: Diagnostic[]; counts: DisclosureCounts }> {
  const relations = relationsOf(table, rules);
  const solved = await during('checking disclosure: the interval of each suppressed cell', () => intervals(table, relations, rules));
  const primary = primaryFindings(csv, table, rules);
  const secondary = secondaryFindings(csv, table, solved.intervals, rules);
  const contradictions = contradictionFindings(csv, table, solved.contradictions);
  const additivity = additivityFindings(csv, table, relations, rules);
  const rates = rateFindings(csv, table, rules);
  const counted = new Set(rules.counts);
  return {
    diagnostics: [...primary, ...secondary, ...contradictions, ...additivity, ...rates],
    counts: {
      threshold: rules.threshold,
      protection: rules.protection,
      suppressed: table.cells.filter((c) => c.suppressed && counted.has(c.measure)).length,
      smallCounts: primary.length,
      recoverable: secondary.length,
      totals: relations.length,
      notAddingUp: additivity.length + contradictions.length,
      ratesDisagreeing: rates.length,
    },
  };
}

/** What the disclosure checks found, for the summary. */
export interface DisclosureCounts {
  readonly threshold: number;
  readonly protection: number;
  /** Suppressed cells of counting measures (each one's interval was computed). */
  readonly suppressed: number;
  readonly smallCounts: number;
  readonly recoverable: number;
  /** Totals with the cells under them (every margin). */
  readonly totals: number;
  readonly notAddingUp: number;
  readonly ratesDisagreeing: number;
}
