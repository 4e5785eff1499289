import { NS, RDF_TYPE } from '../rdf/ns.js';
import { vocabularyFileQuads } from '../validate/vocab-graph.js';

export interface KnownTerms {
  /** Every term of the justice namespace that vocab/justice.ttl defines. */
  readonly justice: ReadonlySet<string>;
  /** Properties some loaded vocabulary types as qb:DimensionProperty, MeasureProperty or AttributeProperty. */
  readonly components: ReadonlySet<string>;
  /** Measure properties (qb:MeasureProperty) of the loaded vocabularies. */
  readonly measures: ReadonlySet<string>;
  /** rdfs:range of each property that declares one. */
  readonly ranges: ReadonlyMap<string, string>;
}

let known: KnownTerms | undefined;

/** The terms of vocab/justice.ttl and vocab/external.ttl, read once. */
export function knownTerms(): KnownTerms {
  if (known) return known;
  const justice = new Set<string>();
  const components = new Set<string>();
  const measures = new Set<string>();
  const ranges = new Map<string, string>();
  const kinds = new Set(['DimensionProperty', 'MeasureProperty', 'AttributeProperty'].map((k) => `${NS.qb}${k}`));
  for (const file of ['justice.ttl', 'external.ttl']) {
    for (const q of vocabularyFileQuads(file)) {
      if (q.subject.value.startsWith(NS.justice)) justice.add(q.subject.value);
      if (q.predicate.value === RDF_TYPE && kinds.has(q.object.value)) components.add(q.subject.value);
      if (q.predicate.value === RDF_TYPE && q.object.value === `${NS.qb}MeasureProperty`) measures.add(q.subject.value);
      if (q.predicate.value === `${NS.rdfs}range`) ranges.set(q.subject.value, q.object.value);
    }
  }
  known = { justice, components, measures, ranges };
  return known;
}
