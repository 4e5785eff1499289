import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { unreadable } from '../validate/unreadable.js';
import { META_NS, NS } from '../rdf/ns.js';
import { dumpOfFile, readRelease, type ReleaseDump } from '../release/read-release.js';
import { formatByName, formatByPath } from '../sinks/registry.js';
import { VOCABULARY_ID } from '../release/bundle.js';
import { VOCABULARY_GRAPH } from '../rdf/graphs.js';
import { VOCAB_DIR } from '../validate/vocab-graph.js';
import { whyNoRows } from './explain.js';
import { labelsFor } from './labels.js';
import { during } from '../run/activity.js';
import { EmbeddedStore } from '../store/embedded.js';
import { planLoad, TRIPLE_BUDGET, type LoadPlan } from './budget.js';
import { queryForm } from './form.js';
import { resultsTable, type SparqlJson } from './table.js';
import { readableQueryError, withPrefixes } from './prologue.js';
import { grouped } from '../diagnostics/numbers.js';

export type ResultsFormat = 'table' | 'csv' | 'tsv' | 'json' | 'nt' | 'ttl';

export interface QueryOptions {
  /** Dump files and release folders. */
  readonly paths: readonly string[];
  /** One query, or several run on the same loaded store (outputs in the same order). */
  readonly sparql: string | readonly string[];
  readonly format: ResultsFormat;
  /** Load only these datasets (by id), with the vocabulary and metadata. */
  readonly datasets?: readonly string[];
  /** Table output: cut nothing. */
  readonly wide?: boolean;
  /** Table output: show labels beside IRIs (default on). */
  readonly labels?: boolean;
}

export interface QueryOutcome {
  readonly output?: string;
  readonly outputs?: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly loaded: readonly ReleaseDump[];
  /** Datasets not loaded because the release would not fit. */
  readonly left: readonly ReleaseDump[];
  readonly triples: number;
  /** Things worth knowing about the answer, for stderr: what was not loaded, why no rows. */
  readonly notes: readonly string[];
}

const RESULTS: Readonly<Record<ResultsFormat, string>> = {
  table: 'application/sparql-results+json', json: 'application/sparql-results+json', csv: 'text/csv', tsv: 'text/tab-separated-values',
  nt: 'application/n-triples', ttl: 'text/turtle',
};

/**
 * `query`: finds the dumps, checks the release fits the embedded store (or loads only the
 * datasets the query needs), loads them, each dataset in its graph, and runs the query with
 * the union of all graphs as the default graph.
 */
export async function runQuery(o: QueryOptions): Promise<QueryOutcome> {
  const none = { loaded: [], left: [], triples: 0, notes: [] };
  const queries = typeof o.sparql === 'string' ? [o.sparql] : o.sparql;
  const forms = queries.map(queryForm);
  for (const form of forms) {
    if (!form) return { ...none, diagnostics: [diagnostic('JL601', 'the query is not a SELECT, ASK, CONSTRUCT or DESCRIBE query')] };
    const graphForm = form === 'CONSTRUCT' || form === 'DESCRIBE';
    if ((graphForm && ['csv', 'tsv', 'json'].includes(o.format)) || (!graphForm && ['nt', 'ttl'].includes(o.format))) {
      return { ...none, diagnostics: [diagnostic('JL604', `a ${form} query cannot print as ${o.format}`)] };
    }
  }
  const loaded = await loadDumps(o.paths, queries.join('\n'), o.datasets);
  if ('diagnostics' in loaded) return { ...none, diagnostics: loaded.diagnostics };
  const { store, plan, prefixes } = loaded;
  const notes = [...loaded.notes];
  const outputs: string[] = [];
  for (const [i, sparql] of queries.entries()) {
    let text: string;
    try {
      text = store.serialize(withPrefixes(sparql, prefixes), RESULTS[o.format]);
    } catch (err) {
      return { ...none, diagnostics: [diagnostic('JL601', `the query cannot be run: ${readableQueryError((err as Error).message, sparql)}`)] };
    }
    const graphForm = forms[i] === 'CONSTRUCT' || forms[i] === 'DESCRIBE';
    if (forms[i] === 'SELECT' && noRows(text, o.format)) {
      notes.push(`0 rows from ${grouped(store.size)} triples (${plan.dumps.map((d) => d.id).join(', ')})`, ...whyNoRows(sparql, prefixes, store));
    }
    if (o.format !== 'table' || graphForm) {
      outputs.push(text);
      continue;
    }
    const results = JSON.parse(text) as SparqlJson;
    outputs.push(resultsTable(results, prefixes, { wide: o.wide ?? false, ...(o.labels === false ? {} : { labels: labelsOf(results, store) }) }));
  }
  return { output: outputs[0]!, outputs, diagnostics: [], loaded: plan.dumps, left: plan.kind === 'some' ? plan.left : [], triples: store.size, notes };
}

export interface LoadedDumps {
  readonly store: EmbeddedStore;
  readonly plan: Exclude<LoadPlan, { kind: 'too-large' }>;
  /** The standard prefixes and those the dumps declare. */
  readonly prefixes: Map<string, string>;
  readonly notes: readonly string[];
}

/**
 * Finds the dumps of release folders and files (a file brings its folder's vocabulary and
 * metadata), plans what fits the embedded store (the datasets named, or those `sparql`
 * mentions, when not all fit) and loads them, each dataset in its graph.
 */
