#!/usr/bin/env node
// `npm run bench [-- --rows N --runs K --big-rows M --skip a,b --only matrix|core|validate|release|latency|ids --check]`
// Generates the benchmark CSVs (seeded), then runs, each K times (median reported):
//   justice-lod convert to N-Triples with the streaming checks (the headline), without them,
//   to Turtle and JSON-LD, with --workers 2; the two anchors on the same rows (a hand-written
//   csv-parse + template converter, @zazuko/rdf-parser-csvw); the bench matrix
//   (matrix/cases.mjs: one case per kind of mapping rule, each with its checks on and off and
//   beside a hand-written converter written for it, anchors/matrix.mjs; the generated-code-list
//   table also as Turtle and JSON-LD, and at 100k rows beside @zazuko/rdf-parser-csvw on its
//   CSVW metadata); the 100k-row reoffending and
//   timeliness files with the repo's mappings; a three-way table of about N rows with totals
//   every way and its small counts suppressed, with and without the disclosure checks (the
//   secondary check's cost at scale); the same table as CSVW metadata (test/bench/csvw-table.mjs)
//   beside its equivalent YAML mapping and @zazuko/rdf-parser-csvw on that metadata; optionally
//   M rows of the slowest matrix case for the memory check; `validate` of the headline dump
//   (beside Jena's `shacl` and serdi when installed) and a release with a previous release.
// Then the everyday loop's latency: wall time of `node bin/justice-lod.js` convert (checks and
// metadata on, the defaults), check and preview on 200, 5,000, 20,000 and 30,000 rows, each
// started as a user starts it (process start included); `--only latency` runs only this.
// Each run starts after `sync`, so no run waits on the pages an earlier one left to be written.
// Prints rows/s, triples/s, peak RSS, CPU-seconds and the ratios against the targets of issues
// 8 and 23, writes test/bench/results/latest.json; with --check, fails when a justice-lod case's
// rows/s is more than 20% below test/bench/results/baseline.json (anchors are not checked).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, generateReoffending, generateTimeliness } from './generate.mjs';
import { generateDisclosure } from './disclosure-table.mjs';
import { csvwJson } from './csvw-table.mjs';
import { MATRIX } from './matrix/cases.mjs';
import { generateMatrix } from './matrix/generate-matrix.mjs';
import { installed, jenaShacl } from './jena.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rows = Number(arg('rows', 1_000_000));
const runs = Number(arg('runs', 3));
const bigRows = Number(arg('big-rows', 0));
const skip = new Set(String(arg('skip', '')).split(',').filter(Boolean));
const check = process.argv.includes('--check');
// --only: case ids, or the groups `latency`, `matrix` (the matrix's cases) and `core` (the rest).
const only = new Set(String(arg('only', '')).split(',').filter(Boolean));
const data = join(here, 'data');
mkdirSync(data, { recursive: true });

/** A generated file, made again only when its row count changed. */
async function input(name, count, make) {
  const file = join(data, `${name}.csv`);
  const stamp = join(data, `${name}.rows`);
  if (!existsSync(file) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== String(count)) {
    process.stderr.write(`generating ${name}: ${count.toLocaleString('en-GB')} rows …\n`);
    await make(count, file);
    writeFileSync(stamp, String(count));
  }
  return file;
}
const throughput = !(only.size === 1 && only.has('latency'));
/** Whether a case runs: not skipped, and named by --only (by id or group) when it is given. */
const wanted = (id, group) => throughput && !skip.has(id) && (only.size === 0 || only.has(id) || only.has(group));
const sentencing = throughput ? await input('sentencing', rows, generate) : undefined;
const reoffending = wanted('reoffending', 'core') ? await input('reoffending', 100_000, generateReoffending) : undefined;
const timeliness = wanted('timeliness', 'core') ? await input('timeliness', 100_000, generateTimeliness) : undefined;
// The disclosure checks' table: areas × offences × sex with totals every way, about `rows` rows.
const disclosure = wanted('disclosure', 'core') || wanted('disclosure-off', 'core') ? await input('disclosure-1m', rows, generateDisclosure) : undefined;

