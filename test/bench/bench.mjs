#!/usr/bin/env node
// `npm run bench [-- --rows N --runs K]`: generates the benchmark CSV (seeded), runs
// `justice-lod convert` on it K times and reports the medians of rows/s, triples/s and
// peak RSS, as a table and as JSON in test/bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rows = Number(arg('rows', 1_000_000));
const runs = Number(arg('runs', 3));
const formats = arg('format', 'nt');
const data = join(here, 'data');
mkdirSync(data, { recursive: true });
const csv = join(data, 'sentencing.csv');
const stamp = join(data, 'sentencing.rows');
if (!existsSync(csv) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== String(rows)) {
  process.stderr.write(`generating ${rows.toLocaleString('en-GB')} rows …\n`);
  await generate(rows, csv);
  writeFileSync(stamp, String(rows));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (let i = 0; i < runs; i++) {
  const measureFile = join(data, 'measure.jsonl');
  rmSync(measureFile, { force: true });
  const out = join(data, 'out');
  const r = spawnSync(process.execPath, [join(here, 'measure.mjs'), 'node', 'justice-lod', 'convert', join(here, 'sentencing-bench.yaml'), '--out', out, '--format', formats, '--quiet', '--no-metadata', '--diagnostics', 'json'], {
    encoding: 'utf8', env: { ...process.env, JLOD_MEASURE: measureFile }, maxBuffer: 1 << 28,
  });
  const m = JSON.parse(readFileSync(measureFile, 'utf8').trim());
  const report = JSON.parse(r.stdout).runs[0];
  if (m.code !== 0) throw new Error(`convert failed: ${r.stdout.slice(0, 2000)}`);
  results.push({ seconds: m.seconds, maxRssBytes: m.maxRssBytes, rows: report.records.dataRows, triples: report.triples, outputBytes: report.outputs.reduce((a, o) => a + o.bytes, 0) });
  process.stderr.write(`run ${i + 1}/${runs}: ${m.seconds.toFixed(2)} s\n`);
}
const seconds = median(results.map((r) => r.seconds));
const summary = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  input: { rows, bytes: statSync(csv).size, columns: 12 },
  formats,
  runs,
  justiceLod: {
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    triplesPerSecond: Math.round(results[0].triples / seconds),
    triples: results[0].triples,
    outputBytes: results[0].outputBytes,
    peakRssMB: Math.round(median(results.map((r) => r.maxRssBytes)) / 1024 / 1024),
  },
};
// Validation of a whole cube of about 1M triples (issue 4): converted once, then validated.
const validateRows = Number(arg('validate-rows', 70_000));
let validation;
if (validateRows > 0) {
  const vcsv = join(data, 'validate.csv');
  await generate(validateRows, vcsv, 7);
  const vmap = join(data, 'validate.yaml');
  writeFileSync(vmap, readFileSync(join(here, 'sentencing-bench.yaml'), 'utf8').replace('path: data/sentencing.csv', `path: ${vcsv}`).replace('schema=../../schema', 'schema=../../../schema').replace('id: sentencing-bench', 'id: sentencing-validate'));
  const vout = join(data, 'validate-out');
  spawnSync(process.execPath, [join(here, '..', '..', 'bin', 'justice-lod.js'), 'convert', vmap, '--out', vout, '--format', 'nt', '--quiet', '--no-validate', '--no-metadata']);
  const measureFile = join(data, 'measure.jsonl');
  rmSync(measureFile, { force: true });
  // The cube's generated observation shapes (compiled above 20,000 observations) and the
  // code-list shapes, as `validate` would use for a dataset of the repo.
  const { loadMapping } = await import('../../dist/mapping/load.js');
  const { shapesTurtle } = await import('../../dist/validate/shapes.js');
  const vshapes = join(data, 'validate-shapes.ttl');
  writeFileSync(vshapes, shapesTurtle((await loadMapping(vmap)).model));
  const shapes = [vshapes, join(here, '..', '..', 'shapes', 'code-lists.ttl')];
  const r = spawnSync(process.execPath, [join(here, 'measure.mjs'), 'node', 'justice-lod', 'validate', join(vout, 'sentencing-validate.nt'), '--format', 'json', '--shapes', ...shapes], {
    encoding: 'utf8', env: { ...process.env, JLOD_MEASURE: measureFile }, maxBuffer: 1 << 28,
  });
  const m = JSON.parse(readFileSync(measureFile, 'utf8').trim());
  const report = JSON.parse(r.stdout);
  validation = { triples: report.triples, shapes: ['observation shapes of the cube', 'code-lists.ttl'], seconds: m.seconds, peakRssMB: Math.round(m.maxRssBytes / 1024 / 1024), violations: report.violations.length };
  process.stderr.write(`validate: ${report.triples} triples in ${m.seconds.toFixed(1)} s\n`);
}
summary.validation = validation;
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify(summary, null, 2) + '\n');
const j = summary.justiceLod;
console.log(`\njustice-lod convert → ${formats}, ${rows.toLocaleString('en-GB')} rows × 12 columns (median of ${runs})`);
console.log('| tool | time (s) | rows/s | triples/s | peak RSS (MB) |');
console.log('|---|---|---|---|---|');
console.log(`| justice-lod | ${j.seconds.toFixed(2)} | ${j.rowsPerSecond.toLocaleString('en-GB')} | ${j.triplesPerSecond.toLocaleString('en-GB')} | ${j.peakRssMB} |`);
console.log(`\n${j.triples.toLocaleString('en-GB')} triples, ${(j.outputBytes / 1024 / 1024).toFixed(0)} MB written; JSON in test/bench/results/latest.json`);
if (validation) console.log(`justice-lod validate: ${validation.triples.toLocaleString('en-GB')} triples in ${validation.seconds.toFixed(1)} s, peak RSS ${validation.peakRssMB} MB, ${validation.violations} violations`);
