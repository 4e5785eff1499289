import type { Acknowledged } from './disclosure-gate.js';
import { join, resolve } from 'node:path';
import { METADATA_FILE } from '../metadata/metadata-file.js';
import { describeRelease } from '../metadata/describe.js';
import { FactsCollector } from '../metadata/facts.js';
import { hashFile } from '../metadata/hash.js';
import type { DatasetRecord, FileRecord, ReleaseInfo } from '../metadata/model.js';
import type { MappingModel } from '../mapping/model.js';
import { catalogGraph, VOCABULARY_GRAPH } from '../rdf/graphs.js';
import { JUSTICE, META_NS, NS } from '../rdf/ns.js';
import type { ConvertSummary } from '../run/summary.js';
import { writeFileAtomic } from '../sinks/atomic.js';
import { formatByName, type OutputFormat } from '../sinks/registry.js';
import { vocabularyQuads } from '../validate/vocab-graph.js';
import { groupBySubject, serializeQuads } from '../sinks/text.js';
import { FileSink } from '../sinks/sink.js';
import { recordedTime } from '../metadata/clock.js';

/** Where the vocabulary's own terms and code lists live (its void:uriSpace). */
const VOCABULARY_SPACE = 'https://w3id.org/justice-lod/def/';

export const VOCABULARY_ID = 'justice-vocabulary';

/** One converted dataset, as the bundle needs it. */
export interface ConvertedDataset {
  readonly model: MappingModel;
  readonly summary: ConvertSummary;
  /** What changed since the previous release, when there is one. */
  readonly versionNotes?: string;
  /** Disclosure findings the release file acknowledged, with its reasons. */
  readonly acknowledged?: readonly Acknowledged[];
}

export interface Bundle {
  readonly datasets: readonly DatasetRecord[];
  readonly metadata: readonly FileRecord[];
}

/**
 * Completes a release folder: the vocabulary and code lists as a dataset of their own (so
 * every IRI of ours that the data uses is described in the bundle), then metadata.ttl and
 * metadata.jsonld describing every dump with its size and checksum.
 */
export async function writeBundle(outDir: string, release: ReleaseInfo, formats: readonly OutputFormat[], converted: readonly ConvertedDataset[], vocabularyNotes?: string): Promise<Bundle> {
  const datasets: DatasetRecord[] = [];
  for (const c of converted) datasets.push(await datasetRecord(c));
  const vocabulary = await writeVocabulary(outDir, release, formats);
  datasets.push(vocabularyNotes === undefined ? vocabulary : { ...vocabulary, versionNotes: vocabularyNotes });
  const quads = describeRelease(release, datasets);
  const prefixes = new Map<string, string>([...Object.entries(NS), ...Object.entries(META_NS)]);
  const opts = { prefixes, graph: catalogGraph(release.catalog) };
  const metadata = [
    await writeFileAtomic(join(outDir, METADATA_FILE), serializeQuads(quads, formatByName('ttl')!.format, opts)),
    await writeFileAtomic(join(outDir, 'metadata.jsonld'), serializeQuads(quads, formatByName('jsonld')!.format, opts)),
  ];
  return { datasets, metadata };
}

async function datasetRecord({ model, summary, versionNotes, acknowledged }: ConvertedDataset): Promise<DatasetRecord> {
  const source = await hashFile(summary.csv);
  const mapping = await hashFile(resolve(summary.mapping));
  const title = model.title ?? model.id;
  return {
    id: model.id,
    iri: model.dataset,
    title,
    description: model.description ?? `${title}: Ministry of Justice statistics as an RDF Data Cube.`,
    keywords: model.publication.keywords,
    ...(model.publication.frequency ? { frequency: model.publication.frequency } : {}),
    ...(model.publication.landingPage ? { landingPage: model.publication.landingPage } : {}),
    structure: `${model.dataset}/structure`,
    uriSpace: model.base,
    vocabularies: [NS.qb.slice(0, -1), NS['sdmx-dimension'].slice(0, -1), NS['sdmx-attribute'].slice(0, -1), JUSTICE.vocabulary],
    facts: summary.facts!,
    dumps: summary.outputs.map((o) => ({ path: o.path, bytes: o.bytes, sha256: o.sha256, format: formatByName(o.format)! })),
    ...(summary.tables?.length ? { tables: summary.tables.map((o) => ({ path: o.path, bytes: o.bytes, sha256: o.sha256, role: o.format === 'csvw' ? 'csvw' as const : 'csv' as const })) } : {}),
    source: { ...source, ...(model.publication.sourceUrl ? { url: model.publication.sourceUrl } : {}) },
    mapping,
    started: summary.started,
    ended: summary.ended ?? recordedTime(),
    ...(versionNotes !== undefined ? { versionNotes } : {}),
    ...(acknowledged ? { acknowledged } : {}),
    ...(summary.disclosure?.applied ? { suppressed: summary.disclosure.applied } : {}),
  };
}

async function writeVocabulary(outDir: string, release: ReleaseInfo, formats: readonly OutputFormat[]): Promise<DatasetRecord> {
  const started = recordedTime();
  const quads = groupBySubject(vocabularyQuads({ external: true }));
  const graph = VOCABULARY_GRAPH;
  const prefixes = new Map<string, string>(Object.entries(NS));
  const facts = new FactsCollector(VOCABULARY_SPACE);
  const dumps = [];
  for (const f of formats) {
    const sink = await FileSink.open(join(outDir, `${VOCABULARY_ID}${f.extension}`), f, { prefixes, graph });
    for (const q of quads) sink.add(q.subject, q.predicate, q.object);
    await sink.commit();
    dumps.push({ ...sink.facts!, format: f });
  }
  for (const q of quads) facts.add(q.subject, q.predicate, q.object);
  return {
    id: VOCABULARY_ID,
    iri: `${release.catalog}/${VOCABULARY_ID}`,
    title: 'Justice vocabulary and code lists',
    description: 'The justice-lod vocabulary (classes, dimensions, measures, attributes) and its SKOS code lists, used by every dataset of the release.',
    keywords: ['vocabulary', 'code lists', 'criminal justice'],
    uriSpace: VOCABULARY_SPACE,
    vocabularies: [NS.skos.slice(0, -1), NS.qb.slice(0, -1)],
    facts: facts.facts(),
    dumps,
    started,
    ended: recordedTime(),
  };
}
