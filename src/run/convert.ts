import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { compilePlan, type RowStats } from '../compile/plan.js';
import { readCsvBatches, csvSize, type CsvProgress } from '../csv/read.js';
import { DiagnosedError, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Severity } from '../diagnostics/codes.js';
import { loadMapping, type LoadedMapping } from '../mapping/load.js';
import type { MappingModel } from '../mapping/model.js';
import { FactsCollector } from '../metadata/facts.js';
import type { FileSink } from '../sinks/sink.js';
import { dropSpareChunks } from '../sinks/text-out.js';
import type { OutputFormat } from '../sinks/registry.js';
import { emptySummary, type ConvertSummary } from './summary.js';
import { RunValidation } from './validation.js';
import { RowRunner, type ObservationHook, type TripleTarget } from './row-runner.js';
import type { Aggregator } from './aggregate.js';
import { RowKeys } from './row-keys.js';
import { during } from './activity.js';
import { OutputError, outOfSpace } from '../sinks/io-error.js';
import { TooManyCodes } from '../compile/generated.js';
import type { SuppressionCost } from '../disclosure/suggest.js';
import { recordedTime } from '../metadata/clock.js';

export type { ObservationHook, Triple, TripleTarget } from './row-runner.js';

export interface ConvertOptions {
  readonly mapping: string;
  /** The mapping as `check` already loaded it, so it is not read and compiled twice. */
  readonly loaded?: LoadedMapping;
  readonly input?: string;
  readonly outDir?: string;
  readonly formats?: readonly OutputFormat[];
  /** Also write the dataset as a CSVW table group (`--format csvw`) in outDir. */
  readonly csvw?: boolean;
  /** Write to this one file instead of {outDir}/{id}{extension} (one format only). */
  readonly outFile?: string;
  /** Custom targets instead of files (preview, tests), made once the mapping is loaded. */
  readonly createTargets?: (model: MappingModel) => readonly TripleTarget[];
  readonly failOn?: Severity | 'none';
  readonly maxErrors?: number;
  readonly limitRows?: number;
  readonly progress?: CsvProgress & { rows: number };
  /** Streaming observation checks and structural integrity constraints (default on). */
  readonly validate?: boolean;
  /** Observations up to which the whole graph is validated too (tests lower it). */
  readonly wholeGraphLimit?: number;
  /** Distinct observation keys kept in memory before the IC-12/IC-17 index spills to disk (tests lower it). */
  readonly keyLimit?: number;
  /** Groups of rows that combine (`duplicates:`) kept in memory before they spill to disk (tests lower it). */
  readonly groupLimit?: number;
  /** Distinct labels a generated code list may hold before the run stops (default 10,000). */
  readonly maxCodes?: number;
  /** Count the VoID facts the metadata needs (default on; off when no metadata is written). */
  readonly facts?: boolean;
  /** Worker threads converting parts of the CSV (large plain files; one process otherwise). */
  readonly workers?: number;
  /** Made once the mapping is loaded; sees every observation before it is written. */
  readonly hook?: (model: MappingModel) => ObservationHook | undefined | Promise<ObservationHook | undefined>;
  /** Forces the hash that sorts row keys into spill files (tests: a constant forces collisions). */
  readonly keyHash?: (key: string) => number;
  /**
   * Disclosure control: suggest cells to suppress, minimising `cost`; with `apply`, the CSV is
   * converted again with those cells read as [c] (the file itself is not changed).
   */
  readonly suppression?: { readonly cost: SuppressionCost; readonly apply: boolean };
}

/** Cells read as [c] in a second pass (--apply-suppression): CSV line → column names. */
type Suppress = ReadonlyMap<number, ReadonlySet<string>>;

/** A first pass that found rows repeating a key only after writing them: run again rejecting them. */
interface Rerun {
  readonly rerun: true;
  /** Later line → first line of the same key; undefined: run again in one process to find them. */
  readonly repeats?: ReadonlyMap<number, number>;
  /** Cells to read as [c] in the next pass, and the people they hold. */
  readonly suppress?: { readonly cells: Suppress; readonly people: number; readonly count: number };
}

export type ConvertStatus = 'ok' | 'failed' | 'config-error' | 'io-error';

