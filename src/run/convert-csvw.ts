/**
 * A CSVW table group the canonical model cannot express (standard mode, several tables, lists,
 * blank-node rows…), converted by the in-memory processor (src/csvw/process.ts) and written
 * through the same atomic file sinks, VoID facts and summary as a mapping's run. The whole
 * group is held in memory: fine for tables of thousands of rows; large cube-shaped tables
 * take the streaming path (src/csvw/compile.ts) instead.
 */
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory, type BlankNode, type Quad } from 'n3';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Severity } from '../diagnostics/codes.js';
import { shellModel } from '../csvw/compile.js';
import { runInMemory, type LoadedCsvw } from '../csvw/load.js';
import { FactsCollector } from '../metadata/facts.js';
import { FileSink } from '../sinks/sink.js';
import type { OutputFormat } from '../sinks/registry.js';
import { OutputError, outOfSpace } from '../sinks/io-error.js';
import type { ConvertResult } from './convert.js';
import { emptySummary } from './summary.js';
import { recordedTime } from '../metadata/clock.js';

const { blankNode } = DataFactory;

export interface InMemoryOptions {
  /** The argument as given (the metadata document or CSV file). */
  readonly mapping: string;
  readonly loaded: LoadedCsvw & { readonly inMemory: NonNullable<LoadedCsvw['inMemory']> };
  readonly outDir?: string;
  readonly outFile?: string;
  readonly formats: readonly OutputFormat[];
  readonly failOn?: Severity | 'none';
  readonly facts?: boolean;
  /** `--format csvw` was asked for: not written from here (the graph has blank nodes), and said so. */
  readonly csvw?: boolean;
}

export async function convertCsvwInMemory(opts: InMemoryOptions): Promise<ConvertResult> {
  const started = Date.now();
  const { run, group, file } = opts.loaded.inMemory;
  const sources = opts.loaded.sources;
  const model = shellModel(group, undefined, { file, minimal: run.minimal ?? false });
  const tables = group.tables.filter((t) => !t.suppressOutput && t.url.startsWith('file:'));
  const summary = emptySummary(opts.mapping, tables.map((t) => fileURLToPath(t.url)).join(', ') || opts.mapping);
  summary.csvw = true;
  const result = await runInMemory(opts.loaded.inMemory, 'converted');
  const kept: Diagnostic[] = [...result.diagnostics];
  if (opts.csvw) kept.push(diagnostic('JL907', '--format csvw is not written for a table group converted in memory; the other formats are', { severity: 'info' }));
  for (const d of kept) summary.diagnosticsBySeverity[d.severity]++;
  if (result.configuration) return { status: 'config-error', model, diagnostics: kept, sources };
  summary.records.header = tables.reduce((n, t) => n + (t.dialect.header ? t.dialect.headerRowCount : 0), 0);
  summary.records.converted = result.rows;
  const quads = bySubject(result.quads);
  const subjects = new Set(quads.map((q) => q.subject.value));
  summary.subjects = subjects.size;
  summary.triples = quads.length;

  const failOn = opts.failOn ?? 'error';
  const counts = summary.diagnosticsBySeverity;
  const failed = failOn !== 'none' && (counts.error > 0 || (failOn === 'warning' && counts.warning > 0));
  const done = (status: ConvertResult['status']): ConvertResult => {
    summary.ended = recordedTime();
    summary.durationMs = Date.now() - started;
    return { status, model, summary, diagnostics: kept, sources };
  };
  if (failed) {
    kept.push(diagnostic('JL404', `no output written: the run has ${counts.error} errors and ${counts.warning} warnings (--fail-on ${failOn})`));
    return done('failed');
  }
  const serializer = { prefixes: model.prefixes, graph: model.graph };
  const dir = opts.outDir ?? 'out';
  const files = opts.outFile
    ? [await FileSink.open(opts.outFile, opts.formats[0]!, serializer)]
    : await Promise.all(opts.formats.map((f) => FileSink.open(join(dir, `${basename(model.id)}${f.extension}`), f, serializer)));
  const facts = new FactsCollector(model.base);
  try {
    for (const q of quads) {
      for (const f of files) f.add(q.subject, q.predicate, q.object);
      if (opts.facts !== false) facts.add(q.subject, q.predicate, q.object);
      if (files.some((f) => f.full)) for (const f of files) await f.flush();
    }
    for (const f of files) await f.commit();
  } catch (err) {
    await Promise.all(files.map((f) => f.abort()));
    kept.push(diagnostic('JL402', err instanceof OutputError ? err.message : `cannot write output: ${(err as Error).message}`));
    return done(outOfSpace(err) ? 'failed' : 'io-error');
  }
  summary.written = true;
  if (opts.facts !== false) summary.facts = facts.facts();
  summary.outputs = files.map((f) => ({ path: f.path, format: f.format.name, bytes: f.facts!.bytes, sha256: f.facts!.sha256 }));
  return done('ok');
}

/**
 * The triples grouped by subject, subjects in the order they first appear (Turtle and JSON-LD
 * write each once), blank nodes relabelled `b1`, `b2`… in that order, so a rerun writes the
 * same bytes whatever labels the processor drew.
 */
function bySubject(quads: readonly Quad[]): Quad[] {
  const labels = new Map<string, BlankNode>();
  const relabel = <T extends Quad['subject'] | Quad['object']>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    let b = labels.get(t.value);
    if (!b) labels.set(t.value, (b = blankNode(`b${labels.size + 1}`)));
    return b as T;
  };
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const s = relabel(q.subject);
    const key = `${s.termType}:${s.value}`;
    const r = DataFactory.quad(s, q.predicate, relabel(q.object));
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].flat();
}
