/**
 * `publish` into a real Virtuoso started here on 127.0.0.1 (issue 6): safely, verified, and
 * answering the example queries with the embedded store's values. Part of the long suite
 * (`npm run test:long`), which CI runs.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleQueries, exampleQuery } from '../../src/cli/query.js';
import { endpointsFor } from '../../src/publish/endpoints.js';
import { publishDumps } from '../../src/publish/publish.js';
import { runQuery } from '../../src/query/run-query.js';
import type { SparqlJson } from '../../src/query/table.js';
import { readRelease } from '../../src/release/read-release.js';
import { cli, convertSamples, root, sampleRelease } from '../support/sample-release.js';
import { Virtuoso, virtuosoInstalled } from '../support/virtuoso.js';
import { serve } from '../support/served-release.js';
import { Parser } from 'n3';
import { exampleCommands, projectFolder, publishes } from '../support/examples.js';

const { work, release } = sampleRelease();

/** Results as sorted rows of values: numbers compared as numbers, terms by their value. */
function values(r: SparqlJson): string[] {
  if (r.boolean !== undefined) return [String(r.boolean)];
  const vars = r.head.vars ?? [];
  return (r.results?.bindings ?? []).map((b) => vars.map((v) => {
    const t = b[v];
    if (!t) return '';
    const n = Number(t.value);
    return t.type !== 'uri' && t.value.trim() !== '' && Number.isFinite(n) ? String(Math.round(n * 1e6) / 1e6) : t.value;
  }).join(' | ')).sort();
}

