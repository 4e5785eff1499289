import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadMetadata, METADATA_FILE } from '../metadata/metadata-file.js';
import { catalogGraph, datasetGraph, VOCABULARY_GRAPH } from '../rdf/graphs.js';
import { NS } from '../rdf/ns.js';
import { formatByPath, type OutputFormat } from '../sinks/registry.js';
import { VOCABULARY_ID } from './bundle.js';

/** One dataset's dump in a release folder, as `query` and `publish` read it. */
export interface ReleaseDump {
  readonly id: string;
  /** The dataset IRI, when the release's metadata names it. */
  readonly dataset?: string;
  /** The named graph the dataset lives in (as in its N-Quads and TriG dumps). */
  readonly graph: string;
  readonly path: string;
  readonly format: OutputFormat;
  /** void:triples from the metadata, or undefined when not described. */
  readonly triples?: number;
  readonly bytes: number;
}

const DCAT = NS.dcat;
const VOID = NS.void;
/** The format read when a dataset has several: plain line formats load fastest. */
const PREFERENCE = ['nt', 'nq', 'ttl', 'trig', 'nt.gz', 'nq.gz', 'ttl.gz', 'trig.gz', 'jsonld', 'jsonld.gz'];

/** The graph a dataset's quads go in, as its N-Quads dump names it (rdf/graphs.ts). */
export function graphOf(id: string, uriSpace: string | undefined, catalog?: string): string {
  if (id === VOCABULARY_ID) return VOCABULARY_GRAPH;
  if (id === 'metadata' && catalog) return catalogGraph(catalog);
  return datasetGraph(uriSpace ?? 'urn:justice-lod:', id);
}

/**
 * The dumps of a release folder, one per dataset: from metadata.ttl when present (dataset
 * IRIs, void:triples, graphs), otherwise every RDF file by name. metadata.ttl itself is one,
 * in the catalogue's graph.
 */
export function readRelease(dir: string): ReleaseDump[] {
  const files = readdirSync(dir).filter((f) => formatByPath(f) && !/^five-star|\.json$/.test(f) && !f.startsWith('metadata.') && !f.startsWith('.'));
  const byId = new Map<string, string[]>();
  for (const f of files) {
    const format = formatByPath(f)!;
    const id = f.slice(0, f.length - format.extension.length);
    byId.set(id, [...(byId.get(id) ?? []), f]);
  }
  const described = describedDatasets(dir);
  const out: ReleaseDump[] = [];
  for (const [id, names] of [...byId].sort(([a], [b]) => a.localeCompare(b))) {
    const name = [...names].sort((a, b) => rank(a) - rank(b))[0]!;
    const meta = described.datasets.get(id);
    const path = join(dir, name);
    out.push({
      id, path, format: formatByPath(name)!, bytes: statSync(path).size,
      graph: graphOf(id, meta?.uriSpace, described.catalog),
      ...(meta ? { dataset: meta.iri, triples: meta.triples } : {}),
    });
  }
  const metadata = join(dir, METADATA_FILE);
  if (existsSync(metadata) && described.catalog) {
    out.push({ id: 'metadata', path: metadata, format: formatByPath(metadata)!, bytes: statSync(metadata).size, graph: graphOf('metadata', undefined, described.catalog), dataset: described.catalog });
  }
  return out;
}

/** A release folder's dumps without the catalogue's metadata: each data set's, and the vocabulary's. */
export function datasetDumps(dir: string): ReleaseDump[] {
  return readRelease(dir).filter((d) => d.id !== 'metadata');
}

/**
 * A dump file given on its own (its format known by its name): its entry in the release folder
 * it lies in (`folder`, when the caller has read it), which knows its data set and graph;
 * else one made from its name.
 */
export function dumpOfFile(path: string, format: OutputFormat, folder = readRelease(dirname(path))): ReleaseDump {
  const id = basename(path).slice(0, basename(path).length - format.extension.length);
  return folder.find((d) => resolve(d.path) === resolve(path)) ?? { id, path, format, bytes: statSync(path).size, graph: graphOf(id, undefined) };
}

const rank = (name: string): number => {
  const i = PREFERENCE.indexOf(formatByPath(name)!.name);
  return i < 0 ? PREFERENCE.length : i;
};

interface Described {
  readonly iri: string;
  readonly triples?: number;
  readonly uriSpace?: string;
}

/** Datasets described in metadata.ttl, by the file-name stem of their dumps. */
function describedDatasets(dir: string): { datasets: Map<string, Described>; catalog?: string } {
  const datasets = new Map<string, Described>();
  if (!existsSync(join(dir, METADATA_FILE))) return { datasets };
  const meta = loadMetadata(dir);
  const one = (s: string, p: string) => meta.objects(s, p)[0]?.value;
  const catalog = meta.subjects(`${NS.rdf}type`, `${DCAT}Catalog`)[0]?.value;
  for (const { value: iri } of meta.subjects(`${NS.rdf}type`, `${DCAT}Dataset`)) {
    const triples = Number(one(iri, `${VOID}triples`));
    const uriSpace = one(iri, `${VOID}uriSpace`);
    for (const { value: url } of meta.objects(iri, `${VOID}dataDump`)) {
      const format = formatByPath(url);
      if (!format) continue;
      const file = basename(new URL(url).pathname);
      datasets.set(file.slice(0, file.length - format.extension.length), { iri, ...(Number.isFinite(triples) ? { triples } : {}), ...(uriSpace ? { uriSpace } : {}) });
    }
  }
  return { datasets, ...(catalog ? { catalog } : {}) };
}

/** Who a release folder says it is: its catalogue IRI, version and release date (metadata.ttl). */
export interface ReleaseIdentity {
  readonly dir: string;
  readonly catalog?: string;
  readonly version?: string;
  readonly issued?: string;
}

export function releaseIdentity(dir: string): ReleaseIdentity {
  if (!existsSync(join(dir, METADATA_FILE))) return { dir };
  const meta = loadMetadata(dir);
  const catalog = meta.subjects(`${NS.rdf}type`, `${DCAT}Catalog`)[0]?.value;
  if (!catalog) return { dir };
  const version = meta.objects(catalog, `${DCAT}version`)[0]?.value;
  const issued = meta.objects(catalog, `${NS.dcterms}issued`)[0]?.value;
  return { dir, catalog, ...(version ? { version } : {}), ...(issued ? { issued } : {}) };
}
