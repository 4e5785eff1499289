import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { META_NS, NS } from '../rdf/ns.js';
import { graphOf, readRelease, type ReleaseDump } from '../release/read-release.js';
import { formatByPath } from '../sinks/registry.js';
import { EmbeddedStore } from '../store/embedded.js';
import { planLoad, TRIPLE_BUDGET } from './budget.js';
import { queryForm } from './form.js';
import { resultsTable, type SparqlJson } from './table.js';
import { readableQueryError, withPrefixes } from './prologue.js';

export type ResultsFormat = 'table' | 'csv' | 'tsv' | 'json' | 'nt' | 'ttl';

export interface QueryOptions {
  /** Dump files and release folders. */
  readonly paths: readonly string[];
  /** One query, or several run on the same loaded store (outputs in the same order). */
  readonly sparql: string | readonly string[];
  readonly format: ResultsFormat;
  /** Load only these datasets (by id), with the vocabulary and metadata. */
  readonly datasets?: readonly string[];
  readonly onLoad?: (dump: ReleaseDump, index: number, of: number) => void;
}

export interface QueryOutcome {
  readonly output?: string;
  readonly outputs?: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly loaded: readonly ReleaseDump[];
  /** Datasets not loaded because the release would not fit. */
  readonly left: readonly ReleaseDump[];
  readonly triples: number;
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
  const none = { loaded: [], left: [], triples: 0 };
  const queries = typeof o.sparql === 'string' ? [o.sparql] : o.sparql;
  const forms = queries.map(queryForm);
  for (const form of forms) {
    if (!form) return { ...none, diagnostics: [diagnostic('JL601', 'the query is not a SELECT, ASK, CONSTRUCT or DESCRIBE query')] };
    const graphForm = form === 'CONSTRUCT' || form === 'DESCRIBE';
    if ((graphForm && ['csv', 'tsv', 'json'].includes(o.format)) || (!graphForm && ['nt', 'ttl'].includes(o.format))) {
      return { ...none, diagnostics: [diagnostic('JL604', `a ${form} query cannot print as ${o.format}`)] };
    }
  }
  const found = findDumps(o.paths);
  if (found.diagnostics.length) return { ...none, diagnostics: found.diagnostics };
  const unknown = (o.datasets ?? []).filter((id) => !found.dumps.some((d) => d.id === id));
  if (unknown.length) {
    return { ...none, diagnostics: [diagnostic('JL603', `no dataset ${unknown.map((u) => `'${u}'`).join(', ')} here; the datasets are: ${found.dumps.map((d) => d.id).join(', ')}`)] };
  }
  const plan = planLoad(found.dumps, queries.join('\n'), o.datasets);
  if (plan.kind === 'too-large') {
    const millions = (n: number) => `${(n / 1e6).toFixed(1)}M`;
    return { ...none, diagnostics: [diagnostic('JL602', `the release has about ${millions(plan.triples)} triples; the embedded store holds about ${millions(TRIPLE_BUDGET)} (its WebAssembly memory stops at 4 GiB), and the query does not name datasets that would fit`)] };
  }
  const store = new EmbeddedStore();
  for (const [i, d] of plan.dumps.entries()) {
    o.onLoad?.(d, i, plan.dumps.length);
    try {
      await store.loadFile(d.path, d.format, d.graph);
    } catch (err) {
      return { ...none, diagnostics: [diagnostic('JL603', `cannot load ${d.path}: ${(err as Error).message}`)] };
    }
  }
  const outputs: string[] = [];
  const prefixes = prefixesOf(plan.dumps);
  for (const [i, sparql] of queries.entries()) {
    let text: string;
    try {
      text = store.serialize(withPrefixes(sparql, prefixes), RESULTS[o.format]);
    } catch (err) {
      return { ...none, diagnostics: [diagnostic('JL601', `the query cannot be run: ${readableQueryError((err as Error).message, sparql)}`)] };
    }
    const graphForm = forms[i] === 'CONSTRUCT' || forms[i] === 'DESCRIBE';
    outputs.push(o.format === 'table' && !graphForm ? resultsTable(JSON.parse(text) as SparqlJson, prefixes) : text);
  }
  return { output: outputs[0]!, outputs, diagnostics: [], loaded: plan.dumps, left: plan.kind === 'some' ? plan.left : [], triples: store.size };
}

/** Release folders and dump files, as dumps. */
function findDumps(paths: readonly string[]): { dumps: ReleaseDump[]; diagnostics: Diagnostic[] } {
  const dumps: ReleaseDump[] = [];
  const diagnostics: Diagnostic[] = [];
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
    const id = basename(p).slice(0, basename(p).length - format.extension.length);
    dumps.push({ id, path: p, format, bytes: statSync(p).size, graph: graphOf(id, undefined) });
  }
  return { dumps, diagnostics };
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
