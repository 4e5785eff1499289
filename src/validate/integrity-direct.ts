import type { Term } from '@rdfjs/types';
import { isSuppressingIri } from '../mapping/markers.js';
import { DataFactory } from '../rdf/factory.js';
import { NS, QB, RDF_TYPE, SDMX_ATTRIBUTE, XSD } from '../rdf/ns.js';
import { icNumber, icViolation } from './check-integrity.js';
import { completenessConstraint, duplicateConstraint, hierarchyConstraint, INTEGRITY_CONSTRAINTS } from './integrity.js';
import { termKey } from '../rdf/term.js';
import type { TripleIndex } from '../rdf/triple-index.js';
import type { Violation } from './violation.js';

/** A constraint's SELECT row: ?focus, ?value, ?path, as the store's answers give them. */
type Row = { focus: string; value?: string; path?: string };

const qb = (local: string): string => `${NS.qb}${local}`;
const named = DataFactory.namedNode;
const MEASURE_TYPE = named(QB.measureType);

/**
 * The 21 integrity constraints of integrity.ts evaluated directly on a triple index, after the
 * same type closure: for a cube's structure with a stand-in for each code it uses (a few
 * thousand triples), where loading the WebAssembly store and running 21 queries costs more
 * than the rest of a small run. The SPARQL forms stay the reference: a test holds the two to
 * the same findings on every case and on broken structures. Changes `g` (the closure).
 */
export function checkIntegrityDirect(g: TripleIndex, ran?: Set<string>): Violation[] {
  closure(g);
  const dims = datasetDimensions(g);
  const measures = datasetMeasures(g);
  const checks: { id: string; title: string; rows: () => Row[] }[] = [];
  for (const c of INTEGRITY_CONSTRAINTS) {
    const collection = c.id === 'IC-19' && c.title.includes('collection');
    checks.push({ ...c, rows: () => (c.id === 'IC-19' ? codesFromList(g, collection) : FIXED[c.id]!(g)) });
  }
  for (const [ds, d] of dims) checks.push({ ...duplicateConstraint(ds, d), rows: () => groups(g, ds, d, null, (n) => n > 1) });
  for (const [ds, d] of dims) {
    const n = measures.get(ds);
    if (n === undefined || !d.includes(QB.measureType)) continue;
    checks.push({ ...completenessConstraint(ds, d, n), rows: () => groups(g, ds, d.filter((x) => x !== QB.measureType), MEASURE_TYPE, (k) => k !== n) });
  }
  for (const h of hierarchyProperties(g)) checks.push({ ...hierarchyConstraint(h.p, h.inverse), rows: () => codesFromHierarchy(g, h.p, h.inverse) });
  checks.sort((a, b) => icNumber(a.id) - icNumber(b.id));
  const out: Violation[] = [];
  for (const c of checks) {
    ran?.add(c.id);
    for (const row of distinct(c.rows())) out.push(icViolation(c, row));
  }
  return out;
}

/** Phase 1 of the spec's normalisation (CLOSURE in integrity.ts). */
function closure(g: TripleIndex): void {
  // A literal is never a subject: the store skips such a triple of an INSERT, and so does this.
  const type = (s: Term, cls: string): void => void (s.termType !== 'Literal' && g.add(s, RDF_TYPE, named(cls)));
  for (const [, o] of [...g.pairsOf(qb('observation'))]) type(o, QB.Observation);
  for (const [s] of [...g.pairsOf(QB.dataSet)]) type(s, QB.Observation);
  for (const [, o] of [...g.pairsOf(qb('slice'))]) type(o, qb('Slice'));
  for (const [property, cls] of [[QB.dimension, QB.DimensionProperty], [QB.measure, QB.MeasureProperty], [QB.attribute, QB.AttributeProperty]] as const) {
    for (const [cs, p] of [...g.pairsOf(property)]) {
      g.add(cs, qb('componentProperty'), p);
      type(p, cls);
    }
  }
}