export interface ConvertResult {
  readonly status: ConvertStatus;
  readonly summary?: ConvertSummary;
  readonly model?: MappingModel;
  /** Diagnostics kept for the report (all mapping ones; row ones up to --max-errors). */
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

/**
 * mapping → model → plan; CSV → rows → triples → targets. Streams end to end; rows are
 * atomic; every record is counted. Outputs are committed only when the run passes --fail-on.
 * A row that repeats an earlier row's dimension key is rejected (IC-12) before it writes
 * anything; when that is only known at the end (a large file whose keys spilled to disk, or
 * two workers' parts), nothing is committed and the file is converted again without them.
 */
export async function convert(opts: ConvertOptions): Promise<ConvertResult> {
  const started = Date.now();
  let suppress: Rerun['suppress'];
  for (;;) {
    let pass = await convertPass(opts, started, undefined, suppress);
    if ('rerun' in pass && !pass.repeats && !pass.suppress) pass = await convertPass({ ...opts, workers: 1 }, started, undefined, suppress);
    if ('rerun' in pass && !pass.suppress) pass = await convertPass({ ...opts, workers: 1 }, started, pass.repeats ?? new Map(), suppress);
    // The disclosure checks chose cells to suppress: once more, with them read as [c].
    if ('rerun' in pass && pass.suppress && !suppress) {
      suppress = pass.suppress;
      continue;
    }
    if ('rerun' in pass) throw new Error('a second pass found rows with one key that the first did not');
    return pass;
  }
}

async function convertPass(opts: ConvertOptions, started: number, repeats: ReadonlyMap<number, number> | undefined, suppress: Rerun['suppress']): Promise<ConvertResult | Rerun> {
  const loaded = opts.loaded ?? (await loadMapping(opts.mapping));
  const sources = loaded.sources;
  const kept: Diagnostic[] = [...loaded.diagnostics];
  if (!loaded.model || loaded.diagnostics.some((d) => d.severity === 'error')) return { status: 'config-error', diagnostics: kept, sources };
  const model = loaded.model;
  const csv = opts.input ?? model.source.path;
  try {
    const s = await stat(csv);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    kept.push(diagnostic('JL114', `cannot read CSV ${csv}: ${reason}`, { span: model.source.span }));
    return { status: 'config-error', model, diagnostics: kept, sources };
  }

  const summary = emptySummary(opts.mapping, csv);
  summary.linkset = model.linkset;
  if (model.csvw) summary.csvw = true;
  const failOn = opts.failOn ?? 'error';
  const maxErrors = opts.maxErrors ?? 1000;
  let repeatsFound = false;
  // Errors and the rest are kept within budgets of their own: a flood of warnings never
  // crowds out the error that says why a row was rejected.
  const keptBySeverity = { error: 0, other: 0 };
  const report = (d: Diagnostic): void => {
    summary.diagnosticsBySeverity[d.severity]++;
    if (d.code === 'JL503' || d.code === 'JL908') repeatsFound = true;
    const kind = d.severity === 'error' ? 'error' : 'other';
    if (keptBySeverity[kind] < maxErrors + 100) {
      keptBySeverity[kind]++;
      kept.push(d);
    }
  };

  const progress = opts.progress ?? { bytesRead: 0, totalBytes: 0, rows: 0 };
  // A second pass starts its counts again.
  Object.assign(progress, { totalBytes: await csvSize(csv), bytesRead: 0, rows: 0 });
  let targets: readonly TripleTarget[] = [];
  /** The dumps among the targets. */
  let files: readonly FileSink[] = [];
  /** The CSVW table group among the targets (`--format csvw`). */
  let tables: import('../sinks/csvw.js').CsvwSink | undefined;
  let facts = new FactsCollector(model.base);
  const stats: RowStats = { subjects: 0, triples: 0, markers: summary.markers, omitted: summary.omitted };
  let plan: ReturnType<typeof compilePlan>['plan'];
  let validation: RunValidation | undefined;
  let header: readonly string[] = [];
  /** The line of the data row being converted, for errors thrown from inside a row. */
  let line = 0;
  let hook: ObservationHook | undefined;
  let runner: RowRunner | undefined;
  let aggregator: Aggregator | undefined;
  let keys: RowKeys | undefined;
  /** A CSVW table's comment lines read before its header (the plan takes them once compiled). */
  const comments: string[] = [];
  /** --apply-suppression's second pass: CSV line → the indexes of the cells read as [c]. */
  let hidden: Map<number, Set<number>> | undefined;

  let parallel = false;
  // Workers find repeated keys through the checks' key tables, so without checks one process converts.
  // Disclosure control needs the whole table in one place: one process.
  if ((opts.workers ?? 1) > 1 && !opts.hook && !opts.createTargets && opts.limitRows === undefined && opts.validate !== false && !model.disclosure && !model.csvw && !opts.csvw) {
    try {
      // Loaded on use, as are the aggregator and the file sinks: `check` and `preview` start sooner.
      const { convertInParallel } = await import('./parallel.js');
      const par = await convertInParallel({
        model, mapping: opts.mapping, csv, size: progress.totalBytes, workers: opts.workers!, validate: !model.linkset,
        formats: (opts.formats ?? []).map((f) => f.name), facts: opts.facts !== false, progress, openFiles: async () => (files = await openFiles(model, opts)),
      });
      if (par !== 'fallback') {
        parallel = true;
        ({ plan, header, targets, facts } = par);
        validation = par.validation;
        summary.encoding = par.encoding;
        kept.push(...par.planDiagnostics);
        for (const d of par.diagnostics) report(d);
        par.count(summary, stats);
      }
    } catch (err) {
      kept.push(stopped(err));
      return { status: 'io-error', model, diagnostics: kept, sources };
    }
  }

  if (!parallel) try {
    reading: for await (const batch of readCsvBatches(model.source, { path: csv, progress })) for (const ev of batch) {
      if (ev.kind === 'diagnostic') {
        report(ev.diagnostic);
        if (ev.diagnostic.code === 'JL203' || ev.diagnostic.code === 'JL206') summary.records.unread = true;
        if (ev.diagnostic.code === 'JL204' || ev.diagnostic.code === 'JL206') return { status: 'config-error', model, diagnostics: kept, sources };
        continue;
      }
      if (ev.kind === 'skipped') {
        if (ev.comment !== undefined) {
          if (plan) plan.comment(ev.comment);
          else comments.push(ev.comment);
        }
        if (ev.reason === 'ragged') runner!.reject('JL201');
        else summary.records[ev.reason === 'title' ? 'title' : ev.reason]++;
        continue;
      }
      if (ev.kind === 'header') {
        summary.records.header += model.source.headerRows;
        summary.encoding = ev.encoding;
        header = ev.names;
        const compiled = compilePlan(model, ev.names, csv, opts.maxCodes);
        kept.push(...compiled.diagnostics);
        if (!compiled.plan) return { status: 'config-error', model, diagnostics: kept, sources };
        plan = compiled.plan;
        for (const c of comments) plan.comment(c);
        // A linkset has no cube, and rows that combine have one key on purpose.
        // A CSVW table's primary key is its key: a repeat is rejected as a row too.
        if (!model.linkset && !plan.combiner && (model.cube.dimensions.length > 0 || model.variables.some((v) => v.role === 'dimension'))) keys = new RowKeys(opts.keyLimit, opts.keyHash);
        // A linkset has no cube: the Data Cube checks have nothing to check.
        if (opts.validate !== false && !model.linkset && !model.csvw) {
          // Bytes read so far include read-ahead, so this under-estimates the rows: a safe bound.
          const rowsAtLeast = (): number => (progress.rows > 0 ? (progress.totalBytes / progress.bytesRead) * progress.rows : 0);
          // Rows that combine leave one row a key: no repeats for the checks to find either.
          validation = new RunValidation(model, csv, ev.names, opts.wholeGraphLimit, opts.keyLimit, rowsAtLeast, keys !== undefined || plan.combiner !== undefined);
          // The second pass of --apply-suppression only checks again: nothing more to suggest.
          if (opts.suppression && !suppress) validation.suggestSuppression = opts.suppression.cost;
        }
        if (suppress) {
          hidden = new Map();
          for (const [at, names] of suppress.cells) hidden.set(at, new Set([...names].map((n) => ev.names.indexOf(n)).filter((i) => i >= 0)));
        }
        files = opts.createTargets ? [] : await openFiles(model, opts);
        tables = opts.csvw && !opts.createTargets && !opts.outFile ? (await import('../sinks/csvw.js')).CsvwSink.forDataset(opts.outDir ?? 'out', basename(model.id), { ...(model.title ? { title: model.title } : {}), ...(model.description ? { description: model.description } : {}) }) : undefined;
        targets = opts.createTargets ? opts.createTargets(model) : [...files, ...(tables ? [tables] : []), ...(opts.facts === false ? [] : [facts])];
        hook = await opts.hook?.(model);
        runner = new RowRunner(plan, csv, header, [...targets], { summary, stats }, report, validation, hook, keys && { keys, ...(repeats ? { repeats } : {}) });
        if (plan.combiner) aggregator = new (await import('./aggregate.js')).Aggregator(plan.combiner, model.aggregation!.sorted, opts.groupLimit);
        for (const q of plan.headerQuads) emitQuad(targets, q, hook);
        continue;
      }
      // A data row.
      if (opts.limitRows !== undefined && progress.rows >= opts.limitRows) {
        summary.records.unread = true;
        break reading;
      }
      progress.rows++;
      line = ev.line;
      const suppressed = hidden?.get(ev.line);
      const cells = suppressed ? ev.cells.map((c, i) => (suppressed.has(i) ? '[c]' : c)) : ev.cells;
      const ok = aggregator ? runner!.group(cells, ev.line, aggregator) : runner!.row(cells, ev.line);
      if (aggregator?.full) await aggregator.ready();
      if (!ok && summary.diagnosticsBySeverity.error >= maxErrors) {
        report(diagnostic('JL401', `stopped after ${summary.diagnosticsBySeverity.error} errors at line ${ev.line + 1}; the rest of the file was not read`, { span: { file: csv, line: ev.line } }));
        summary.records.unread = true;
        break reading;
      }
      if (targets.some((t) => t.full)) for (const t of targets) await t.flush();
    }
    if (aggregator) {
      // Once the rows are read, the groups are combined and written: a phase of its own, with
      // its bar (a spilled table of a large extract takes as long again as the reading).
      const table = aggregator;
      await during('combining rows with one key', async (a) => {
        for await (const groups of table.finish()) {
          for (const group of groups) {
            runner!.emit(group);
            a.done += group.rows;
            if (targets.some((t) => t.full)) for (const t of targets) await t.flush();
          }
        }
      }, { total: table.pending, unit: 'rows' });
      summary.records.merged = aggregator.merged;
    }
    const late = keys?.settle() ?? [];
    if (late.length > 0) {
      await Promise.all(targets.map((t) => t.abort()));
      validation?.dispose();
      return { rerun: true, repeats: new Map(late.map((r) => [r.at, r.first])) };
    }
  } catch (err) {
    keys?.dispose();
    aggregator?.close();
    await Promise.all(targets.map((t) => t.abort()));
    if (err instanceof TooManyCodes) {
      kept.push(diagnostic('JL316', err.message, { span: { file: csv, line, column: err.column }, cell: { columnName: err.columnName, value: err.label.slice(0, 200) } }));
      summary.records.unread = true;
      summary.ended = recordedTime();
      summary.durationMs = Date.now() - started;
      return { status: 'failed', model, summary, diagnostics: kept, sources };
    }
    kept.push(stopped(err));
    return { status: outOfSpace(err) ? 'failed' : 'io-error', model, diagnostics: kept, sources };
  }
  // No header was read (an unclosed quote in it, a file of nothing): there is nothing to
  // convert, whatever --fail-on says, so the run fails instead of "succeeding" with no output.
  if (!parallel && !plan) {
    await Promise.all(targets.map((t) => t.abort()));
    if (!kept.some((d) => d.code === 'JL204')) kept.push(diagnostic('JL204', `no header row could be read from ${csv}, so nothing was converted`, { span: { file: csv, line: 0 } }));
    return { status: 'config-error', model, summary, diagnostics: kept, sources };
  }
  /** A dump could not be written: every temporary file goes, and the run says why. */
  const cannotWrite = async (err: unknown): Promise<ConvertResult> => {
    await Promise.all(targets.map((t) => t.abort()));
    kept.push(diagnostic('JL402', err instanceof OutputError ? err.message : `cannot write output: ${(err as Error).message}`));
    // A full disk fails the run (exit 1, like data errors: nothing written); other I/O errors are the command line's (exit 2).
    return { status: outOfSpace(err) ? 'failed' : 'io-error', model, summary, diagnostics: kept, sources };
  };
  const trailer = plan?.trailerQuads() ?? [];
  for (const q of trailer) emitQuad(targets, q, hook);
  if (validation && plan) {
    // The dumps' queues are emptied first: the end-of-run checks load a store of their own.
    try {
      for (const t of targets) await t.drain?.();
    } catch (err) {
      return cannotWrite(err);
    }
    dropSpareChunks();
    for (const d of await validation.finish([...plan.headerQuads, ...trailer])) report(d);
    summary.validation = validation.counts;
    summary.wholeGraph = validation.wholeGraph;
    if (validation.disclosureCounts) summary.disclosure = { ...validation.disclosureCounts, ...(suppress ? { applied: { cells: suppress.count, people: suppress.people } } : {}) };
    if (opts.suppression?.apply && !suppress && validation.suppress.length > 0) {
      await Promise.all(targets.map((t) => t.abort()));
      const cells = new Map<number, Set<string>>();
      for (const c of validation.suppress) cells.set(c.line, (cells.get(c.line) ?? new Set()).add(c.column));
      return { rerun: true, suppress: { cells, count: validation.suppress.length, people: validation.suppress.reduce((n, c) => n + c.value, 0) } };
    }
  }
  // Workers' key hashes only propose repeats: one process finds them exactly, and rejects them as rows.
  if (parallel && repeatsFound) {
    await Promise.all(targets.map((t) => t.abort()));
    return { rerun: true };
  }
  summary.subjects = stats.subjects;
  summary.triples = stats.triples + (plan?.headerQuads.length ?? 0) + trailer.length;
  const counts = summary.diagnosticsBySeverity;
  const failed = failOn !== 'none' && (counts.error > 0 || (failOn === 'warning' && counts.warning > 0) || (failOn === 'info' && counts.info > 0));
  if (failed) {
    await Promise.all(targets.map((t) => t.abort()));
    if (targets.length && !opts.createTargets) kept.push(diagnostic('JL404', `no output written: the run has ${counts.error} errors and ${counts.warning} warnings (--fail-on ${failOn})`));
  } else {
    try {
      for (const t of targets) await t.commit();
    } catch (err) {
      return cannotWrite(err);
    }
    summary.written = true;
    if (opts.facts !== false) summary.facts = facts.facts();
    summary.outputs = files.map((t) => ({ path: t.path, format: t.format.name, bytes: t.facts!.bytes, sha256: t.facts!.sha256 }));
    if (tables) summary.tables = tables.files.map((f) => ({ path: f.path, format: f.role, bytes: f.bytes, sha256: f.sha256 }));
  }
  summary.ended = recordedTime();
  summary.durationMs = Date.now() - started;
  return { status: failed ? 'failed' : 'ok', model, summary, diagnostics: kept, sources };
}

/** Why a conversion stopped part-way: as the cause said (the previous release's dump, JL705), else a file it could not write. */
function stopped(err: unknown): Diagnostic {
  return err instanceof DiagnosedError ? diagnostic(err.code, err.message) : diagnostic('JL402', `conversion stopped: ${(err as Error).message}`);
}

function emitQuad(targets: readonly TripleTarget[], q: Quad, hook: ObservationHook | undefined): void {
  for (const t of targets) t.add(q.subject, q.predicate, q.object);
  hook?.other(q.subject, q.predicate, q.object);
}

async function openFiles(model: MappingModel, opts: ConvertOptions): Promise<FileSink[]> {
  const { FileSink } = await import('../sinks/sink.js');
  const dir = opts.outDir ?? 'out';
  const formats = opts.formats ?? [];
  const serializer = { prefixes: model.prefixes, graph: model.graph };
  if (opts.outFile) return [await FileSink.open(opts.outFile, formats[0]!, serializer)];
  return Promise.all(formats.map((f) => FileSink.open(join(dir, `${basename(model.id)}${f.extension}`), f, serializer)));
}