const n = (x) => x.toLocaleString('en-GB');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sha256 = (file) => new Promise((resolve, reject) => {
  const h = createHash('sha256');
  createReadStream(file).on('data', (c) => h.update(c)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
});
const measureFile = join(data, 'measure.jsonl');
const out = join(data, 'out');

/** One run of a command that appends {seconds, maxRssBytes, …} to JLOD_MEASURE. */
function once(argv) {
  rmSync(measureFile, { force: true });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // Every run starts on a quiet disk: the pages an earlier run left for the kernel to write
  // (gigabytes, from a converter that writes through the page cache) are written first, not
  // during the next run, whose own writes would otherwise queue behind them.
  spawnSync('sync');
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', env: { ...process.env, JLOD_MEASURE: measureFile }, maxBuffer: 1 << 28 });
  if (!existsSync(measureFile)) throw new Error(`${argv.join(' ')} failed:\n${r.stderr.slice(0, 2000)}`);
  const m = JSON.parse(readFileSync(measureFile, 'utf8').trim().split('\n').pop());
  if (m.code !== 0) throw new Error(`${argv.join(' ')} exited ${m.code}:\n${r.stdout.slice(0, 2000)}`);
  return { m, stdout: r.stdout };
}

/** justice-lod convert, measured in its own process (test/bench/measure.mjs). */
function justiceLod(mapping, csv, extra) {
  const { m, stdout } = once([join(here, 'measure.mjs'), 'node', 'justice-lod', 'convert', mapping, '--input', csv, '--out', out, '--quiet', '--no-metadata', '--diagnostics', 'json', ...extra]);
  const report = JSON.parse(stdout).runs[0];
  return { seconds: m.seconds, maxRssBytes: m.maxRssBytes, cpuSeconds: m.cpuSeconds, rows: report.records.dataRows, triples: report.triples, output: report.outputs[0], disclosure: report.disclosure };
}

function anchor(script, csv, ...args) {
  const file = join(out, 'anchor.nt');
  const { m } = once([join(here, 'anchors', script), ...(script === 'matrix.mjs' ? [args.shift()] : []), csv, file, ...args]);
  return { seconds: m.seconds, maxRssBytes: m.maxRssBytes, cpuSeconds: m.cpuSeconds, rows: m.rows, triples: m.triples, output: { bytes: statSync(file).size } };
}

const bench = join(here, 'sentencing-bench.yaml');
// The disclosure table's mapping without `disclosure:`, for the checks' cost.
const noDisclosure = join(data, 'disclosure-off.yaml');
writeFileSync(noDisclosure, readFileSync(join(here, 'disclosure-bench.yaml'), 'utf8').replace(/^disclosure:[\s\S]*$/m, '').replace('path: data/disclosure.csv', 'path: disclosure-1m.csv'));
// The same table as CSVW metadata (test/bench/csvw-table.mjs), beside the CSV it describes.
const csvwMetadata = join(data, 'sentencing.csv-metadata.json');
writeFileSync(csvwMetadata, JSON.stringify(csvwJson('sentencing.csv'), null, 2));
/** The matrix's CSV of a case at `n` of the bench's rows, generated once per row count. */
const makeTable = (c) => (count, file) => (c.layout === 'sentencing' ? generate(count, file) : generateMatrix(c.layout, count, file));
const matrixInput = (c, n) => (c.layout === 'sentencing' && n === rows ? sentencing : input(`matrix-${c.layout}-${c.rows(n)}`, c.rows(n), makeTable(c)));
const mapping = (c) => join(root, c.mapping);
const cases = [
  { id: 'nt', group: 'matrix', label: 'justice-lod → N-Triples, checks on', rows, run: () => justiceLod(bench, sentencing, ['--format', 'nt']) },
  { id: 'nt-no-validate', group: 'matrix', label: 'justice-lod → N-Triples, --no-validate', rows, run: () => justiceLod(bench, sentencing, ['--format', 'nt', '--no-validate']) },
  { id: 'ttl', label: 'justice-lod → Turtle, checks on', rows, run: () => justiceLod(bench, sentencing, ['--format', 'ttl']) },
  { id: 'jsonld', label: 'justice-lod → JSON-LD, checks on', rows, run: () => justiceLod(bench, sentencing, ['--format', 'jsonld']) },
  { id: 'nt-gz', label: 'justice-lod → N-Triples gzipped (nt.gz), checks on', rows, run: () => justiceLod(bench, sentencing, ['--format', 'nt.gz']) },
  { id: 'nt-workers-2', label: 'justice-lod → N-Triples, checks on, --workers 2', rows, run: () => justiceLod(bench, sentencing, ['--format', 'nt', '--workers', '2']) },
  { id: 'handwritten', group: 'matrix', anchor: true, label: 'hand-written csv-parse + templates (anchor)', rows, run: () => anchor('matrix.mjs', sentencing, 'shipped') },
  { id: 'csvw', anchor: true, label: '@zazuko/rdf-parser-csvw + n3 writer (anchor)', rows, run: () => anchor('csvw.mjs', sentencing) },
  { id: 'csvw-stream', label: 'justice-lod ← the CSVW metadata, --csvw-minimal → N-Triples', rows, run: () => justiceLod(csvwMetadata, sentencing, ['--format', 'nt', '--csvw-minimal']) },
  { id: 'csvw-yaml', label: 'justice-lod ← its equivalent YAML mapping, --no-validate → N-Triples', rows, run: () => justiceLod(join(here, 'csvw-equivalent.yaml'), sentencing, ['--format', 'nt', '--no-validate']) },
  { id: 'disclosure', label: 'justice-lod, three-way table with totals, disclosure checks on', rows, run: () => justiceLod(join(here, 'disclosure-bench.yaml'), disclosure, ['--format', 'nt']) },
  { id: 'disclosure-off', label: 'justice-lod, the same table, disclosure checks off', rows, run: () => justiceLod(noDisclosure, disclosure, ['--format', 'nt']) },
  { id: 'reoffending', label: 'justice-lod, proven reoffending by LA, 100k rows', rows: 100_000, run: () => justiceLod(join(root, 'mappings', 'proven-reoffending-by-la.yaml'), reoffending, ['--format', 'nt']) },
  { id: 'timeliness', label: 'justice-lod, criminal court timeliness, 100k rows', rows: 100_000, run: () => justiceLod(join(root, 'mappings', 'criminal-court-timeliness.yaml'), timeliness, ['--format', 'nt']) },
  // The matrix (the shipped-code-list table is the headline's nt, nt-no-validate and handwritten).
  ...MATRIX.filter((c) => c.id !== 'shipped').flatMap((c) => {
    const n = c.rows(rows);
    const csv = () => matrixInput(c, rows);
    return [
      { id: c.id, group: 'matrix', label: `${c.label}: justice-lod, checks on`, rows: n, run: async () => justiceLod(mapping(c), await csv(), ['--format', 'nt']) },
      { id: `${c.id}-off`, group: 'matrix', label: `${c.label}: justice-lod, --no-validate`, rows: n, run: async () => justiceLod(mapping(c), await csv(), ['--format', 'nt', '--no-validate']) },
      { id: `${c.id}-anchor`, group: 'matrix', anchor: true, label: `${c.label}: hand-written (anchor)`, rows: n, run: async () => anchor('matrix.mjs', await csv(), c.id) },
    ];
  }),
  ...MATRIX.filter((c) => c.csvw).flatMap((c) => {
    const csv = () => matrixInput(c, 100_000);
    return [
      { id: `${c.id}-ttl`, group: 'matrix', label: `${c.label}: justice-lod → Turtle, checks on`, rows: c.rows(rows), run: async () => justiceLod(mapping(c), await matrixInput(c, rows), ['--format', 'ttl']) },
      { id: `${c.id}-jsonld`, group: 'matrix', label: `${c.label}: justice-lod → JSON-LD, checks on`, rows: c.rows(rows), run: async () => justiceLod(mapping(c), await matrixInput(c, rows), ['--format', 'jsonld']) },
      { id: `${c.id}-100k`, group: 'matrix', label: `${c.label}, 100k rows: justice-lod, checks on`, rows: 100_000, run: async () => justiceLod(mapping(c), await csv(), ['--format', 'nt']) },
      { id: `${c.id}-100k-off`, group: 'matrix', label: `${c.label}, 100k rows: justice-lod, --no-validate`, rows: 100_000, run: async () => justiceLod(mapping(c), await csv(), ['--format', 'nt', '--no-validate']) },
      { id: `${c.id}-100k-anchor`, group: 'matrix', anchor: true, label: `${c.label}, 100k rows: hand-written (anchor)`, rows: 100_000, run: async () => anchor('matrix.mjs', await csv(), c.id) },
      { id: `${c.id}-100k-zazuko`, group: 'matrix', anchor: true, label: `${c.label}, 100k rows: @zazuko/rdf-parser-csvw on its CSVW metadata (anchor)`, rows: 100_000, run: async () => anchor('csvw.mjs', await csv(), c.csvw) },
    ];
  }),
].filter((c) => wanted(c.id, c.group ?? 'core'));
/** The matrix's justice-lod cases (checks on), each beside its `-off` and `-anchor` runs. */
const MATRIX_RUNS = [['shipped', 'nt', 'nt-no-validate', 'handwritten'], ...MATRIX.filter((c) => c.id !== 'shipped').map((c) => [c.id, c.id, `${c.id}-off`, `${c.id}-anchor`]),
  ...MATRIX.filter((c) => c.csvw).map((c) => [`${c.id}-100k`, `${c.id}-100k`, `${c.id}-100k-off`, `${c.id}-100k-anchor`])];
if (throughput && bigRows > 0 && !skip.has('big')) {
  // Flat memory on the slowest matrix case of this run (the headline table when none ran).
  cases.push({ id: 'big', label: `the slowest matrix case, checks on, ${bigRows.toLocaleString('en-GB')} rows`, rows: bigRows, run: async () => {
    const slowest = MATRIX_RUNS.filter(([, on]) => results[on] && !on.endsWith('-100k')).sort((a, b) => results[a[1]].rowsPerSecond - results[b[1]].rowsPerSecond)[0]?.[0] ?? 'shipped';
    const c = MATRIX.find((m) => m.id === slowest);
    bigCase = slowest === 'shipped' ? 'nt' : slowest;
    const csv = await input(`matrix-${c.layout}-big`, c.rows(bigRows), makeTable(c));
    return justiceLod(mapping(c), csv, ['--format', 'nt']);
  } });
}
let bigCase = 'nt';

// `validate` of the headline case's dump (issue 23, point 3), beside Apache Jena's SHACL engine
// (Debian's libapache-jena-java: `shacl validate`) on the same dump and the shapes its mapping
// generates, and serdi's parse of the dump as the floor; each when installed.
const validateDir = join(data, 'validate');
const validateDump = join(validateDir, 'sentencing-bench.nt');
const validateShapes = join(validateDir, 'shapes.ttl');
async function dumpToValidate() {
  const stamp = join(validateDir, 'rows');
  if (existsSync(validateDump) && existsSync(stamp) && readFileSync(stamp, 'utf8') === String(rows)) return;
  process.stderr.write(`writing the dump to validate: ${n(rows)} rows …\n`);
  rmSync(validateDir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [join(root, 'bin', 'justice-lod.js'), 'convert', bench, '--input', sentencing, '--out', validateDir, '--format', 'nt', '--no-metadata', '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`convert for validate failed:\n${r.stderr}`);
  const { loadMapping } = await import('../../dist/mapping/load.js');
  const { shapesTurtle } = await import('../../dist/validate/shapes.js');
  writeFileSync(validateShapes, shapesTurtle((await loadMapping(bench)).model));
  writeFileSync(stamp, String(rows));
}
/** A command's wall time and peak RSS (GNU time), its output discarded. */
function timed(argv, env = {}) {
  spawnSync('sync'); // a quiet disk, as for once()
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', ...argv], { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [rss, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(rss)) throw new Error(`${argv.join(' ')} failed:\n${r.stderr.slice(0, 2000)}`);
  return { seconds, maxRssBytes: rss * 1024, cpuSeconds: user + sys, rows, triples: 0 };
}
// A release of the headline case with a previous release (issue 23, point 4): the same table
// with one count in a hundred revised, compared against a first release made once beforehand.
const releaseDir = join(data, 'release');
async function previousRelease() {
  const stamp = join(releaseDir, 'rows');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(rows)) return;
  process.stderr.write(`making the previous release and a revised CSV: ${n(rows)} rows …\n`);
  rmSync(releaseDir, { recursive: true, force: true });
  mkdirSync(releaseDir, { recursive: true });
  const lines = readFileSync(sentencing, 'utf8').split('\n');
  // Every hundredth row's count goes up by one (a [c] stays suppressed): revisions to report.
  const revised = lines.map((l, i) => (i > 0 && i % 100 === 0 ? l.replace(/,(\d+),([^,]*)$/, (_, c, rest) => `,${Number(c) + 1},${rest}`) : l));
  writeFileSync(join(releaseDir, 'revised.csv'), revised.join('\n'));
  const release = (id, csv, previous) => `id: ${id}\nversion: ${id}\ntitle: Bench release ${id}\nissued: 2026-01-01\nbase: https://data.justice.gov.uk/\nout: ${previous ? out : join(releaseDir, 'out')}\nformats: [nt]\n${previous ? `previous: ${join(releaseDir, 'out', 'first')}\n` : ''}datasets:\n  - mapping: ${bench}\n    csv: ${csv}\n`;
  writeFileSync(join(releaseDir, 'first.yaml'), release('first', sentencing));
  writeFileSync(join(releaseDir, 'next.yaml'), release('next', join(releaseDir, 'revised.csv'), true));
  const r = spawnSync(process.execPath, [join(root, 'bin', 'justice-lod.js'), 'release', join(releaseDir, 'first.yaml'), '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the first release failed:\n${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
  writeFileSync(stamp, String(rows));
}
if (wanted('release', 'release')) {
  cases.push({ id: 'release', group: 'release', label: 'justice-lod release with a previous release (convert, checks, metadata, five stars, changes)', rows, run: async () => {
    await previousRelease();
    const { m } = once([join(here, 'measure.mjs'), 'node', 'justice-lod', 'release', join(releaseDir, 'next.yaml'), '--quiet']);
    return { seconds: m.seconds, maxRssBytes: m.maxRssBytes, cpuSeconds: m.cpuSeconds, rows, triples: 0 };
  } });
  // `convert` alone as a user runs it on the same CSV: its defaults (checks and metadata on).
  cases.push({ id: 'release-convert', group: 'release', label: 'justice-lod convert of the same CSV with its defaults (checks, metadata)', rows, run: async () => {
    await previousRelease();
    const { m } = once([join(here, 'measure.mjs'), 'node', 'justice-lod', 'convert', bench, '--input', join(releaseDir, 'revised.csv'), '--out', out, '--format', 'nt', '--quiet']);
    return { seconds: m.seconds, maxRssBytes: m.maxRssBytes, cpuSeconds: m.cpuSeconds, rows, triples: 0 };
  } });
}
if (wanted('validate', 'validate')) {
  cases.push({ id: 'validate', group: 'validate', label: 'justice-lod validate, the headline dump with its mapping\'s shapes', rows, run: async () => {
    await dumpToValidate();
    const { m, stdout } = once([join(here, 'measure.mjs'), 'node', 'justice-lod', 'validate', validateDump, '--mapping', bench, '--quiet', '--format', 'json', '--fail-on', 'none']);
    return { seconds: m.seconds, maxRssBytes: m.maxRssBytes, cpuSeconds: m.cpuSeconds, rows, triples: JSON.parse(stdout).triples };
  } });
}
const jena = wanted('validate-jena', 'validate') ? jenaShacl(data) : undefined;
if (jena) {
  cases.push({ id: 'validate-jena', group: 'validate', anchor: true, label: 'Apache Jena `shacl validate`, the same dump and shapes (anchor)', rows, run: async () => {
    await dumpToValidate();
    return timed([...jena[0], 'validate', '--shapes', validateShapes, '--data', validateDump], jena[1]);
  } });
}
if (wanted('validate-serdi', 'validate') && installed('serdi')) {
  cases.push({ id: 'validate-serdi', group: 'validate', anchor: true, label: 'serdi, parsing the dump (the floor)', rows, run: async () => {
    await dumpToValidate();
    return timed(['serdi', '-i', 'ntriples', '-o', 'ntriples', validateDump]);
  } });
}

const results = {};
const hashes = {};
for (const c of cases) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = await c.run();
    samples.push(r);
    if ((c.id === 'nt' || c.id === 'nt-workers-2') && i === 0) hashes[c.id] = await sha256(join(out, 'sentencing-bench.nt'));
    process.stderr.write(`${c.id} ${i + 1}/${runs}: ${r.seconds.toFixed(2)} s, ${Math.round(r.maxRssBytes / 2 ** 20)} MB\n`);
  }
  const seconds = median(samples.map((s) => s.seconds));
  results[c.id] = {
    label: c.label,
    ...(c.anchor ? { anchor: true } : {}),
    rows: samples[0].rows,
    triples: samples[0].triples,
    outputBytes: samples[0].output?.bytes,
    seconds: Number(seconds.toFixed(3)),
    rowsPerSecond: Math.round(samples[0].rows / seconds),
    triplesPerSecond: Math.round(samples[0].triples / seconds),
    peakRssMB: Math.round(median(samples.map((s) => s.maxRssBytes)) / 2 ** 20),
    cpuSeconds: Number(median(samples.map((s) => s.cpuSeconds)).toFixed(1)),
    cpuSecondsPerMillionRows: Number((median(samples.map((s) => s.cpuSeconds)) / (samples[0].rows / 1e6)).toFixed(1)),
    runs: samples.map((s) => Number(s.seconds.toFixed(3))),
    ...(samples[0].disclosure ? { disclosure: samples[0].disclosure } : {}),
  };
}

const ratio = (a, b, f) => (results[a] && results[b] ? Number(f(results[a], results[b]).toFixed(2)) : undefined);
const targets = throughput ? [
  { id: 'vs-csvw', what: 'rows/s vs @zazuko/rdf-parser-csvw', value: ratio('nt', 'csvw', (a, b) => a.rowsPerSecond / b.rowsPerSecond), need: '≥ 10', ok: (v) => v >= 10 },
  { id: 'csvw-parity', what: 'CSVW table rows/s vs its equivalent YAML mapping', value: ratio('csvw-stream', 'csvw-yaml', (a, b) => a.rowsPerSecond / b.rowsPerSecond), need: '≥ 0.90', ok: (v) => v >= 0.9 },
  { id: 'csvw-vs-zazuko', what: 'CSVW table rows/s vs @zazuko/rdf-parser-csvw, same metadata', value: ratio('csvw-stream', 'csvw', (a, b) => a.rowsPerSecond / b.rowsPerSecond), need: '≥ 10', ok: (v) => v >= 10 },
  // Speed-up with workers cannot be shown on two cores (issue 23 withdrew it): the CPU they
  // cost, which predicts scaling on machines with more cores, is the target instead.
  { id: 'workers', what: '--workers 2 rows/s vs one process (informational on 2 cores)', value: ratio('nt-workers-2', 'nt', (a, b) => a.rowsPerSecond / b.rowsPerSecond), need: '—', ok: () => true },
  { id: 'workers-cpu', what: '--workers 2 CPU-seconds vs one process', value: ratio('nt-workers-2', 'nt', (a, b) => a.cpuSeconds / b.cpuSeconds), need: '≤ 1.2', ok: (v) => v <= 1.2 },
  { id: 'workers-identical', what: '--workers 2 dump identical (SHA-256)', value: hashes['nt-workers-2'] ? hashes['nt-workers-2'] === hashes.nt : undefined, need: 'yes', ok: (v) => v === true },
  { id: 'rss-big', what: `peak RSS at ${bigRows.toLocaleString('en-GB')} rows vs ${n(rows)} (${bigCase}, the slowest matrix case)`, value: ratio('big', bigCase, (a, b) => a.peakRssMB / b.peakRssMB), need: '≤ 1.10', ok: (v) => v <= 1.1 },
  { id: 'ttl', what: 'Turtle time vs N-Triples', value: ratio('ttl', 'nt', (a, b) => a.seconds / b.seconds), need: '≤ 2', ok: (v) => v <= 2 },
  { id: 'jsonld', what: 'JSON-LD time vs N-Triples', value: ratio('jsonld', 'nt', (a, b) => a.seconds / b.seconds), need: '≤ 2', ok: (v) => v <= 2 },
  { id: 'disclosure', what: 'disclosure checks: added seconds at 1M rows (informational)', value: ratio('disclosure', 'disclosure-off', (a, b) => a.seconds - b.seconds), need: '—', ok: () => true },
  // Issue 23's targets on every case of the matrix.
  ...MATRIX_RUNS.flatMap(([id, on, off, hand]) => [
    { id: `${id}-vs-anchor`, what: `${id}: rows/s vs its hand-written anchor, checks on`, value: ratio(on, hand, (a, b) => a.rowsPerSecond / b.rowsPerSecond), need: '≥ 2', ok: (v) => v >= 2 },
    { id: `${id}-checks`, what: `${id}: checks on vs --no-validate time`, value: ratio(on, off, (a, b) => a.seconds / b.seconds), need: '≤ 1.3', ok: (v) => v <= 1.3 },
    ...(id.endsWith('-100k') ? [] : [{ id: `${id}-rss`, what: `${id}: peak RSS at ${n(results[on]?.rows ?? rows)} rows (MB)`, value: results[on]?.peakRssMB, need: '< 250', ok: (v) => v < 250 }]),
  ]),
  ...MATRIX.filter((c) => c.csvw).map((c) => ({ id: `${c.id}-vs-zazuko`, what: `${c.id}, 100k rows: rows/s vs @zazuko/rdf-parser-csvw on its CSVW metadata`, value: ratio(`${c.id}-100k`, `${c.id}-100k-zazuko`, (a, b) => a.rowsPerSecond / b.rowsPerSecond), need: '≥ 10', ok: (v) => v >= 10 })),
  { id: 'release-time', what: 'release with a previous release vs convert alone, its defaults (time)', value: ratio('release', 'release-convert', (a, b) => a.seconds / b.seconds), need: '≤ 1.5', ok: (v) => v <= 1.5 },
  { id: 'release-time-headline', what: 'release with a previous release vs the headline convert, --no-metadata (time)', value: ratio('release', 'nt', (a, b) => a.seconds / b.seconds), need: '—', ok: () => true },
  { id: 'release-rss', what: 'release with a previous release: peak RSS (MB)', value: results.release?.peakRssMB, need: '< 400', ok: (v) => v < 400 },
  { id: 'validate-time', what: 'validate of the headline dump (s)', value: results.validate?.seconds, need: '≤ 10', ok: (v) => v <= 10 },
  { id: 'validate-rss', what: 'validate of the headline dump: peak RSS (MB)', value: results.validate?.peakRssMB, need: '≤ 500', ok: (v) => v <= 500 },
  { id: 'validate-vs-jena', what: 'validate time vs Apache Jena shacl validate', value: ratio('validate', 'validate-jena', (a, b) => a.seconds / b.seconds), need: '—', ok: () => true },
  { id: 'validate-vs-serdi', what: 'validate time vs serdi parsing the dump (the floor)', value: ratio('validate', 'validate-serdi', (a, b) => a.seconds / b.seconds), need: '—', ok: () => true },
  ...MATRIX.filter((c) => c.csvw).flatMap((c) => [
    { id: `${c.id}-ttl`, what: `${c.id}: Turtle time vs N-Triples`, value: ratio(`${c.id}-ttl`, c.id, (a, b) => a.seconds / b.seconds), need: '≤ 2', ok: (v) => v <= 2 },
    { id: `${c.id}-jsonld`, what: `${c.id}: JSON-LD time vs N-Triples`, value: ratio(`${c.id}-jsonld`, c.id, (a, b) => a.seconds / b.seconds), need: '≤ 2', ok: (v) => v <= 2 },
  ]),
].filter((t) => t.value !== undefined).map((t) => ({ ...t, met: t.ok(t.value) })) : [];

// Latency of the everyday loop: each command as a user runs it, in a fresh process.
const LATENCY_ROWS = [200, 5_000, 20_000, 30_000];
const latency = [];
if (!skip.has('latency') && (only.size === 0 || only.has('latency'))) {
  const cli = join(root, 'bin', 'justice-lod.js');
  for (const n of LATENCY_ROWS) {
    const csv = await input(`latency-${n}`, n, generate);
    const commands = {
      convert: ['convert', bench, '--input', csv, '--out', out, '--quiet'],
      check: ['check', bench, '--input', csv],
      preview: ['preview', bench, '--input', csv],
    };
    const row = { rows: n };
    for (const [name, argv] of Object.entries(commands)) {
      const samples = [];
      for (let i = 0; i < Math.max(runs, 3); i++) {
        rmSync(out, { recursive: true, force: true });
        const started = process.hrtime.bigint();
        const r = spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (r.status !== 0) throw new Error(`justice-lod ${argv.join(' ')} exited ${r.status}:\n${r.stderr.slice(0, 2000)}`);
        samples.push(seconds);
      }
      row[name] = Number(median(samples).toFixed(2));
    }
    process.stderr.write(`latency ${n} rows: convert ${row.convert} s, check ${row.check} s, preview ${row.preview} s\n`);
    latency.push(row);
  }
  const at = (n) => latency.find((r) => r.rows === n);
  const small = at(200);
  targets.push(
    { id: 'latency-convert', what: 'convert of 200 rows, checks and metadata on (s)', value: small.convert, need: '≤ 1.0', met: small.convert <= 1.0 },
    { id: 'latency-check', what: 'check of 200 rows (s)', value: small.check, need: '≤ 0.5', met: small.check <= 0.5 },
    { id: 'latency-preview', what: 'preview of 200 rows (s)', value: small.preview, need: '≤ 0.5', met: small.preview <= 0.5 },
    // No cliff: a larger file never converts faster than a smaller one (5% for noise).
    { id: 'latency-monotone', what: 'convert time never falls as rows grow', value: latency.every((r, i) => i === 0 || r.convert >= 0.95 * latency[i - 1].convert), need: 'yes', met: latency.every((r, i) => i === 0 || r.convert >= 0.95 * latency[i - 1].convert) },
  );
}

const summary = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  input: sentencing ? { rows, bytes: statSync(sentencing).size, columns: 12 } : undefined,
  runs,
  results,
  latency,
  targets: targets.map(({ ok, ...t }) => t),
};
mkdirSync(join(here, 'results'), { recursive: true });
const resultsFile = throughput ? 'latest.json' : 'latency.json';
writeFileSync(join(here, 'results', resultsFile), JSON.stringify(summary, null, 2) + '\n');

if (throughput) {
  console.log(`\n${n(rows)} sentencing rows × 12 columns, ${(summary.input.bytes / 2 ** 20).toFixed(0)} MB; median of ${runs} runs; ${summary.cpus} cores, Node ${process.version}\n`);
  console.log('| case | time (s) | rows/s | triples/s | peak RSS (MB) | CPU (s) | CPU-s per 1M rows |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of Object.values(results)) console.log(`| ${r.label} | ${r.seconds.toFixed(1)} | ${n(r.rowsPerSecond)} | ${n(r.triplesPerSecond)} | ${r.peakRssMB} | ${r.cpuSeconds} | ${r.cpuSecondsPerMillionRows} |`);
}
const matrixRows = MATRIX_RUNS.filter(([, on, , hand]) => results[on] && results[hand]);
if (matrixRows.length) {
  console.log('\nThe matrix: justice-lod (checks on) beside the hand-written converter for each table\n');
  console.log('| case | rows | justice-lod rows/s | checks off rows/s | hand-written rows/s | × hand-written | checks on/off | peak RSS (MB) | CPU-s per 1M rows (ours / hand-written) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [id, on, off, hand] of matrixRows) {
    const a = results[on], o = results[off], h = results[hand];
    console.log(`| ${id} | ${n(a.rows)} | ${n(a.rowsPerSecond)} | ${o ? n(o.rowsPerSecond) : '—'} | ${n(h.rowsPerSecond)} | ${(a.rowsPerSecond / h.rowsPerSecond).toFixed(2)} | ${o ? (a.seconds / o.seconds).toFixed(2) : '—'} | ${a.peakRssMB} | ${a.cpuSecondsPerMillionRows} / ${h.cpuSecondsPerMillionRows} |`);
  }
}
if (results.disclosure?.disclosure) {
  const d = results.disclosure.disclosure;
  console.log(`\nDisclosure table: ${n(d.suppressed)} suppressed cells, each one's interval computed (${n(d.recoverable)} can be worked out); ${n(d.smallCounts)} small counts published; ${n(d.totals)} totals`);
}
if (latency.length) {
  console.log(`\nLatency, wall time of \`node bin/justice-lod.js …\` (process start included), median of ${Math.max(runs, 3)}:\n`);
  console.log('| rows | convert (s) | check (s) | preview (s) |');
  console.log('|---:|---:|---:|---:|');
  for (const r of latency) console.log(`| ${n(r.rows)} | ${r.convert.toFixed(2)} | ${r.check.toFixed(2)} | ${r.preview.toFixed(2)} |`);
}
console.log('\n| target | measured | needed | |');
console.log('|---|---:|---:|---|');
for (const t of targets) console.log(`| ${t.what} | ${t.value} | ${t.need} | ${t.met ? 'met' : 'NOT met'} |`);
console.log(`\nJSON in test/bench/results/${resultsFile}`);

if (check) {
  const baselineFile = join(here, 'results', 'baseline.json');
  const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
  // Our cases only: an anchor's speed is not ours to regress.
  const slower = Object.entries(results).filter(([id, r]) => !r.anchor && baseline.results[id] && !baseline.results[id].anchor && r.rowsPerSecond < 0.8 * baseline.results[id].rowsPerSecond);
  for (const [id, r] of slower) console.log(`REGRESSION ${id}: ${n(r.rowsPerSecond)} rows/s, baseline ${n(baseline.results[id].rowsPerSecond)} (more than 20% slower)`);
  if (slower.length) process.exit(1);
  const unchecked = Object.keys(results).filter((id) => !results[id].anchor && !baseline.results[id]);
  console.log(`--check: every case within 20% of the baseline (${baseline.date})${unchecked.length ? `; not in the baseline, so not checked: ${unchecked.join(', ')}` : ''}`);
}
