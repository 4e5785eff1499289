#!/usr/bin/env node
// `npm run bench:serve [-- --seconds 10 --connections 10]`
// The load test of `serve` (issue 21): writes the two sample releases into a temp folder with
// the CLI, starts `justice-lod serve` on the April one (127.0.0.1, a free port) as a user
// would, and drives it over loopback with autocannon: pages under /doc/ (a dataset's landing
// page, observations, a concept, a code list, as HTML and Turtle), the cube page, and an
// example SPARQL query. Reports requests/s and latency (p50, p99) per case, non-2xx answers
// (there must be none), and the server's peak RSS (VmHWM, its threads included), which must
// stay under the stated bound. Writes test/bench/results/serve-latest.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(root, 'bin', 'justice-lod.js');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const seconds = Number(arg('seconds', 10));
const connections = Number(arg('connections', 10));
/** The memory the server may take serving the sample release (its two stores, pages and queries). */
const RSS_BOUND_MB = 400;

const work = mkdtempSync(join(tmpdir(), 'jlod-serve-bench-'));
try {
  for (const id of ['2025-01', '2025-04']) {
    const text = readFileSync(join(root, 'releases', `${id}.yaml`), 'utf8').replace(/^out: .*$/m, `out: ${join(work, 'out')}`)
      .replace(/^previous: .*$/m, `previous: ${join(work, 'out', '2025-01')}`).replaceAll('../', `${root}/`);
    const file = join(work, `${id}.yaml`);
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [bin, 'release', file, '--quiet'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`release ${id} failed: ${r.stderr}`);
  }
  const release = join(work, 'out', '2025-04');
  const child = spawn(process.execPath, [bin, 'serve', release, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
      const m = /at (http:\/\/\S+)\//.exec(err);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve stopped (${code}): ${err}`)));
  });
  const rssMb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
  const idle = rssMb('VmRSS');

  const nt = readFileSync(join(release, 'sentenced-fines.nt'), 'utf8').split('\n');
  const observations = nt.filter((l) => l.endsWith('<http://purl.org/linked-data/cube#Observation> .')).slice(0, 50).map((l) => l.split(' ')[0].slice(1, -1).replace('https://data.justice.gov.uk', ''));
  const example = readFileSync(join(root, 'queries', 'fines-by-band.rq'), 'utf8');
  const cases = [
    { name: '/doc/ pages (HTML)', requests: ['/doc/data/sentenced-fines', ...observations.map((o) => `/doc${o}`), '/doc/def/justice/fine-band', '/doc/def/justice/fine-band/5000-to-10000'].map((path) => ({ method: 'GET', path, headers: { accept: 'text/html' } })) },
    { name: '/doc/ documents (Turtle)', requests: observations.map((o) => ({ method: 'GET', path: `/doc${o}`, headers: { accept: 'text/turtle' } })) },
    { name: 'cube page (table and chart)', requests: [{ method: 'GET', path: '/cube/data/sentenced-fines', headers: { accept: 'text/html' } }, { method: 'GET', path: '/cube/data/sentenced-fines?chart=offenceGroup', headers: { accept: 'text/html' } }] },
    { name: 'SPARQL (fines-by-band, JSON)', requests: [{ method: 'GET', path: `/sparql?query=${encodeURIComponent(example)}`, headers: { accept: 'application/sparql-results+json' } }] },
  ];
  const results = [];
  for (const c of cases) {
    const r = await autocannon({ url, connections, duration: seconds, requests: c.requests });
    const row = { case: c.name, requestsPerSecond: Math.round(r.requests.average), p50ms: r.latency.p50, p99ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
    results.push(row);
    console.log(`${c.name.padEnd(32)} ${String(row.requestsPerSecond).padStart(6)} req/s   p50 ${String(row.p50ms).padStart(4)} ms   p99 ${String(row.p99ms).padStart(5)} ms   ${row.requests} requests, ${row.non2xx} non-2xx, ${row.errors} errors`);
  }
  const peak = rssMb('VmHWM');
  console.log(`server RSS: ${idle.toFixed(0)} MB idle after loading, ${peak.toFixed(0)} MB peak (bound ${RSS_BOUND_MB} MB); ${connections} connections, ${seconds} s per case, loopback, ${new Date().toISOString().slice(0, 10)}`);
  child.kill('SIGTERM');
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'serve-latest.json'), `${JSON.stringify({ date: new Date().toISOString(), seconds, connections, idleRssMb: Math.round(idle), peakRssMb: Math.round(peak), boundMb: RSS_BOUND_MB, results }, null, 2)}\n`);
  const failed = results.filter((r) => r.non2xx > 0 || r.errors > 0).map((r) => `${r.case}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  if (peak > RSS_BOUND_MB) failed.push(`peak RSS ${peak.toFixed(0)} MB is over the bound of ${RSS_BOUND_MB} MB`);
  if (failed.length) {
    console.error(`FAILED: ${failed.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
