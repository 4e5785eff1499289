import type { Quad } from '@rdfjs/types';
import { DCTERMS, NS, RDF_TYPE, RDFS, SKOS, XSD } from '../rdf/ns.js';
import { iri, literal, namedNode, quad } from '../rdf/term.js';
import type { SchemeDef } from './model.js';
import { conceptIri, schemeIri } from './registry.js';

const UI_SORT = 'http://www.w3.org/ns/ui#sortPriority';
const DCAT_DATASET = `${NS.dcat}Dataset`;

/**
 * One shipped scheme as SKOS (VOCABULARY.md §6.1): the scheme is also a dcat:Dataset; each
 * concept has one notation, one English prefLabel, its alternative labels, its scheme, and
 * either skos:topConceptOf (totals) or skos:broader with the inverse skos:narrower.
 */
export function schemeQuads(scheme: SchemeDef): Quad[] {
  const out: Quad[] = [];
  const s = iri(schemeIri(scheme));
  const en = (text: string) => literal(text, 'en');
  const add = (subject: string | ReturnType<typeof iri>, p: string, o: Quad['object']) =>
    out.push(quad(typeof subject === 'string' ? iri(subject) : subject, iri(p), o));
  add(s, RDF_TYPE, iri(SKOS.ConceptScheme));
  add(s, RDF_TYPE, iri(DCAT_DATASET));
  add(s, RDFS.label, en(scheme.label));
  add(s, DCTERMS.title, en(scheme.label));
  add(s, SKOS.definition, en(scheme.definition));
  // A publisher's own list is defined by its dataset, not by the justice vocabulary.
  if (!scheme.iri) add(s, RDFS.isDefinedBy, iri('https://w3id.org/justice-lod/def/justice'));
  if (scheme.extends) add(s, `${NS.prov}wasDerivedFrom`, iri(scheme.extends));
  const bySlug = new Map(scheme.concepts.map((c) => [c.slug, c]));
  const tops = scheme.concepts.filter((x) => !x.broader);
  for (const c of tops) add(s, SKOS.hasTopConcept, iri(conceptIri(scheme, c)));
  if (tops.length === 1) {
    // One total at the root: the scheme is also a hierarchical code list (IC-20).
    add(s, RDF_TYPE, iri(`${NS.qb}HierarchicalCodeList`));
    add(s, `${NS.qb}hierarchyRoot`, iri(conceptIri(scheme, tops[0]!)));
    add(s, `${NS.qb}parentChildProperty`, iri(SKOS.narrower));
  }
  scheme.concepts.forEach((c, i) => {
    const ci = conceptIri(scheme, c);
    add(ci, RDF_TYPE, iri(SKOS.Concept));
    if (scheme.conceptClass !== SKOS.Concept) add(ci, RDF_TYPE, iri(scheme.conceptClass));
    add(ci, SKOS.prefLabel, en(c.label));
    add(ci, RDFS.label, en(c.label));
    for (const alt of c.altLabels ?? []) add(ci, SKOS.altLabel, en(alt));
    add(ci, SKOS.notation, literal(c.notation, namedNode(XSD.string)));
    if (c.definition) add(ci, SKOS.definition, en(c.definition));
    add(ci, SKOS.inScheme, s);
    add(ci, UI_SORT, literal(String(i), namedNode(XSD.integer)));
    if (c.broader) {
      const parent = conceptIri(scheme, bySlug.get(c.broader)!);
      add(ci, SKOS.broader, iri(parent));
      add(parent, SKOS.narrower, iri(ci));
    } else add(ci, SKOS.topConceptOf, s);
    for (const l of c.legislation ?? []) add(ci, DCTERMS.source, iri(l));
  });
  if (!scheme.extends) return out;
  // An extending list only says which shipped concepts it holds: the vocabulary describes them.
  const shipped = new Set(scheme.concepts.flatMap((c) => (c.iri ? [c.iri] : [])));
  const membership = new Set<string>([SKOS.inScheme, SKOS.topConceptOf, SKOS.broader, SKOS.narrower]);
  return out.filter((q) => !shipped.has(q.subject.value) || membership.has(q.predicate.value));
}
