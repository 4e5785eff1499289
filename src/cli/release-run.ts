import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDisclosureFinding } from '../release/disclosure-gate.js';
import { writeFileAtomic } from '../sinks/atomic.js';
import { during } from '../run/activity.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { ReleaseChanges } from '../diff/changes.js';
import { loadRelease, type LoadedRelease } from '../release/config.js';
import type { ReleaseOutcome } from '../release/run-release.js';
import { dataRows } from '../run/summary.js';
import { diagnosticsJson, foundIn, printDiagnostics } from './diagnostics-out.js';
import { fiveStarJson, fiveStarText } from './five-star-out.js';
import { bytes, n, rel } from './format.js';
import { EXIT, exitCode } from './options.js';
import { showActivity, startProgress } from './progress.js';
import type { PublishFlags } from './publish.js';
import { runPublish } from './publish-run.js';
import { exampleQueries, exampleQuery } from './query.js';
import { summaryJson, summaryText } from './summary.js';
import { epochProblem } from '../metadata/clock.js';

export interface ReleaseFlags extends Omit<PublishFlags, 'endpoint' | 'json' | 'quiet'> {
  publish?: string;
  ask?: string[];
  rows: number;
  json?: boolean;
  quiet?: boolean;
  details?: boolean;
  maxCodes: number;
  dereference?: boolean;
}

export async function releaseCommand(file: string, flags: ReleaseFlags): Promise<number> {
  const epoch = epochProblem();
  const loaded: LoadedRelease = epoch ? { diagnostics: [epoch], sources: new Map() } : await loadRelease(file);
  const text = !flags.json && !flags.quiet;
  if (!loaded.config) {
    if (flags.json) process.stdout.write(`${JSON.stringify({ exitCode: EXIT.usage, diagnostics: diagnosticsJson(loaded.diagnostics) }, null, 2)}\n`);
    else printDiagnostics(loaded.diagnostics, loaded.sources);
    return EXIT.usage;
  }
  const config = loaded.config;
  const asked = flags.ask?.flatMap((a) => a.split(',')).filter(Boolean) ?? [];
  const unknown = asked.filter((a) => !exampleQuery(a));
  if (unknown.length) {
    printDiagnostics([diagnostic('JL601', `no example query ${unknown.map((u) => `'${u}'`).join(', ')}; the examples are: ${[...exampleQueries().keys()].join(', ')}`)], new Map());
    return EXIT.usage;
  }
  if (text) process.stdout.write(`Release ${config.id}${config.version !== config.id ? ` (${config.version})` : ''}: ${config.datasets.length} datasets → ${rel(config.outDir)}/${config.previous ? `, compared with ${rel(config.previous.dir)}` : ''}\n\n`);
  // Loaded on use, so other commands do not pay for the diff and metadata readers.
  const [{ runRelease }, report] = await Promise.all([import('../release/run-release.js'), import('../diff/report.js')]);
  // Each dataset's read has its own bar; the release's later steps (metadata, the earlier
  // release, five stars) show on the same line.
  const stopSteps = showActivity(text);
  const outcome = await runRelease(config, { startDataset: (mapping, progress) => startProgress(rel(mapping), progress, text), maxCodes: flags.maxCodes }).finally(stopSteps);
  const sources = new Map([...loaded.sources, ...outcome.datasets.flatMap((d) => [...d.result.sources])]);
  let exit: number = outcome.status === 'ok' ? EXIT.ok : outcome.status === 'failed' ? EXIT.dataErrors : EXIT.usage;
  for (const d of outcome.datasets) exit = Math.max(exit, exitCode(d.result));

  if (flags.json) {
    process.stdout.write(`${JSON.stringify(releaseJson(outcome, exit, report.changesJson), null, 2)}\n`);
  } else {
    for (const d of outcome.datasets) printDiagnostics(d.result.diagnostics, sources, flags.quiet, foundIn(d.result.summary));
    printDiagnostics([...loaded.diagnostics, ...outcome.diagnostics], sources, flags.quiet);
    if (text) {
      if (flags.details) for (const d of outcome.datasets) if (d.result.summary && d.result.model) process.stdout.write(`${summaryText(d.result.model.id, d.result.summary)}\n\n`);
      process.stdout.write(`${releaseTable(outcome)}\n\n`);
      if (outcome.fiveStar && outcome.fiveStar.datasets.some((d) => d.stars < 5)) process.stdout.write(`${fiveStarText(outcome.fiveStar)}\n\n`);
      if (outcome.changes) process.stdout.write(`${report.changesText(outcome.changes)}\n\n`);
      if (outcome.outDir) process.stdout.write(`Written to ${rel(outcome.outDir)}/: dumps, metadata.ttl, metadata.jsonld, five-star.json${outcome.changes ? ', changes.md, changes.json, changes/' : ''}\n`);
      else process.stdout.write(`Release ${config.id} failed: nothing was written; ${rel(config.outDir)} is as it was.\n`);
    }
  }
  if (outcome.status !== 'ok') {
    if (flags.publish) printDiagnostics([diagnostic('JL706', `not published to ${flags.publish}: the release failed`)], new Map(), flags.quiet);
    return exit;
  }
  if (flags.dereference) exit = Math.max(exit, await dereference(outcome.outDir!, text));
  if (asked.length && !flags.json) exit = Math.max(exit, await answer(outcome.outDir!, asked, flags));
  if (flags.publish) {
    if (text) process.stdout.write(`\nPublishing to ${flags.publish}\n`);
    exit = Math.max(exit, await runPublish(outcome.outDir!, { ...flags, endpoint: flags.publish, ...(flags.json ? { json: true } : {}), ...(flags.quiet ? { quiet: true } : {}) }));
  }
  return exit;
}

