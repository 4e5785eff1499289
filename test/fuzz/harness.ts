/**
 * One fuzz case: a mutated CSV or mapping run through the CLI in this process (its `main`, as
 * bin/justice-lod.js calls it), and every promise of issue 18 point 11 checked on the result.
 * Returns the problems found, empty when the case holds.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Parser } from 'n3';
import { main } from '../../src/cli/main.js';
import { CSV_MUTATIONS, MAPPING_MUTATIONS, random, type Random } from './mutate.js';

const root = new URL('../../', import.meta.url).pathname;

/** The inputs mutated: three real layouts, cut to their first rows so a case takes milliseconds. */
const BASES = [
  { mapping: 'mappings/court-outcomes-by-pfa.yaml', csv: 'samples/sentencing/court-outcomes-by-pfa-2019.csv' },
  { mapping: 'mappings/sentenced-fines.yaml', csv: 'samples/sentencing/sentenced-fines-2019-cp1252.csv' },
  { mapping: 'mappings/criminal-court-timeliness.yaml', csv: 'samples/timeliness/timeliness-transparency-2017-2018.csv' },
].map((b) => ({ ...b, bytes: firstLines(readFileSync(join(root, b.csv)), 40), text: readFileSync(join(root, b.mapping), 'utf8') }));

function firstLines(b: Buffer, n: number): Buffer {
  let at = 0;
  for (let i = 0; i < n && at >= 0; i++) at = b.indexOf(10, at + 1);
  return at < 0 ? b : b.subarray(0, at + 1);
}

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in this process, capturing what it prints. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((s: string | Uint8Array) => out.push(String(s)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => err.push(String(s)) > 0) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(['node', 'justice-lod', ...args]);
  } catch (e) {
    err.push(`thrown: ${(e as Error).stack}`);
    code = -1;
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  return { code, out: out.join(''), err: err.join('') };
}

const STACK = /internal error|thrown:|\n\s+at \S.*:\d+:\d+\)?/;
/** Diagnostics about a mapping or a CSV row: these must say where. */
const LOCATED = /^JL[123]/;

interface JsonDiagnostic {
  code: string;
  file?: string;
  line?: number;
  message: string;
}

function common(run: CliRun, problems: string[]): void {
  if (![0, 1, 2].includes(run.code)) problems.push(`exit code ${run.code}`);
  else reached.exit[run.code]!++;
  const stack = STACK.exec(`${run.out}\n${run.err}`);
  if (stack) problems.push(`stack trace or internal error: ${stack[0].slice(0, 200)}`);
}

function located(ds: readonly JsonDiagnostic[], problems: string[]): void {
  reached.diagnostics += ds.length;
  for (const d of ds) if (LOCATED.test(d.code) && (!d.file || !d.line)) problems.push(`${d.code} not located: ${d.message.slice(0, 120)}`);
}