/** Each DSD's component properties, found once per index (after the closure, which adds them). */
const propertiesOf = new WeakMap<TripleIndex, Map<string, Term[]>>();
function componentProperties(g: TripleIndex, dsd: Term): Term[] {
  let byDsd = propertiesOf.get(g);
  if (!byDsd) propertiesOf.set(g, (byDsd = new Map()));
  const key = termKey(dsd);
  let found = byDsd.get(key);
  if (!found) byDsd.set(key, (found = g.objects(dsd, QB.component).flatMap((c) => [...g.objects(c, qb('componentProperty'))])));
  return found;
}
const structuresOf = (g: TripleIndex, obs: Term): Term[] => g.objects(obs, QB.dataSet).flatMap((ds) => [...g.objects(ds, QB.structure)]);
const hasMeasureType = (g: TripleIndex, dsd: Term): boolean => componentProperties(g, dsd).some((p) => p.value === QB.measureType && p.termType === 'NamedNode');
const bool = (value: 'true' | 'false'): Term => DataFactory.literal(value, named(XSD.boolean));
/** Zero or more than one distinct values of `p`. */
const notOne = (g: TripleIndex, cls: string, p: string): Row[] => g.instances(cls).filter((s) => g.objects(s, p).length !== 1).map((s) => ({ focus: s.value }));

/** Constraints with one form (IC-12, IC-17, IC-19, IC-20/21 are built per dataset, list or property). */
const FIXED: Readonly<Record<string, (g: TripleIndex) => Row[]>> = {
  'IC-1': (g) => notOne(g, QB.Observation, QB.dataSet),
  'IC-2': (g) => notOne(g, QB.DataSet, QB.structure),
  'IC-3': (g) => g.instances(QB.DataStructureDefinition).filter((d) => !componentProperties(g, d).some((m) => g.isA(m, QB.MeasureProperty))).map((d) => ({ focus: d.value })),
  'IC-4': (g) => g.instances(QB.DimensionProperty).filter((d) => g.objects(d, `${NS.rdfs}range`).length === 0).map((d) => ({ focus: d.value })),
  'IC-5': (g) => g.instances(QB.DimensionProperty)
    .filter((d) => g.has(d, `${NS.rdfs}range`, named(`${NS.skos}Concept`)) && g.objects(d, QB.codeList).length === 0).map((d) => ({ focus: d.value })),
  'IC-6': (g) => g.pairsOf(QB.component).flatMap(([, c]) => (g.has(c, QB.componentRequired, bool('false')) ? g.objects(c, qb('componentProperty')) : [])
    .filter((p) => !g.isA(p, QB.AttributeProperty)).map((p) => ({ focus: c.value, value: p.value }))),
  'IC-7': (g) => g.instances(qb('SliceKey')).filter((k) => !g.subjects(qb('sliceKey'), k).some((d) => g.isA(d, QB.DataStructureDefinition))).map((k) => ({ focus: k.value })),
  'IC-8': (g) => g.instances(qb('SliceKey')).flatMap((k) => g.objects(k, qb('componentProperty')).flatMap((p) => g.subjects(qb('sliceKey'), k)
    .filter((d) => !componentProperties(g, d).some((x) => x.equals(p))).map(() => ({ focus: k.value, value: p.value })))),
  'IC-9': (g) => notOne(g, qb('Slice'), qb('sliceStructure')),
  'IC-10': (g) => g.pairsOf(qb('sliceStructure')).flatMap(([s, k]) => g.objects(k, qb('componentProperty')).filter((p) => !g.hasAny(s, p)).map((p) => ({ focus: s.value, value: p.value }))),
  'IC-11': (g) => g.pairsOf(QB.dataSet).flatMap(([o, ds]) => g.objects(ds, QB.structure).flatMap((d) => componentProperties(g, d))
    .filter((p) => g.isA(p, QB.DimensionProperty) && !g.hasAny(o, p)).map((p) => ({ focus: o.value, value: p.value }))),
  'IC-13': (g) => g.pairsOf(QB.dataSet).flatMap(([o, ds]) => g.objects(ds, QB.structure).flatMap((d) => g.objects(d, QB.component))
    .filter((c) => g.has(c, QB.componentRequired, bool('true'))).flatMap((c) => g.objects(c, qb('componentProperty')))
    .filter((p) => !g.hasAny(o, p)).map((p) => ({ focus: o.value, value: p.value }))),
  'IC-14': (g) => g.pairsOf(QB.dataSet).flatMap(([o, ds]) => g.objects(ds, QB.structure)
    .filter((d) => !hasMeasureType(g, d)).flatMap((d) => componentProperties(g, d))
    .filter((m) => g.isA(m, QB.MeasureProperty) && !g.hasAny(o, m)).map((m) => ({ focus: o.value, value: m.value }))),
  'IC-15': (g) => g.pairsOf(QB.measureType).flatMap(([o, m]) => structuresOf(g, o).some((d) => hasMeasureType(g, d)) && !g.hasAny(o, m)
    && !g.objects(o, SDMX_ATTRIBUTE.obsStatus).some((s) => s.termType === 'NamedNode' && isSuppressingIri(s.value)) ? [{ focus: o.value, value: m.value }] : []),
  'IC-16': (g) => g.pairsOf(QB.measureType).flatMap(([o, m]) => structuresOf(g, o).filter((d) => hasMeasureType(g, d))
    .flatMap((d) => componentProperties(g, d)).filter((p) => g.isA(p, QB.MeasureProperty) && g.hasAny(o, p) && !p.equals(m)).map((p) => ({ focus: o.value, value: p.value }))),
  'IC-18': (g) => g.pairsOf(qb('slice')).flatMap(([ds, slice]) => g.objects(slice, qb('observation')).filter((o) => !g.has(o, QB.dataSet, ds)).map((o) => ({ focus: o.value }))),
};

