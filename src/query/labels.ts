import { NS } from '../rdf/ns.js';
import type { EmbeddedStore } from '../store/embedded.js';

/**
 * The labels the data gives IRIs: skos:prefLabel or rdfs:label, English or untagged, the
 * first in order when there are several. IRIs that could not be written in a query are skipped.
 */
export function labelsFor(store: EmbeddedStore, iris: Iterable<string>): Map<string, string> {
  const labels = new Map<string, string>();
  const values = [...iris].filter((i) => !/[\s<>"{}|^`\\]/.test(i)).map((i) => `<${i}>`).join(' ');
  if (values === '') return labels;
  const rows = store.select(`SELECT ?s ?l WHERE { VALUES ?s { ${values} } ?s <${NS.skos}prefLabel>|<${NS.rdfs}label> ?l FILTER (lang(?l) = "" || langMatches(lang(?l), "en")) } ORDER BY ?s ?l`, { union: true });
  for (const r of rows) if (!labels.has(r['s']!)) labels.set(r['s']!, r['l']!);
  return labels;
}