export async function loadDumps(paths: readonly string[], sparql: string, datasets?: readonly string[]): Promise<LoadedDumps | { diagnostics: Diagnostic[] }> {
  const found = findDumps(paths);
  if (found.diagnostics.length) return { diagnostics: found.diagnostics };
  const unknown = (datasets ?? []).filter((id) => !found.dumps.some((d) => d.id === id));
  if (unknown.length) {
    return { diagnostics: [diagnostic('JL603', `no dataset ${unknown.map((u) => `'${u}'`).join(', ')} here; the datasets are: ${found.dumps.map((d) => d.id).join(', ')}`)] };
  }
  const plan = planLoad(found.dumps, sparql, datasets);
  if (plan.kind === 'too-large') {
    const millions = (n: number) => `${(n / 1e6).toFixed(1)}M`;
    return { diagnostics: [diagnostic('JL602', `the release has about ${millions(plan.triples)} triples; the embedded store holds about ${millions(TRIPLE_BUDGET)} (its WebAssembly memory stops at 4 GiB), and the query does not name datasets that would fit`)] };
  }
  const store = new EmbeddedStore();
  for (const [i, d] of plan.dumps.entries()) {
    try {
      // The store says nothing as it loads: the phase shows its name and time, not a bar stuck at 0%.
      await during(`loading ${d.id} (${i + 1} of ${plan.dumps.length})`, () => store.loadFile(d.path, d.format, d.graph));
    } catch (err) {
      const { code, message } = unreadable(d.path, err);
      return { diagnostics: [diagnostic(code, message)] };
    }
  }
  return { store, plan, prefixes: prefixesOf(plan.dumps), notes: found.notes };
}

/** Whether a SELECT's results hold no row (JSON, CSV and TSV have a header line only). */
function noRows(text: string, format: ResultsFormat): boolean {
  if (format === 'table' || format === 'json') return ((JSON.parse(text) as SparqlJson).results?.bindings.length ?? 0) === 0;
  return text.trim().split(/\r?\n/).length <= 1;
}

/** Labels the data gives the IRIs of the results (English or untagged; the first in order). */
function labelsOf(results: SparqlJson, store: EmbeddedStore): Map<string, string> {
  const iris = new Set<string>();
  for (const b of results.results?.bindings ?? []) for (const t of Object.values(b)) if (t.type === 'uri' && iris.size < LABEL_LOOKUPS) iris.add(t.value);
  return labelsFor(store, iris);
}

/** IRIs looked up for labels, at most (a table of thousands of rows is for a file, not a screen). */
const LABEL_LOOKUPS = 5_000;

/**
 * Release folders and dump files, as dumps. A dump given on its own brings the vocabulary and
 * the metadata of its folder (the labels and the catalogue its questions need), or the
 * shipped vocabulary, with a note of what is missing.
 */
function findDumps(paths: readonly string[]): { dumps: ReleaseDump[]; diagnostics: Diagnostic[]; notes: string[] } {
  const dumps: ReleaseDump[] = [];
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const companions = new Map<string, ReleaseDump>();
  for (const p of paths) {
    if (!existsSync(p)) {
      diagnostics.push(diagnostic('JL603', `${p}: no such file or folder`));
      continue;
    }
    if (statSync(p).isDirectory()) {
      const inDir = readRelease(p);
      if (inDir.length === 0) diagnostics.push(diagnostic('JL603', `${p}: no RDF dumps in this folder`));
      dumps.push(...inDir);
      continue;
    }
    const format = formatByPath(p);
    if (!format) {
      diagnostics.push(diagnostic('JL603', `${p}: not an RDF dump (.nt .ttl .nq .trig .jsonld, optionally .gz)`));
      continue;
    }
    if (!statSync(p).isFile()) {
      diagnostics.push(diagnostic('JL603', `${p}: not a regular file (a pipe or a device), which would block the read`));
      continue;
    }
    const folder = readRelease(dirname(p));
    const own = dumpOfFile(p, format, folder);
    dumps.push(own);
    const vocabulary = folder.find((d) => d.id === VOCABULARY_ID);
    const metadata = folder.find((d) => d.id === 'metadata');
    for (const d of [vocabulary, metadata]) if (d) companions.set(resolve(d.path), d);
    if (!vocabulary && own.id !== VOCABULARY_ID) {
      for (const d of shippedVocabulary()) companions.set(d.path, d);
      notes.push(`no ${VOCABULARY_ID} dump beside ${p}: the vocabulary shipped with justice-lod is loaded for its labels and code lists`);
    }
    if (!metadata) notes.push(`no metadata.ttl beside ${p}: the catalogue (titles, licences, distributions) is not loaded, so questions about it find nothing`);
  }
  const given = new Set(dumps.map((d) => resolve(d.path)));
  for (const [path, d] of companions) if (!given.has(path)) dumps.push(d);
  return { dumps, diagnostics, notes: [...new Set(notes)] };
}

/** vocab/*.ttl of this package, as dumps in the vocabulary's graph. */
function shippedVocabulary(): ReleaseDump[] {
  const ttl = formatByName('ttl')!;
  return readdirSync(VOCAB_DIR).filter((f) => f.endsWith('.ttl')).sort().map((f) => {
    const path = join(VOCAB_DIR, f);
    return { id: `${VOCABULARY_ID} (shipped: ${f})`, path, format: ttl, bytes: statSync(path).size, graph: VOCABULARY_GRAPH };
  });
}

/** Prefixes for the table: the standard ones, and those declared by Turtle dumps beside the data. */
function prefixesOf(dumps: readonly ReleaseDump[]): Map<string, string> {
  const prefixes = new Map<string, string>([...Object.entries(NS), ...Object.entries(META_NS)]);
  const dirs = new Set(dumps.map((d) => dirname(d.path)));
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ttl'))) {
      for (const m of head(join(dir, f)).matchAll(/^@prefix ([\w-]*): <([^>]+)> \.$/gm)) if (!prefixes.has(m[1]!)) prefixes.set(m[1]!, m[2]!);
    }
  }
  return prefixes;
}

function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16 << 10);
    return buffer.subarray(0, readSync(fd, buffer)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
