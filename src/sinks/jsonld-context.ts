import { knownTerms } from '../codelists/terms.js';
import { NS } from '../rdf/ns.js';

export type JsonLdContext = Readonly<Record<string, string | { readonly '@type': string }>>;

/** Object properties of the cube and code-list structure whose values are always IRIs. */
const STRUCTURE_IRI_PROPERTIES = [
  'qb:dataSet', 'qb:structure', 'qb:component', 'qb:dimension', 'qb:measure', 'qb:attribute', 'qb:codeList',
  'qb:concept', 'qb:measureType', 'qb:hierarchyRoot', 'qb:parentChildProperty',
  'skos:inScheme', 'skos:topConceptOf', 'skos:hasTopConcept', 'skos:broader', 'skos:narrower', 'skos:exactMatch',
  'rdfs:subPropertyOf', 'rdfs:range', 'rdfs:isDefinedBy', 'rdfs:seeAlso', 'dcterms:license', 'dcterms:publisher',
];

/** The shortest compact IRI of `iri` under the built-in prefixes, if any. */
function curie(iri: string): string | undefined {
  let best: string | undefined;
  for (const [prefix, ns] of Object.entries(NS)) {
    if (!iri.startsWith(ns) || iri.length === ns.length) continue;
    const c = `${prefix}:${iri.slice(ns.length)}`;
    if (best === undefined || c.length < best.length) best = c;
  }
  return best;
}

let shipped: JsonLdContext | undefined;

/**
 * The context shipped as vocab/context.jsonld: every built-in prefix, then a type coercion
 * per property keyed by its compact IRI, so codes are written as plain strings
 * (`"justice:disposal": "disposal:fine"`) and measures keep their datatype (`"123"` as
 * xsd:integer). Keys stay compact IRIs, so a derived prefix such as `disposal:` never
 * collides with a property term.
 */
export function shippedContext(): JsonLdContext {
  if (shipped) return shipped;
  const ctx: Record<string, string | { '@type': string }> = {};
  for (const [prefix, ns] of Object.entries(NS).sort((a, b) => a[0].localeCompare(b[0]))) ctx[prefix] = ns;
  const known = knownTerms();
  const coerced = new Map<string, string>();
  for (const p of STRUCTURE_IRI_PROPERTIES) coerced.set(p, '@id');
  for (const p of known.components) {
    const key = curie(p);
    if (!key) continue;
    const range = known.ranges.get(p);
    if (range?.startsWith(NS.xsd)) coerced.set(key, `xsd:${range.slice(NS.xsd.length)}`);
    else if (!known.measures.has(p)) coerced.set(key, '@id');
  }
  for (const key of [...coerced.keys()].sort()) ctx[key] = { '@type': coerced.get(key)! };
  shipped = ctx;
  return ctx;
}

/** The shipped context plus the mapping's own prefixes (declared or derived). */
export function contextFor(prefixes: ReadonlyMap<string, string>): JsonLdContext {
  const base = shippedContext();
  const extra: Record<string, string> = {};
  for (const [p, ns] of [...prefixes].sort((a, b) => a[0].localeCompare(b[0]))) if (base[p] !== ns) extra[p] = ns;
  return { ...base, ...extra };
}