/**
 * ★★★★ for real: the release served on a free port, a sample of its IRIs of every kind looked
 * up; the result goes into five-star.json (as `dereference`) and, in a terminal, one line.
 */
async function dereference(dir: string, text: boolean): Promise<number> {
  const { checkReleaseFolder, dereferenceText } = await import('../serve/dereference.js');
  const stop = showActivity(text);
  const report = await during('serving the release to look up its IRIs', () => checkReleaseFolder(dir)).finally(stop);
  const file = join(dir, 'five-star.json');
  const stars = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  await writeFileAtomic(file, `${JSON.stringify({ ...stars, dereference: report }, null, 2)}\n`);
  if (text || !report.passed) process.stdout.write(`\n${dereferenceText(report)}\n`);
  return report.passed ? EXIT.ok : EXIT.dataErrors;
}

/** One line per dataset: the figures a statistician checks before publishing. */
function releaseTable(o: ReleaseOutcome): string {
  const stars = new Map(o.fiveStar?.datasets.map((d) => [d.dataset, d.stars]) ?? []);
  const head = ['dataset', 'rows', 'rejected', 'observations', 'triples', 'violations', 'disclosure', 'stars', 'revised [r]', 'size', 'time'];
  const rows = o.datasets.map((d) => {
    const s = d.result.summary;
    const m = d.result.model;
    const violations = s?.validation ? [...s.validation.values()].reduce((a, b) => a + b, 0) : 0;
    const size = s?.outputs.reduce((a, f) => a + f.bytes, 0) ?? 0;
    const star = m && stars.get(m.dataset);
    // Disclosure findings (JL801 … JL807 but the JL805 suggestions), for datasets whose mapping asks for the checks.
    const disclosure = m?.disclosure && s?.disclosure ? n(d.result.diagnostics.filter(isDisclosureFinding).length) : '–';
    return [
      m?.id ?? rel(d.mapping), s ? n(dataRows(s.records)) : '–', s ? n(s.records.rejected) : '–',
      s ? n(s.subjects) : '–', s ? n(s.triples) : '–', s ? n(violations) : '–', disclosure, star !== undefined ? `${'★'.repeat(star)}${'☆'.repeat(5 - star)}` : d.result.status === 'ok' ? '' : 'failed',
      d.changes ? n(d.changes.counts.revised) : '–', size ? bytes(size) : '–', s ? `${(s.durationMs / 1000).toFixed(1)} s` : '–',
    ];
  });
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]): string => `  ${r.map((c, i) => (i === 0 || i === 7 ? c + ' '.repeat(width[i]! - [...c].length) : c.padStart(width[i]!))).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

/** Loads the release into the embedded store once and prints the first rows of each answer. */
async function answer(dir: string, names: readonly string[], flags: ReleaseFlags): Promise<number> {
  const { runQuery } = await import('../query/run-query.js');
  const titles = exampleQueries();
  const outcome = await runQuery({ paths: [dir], sparql: names.map((q) => exampleQuery(q)!), format: 'table' });
  if (outcome.diagnostics.length) {
    printDiagnostics(outcome.diagnostics, new Map());
    return EXIT.usage;
  }
  if (flags.quiet) return EXIT.ok;
  process.stdout.write(`\nAnswers from the embedded store (${n(outcome.triples)} triples loaded from ${rel(dir)}):\n`);
  names.forEach((name, i) => {
    const lines = outcome.outputs![i]!.trimEnd().split('\n');
    const rows = lines.length - 4;
    const shown = [...lines.slice(0, 2 + Math.min(rows, flags.rows))];
    const more = rows > flags.rows ? `  … ${n(rows - flags.rows)} more rows: justice-lod query ${rel(dir)} --example ${name}` : `  ${lines.at(-1)}`;
    process.stdout.write(`\n${titles.get(name) || name}\n${shown.map((l) => `  ${l}`).join('\n')}\n${more}\n`);
  });
  return EXIT.ok;
}

function releaseJson(o: ReleaseOutcome, exit: number, changesJson: (c: ReleaseChanges) => unknown): Record<string, unknown> {
  return {
    exitCode: exit,
    status: o.status,
    ...(o.outDir ? { outDir: o.outDir } : {}),
    datasets: o.datasets.map((d) => ({ ...summaryJson(d.result, exitCode(d.result)), diagnostics: diagnosticsJson(d.result.diagnostics), markedRevised: d.marked })),
    diagnostics: diagnosticsJson(o.diagnostics),
    ...(o.fiveStar ? { fiveStar: fiveStarJson(o.fiveStar) } : {}),
    ...(o.metadataFiles ? { metadata: o.metadataFiles } : {}),
    ...(o.changes ? { changes: changesJson(o.changes) } : {}),
  };
}