/** Each dataset's dimensions (DATASET_DIMENSIONS): one entry per component that names one. */
function datasetDimensions(g: TripleIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [ds, d] of g.pairsOf(QB.structure)) {
    for (const c of g.objects(d, QB.component)) for (const p of g.objects(c, qb('componentProperty'))) {
      if (!g.isA(p, QB.DimensionProperty)) continue;
      const list = out.get(ds.value) ?? [];
      list.push(p.value);
      out.set(ds.value, list);
    }
  }
  return out;
}

/** Each dataset's number of distinct measures (DATASET_MEASURES). */
function datasetMeasures(g: TripleIndex): Map<string, number> {
  const out = new Map<string, Set<string>>();
  for (const [ds, d] of g.pairsOf(QB.structure)) {
    for (const m of componentProperties(g, d)) if (g.isA(m, QB.MeasureProperty)) out.set(ds.value, (out.get(ds.value) ?? new Set()).add(m.value));
  }
  return new Map([...out].map(([ds, s]) => [ds, s.size]));
}

/**
 * IC-12 and IC-17: the dataset's observations grouped by the string values of `dims` (one
 * solution per combination of values, as the query counts them), with `extra` (qb:measureType)
 * required too; a group whose count fails `bad` is a row.
 */
function groups(g: TripleIndex, dataset: string, dims: readonly string[], extra: Term | null, bad: (n: number) => boolean): Row[] {
  const counts = new Map<string, { focus: string; n: number }>();
  for (const o of g.subjects(QB.dataSet, named(dataset))) {
    let keys = [''];
    const lists = dims.map((d) => g.objects(o, d));
    for (const [i, values] of lists.entries()) keys = keys.flatMap((k) => values.map((v) => (i === 0 ? v.value : `${k}\u0001${v.value}`)));
    const times = extra ? g.objects(o, extra.value).length : 1;
    for (const k of keys) {
      const have = counts.get(k);
      if (have) have.n += times;
      else if (times > 0) counts.set(k, { focus: o.value, n: times });
    }
  }
  return [...counts.values()].filter((c) => bad(c.n)).map((c) => ({ focus: c.focus, value: String(c.n) }));
}

