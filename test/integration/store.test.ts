/**
 * Issue 6: the embedded store answers the example queries; `publish` puts a release into a
 * real Virtuoso (started here on 127.0.0.1) safely, and Virtuoso answers the example queries
 * with the same values as the embedded store.
 */
import { spawnSync } from 'node:child_process';
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
import { tempDir } from '../support/tmp.js';
import { Virtuoso, virtuosoInstalled } from '../support/virtuoso.js';
import { exampleCommands, projectFolder, publishes } from '../support/examples.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const work = tempDir();
const release = join(work, 'release');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
  const r = cli(['convert', 'mappings', '--out', release, '--quiet', '--issued', '2026-11-01']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('justice-lod query (embedded store)', () => {
  it.each([...exampleQueries().keys()])('answers the example query %s with rows', async (name) => {
    const out = await runQuery({ paths: [release], sparql: exampleQuery(name)!, format: 'json' });
    expect(out.diagnostics).toEqual([]);
    const json = JSON.parse(out.output!) as SparqlJson;
    expect(json.results!.bindings.length, name).toBeGreaterThan(0);
  });

  it('loads every dataset, each into its graph, and counts what VoID says', async () => {
    const out = await runQuery({ paths: [release], sparql: 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g', format: 'json' });
    const counts = new Map((JSON.parse(out.output!) as SparqlJson).results!.bindings.map((b) => [b['g']!.value, Number(b['n']!.value)]));
    for (const d of readRelease(release).filter((x) => x.triples !== undefined)) expect(counts.get(d.graph), d.id).toBe(d.triples);
  });

  it('prints a table, CSV, TSV, ASK and N-Triples from the CLI', () => {
    const table = cli(['query', release, '--example', 'custody-by-age']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ageBand\s+immediateCustody\s+sentenced\s+custodyRatePercent\n─+/);
    expect(table.stdout).toMatch(/\n3 rows\n$/);
    expect(cli(['query', release, '--example', 'custody-by-age', '--format', 'csv']).stdout).toMatch(/^ageBand,immediateCustody,sentenced,custodyRatePercent\r?\n/);
    expect(cli(['query', release, '--example', 'custody-by-age', '--format', 'tsv']).stdout).toMatch(/^\?ageBand\t\?immediateCustody/);
    expect(cli(['query', release, '--sparql', 'ASK { ?o a <http://purl.org/linked-data/cube#Observation> }']).stdout).toBe('yes\n');
    const nt = cli(['query', join(release, 'sentenced-fines.ttl'), '--sparql', 'CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3', '--format', 'nt']);
    expect(nt.stdout.trim().split('\n')).toHaveLength(3);
  });

  // Queries without ceremony (issue 19, point 3).
  it('loads the vocabulary and metadata beside a dump given alone, and shows labels beside codes', () => {
    const q = 'SELECT ?sex (SUM(?n) AS ?total) WHERE { ?o sdmx-dimension:sex ?sex ; justice:defendantsSentenced ?n } GROUP BY ?sex ORDER BY ?sex';
    const r = cli(['query', join(release, 'sentencing-outcomes.nt'), '--sparql', q]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^sdmx-code:sex-F Female\s+\d+$/m);
    expect(r.stdout).toMatch(/^sdmx-code:sex-M Male\s+\d+$/m);
    expect(r.stderr).toBe('');
    expect(cli(['query', join(release, 'sentencing-outcomes.nt'), '--sparql', q, '--no-labels']).stdout).toMatch(/^sdmx-code:sex-F\s+\d+$/m);
    // The catalogue comes with it: a question about the dataset's licence has an answer.
    const licence = cli(['query', join(release, 'sentencing-outcomes.nt'), '--sparql', 'SELECT ?l WHERE { ?d dcterms:license ?l } LIMIT 1']);
    expect(licence.stdout).toMatch(/open-government-licence/);
  });

  it('says which companions are missing when a dump is alone, and loads the shipped vocabulary instead', () => {
    const alone = join(work, 'alone');
    cpSync(join(release, 'sentencing-outcomes.nt'), join(alone, 'sentencing-outcomes.nt'), { recursive: true });
    const r = cli(['query', join(alone, 'sentencing-outcomes.nt'), '--sparql', 'SELECT ?sex WHERE { ?o sdmx-dimension:sex ?sex } GROUP BY ?sex ORDER BY ?sex']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sdmx-code:sex-F Female$/m);
    expect(r.stderr).toMatch(/note: no justice-vocabulary dump beside .*: the vocabulary shipped with justice-lod is loaded/);
    expect(r.stderr).toMatch(/note: no metadata\.ttl beside .*: the catalogue .* is not loaded/);
  });

  it('explains 0 rows: the terms of the query that no triple uses, with the nearest that exist', () => {
    const r = cli(['query', release, '--sparql', 'SELECT ?o WHERE { ?o a qb:Observatio ; justice:defendantSentenced ?n }']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n0 rows\n$/);
    expect(r.stderr).toMatch(/note: 0 rows from [\d,]+ triples/);
    expect(r.stderr).toContain("note: qb:Observatio is used by no triple of the loaded data. Did you mean 'qb:Observation'?");
    expect(r.stderr).toMatch(/note: justice:defendantSentenced is used by no triple of the loaded data\. Did you mean 'justice:defendantsSentenced'/);
    expect(cli(['query', release, '--quiet', '--sparql', 'SELECT ?o WHERE { ?o a qb:Observatio }']).stderr).toBe('');
  });

  it('never cuts an IRI in a table; --wide cuts nothing', () => {
    const q = 'SELECT ?d ?t WHERE { ?d a dcat:Dataset ; dcterms:description ?t } ORDER BY ?d';
    const table = cli(['query', release, '--sparql', q, '--no-labels']).stdout;
    const iris = [...table.matchAll(/^(<[^>\s]+>)/gm)].map((m) => m[1]!);
    expect(iris.length).toBeGreaterThan(3);
    for (const iri of iris) expect(iri).toMatch(/^<https:\/\/[^…]+>$/);
    expect(table).toContain('…');
    expect(cli(['query', release, '--sparql', q, '--no-labels', '--wide']).stdout).not.toContain('…');
  });

  // inspect (issue 19, point 7): every figure is checked against a query of the same release.
  it('inspect describes each cube: dimensions with codes and labels, measures, markers, periods, areas, stars', () => {
    const json = cli(['inspect', release, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const described = JSON.parse(json.stdout) as { catalogue?: { iri: string }; datasets: { iri: string; stars?: number; observations: number; dimensions: { iri: string; codes: number; first: { iri: string; label?: string }[]; kind?: string }[]; measures: { iri: string; count: number; sum?: number }[]; markers: { iri: string; count: number; notation?: string }[] }[] };
    const ask = (q: string): string[] => cli(['query', release, '--sparql', q, '--format', 'csv']).stdout.trim().split(/\r?\n/).slice(1).sort();
    expect(described.datasets.map((d) => d.iri).sort()).toEqual(ask('SELECT DISTINCT ?ds WHERE { ?ds a qb:DataSet }'));
    expect(described.catalogue?.iri).toMatch(/^https:\/\//);
    for (const d of described.datasets) expect(d.stars, d.iri).toBe(5);
    const fines = described.datasets.find((d) => d.iri.endsWith('/sentenced-fines'))!;
    expect(String(fines.observations)).toBe(ask(`SELECT (COUNT(?o) AS ?n) WHERE { ?o qb:dataSet <${fines.iri}> }`)[0]);
    for (const dim of fines.dimensions) {
      expect(String(dim.codes), dim.iri).toBe(ask(`SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?o qb:dataSet <${fines.iri}> ; <${dim.iri}> ?v }`)[0]);
    }
    for (const m of fines.measures) expect(m.sum, m.iri).toBe(Number(ask(`SELECT (SUM(?x) AS ?n) WHERE { ?o qb:dataSet <${fines.iri}> ; <${m.iri}> ?x }`)[0]));
    const reoffending = described.datasets.find((d) => d.iri.endsWith('/proven-reoffending-by-la'))!;
    const byStatus = ask(`SELECT ?s (COUNT(?o) AS ?n) WHERE { ?o qb:dataSet <${reoffending.iri}> ; sdmx-attribute:obsStatus ?s } GROUP BY ?s`);
    expect(reoffending.markers.map((k) => `${k.iri},${k.count}`).sort()).toEqual(byStatus);
    expect(reoffending.markers.length).toBeGreaterThan(1);
    expect(fines.dimensions.find((x) => x.iri.endsWith('refPeriod'))?.kind).toBe('periods');
    const text = cli(['inspect', release]).stdout;
    expect(text).toMatch(/^sentenced-fines {2}★★★★★ {2}\S/m);
    expect(text).toMatch(/^ {4}sex +\d+ codes: sex-F Female, sex-M Male/m);
    expect(text).toMatch(/^ {2}periods {7}\d+, year\/\d{4} … year\/\d{4}$/m);
    expect(text).toMatch(/^ {2}geographies {3}\d+: E23000001 Metropolitan Police/m);
    expect(text).toMatch(/\n\d+ cubes, [\d,]+ triples read\n$/);
    // One dump alone: the same cube, its stars from the folder's five-star.json.
    const one = JSON.parse(cli(['inspect', join(release, 'sentenced-fines.nt'), '--json']).stdout) as typeof described;
    expect(one.datasets.map((d) => [d.iri, d.observations, d.stars])).toEqual([[fines.iri, fines.observations, 5]]);
  });

  it('says plainly when a query cannot run, or prints in a form that does not fit', () => {
    const bad = cli(['query', release, '--sparql', 'SELECT ?x WHERE { ?x ']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('JL601');
    expect(bad.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(cli(['query', release, '--sparql', 'SELECT * WHERE { ?s ?p ?o }', '--format', 'nt']).stderr).toContain('JL604');
    expect(cli(['query', join(work, 'nothing-here')]).code).toBe(2);
  });

  it('loads only the datasets a query names when the release would not fit, or says so', async () => {
    const sparql = exampleQuery('custody-by-age')!;
    const { planLoad } = await import('../../src/query/budget.js');
    const dumps = readRelease(release);
    const fits = planLoad(dumps, sparql, [], 20_000);
    expect(fits.kind).toBe('some');
    expect(fits.kind === 'some' && fits.dumps.map((d) => d.id).sort()).toEqual(['justice-vocabulary', 'metadata', 'sentencing-outcomes']);
    expect(planLoad(dumps, 'SELECT * WHERE { ?s ?p ?o }', [], 20_000).kind).toBe('too-large');
    expect(planLoad(dumps, 'SELECT * WHERE { ?s ?p ?o }', ['sentenced-fines'], 20_000).kind).toBe('some');
  });
});

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
