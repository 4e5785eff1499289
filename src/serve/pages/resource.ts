import type { Quad } from 'n3';
import { NS } from '../../rdf/ns.js';
import type { Page, Site } from '../site.js';
import { iriRef, select } from '../source.js';
import { curie, labelsOf, localName, markersOf, parseNTriples, termView, type TermView } from '../terms.js';

const TYPE = `${NS.rdf}type`;
const OBS_STATUS = `${NS['sdmx-attribute']}obsStatus`;

interface PropertyRow {
  readonly property: TermView;
  readonly values: readonly TermView[];
}

/**
 * The page of any resource: its label and kind, every statement the release makes about it
 * (labels, not codes, each linking to its own page), the structured values it holds, and what
 * links to it. Code lists list their concepts as a tree, vocabularies their terms (each term a
 * section with an anchor, as hash IRIs point into the vocabulary's document), datasets lead to
 * their landing page.
 */
export async function resourcePage(site: Site, iri: string, ntriples: string): Promise<Page> {
  const quads = parseNTriples(ntriples);
  const own = quads.filter((q) => q.subject.termType === 'NamedNode' && q.subject.value === iri);
  const types = own.filter((q) => q.predicate.value === TYPE).map((q) => q.object.value);
  const isType = (t: string): boolean => types.includes(t);

  // In the store's own order (sorting every observation that uses a common code costs 20×).
  const incoming = await select(site.source, `SELECT ?s ?p WHERE { ?s ?p ${iriRef(iri)} FILTER(isIRI(?s)) } LIMIT 21`);
  let concepts: { term: TermView; depth: number; notation?: string }[] | undefined;
  if (isType(`${NS.skos}ConceptScheme`)) concepts = await conceptTree(site, iri);
  let terms: { id: string; term: TermView; kind: TermView[]; properties: PropertyRow[] }[] | undefined;
  let termQuads: Quad[] = [];
  if (isType(`${NS.owl}Ontology`)) termQuads = quads.filter((q) => q.subject.value.startsWith(`${iri}#`));

  const iris = new Set<string>([iri]);
  for (const q of quads) for (const t of [q.subject, q.predicate, q.object]) if (t.termType === 'NamedNode') iris.add(t.value);
  for (const r of incoming) for (const k of ['s', 'p']) iris.add(r[k]!.value);
  const labels = await labelsOf(site.source, iris);
  const markers = await markersOf(site.source, own.filter((q) => q.predicate.value === OBS_STATUS).map((q) => q.object.value));
  const view = (t: Quad['object']): TermView => {
    const v = termView(t, labels, site.spaces);
    const m = t.termType === 'NamedNode' ? markers.get(t.value) : undefined;
    return m ? { ...v, text: `${m.notation} ${m.meaning}` } : v;
  };
  const rowsOf = (subject: string, list: readonly Quad[]): PropertyRow[] => {
    const byPredicate = new Map<string, Quad[]>();
    for (const q of list) if (q.subject.value === subject) byPredicate.set(q.predicate.value, [...(byPredicate.get(q.predicate.value) ?? []), q]);
    return [...byPredicate].map(([p, qs]) => ({
      property: termView({ termType: 'NamedNode', value: p }, labels, site.spaces),
      values: qs.map((q) => view(q.object)).sort((a, b) => a.text.localeCompare(b.text, 'en-GB', { numeric: true })),
    })).sort((a, b) => rank(a.property.iri!) - rank(b.property.iri!) || a.property.text.localeCompare(b.property.text));
  };
  if (termQuads.length) {
    const subjects = [...new Set(termQuads.map((q) => q.subject.value))].sort((a, b) => localName(a).localeCompare(localName(b)));
    terms = subjects.map((s) => ({
      id: s.slice(iri.length + 1),
      term: termView({ termType: 'NamedNode', value: s }, labels, site.spaces),
      kind: termQuads.filter((q) => q.subject.value === s && q.predicate.value === TYPE).map((q) => view(q.object)),
      properties: rowsOf(s, termQuads).filter((r) => r.property.iri !== TYPE),
    }));
  }
  const blanks = [...new Set(quads.filter((q) => q.subject.termType === 'BlankNode').map((q) => q.subject.value))]
    .map((b) => ({ properties: rowsOf(b, quads.filter((q) => q.subject.termType === 'BlankNode')) }));
  const title = labels.get(iri) ?? (isType(`${NS.qb}Observation`) ? observationTitle(own, labels) : curie(iri));
  const dataset = isType(`${NS.dcat}Dataset`) || isType(`${NS.qb}DataSet`);
  return {
    template: 'resource.njk', title,
    data: {
      iri, title, types: types.map((t) => termView({ termType: 'NamedNode', value: t }, labels, site.spaces)),
      properties: rowsOf(iri, own), blanks, concepts, terms,
      incoming: incoming.slice(0, 20).map((r) => ({ subject: termView(r['s']!, labels, site.spaces), property: termView(r['p']!, labels, site.spaces) })),
      moreIncoming: incoming.length > 20,
      cubeHref: isType(`${NS.qb}DataSet`) ? site.spaces.cubeOf(iri) : undefined,
      landing: dataset,
      local: site.spaces.pathOf(iri) !== undefined,
    },
  };
}