beforeAll(() => {
  const r = convertSamples(release);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
/** An HTTP proxy to `target` that forwards `n` requests, then closes every connection and stops listening. */
async function goneAfter(n: number, target: string): Promise<{ url: string; forwarded: number }> {
  const state = { url: '', forwarded: 0 };
  const server = createServer(async (req, res) => {
    if (state.forwarded >= n) {
      req.socket.destroy();
      server.close();
      server.closeAllConnections();
      return;
    }
    state.forwarded++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
    const up = await fetch(`${target}${req.url}`, { method: req.method!, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
    res.writeHead(up.status, Object.fromEntries([...up.headers].filter(([k]) => !['content-length', 'transfer-encoding', 'connection'].includes(k))));
    res.end(Buffer.from(await up.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return state;
}

const installed = virtuosoInstalled();
if (!installed) {
  console.warn('Virtuoso is not installed (Debian package virtuoso-opensource): the publish tests against a real Graph Store are skipped. `.ci/run` installs it.');
}

describe.skipIf(!installed)('justice-lod publish (a real Virtuoso on 127.0.0.1)', () => {
  let virtuoso: Virtuoso;
  const env = { JLOD_USER: 'dba', JLOD_PASSWORD: 'dba' };
  const credentials = { user: 'dba', password: 'dba' };
  const FINES = 'https://data.justice.gov.uk/graph/sentenced-fines';

  beforeAll(async () => {
    virtuoso = await Virtuoso.create(join(work, 'virtuoso'));
  }, 60_000);
  afterAll(async () => virtuoso?.stop());

  it('publishes every dataset and verifies each graph holds the VoID count', async () => {
    const r = cli(['publish', release, '--endpoint', virtuoso.graphStore, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { published: { id: string; graph: string; triples: number; expected: number }[] };
    expect(out.published.length).toBe(readRelease(release).length);
    for (const d of readRelease(release)) {
      const count = await virtuoso.count(d.graph);
      expect(count, d.id).toBeGreaterThan(0);
      if (d.triples !== undefined) expect(count, d.id).toBe(d.triples);
    }
    expect(r.stderr).not.toContain('dba');
  }, 120_000);

  it('serve --sparql-endpoint: documents, pages and /sparql answered by this Virtuoso, updates refused before they reach it', async () => {
    const served = await serve(release, ['--sparql-endpoint', `${virtuoso.base}/sparql`]);
    const FINES_DS = 'https://data.justice.gov.uk/data/sentenced-fines';
    const at = async (path: string, headers: Record<string, string> = {}, init: { method?: string; body?: string } = {}) => {
      const res = await fetch(`${served.url}${path}`, { headers, redirect: 'manual', ...init });
      return { status: res.status, headers: res.headers, text: await res.text() };
    };
    try {
      const see = await at('/data/sentenced-fines', { accept: 'text/turtle' });
      expect(see.status).toBe(303);
      expect(see.headers.get('location')).toBe('/doc/data/sentenced-fines');
      const doc = await at('/doc/data/sentenced-fines', { accept: 'text/turtle' });
      expect(doc.status).toBe(200);
      const fromVirtuoso = new Parser().parse(doc.text).filter((q) => q.subject.value === FINES_DS);
      expect(fromVirtuoso.some((q) => q.predicate.value === 'http://purl.org/linked-data/cube#structure')).toBe(true);
      const observations = readFileSync(join(release, 'sentenced-fines.nt'), 'utf8').split('\n').filter((l) => l.endsWith('<http://purl.org/linked-data/cube#Observation> .')).length;
      const cube = await at('/cube/data/sentenced-fines', { accept: 'text/html' });
      expect(cube.status, cube.text.slice(0, 500)).toBe(200);
      expect(cube.text).toContain(`of ${observations.toLocaleString('en-GB')}</caption>`);
      expect(cube.text).toContain('app-chart__mark');
      const count = await at(`/sparql?query=${encodeURIComponent(`SELECT (COUNT(?o) AS ?n) WHERE { ?o qb:dataSet <${FINES_DS}> }`)}`, { accept: 'application/sparql-results+json' });
      expect(count.status, count.text).toBe(200);
      expect(Number((JSON.parse(count.text) as SparqlJson).results!.bindings[0]!['n']!.value)).toBe(observations);
      const before = await virtuoso.count(FINES);
      const update = await at('/sparql', { 'content-type': 'application/sparql-update' }, { method: 'POST', body: `CLEAR GRAPH <${FINES}>` });
      expect(update.status).toBe(403);
      const viaQuery = await at(`/sparql?query=${encodeURIComponent(`CLEAR GRAPH <${FINES}>`)}`);
      expect(viaQuery.status).toBe(403);
      expect(await virtuoso.count(FINES)).toBe(before);
    } finally {
      await served.stop();
    }
  }, 120_000);

  it('reads the literals back: Virtuoso\'s rewrites are a JL615 warning naming the datatype, and --strict refuses the swap', async () => {
    // The first run above already warned; the timeliness cube alone shows it (Virtuoso drops a decimal's trailing zeros).
    const r = cli(['publish', release, '--endpoint', virtuoso.graphStore, '--dataset', 'criminal-court-timeliness'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning JL615');
    expect(r.stderr).toMatch(/xsd:decimal \(\d+ of the \d+ read back\): "\d+\.0"\^\^xsd:decimal came back as "\d+"\^\^xsd:decimal/);
    const graph = readRelease(release).find((d) => d.id === 'criminal-court-timeliness')!.graph;
    const before = await virtuoso.count(graph);
    const strict = cli(['publish', release, '--endpoint', virtuoso.graphStore, '--dataset', 'criminal-court-timeliness', '--strict'], env);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error JL615');
    expect(strict.stderr).toContain('was left as it was (--strict)');
    expect(await virtuoso.count(graph)).toBe(before);
    expect(await virtuoso.count(`${graph}/staging`)).toBe(0);
    expect(before).toBeGreaterThan(0);
  }, 120_000);

  it.each([...exampleQueries().keys()])('Virtuoso answers the example query %s with the values of the embedded store', async (name) => {
    const sparql = exampleQuery(name)!;
    const embedded = JSON.parse((await runQuery({ paths: [release], sparql, format: 'json' })).output!) as SparqlJson;
    const remote = await virtuoso.select(sparql);
    expect(values(remote as SparqlJson)).toEqual(values(embedded));
  }, 60_000);

  it('republishes a changed release: the graph holds the new values', async () => {
    const changed = join(work, 'changed');
    cpSync(release, changed, { recursive: true });
    const nt = join(changed, 'sentenced-fines.nt');
    const text = readFileSync(nt, 'utf8');
    const line = text.split('\n').find((l) => l.includes('defendantsSentenced> "'))!;
    const [subject] = line.split(' ');
    writeFileSync(nt, text.replace(line, line.replace(/"\d+"/, '"987654"')));
    const r = cli(['publish', changed, '--endpoint', virtuoso.graphStore, '--dataset', 'sentenced-fines'], env);
    expect(r.code, r.stderr).toBe(0);
    const got = await virtuoso.select(`SELECT ?v WHERE { GRAPH <${FINES}> { ${subject} <https://w3id.org/justice-lod/def/justice#defendantsSentenced> ?v } }`);
    expect(got.results.bindings.map((b) => b['v']!.value)).toEqual(['987654']);
  }, 60_000);

  it('a dump the server rejects leaves the published graph intact, and no staging graph behind', async () => {
    const before = await virtuoso.count(FINES);
    const broken = join(work, 'broken');
    cpSync(release, broken, { recursive: true });
    const nt = join(broken, 'sentenced-fines.nt');
    const lines = readFileSync(nt, 'utf8').split('\n');
    lines.splice(Math.floor(lines.length / 2), 0, '<https://example.org/a> <https://example.org/b> "unterminated .');
    writeFileSync(nt, lines.join('\n'));
    const r = cli(['publish', broken, '--endpoint', virtuoso.graphStore, '--dataset', 'sentenced-fines', '--retries', '1', '--retry-delay', '10'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('JL612');
    expect(r.stderr).toContain('was left as it was');
    expect(await virtuoso.count(FINES)).toBe(before);
    expect(await virtuoso.count(`${FINES}/staging`)).toBe(0);
  }, 60_000);

  it('a server that goes away mid-upload leaves the published graph intact; the next run completes', async () => {
    const dumps = readRelease(release).filter((d) => d.id === 'sentenced-fines');
    const before = await virtuoso.count(FINES);
    expect(before).toBeGreaterThan(0);
    // The server, as the client sees it: a proxy that forwards three requests, then is gone.
    const proxy = await goneAfter(3, virtuoso.base);
    const result = await publishDumps(dumps, {
      endpoints: endpointsFor(`${proxy.url}/sparql-graph-crud-auth`), credentials, retry: { retries: 2, delayMs: 10 }, chunkBytes: 16 << 10,
    });
    expect(proxy.forwarded).toBe(3);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['JL611']);
    expect(result.diagnostics[0]!.message).toContain('was left as it was');
    expect(await virtuoso.count(FINES)).toBe(before);
    const again = cli(['publish', release, '--endpoint', virtuoso.graphStore, '--dataset', 'sentenced-fines'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(await virtuoso.count(FINES)).toBe(dumps[0]!.triples);
    expect(await virtuoso.count(`${FINES}/staging`)).toBe(0);
  }, 60_000);

  it('refuses wrong credentials (JL614) and an unreachable endpoint (JL611) without printing the password', () => {
    const wrong = cli(['publish', release, '--endpoint', virtuoso.graphStore, '--dataset', 'sentenced-fines'], { JLOD_USER: 'dba', JLOD_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('JL614');
    expect(wrong.stderr + wrong.stdout).not.toContain('not-the-password');
    const down = cli(['publish', release, '--endpoint', 'http://127.0.0.1:9/sparql-graph-crud-auth', '--dataset', 'sentenced-fines', '--retries', '2', '--retry-delay', '10'], env);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('JL611');
    expect(down.stderr).toMatch(/retry 2\/2/);
    expect(cli(['publish', release, '--endpoint', 'http://dba:dba@127.0.0.1:9/x']).code).toBe(2);
  }, 60_000);
  it('runs the publishing examples of the README and --help as written, against this Virtuoso', () => {
    const project = projectFolder(join(work, 'examples'));
    const examples = exampleCommands().filter(publishes);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    // The release example first: it makes out/2025-01, which the others publish.
    examples.sort((a, b) => Number(b.includes(' release ')) - Number(a.includes(' release ')));
    for (const example of examples) {
      // The documented endpoint is this server's; the elided password (…) is its password.
      const command = example.replaceAll('http://127.0.0.1:8890/sparql-graph-crud-auth', virtuoso.graphStore).replaceAll('JLOD_PASSWORD=…', 'JLOD_PASSWORD=dba');
      const r = project.run(command, env);
      expect(r.code, `${example}\n${r.out}`).toBe(0);
      expect(r.out).not.toContain('JLOD_PASSWORD=dba');
    }
  }, 180_000);

  it('release --publish publishes the release after a green run, every graph at its VoID count', async () => {
    const file = join(work, 'publish-release.yaml');
    writeFileSync(file, ['id: published', 'base: https://data.justice.gov.uk/', 'out: out', 'formats: [nt]', 'datasets:',
      `  - mapping: ${join(root, 'mappings/sentenced-fines.yaml')}`, `  - mapping: ${join(root, 'mappings/proven-reoffending-by-la.yaml')}`, ''].join('\n'));
    const r = cli(['release', file, '--publish', virtuoso.graphStore, '--quiet'], env);
    expect(r.code, r.stderr).toBe(0);
    const dumps = readRelease(join(work, 'out', 'published')).filter((d) => d.triples !== undefined);
    expect(dumps.map((d) => d.id)).toEqual(expect.arrayContaining(['sentenced-fines', 'proven-reoffending-by-la']));
    for (const d of dumps) expect(await virtuoso.count(d.graph), d.id).toBe(d.triples);
  }, 120_000);
});