/** Distinct triples an independent parser (N3.js) reads from a dump. */
function parsedTriples(path: string, format: string): number {
  const quads = new Parser({ format: format === 'nt' ? 'N-Triples' : 'Turtle' }).parse(readFileSync(path, 'utf8'));
  return new Set(quads.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`)).size;
}

/** Records csv-parse finds in the bytes, decoded as the reader would (for the accounting check). */
function recordsIn(bytes: Buffer): number | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes); // what the reader falls back to
  }
  if (text.includes('\0') || text === '') return undefined;
  try {
    return (parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown[]).length;
  } catch {
    return undefined; // unterminated quote: the reader stops with JL203 and says so
  }
}

interface RunJson {
  exitCode: number;
  runs: { records?: { total: number; unread: boolean }; triples?: number; outputs?: { path: string; format: string }[]; written?: boolean; diagnostics: JsonDiagnostic[] }[];
}

/** Checks a convert run's JSON report and its dumps. */
function checkConvert(run: CliRun, csv: Buffer | undefined, problems: string[]): void {
  let report: RunJson;
  try {
    report = JSON.parse(run.out) as RunJson;
  } catch {
    if (run.code === 2 && run.out === '') return; // a usage error before any run: said on stderr
    problems.push(`stdout is not one JSON document: ${run.out.slice(0, 200)}`);
    return;
  }
  for (const r of report.runs) {
    located(r.diagnostics, problems);
    if (run.code === 0 && !r.outputs?.length) problems.push('exit 0 with nothing written');
    const expected = csv && r.records && !r.records.unread ? recordsIn(csv) : undefined;
    if (expected !== undefined) reached.accounted++;
    if (expected !== undefined && r.records!.total !== expected) problems.push(`records: the summary accounts for ${r.records!.total}, the file has ${expected}`);
    for (const o of r.outputs ?? []) {
      try {
        const n = parsedTriples(o.path, o.format);
        reached.dumpsParsed++;
        if (n !== r.triples) problems.push(`${o.format} dump: ${n} triples parsed, the summary says ${r.triples}`);
      } catch (e) {
        problems.push(`${o.format} dump does not parse: ${(e as Error).message.slice(0, 200)}`);
      }
    }
  }
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** How many cases reached each check, so that a fuzzer whose cases all stop early fails. */
export const reached = { exit: { 0: 0, 1: 0, 2: 0 } as Record<number, number>, accounted: 0, dumpsParsed: 0, diagnostics: 0 };

/** A case's own folder with its input files; removed again when the case holds. */
function caseFolder(dir: string, name: string, files: Record<string, string | Buffer>): { here: string; path: (file: string) => string } {
  const here = join(dir, name);
  mkdirSync(here, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(here, file), content);
  return { here, path: (file) => join(here, file) };
}

/** How every case converts: both text formats re-parsed, the report as JSON on stdout. */
const CONVERT = ['--format', 'nt,ttl', '--no-metadata', '--diagnostics', 'json'];

/** A mutated CSV through `convert`, validation and the failure policy chosen at random. */
export async function csvCase(seed: number, dir: string): Promise<{ name: string; problems: string[] }> {
  const r = random(seed);
  const base = pick(r, BASES);
  const mutation = pick(r, Object.keys(CSV_MUTATIONS));
  const bytes = CSV_MUTATIONS[mutation]!(base.bytes, r);
  const { here, path } = caseFolder(dir, `csv-${seed}`, { 'input.csv': bytes });
  const csv = path('input.csv');
  const failOn = pick(r, ['error', 'warning', 'none']);
  const validate = r() < 0.5;
  const run = await runCli(['convert', join(root, base.mapping), '--input', csv, '--out', path('out'), ...CONVERT, '--fail-on', failOn, ...(validate ? [] : ['--no-validate'])]);
  const problems: string[] = [];
  common(run, problems);
  checkConvert(run, bytes, problems);
  if (problems.length === 0) rmSync(here, { recursive: true, force: true });
  return { name: `csv #${seed}: ${mutation} of ${base.csv} (--fail-on ${failOn}${validate ? '' : ', --no-validate'})`, problems };
}

/** A mutated mapping through `check` and `convert`. */
export async function mappingCase(seed: number, dir: string): Promise<{ name: string; problems: string[] }> {
  const r = random(seed);
  const base = pick(r, BASES);
  const mutation = pick(r, Object.keys(MAPPING_MUTATIONS));
  const text = MAPPING_MUTATIONS[mutation]!(base.text, r);
  const { here, path } = caseFolder(dir, `map-${seed}`, { 'mapping.yaml': text, 'input.csv': base.bytes });
  const [mapping, csv] = [path('mapping.yaml'), path('input.csv')];
  const problems: string[] = [];
  const check = await runCli(['check', mapping, '--input', csv, '--diagnostics', 'json']);
  common(check, problems);
  try {
    const ds = JSON.parse(check.out) as { diagnostics?: JsonDiagnostic[] } | JsonDiagnostic[];
    located(Array.isArray(ds) ? ds : (ds.diagnostics ?? []), problems);
  } catch {
    if (check.out !== '') problems.push(`check: stdout is not one JSON document: ${check.out.slice(0, 200)}`);
  }
  const run = await runCli(['convert', mapping, '--input', csv, '--out', path('out'), ...CONVERT, '--no-validate']);
  common(run, problems);
  checkConvert(run, undefined, problems);
  if (problems.length === 0) rmSync(here, { recursive: true, force: true });
  return { name: `mapping #${seed}: ${mutation} of ${base.mapping}`, problems };
}
