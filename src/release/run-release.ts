import { mappingWithReleaseRules } from './dataset-disclosure.js';
import { disclosureGate } from './disclosure-gate.js';
import { rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { notAReleaseFolder, writeReleaseMarker } from './marker.js';
import { basename, dirname, join } from 'node:path';
import { FolderBusy, lockFolder } from '../sinks/output-folder.js';
import { onInterrupt } from '../sinks/interrupt.js';
import { describeWriteFailure, isFileSystemError, outOfSpace } from '../sinks/io-error.js';
import { recoverBeforeReading } from './recover.js';
import { lockNameFor, recoverRelease, stagingFor, swapInto } from './swap.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ChangeLog } from '../diff/change-log.js';
import { changed, emptyCounts, wholeDataset, type DatasetChanges, type ReleaseChanges } from '../diff/changes.js';
import { DumpCollector } from '../diff/collector.js';
import { conceptChanges } from '../diff/comparison.js';
import { comparableDumps } from '../diff/diff-releases.js';
import { termKey, ValueDictionary } from '../diff/observation.js';
import { previousObservations } from '../diff/previous.js';
import { readTable } from '../diff/read-table.js';
import { changesJson, changesMarkdown } from '../diff/report.js';
import { Reviser } from '../diff/reviser.js';
import { movedTo, type FiveStarReport } from '../metadata/five-star.js';
import { fiveStarJson } from '../metadata/five-star-json.js';
import { convert, type ConvertResult } from '../run/convert.js';
import type { CsvProgress } from '../csv/read.js';
import { writeFileAtomic } from '../sinks/atomic.js';
import { vocabularyQuads } from '../validate/vocab-graph.js';
import { VOCABULARY_ID, type ConvertedDataset } from './bundle.js';
import type { ReleaseConfig } from './config.js';
import { releaseInfo } from './info.js';
import { releaseIdentity, type ReleaseDump, type ReleaseIdentity } from './read-release.js';
import { completeBundle } from './complete.js';

export interface DatasetOutcome {
  readonly mapping: string;
  readonly result: ConvertResult;
  readonly changes?: DatasetChanges;
  /** Observations this run marked [r]. */
  readonly marked: number;
}

export interface ReleaseOutcome {
  readonly status: 'ok' | 'failed' | 'config-error';
  readonly datasets: readonly DatasetOutcome[];
  /** Release-level problems (previous release, base IRIs, metadata). */
  readonly diagnostics: readonly Diagnostic[];
  readonly changes?: ReleaseChanges;
  readonly fiveStar?: FiveStarReport;
  /** The metadata and dump files written. */
  readonly metadataFiles?: readonly string[];
  /** The release folder, when written. */
  readonly outDir?: string;
}

export interface ReleaseRunHooks {
  /** A progress record per dataset, for the CLI's progress bar. */
  readonly startDataset?: (mapping: string, progress: CsvProgress & { rows: number }) => () => void;
  /** Distinct labels a generated code list may hold (--max-codes). */
  readonly maxCodes?: number;
}

/**
 * `release`: every mapping converted and validated into a staging folder beside <out>/<id>,
 * each compared as it streams with the previous release (revised values marked [r]); then the
 * vocabulary, metadata (with dcat:previousVersion and prov:wasRevisionOf), five-star report and
 * change report; and only when all of it passed is the staging folder renamed to <out>/<id>.
 * A failed release leaves the folder that was there before untouched.
 */
export async function runRelease(config: ReleaseConfig, hooks: ReleaseRunHooks = {}): Promise<ReleaseOutcome> {
  const diagnostics: Diagnostic[] = [];
  let previousDumps: Map<string, ReleaseDump> | undefined;
  let previousRelease: ReleaseIdentity | undefined;
  if (config.previous) {
    const dir = config.previous.dir;
    recoverBeforeReading(dir);
    const found = comparableDumps(dir);
    previousRelease = releaseIdentity(dir);
    if (!(found instanceof Map) || !previousRelease.catalog) {
      const problem = found instanceof Map ? { code: 'JL702' as const, message: `${dir}: no metadata.ttl in this folder` } : found;
      diagnostics.push(diagnostic(problem.code, `previous release ${problem.message}`, { span: config.previous.span }));
      return { status: 'config-error', datasets: [], diagnostics };
    }
    previousDumps = found;
  }
  let unlock: () => void;
  try {
    unlock = lockFolder(dirname(config.outDir), lockNameFor(config.outDir));
  } catch (err) {
    if (!(err instanceof FolderBusy)) throw err;
    diagnostics.push(diagnostic('JL709', err.message.replace(dirname(config.outDir), config.outDir), { span: config.outSpan }));
    return { status: 'config-error', datasets: [], diagnostics };
  }
  try {
    recoverRelease(config.outDir);
    return await writeRelease(config, hooks, diagnostics, previousDumps, previousRelease);
  } finally {
    unlock();
  }
}

async function writeRelease(config: ReleaseConfig, hooks: ReleaseRunHooks, diagnostics: Diagnostic[], previousDumps: Map<string, ReleaseDump> | undefined, previousRelease: ReleaseIdentity | undefined): Promise<ReleaseOutcome> {
  const occupied = notAReleaseFolder(config.outDir);
  if (occupied) {
    diagnostics.push(diagnostic('JL708', `${occupied}; the release would replace it, so nothing was written`, { span: config.outSpan }));
    return { status: 'config-error', datasets: [], diagnostics };
  }
  const staging = stagingFor(config.outDir);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  // Ctrl-C or SIGTERM before the swap removes the staging folder; the release folder stays as it was.
  const forgetStaging = onInterrupt(() => rmSync(staging, { recursive: true, force: true }));
  const log = previousDumps ? new ChangeLog(join(staging, 'changes')) : undefined;
  const outcomes: DatasetOutcome[] = [];
  const done = new Set<string>();
  try {
    for (const d of config.datasets) {
      const progress = { bytesRead: 0, totalBytes: 0, rows: 0 };
      const stop = hooks.startDataset?.(d.mapping, progress);
      let reviser: Reviser | undefined;
      let result: ConvertResult;
      try {
        // The release file's disclosure rules, where it gives them, in place of the mapping's.
        const loaded = await mappingWithReleaseRules(d, config);
        result = await convert({
          mapping: d.mapping, ...(loaded ? { loaded } : {}), ...(d.csv ? { input: d.csv } : {}), outDir: staging, formats: config.formats, ...(config.csvw ? { csvw: true } : {}), failOn: 'error', progress, validate: true, ...(hooks.maxCodes ? { maxCodes: hooks.maxCodes } : {}),
          hook: async (model) => {
            const old = previousDumps?.get(model.id);
            if (!old) return undefined;
            // A second pass (rows rejected late, suppression applied) starts the comparison again.
            await reviser?.close();
            reviser = new Reviser(model, await previousObservations(old, new ValueDictionary()), log && ((id, dims, c) => log.add(id, dims, c)));
            return reviser;
          },
        });
      } finally {
        stop?.();
      }
      if (result.status !== 'ok') await reviser?.close();
      const model = result.model;
      if (model) {
        done.add(model.id);
        if (model.base !== config.base) diagnostics.push(diagnostic('JL704', `mapping ${model.id} has base ${model.base}; the release's is ${config.base}`, { span: d.span }));
      }
      const changes = result.status === 'ok' && model && previousDumps ? (reviser?.finish() ?? wholeDataset(model.id, 'new', result.summary?.subjects ?? 0)) : undefined;
      outcomes.push({ mapping: d.mapping, result, ...(changes ? { changes } : {}), marked: reviser?.marked ?? 0 });
    }
    if (outcomes.some((o) => o.result.status !== 'ok')) return await failed(outcomes, diagnostics, staging, log, outcomes.some((o) => o.result.status === 'config-error' || o.result.status === 'io-error') ? 'config-error' : 'failed');
    // No release reveals a small cell: disclosure findings stop it unless the release file acknowledges them.
    const gate = disclosureGate(outcomes.map((o) => ({ id: o.result.model!.id, diagnostics: o.result.diagnostics })), config.acknowledge, { file: config.file, line: 0 });
    // Loops, not push(...list): a release may flag a small cell in every row.
    for (const d of gate.warnings) diagnostics.push(d);
    if (gate.refused.length) {
      for (const d of gate.refused) diagnostics.push(d);
      return await failed(outcomes, diagnostics, staging, log, 'failed');
    }

    let changes: ReleaseChanges | undefined;
    let vocabularyNotes: string | undefined;
    if (previousDumps) {
      const vocabulary = await vocabularyChanges(previousDumps.get(VOCABULARY_ID));
      vocabularyNotes = versionNotes(vocabulary);
      const dropped = await droppedDatasets(previousDumps, done);
      changes = {
        previous: previousRelease!,
        current: { dir: config.outDir, catalog: `${config.base}catalog/${config.id}`, version: config.version },
        datasets: [...outcomes.map((o) => o.changes!), vocabulary, ...dropped].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      };
    }
    const previous = previousRelease?.catalog ? { catalog: previousRelease.catalog, ...(previousRelease.version ? { version: previousRelease.version } : {}) } : undefined;
    const release = releaseInfo({
      base: config.base, id: config.id, version: config.version,
      ...(config.title ? { title: config.title } : {}), ...(config.description ? { description: config.description } : {}),
      ...(config.issued ? { issued: config.issued } : {}), ...(config.downloadBase ? { downloadBase: config.downloadBase } : {}),
      ...(config.publisher ? { publisher: config.publisher.iri, publisherName: config.publisher.name } : {}),
      ...(config.licence ? { license: config.licence } : {}), ...(previous ? { previous } : {}),
    });
    const converted: ConvertedDataset[] = outcomes.map((o) => {
      const acknowledged = gate.acknowledged.get(o.result.model!.id);
      return { model: o.result.model!, summary: o.result.summary!, ...(o.changes ? { versionNotes: versionNotes(o.changes) } : {}), ...(acknowledged ? { acknowledged } : {}) };
    });
    const completed = await completeBundle(staging, release, config.formats, converted, vocabularyNotes);
    if (completed.problems.length) {
      for (const d of completed.problems) diagnostics.push(d);
      return await failed(outcomes, diagnostics, staging, log, 'failed');
    }
    if (changes) {
      await writeFileAtomic(join(staging, 'changes.md'), changesMarkdown(changes));
      await writeFileAtomic(join(staging, 'changes.json'), `${JSON.stringify(changesJson(changes), null, 2)}\n`);
    }
    await log?.close();
    // The five-star report names the files it read: in the release folder, not the staging one.
    const fiveStar = movedTo(completed.report, (p) => (p.startsWith(staging) ? config.outDir + p.slice(staging.length) : p));
    await writeFileAtomic(join(staging, 'five-star.json'), `${JSON.stringify(fiveStarJson(fiveStar), null, 2)}\n`);
    // The marker goes in last: a staging folder that holds it is complete (see recoverRelease).
    await writeReleaseMarker(staging, config.id, config.version, release.toolVersion);
    swapInto(staging, config.outDir);
    const metadataFiles = completed.bundle.metadata.map((m) => join(config.outDir, basename(m.path)));
    return { status: 'ok', datasets: outcomes, diagnostics, ...(changes ? { changes } : {}), fiveStar, metadataFiles, outDir: config.outDir };
  } catch (err) {
    await log?.abort().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    if (!isFileSystemError(err)) throw err;
    const message = describeWriteFailure(config.outDir, err).split(staging).join(config.outDir);
    diagnostics.push(diagnostic('JL402', `${message}; the release was not written and ${config.outDir} is as it was`, { span: config.outSpan }));
    return { status: outOfSpace(err) ? 'failed' : 'config-error', datasets: outcomes, diagnostics };
  } finally {
    // Swapped in, failed or thrown: the staging folder is gone, so Ctrl-C has nothing to undo.
    forgetStaging();
  }
}

async function failed(outcomes: DatasetOutcome[], diagnostics: Diagnostic[], staging: string, log: ChangeLog | undefined, status: 'failed' | 'config-error'): Promise<ReleaseOutcome> {
  await log?.abort();
  await rm(staging, { recursive: true, force: true });
  return { status, datasets: outcomes, diagnostics };
}

/** Datasets of the previous release that this one no longer has. */
async function droppedDatasets(previous: ReadonlyMap<string, ReleaseDump>, done: ReadonlySet<string>): Promise<DatasetChanges[]> {
  const out: DatasetChanges[] = [];
  for (const [id, dump] of previous) {
    if (id === VOCABULARY_ID || done.has(id)) continue;
    const table = await readTable(dump, new ValueDictionary());
    out.push(wholeDataset(id, 'dropped', table.observations));
  }
  return out;
}

/** Concepts of the shipped code lists added, removed or relabelled since the previous release. */
async function vocabularyChanges(previous: ReleaseDump | undefined): Promise<DatasetChanges> {
  const before = previous ? (await readTable(previous, new ValueDictionary())).concepts : new Map<string, string>();
  const now = new DumpCollector(new ValueDictionary());
  for (const q of vocabularyQuads({ external: true })) now.add(q.subject.value, q.predicate.value, termKey(q.object));
  return { id: VOCABULARY_ID, status: previous ? 'compared' : 'new', dimensions: [], counts: emptyCounts(), examples: [], codes: [], concepts: conceptChanges(before, now.finish().concepts) };
}

/** What changed in a dataset, in one sentence for adms:versionNotes. */
export function versionNotes(d: DatasetChanges): string {
  if (d.status === 'new') return 'New in this release.';
  if (!changed(d)) return 'No change since the previous release.';
  const c = d.counts;
  const parts = [
    c.revised && `${c.revised} ${c.revised === 1 ? 'value' : 'values'} revised (marked [r])`,
    c.markerChanged && `${c.markerChanged} ${c.markerChanged === 1 ? 'marker' : 'markers'} changed`,
    c.added && `${c.added} ${c.added === 1 ? 'observation' : 'observations'} added`,
    c.removed && `${c.removed} removed`,
    d.codes.length && `codes changed in ${d.codes.map((x) => x.dimension).join(', ')}`,
    d.concepts.added.length + d.concepts.removed.length + d.concepts.relabelled.length &&
      `code lists: ${d.concepts.added.length} concepts added, ${d.concepts.removed.length} removed, ${d.concepts.relabelled.length} relabelled`,
    d.structure && 'new structure',
  ].filter(Boolean);
  return `${parts.join('; ')}.`.replace(/^./, (x) => x.toUpperCase());
}
