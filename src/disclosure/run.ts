import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DisclosureRules, MappingModel } from '../mapping/model.js';
import { schemeQuads } from '../codelists/to-turtle.js';
import { SKOS } from '../rdf/ns.js';
import { vocabularyQuads } from '../validate/vocab-graph.js';
import { during } from '../run/activity.js';
import { additivityFindings, cellsWhere, dominanceFindings, anonymityFindings, primaryFindings, rateFindings } from './checks.js';
import { relationsOf } from './relations.js';
import { contradictionFindings, intervals, secondaryFindings } from './secondary.js';
import { peopleHidden, suggestionFindings, suggestSuppression, type SuppressionCost } from './suggest.js';
import type { Cell, DisclosureTable } from './table.js';

/**
 * Disclosure control and additivity over the run's table: small counts published (JL801),
 * suppressed cells the published ones pin down (JL802), totals their cells miss (JL803) and
 * rates that disagree with their counts (JL804), each at its CSV line and column.
 */
export async function disclosureFindings(csv: string, table: DisclosureTable, rules: DisclosureRules, suggest?: SuppressionCost): Promise<{ diagnostics: Diagnostic[]; counts: DisclosureCounts; suppress: readonly Cell[] }> {
  const relations = relationsOf(table, rules, rules.hierarchies.length ? hierarchyOf(table.model) : undefined);
  const solved = await during('checking disclosure: the interval of each suppressed cell', () => intervals(table, relations, rules));
  const primary = primaryFindings(csv, table, rules);
  const secondary = secondaryFindings(csv, table, solved.intervals, rules);
  const contradictions = contradictionFindings(csv, table, solved.contradictions);
  const additivity = additivityFindings(csv, table, relations, rules);
  const rates = rateFindings(csv, table, rules);
  const anonymity = anonymityFindings(csv, table, rules);
  const dominance = dominanceFindings(csv, table, rules);
  const suggestion = suggest && (primary.length || secondary.length) ? await during('suggesting cells to suppress', () => suggestSuppression(table, relations, rules, suggest)) : undefined;
  const suppress = suggestion?.suppressions.map((x) => table.cell(x.cell)) ?? [];
  return {
    suppress,
    diagnostics: [...primary, ...secondary, ...contradictions, ...additivity, ...rates, ...anonymity, ...dominance, ...(suggestion ? suggestionFindings(csv, table, suggestion, rules) : [])],
    counts: {
      threshold: rules.threshold,
      protection: rules.protection,
      suppressed: cellsWhere(table, (i) => table.suppressed(i) && table.counted(i)).length,
      smallCounts: primary.length,
      recoverable: secondary.length,
      totals: relations.length,
      notAddingUp: additivity.length + contradictions.length,
      ratesDisagreeing: rates.length,
      ...(rules.kAnonymity ? { smallGroups: anonymity.length } : {}),
      ...(rules.dominance.length ? { dominated: dominance.length } : {}),
      ...(suggestion ? { suggested: { cells: suppress.length, people: peopleHidden(table, suggestion.suppressions), protected: suggestion.protected } } : {}),
    },
  };
}

/** Each code's narrower codes, from the shipped code lists and the mapping's own. */
function hierarchyOf(model: MappingModel): Map<string, string[]> {
  const children = new Map<string, string[]>();
  const add = (parent: string, child: string): void => {
    const list = children.get(parent) ?? [];
    if (!list.includes(child)) list.push(child);
    children.set(parent, list);
  };
  for (const q of [...vocabularyQuads({ external: true }), ...model.codeLists.flatMap(schemeQuads)]) {
    if (q.predicate.value === SKOS.broader) add(q.object.value, q.subject.value);
    else if (q.predicate.value === SKOS.narrower) add(q.subject.value, q.object.value);
  }
  return children;
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
  /** Combinations of quasi-identifiers with fewer than k people (record-level extracts). */
  readonly smallGroups?: number;
  /** Amounts their largest rows dominate (a dominance rule). */
  readonly dominated?: number;
  /** Cells suggested for suppression (--suggest-suppression), the people they hold, and whether they protect every cell. */
  readonly suggested?: { readonly cells: number; readonly people: number; readonly protected: boolean };
  /** Cells the run wrote as [c] (--apply-suppression), and the people they hold. */
  readonly applied?: { readonly cells: number; readonly people: number };
}