/** The observations' coded dimension values, with the code list each must come from. */
function codedValues(g: TripleIndex, listType: string): { focus: Term; dim: Term; list: Term; value: Term }[] {
  const out: { focus: Term; dim: Term; list: Term; value: Term }[] = [];
  for (const [o, ds] of g.pairsOf(QB.dataSet)) {
    for (const d of g.objects(ds, QB.structure)) for (const dim of componentProperties(g, d)) {
      if (dim.termType !== 'NamedNode' || !g.isA(dim, QB.DimensionProperty)) continue;
      for (const list of g.objects(dim, QB.codeList)) {
        if (!g.isA(list, listType)) continue;
        for (const value of g.objects(o, dim.value)) out.push({ focus: o, dim, list, value });
      }
    }
  }
  return out;
}

/** IC-19, for concept schemes (skos:inScheme) or collections (skos:member+). */
function codesFromList(g: TripleIndex, collection: boolean): Row[] {
  const inList = collection
    ? (value: Term, list: Term): boolean => reachable(g, [list], `${NS.skos}member`, false, false).has(termKey(value))
    : (value: Term, list: Term): boolean => g.has(value, `${NS.skos}inScheme`, list);
  return codedValues(g, collection ? `${NS.skos}Collection` : `${NS.skos}ConceptScheme`)
    .filter(({ value, list }) => !(g.isA(value, `${NS.skos}Concept`) && inList(value, list)))
    .map(({ focus, value, dim }) => ({ focus: focus.value, value: value.value, path: dim.value }));
}

/** HIERARCHY_PROPERTIES: each list's parent-child property, or what it is the inverse of. */
function hierarchyProperties(g: TripleIndex): { p: string; inverse: boolean }[] {
  const seen = new Map<string, { p: string; inverse: boolean }>();
  for (const list of g.instances(qb('HierarchicalCodeList'))) for (const pcp of g.objects(list, qb('parentChildProperty'))) {
    const inverses = g.objects(pcp, `${NS.owl}inverseOf`);
    for (const p of inverses.length ? inverses : [pcp]) {
      if (p.termType === 'NamedNode') seen.set(`${p.value} ${inverses.length > 0}`, { p: p.value, inverse: inverses.length > 0 });
    }
  }
  return [...seen.values()];
}

/** IC-20 / IC-21: codes reachable from the list's roots along the property (or against it). */
function codesFromHierarchy(g: TripleIndex, property: string, inverse: boolean): Row[] {
  const declares = (list: Term): boolean => g.objects(list, qb('parentChildProperty'))
    .some((pcp) => (inverse ? g.objects(pcp, `${NS.owl}inverseOf`).some((x) => x.value === property && x.termType === 'NamedNode') : pcp.termType === 'NamedNode' && pcp.value === property));
  const reach = new Map<string, Set<string>>();
  return codedValues(g, qb('HierarchicalCodeList')).filter(({ list, value }) => {
    if (!declares(list)) return false;
    let codes = reach.get(list.value);
    if (!codes) reach.set(list.value, (codes = reachable(g, g.objects(list, qb('hierarchyRoot')), property, inverse, true)));
    return !codes.has(termKey(value));
  }).map(({ focus, value, dim }) => ({ focus: focus.value, value: value.value, path: dim.value }));
}

/** Terms reached from `starts` along `p` (or `^p`), one or more steps, or zero or more with `self`. */
function reachable(g: TripleIndex, starts: readonly Term[], p: string, inverse: boolean, self: boolean): Set<string> {
  const out = new Set<string>();
  const queue: Term[] = [];
  const visit = (t: Term): void => {
    if (out.has(termKey(t))) return;
    out.add(termKey(t));
    queue.push(t);
  };
  for (const s of starts) {
    if (self) visit(s);
    else queue.push(s);
  }
  while (queue.length > 0) {
    const t = queue.pop()!;
    for (const n of inverse ? g.subjects(p, t) : g.objects(t, p)) visit(n);
  }
  return out;
}

function distinct(rows: readonly Row[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.focus}\u0001${r.value ?? ''}\u0001${r.path ?? ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
