import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { labelsFor } from '../query/labels.js';
import { loadDumps } from '../query/run-query.js';
import { NS, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import type { EmbeddedStore } from '../store/embedded.js';

/** A code or other IRI, with the label the data gives it. */
export interface Labelled {
  readonly iri: string;
  readonly label?: string;
}

export interface DimensionSummary extends Labelled {
  /** Distinct values used by the observations. */
  readonly codes: number;
  /** The first values (in IRI order), with their labels. */
  readonly first: readonly Labelled[];
  /** Reference periods (reference.data.gov.uk) or statistical geographies (ONS GSS codes). */
  readonly kind?: 'periods' | 'geographies';
  /** For periods: the first and last in order. */
  readonly range?: readonly [string, string];
}

export interface MeasureSummary extends Labelled {
  readonly count: number;
  readonly min?: number;
  readonly max?: number;
  readonly sum?: number;
}

export interface DatasetSummary extends Labelled {
  readonly observations: number;
  readonly dimensions: readonly DimensionSummary[];
  readonly measures: readonly MeasureSummary[];
  /** Observation status markers ([c], [x], [p], …) by kind, most used first. */
  readonly markers: readonly (Labelled & { readonly notation?: string; readonly count: number })[];
  /** Stars from the folder's five-star.json, when there is one. */
  readonly stars?: number;
}

export interface Inspection {
  readonly catalogue?: Labelled & { readonly version?: string; readonly issued?: string };
  readonly datasets: readonly DatasetSummary[];
  readonly triples: number;
  readonly notes: readonly string[];
}

const PERIODS = 'http://reference.data.gov.uk/id/';
const GEOGRAPHIES = 'http://statistics.data.gov.uk/id/statistical-geography/';
/** Values listed per dimension. */
const FIRST = 5;

/**
 * What the cubes of a dump or release folder hold, read back from the RDF (as csvcubed's
 * `inspect` does): each qb:DataSet's title, dimensions with their number of codes and first
 * labels, measures with count, min, max and sum, markers by kind, the periods and
 * geographies covered; for a release, the catalogue and each dataset's stars.
 */
export async function inspect(paths: readonly string[]): Promise<Inspection | { diagnostics: Diagnostic[] }> {
  const loaded = await loadDumps(paths, '');
  if ('diagnostics' in loaded) return loaded;
  const { store } = loaded;
  const q = (sparql: string): Record<string, string>[] => store.select(sparql, { union: true });
  const stars = starsOf(paths);
  const cat = q(`SELECT ?c ?title ?version ?issued WHERE { ?c a <${NS.dcat}Catalog> . OPTIONAL { ?c <${NS.dcterms}title> ?title } OPTIONAL { ?c <${NS.dcat}version> ?version } OPTIONAL { ?c <${NS.dcterms}issued> ?issued } } LIMIT 1`)[0];
  const datasets = q(`SELECT DISTINCT ?ds WHERE { ?ds a <${NS.qb}DataSet> } ORDER BY ?ds`).map((r) => r['ds']!);
  return {
    ...(cat ? { catalogue: { iri: cat['c']!, ...(cat['title'] ? { label: cat['title'] } : {}), ...(cat['version'] ? { version: cat['version'] } : {}), ...(cat['issued'] ? { issued: cat['issued'] } : {}) } } : {}),
    datasets: datasets.map((ds) => summarise(store, ds, stars.get(ds))),
    triples: store.size,
    notes: loaded.notes,
  };
}

function summarise(store: EmbeddedStore, ds: string, stars: number | undefined): DatasetSummary {
  const q = (sparql: string): Record<string, string>[] => store.select(sparql, { union: true });
  const label = labeller(store);
  const title = q(`SELECT ?t WHERE { <${ds}> <${NS.dcterms}title>|<${NS.rdfs}label> ?t } LIMIT 1`)[0]?.['t'];
  const observations = Number(q(`SELECT (COUNT(?o) AS ?n) WHERE { ?o <${NS.qb}dataSet> <${ds}> }`)[0]?.['n'] ?? 0);
  const components = q(`SELECT ?kind ?p (MIN(?order) AS ?o) WHERE { <${ds}> <${NS.qb}structure>/<${NS.qb}component> ?c .
    { ?c <${NS.qb}dimension> ?p BIND ("dimension" AS ?kind) } UNION { ?c <${NS.qb}measure> ?p BIND ("measure" AS ?kind) }
    OPTIONAL { ?c <${NS.qb}order> ?order } } GROUP BY ?kind ?p ORDER BY ?o ?p`);
  const dimensions = components.filter((c) => c['kind'] === 'dimension').map((c): DimensionSummary => {
    const p = c['p']!;
    const codes = Number(q(`SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?o <${NS.qb}dataSet> <${ds}> ; <${p}> ?v }`)[0]?.['n'] ?? 0);
    const values = q(`SELECT DISTINCT ?v WHERE { ?o <${NS.qb}dataSet> <${ds}> ; <${p}> ?v } ORDER BY ?v LIMIT ${FIRST}`).map((r) => r['v']!);
    const kind = values.length > 0 && values.every((v) => v.startsWith(PERIODS)) ? 'periods' : values.length > 0 && values.every((v) => v.startsWith(GEOGRAPHIES)) ? 'geographies' : undefined;
    const last = kind === 'periods' ? q(`SELECT DISTINCT ?v WHERE { ?o <${NS.qb}dataSet> <${ds}> ; <${p}> ?v } ORDER BY DESC(?v) LIMIT 1`)[0]?.['v'] : undefined;
    return { ...label(p), codes, first: values.map(label), ...(kind ? { kind } : {}), ...(kind === 'periods' && last ? { range: [values[0]!, last] as const } : {}) };
  });
  const measures = components.filter((c) => c['kind'] === 'measure').map((c): MeasureSummary => {
    const p = c['p']!;
    const r = q(`SELECT (COUNT(?x) AS ?n) (MIN(?x) AS ?min) (MAX(?x) AS ?max) (SUM(?x) AS ?sum) WHERE { ?o <${NS.qb}dataSet> <${ds}> ; <${p}> ?x }`)[0] ?? {};
    const num = (k: string): { [key: string]: number } => (r[k] !== undefined && Number.isFinite(Number(r[k])) ? { [k]: Number(r[k]) } : {});
    return { ...label(p), count: Number(r['n'] ?? 0), ...num('min'), ...num('max'), ...num('sum') };
  });
  const markers = q(`SELECT ?s (COUNT(?o) AS ?n) WHERE { ?o <${NS.qb}dataSet> <${ds}> ; <${SDMX_ATTRIBUTE.obsStatus}> ?s } GROUP BY ?s ORDER BY DESC(?n) ?s`).map((r) => {
    const notation = q(`SELECT ?n WHERE { <${r['s']}> <${NS.skos}notation> ?n } LIMIT 1`)[0]?.['n'];
    return { ...label(r['s']!), ...(notation ? { notation } : {}), count: Number(r['n']) };
  });
  return { iri: ds, ...(title ? { label: title } : {}), observations, dimensions, measures, markers, ...(stars !== undefined ? { stars } : {}) };
}

/** An IRI with its English (or untagged) skos:prefLabel or rdfs:label. */
function labeller(store: EmbeddedStore): (iri: string) => Labelled {
  return (iri) => {
    const l = labelsFor(store, [iri]).get(iri);
    return l ? { iri, label: l } : { iri };
  };
}

/** Stars by dataset IRI from the five-star.json of each folder given (or holding a file given). */
function starsOf(paths: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of paths) {
    const file = join(existsSync(p) && statSync(p).isDirectory() ? p : dirname(p), 'five-star.json');
    if (!existsSync(file)) continue;
    try {
      const report = JSON.parse(readFileSync(file, 'utf8')) as { datasets?: { dataset: string; stars: number }[] };
      for (const d of report.datasets ?? []) out.set(d.dataset, d.stars);
    } catch {
      // A five-star.json that does not parse gives no stars; the cube is still described.
    }
  }
  return out;
}