/**
 * An observation has no label of its own: it is named by what it measures and where it sits,
 * "Offenders sentenced: Over £10,000, Criminal damage and arson, 2019, Male".
 */
function observationTitle(own: readonly Quad[], labels: ReadonlyMap<string, string>): string {
  const measureType = own.find((q) => q.predicate.value === `${NS.qb}measureType`)?.object.value;
  const skip = new Set([TYPE, `${NS.qb}dataSet`, `${NS.qb}measureType`, OBS_STATUS, `${NS['sdmx-attribute']}unitMeasure`]);
  const coordinates = own.filter((q) => q.object.termType === 'NamedNode' && !skip.has(q.predicate.value))
    .sort((a, b) => a.predicate.value.localeCompare(b.predicate.value))
    .map((q) => labels.get(q.object.value) ?? localName(q.object.value));
  const what = measureType ? labels.get(measureType) ?? localName(measureType) : 'Observation';
  return `${what}: ${coordinates.join(', ')}`;
}

/** Labels first, then descriptions, types and the rest by name. */
function rank(p: string): number {
  const order = [`${NS.skos}prefLabel`, `${NS.rdfs}label`, `${NS.dcterms}title`, `${NS.skos}notation`, `${NS.skos}definition`, `${NS.rdfs}comment`, `${NS.dcterms}description`];
  const i = order.indexOf(p);
  return i < 0 ? order.length : i;
}

/** A code list's concepts as a tree (skos:broader within the scheme), by notation or label. */
async function conceptTree(site: Site, scheme: string): Promise<{ term: TermView; depth: number; notation?: string }[]> {
  const s = iriRef(scheme);
  const rows = await select(site.source, `PREFIX skos: <${NS.skos}> SELECT DISTINCT ?c ?broader ?notation WHERE {
      { ?c skos:inScheme ${s} } UNION { ${s} skos:hasTopConcept ?c } UNION { ?c skos:topConceptOf ${s} }
      OPTIONAL { ?c skos:broader ?broader } OPTIONAL { ?c skos:notation ?notation } }`);
  const labels = await labelsOf(site.source, rows.map((r) => r['c']!.value));
  const members = new Set(rows.map((r) => r['c']!.value));
  const parent = new Map<string, string>();
  const notation = new Map<string, string>();
  for (const r of rows) {
    if (r['broader'] && members.has(r['broader'].value) && !parent.has(r['c']!.value)) parent.set(r['c']!.value, r['broader'].value);
    if (r['notation']) notation.set(r['c']!.value, r['notation'].value);
  }
  const children = new Map<string | undefined, string[]>();
  for (const c of members) {
    const p = parent.get(c);
    children.set(p, [...(children.get(p) ?? []), c]);
  }
  const sortKey = (c: string): string => notation.get(c) ?? labels.get(c) ?? c;
  const out: { term: TermView; depth: number; notation?: string }[] = [];
  const seen = new Set<string>();
  const walk = (p: string | undefined, depth: number): void => {
    for (const c of (children.get(p) ?? []).sort((a, b) => sortKey(a).localeCompare(sortKey(b), 'en-GB', { numeric: true }))) {
      if (seen.has(c)) continue;
      seen.add(c);
      out.push({ term: termView({ termType: 'NamedNode', value: c }, labels, site.spaces), depth: Math.min(depth, 5), ...(notation.has(c) ? { notation: notation.get(c)! } : {}) });
      walk(c, depth + 1);
    }
  };
  walk(undefined, 0);
  // Concepts in a cycle of skos:broader have no root: list them flat rather than lose them.
  for (const c of members) if (!seen.has(c)) out.push({ term: termView({ termType: 'NamedNode', value: c }, labels, site.spaces), depth: 0 });
  return out;
}
