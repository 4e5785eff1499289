/**
 * `serve` over HTTP (issue 21), as clients see it: the real CLI serving the two sample releases
 * on 127.0.0.1; 303s, content negotiation, ETags, the RDF of documents re-parsed by serdi (a C
 * parser) and jsonld, the SPARQL 1.1 Protocol through an independent client
 * (fetch-sparql-endpoint), refused updates, the time-out and the result limit, downloads, and
 * the dereference check.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { SparqlEndpointFetcher } from 'fetch-sparql-endpoint';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReleases, serve, type Served } from '../support/served-release.js';

const BASE = 'https://data.justice.gov.uk/';
const FINES = `${BASE}data/sentenced-fines`;
const QB = 'http://purl.org/linked-data/cube#';
const root = new URL('../../', import.meta.url).pathname;

let releases: ReturnType<typeof sampleReleases>;
let server: Served;
let previous: Served;

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await request(`${server.url}${path}`, { method: method as 'GET', headers });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text };
}

/** Triples as serdi (independent of the server's n3) reads them, as sorted N-Triples lines. */
function serdi(text: string, syntax: 'turtle' | 'ntriples', base = 'http://127.0.0.1/'): string[] {
  const r = spawnSync('serdi', ['-i', syntax, '-o', 'ntriples', '-', base], { input: text, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l.trim()).sort();
}

/** The triples of a dump whose subject is `iri`, as sorted lines (a CBD without blank nodes). */
function dumpTriplesAbout(file: string, iri: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith(`<${iri}> `)).sort();
}

beforeAll(async () => {
  releases = sampleReleases();
  [server, previous] = await Promise.all([serve(releases.current, ['--max-results', '1000']), serve(releases.previous)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([server?.stop(), previous?.stop()]);
});

describe('serve: IRIs resolve on the server', () => {
  it('binds to 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lets any web page read the data (CORS) and crawlers find the VoID (/.well-known/void)', async () => {
    const doc = await get('/doc/data/sentenced-fines', { accept: 'text/turtle', origin: 'https://example.org' });
    expect(doc.headers['access-control-allow-origin']).toBe('*');
    const results = await get(`/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, { accept: 'application/sparql-results+json', origin: 'https://example.org' });
    expect(results.headers['access-control-allow-origin']).toBe('*');
    const preflight = await get('/sparql', { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Content-Type/);
    // Pages are not shared across origins.
    expect((await get('/doc/data/sentenced-fines', { accept: 'text/html' })).headers['access-control-allow-origin']).toBeUndefined();
    const void_ = await get('/.well-known/void');
    expect(void_.status).toBe(303);
    expect(void_.headers['location']).toBe('/doc/catalog/2025-04');
  });

  it('serves the catalogue at / to people, and sends programs to its document', async () => {
    const page = await get('/', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Offenders fined, by fine amount band');
    const rdf = await get('/', { accept: 'text/turtle' });
    expect(rdf.status).toBe(303);
    expect(rdf.headers['location']).toBe('/doc/catalog/2025-04');
  });

  it('answers 303 See Other from resource IRIs to their documents (UK GLD patterns)', async () => {
    const obs = readFileSync(join(releases.current, 'sentenced-fines.nt'), 'utf8').split('\n').find((l) => l.includes(`${QB}Observation`))!.split(' ')[0]!.slice(1, -1);
    const cases: [string, string][] = [
      ['/data/sentenced-fines', '/doc/data/sentenced-fines'],
      ['/id/lcjb/kent-lcjb', '/doc/lcjb/kent-lcjb'],
      ['/def/justice', '/doc/def/justice'],
      ['/def/justice/fine-band', '/doc/def/justice/fine-band'],
      ['/def/justice/fine-band/5000-to-10000', '/doc/def/justice/fine-band/5000-to-10000'],
      ['/catalog/2025-04', '/doc/catalog/2025-04'],
      [obs.slice(BASE.length - 1), `/doc${obs.slice(BASE.length - 1)}`],
    ];
    for (const [path, doc] of cases) {
      const r = await get(path, { accept: 'text/turtle' });
      expect(r.status, path).toBe(303);
      expect(r.headers['location'], path).toBe(doc);
    }
    // A dataset's named graph (in its N-Quads and TriG dumps) leads to the dataset.
    const graph = await get('/graph/sentenced-fines', { accept: 'text/turtle' });
    expect(graph.status).toBe(303);
    expect(graph.headers['location']).toBe('/doc/data/sentenced-fines');
    expect((await get('/id/no-such-thing')).status).toBe(404);
    expect((await get('/data/sentenced-fines/obs/nothing')).status).toBe(404);
  });

  it('serves every representation by Accept (with q-values) and by extension, with Vary and Content-Location', async () => {
    const doc = '/doc/data/sentenced-fines';
    const byAccept: [string, string][] = [
      ['text/turtle', 'text/turtle'],
      ['application/n-triples', 'application/n-triples'],
      ['application/ld+json', 'application/ld+json'],
      ['application/n-quads', 'application/n-quads'],
      ['text/html', 'text/html'],
      ['text/html;q=0.5, application/n-triples;q=0.9', 'application/n-triples'],
      ['text/*;q=0.3, text/turtle', 'text/turtle'],
      ['*/*', 'text/html'],
    ];
    for (const [accept, type] of byAccept) {
      const r = await get(doc, { accept });
      expect(r.status, accept).toBe(200);
      expect(String(r.headers['content-type']), accept).toMatch(new RegExp(`^${type.replace('+', '\\+')}`));
      expect(r.headers['vary']).toBe('Accept');
    }
    expect((await get(doc, { accept: 'text/turtle' })).headers['content-location']).toBe(`${doc}.ttl`);
    expect((await get(doc, { accept: 'application/xml' })).status).toBe(406);
    for (const [ext, type] of [['ttl', 'text/turtle'], ['nt', 'application/n-triples'], ['jsonld', 'application/ld+json'], ['nq', 'application/n-quads'], ['html', 'text/html']]) {
      const r = await get(`${doc}.${ext}`, { accept: 'text/html' });
      expect(r.status, ext).toBe(200);
      expect(String(r.headers['content-type'])).toMatch(new RegExp(`^${type!.replace('+', '\\+')}`));
    }
  });

  it('gives the concise bounded description: the same triples in Turtle, N-Triples and JSON-LD as the dump holds', async () => {
    const obsLine = readFileSync(join(releases.current, 'sentenced-fines.nt'), 'utf8').split('\n').find((l) => l.includes('af-obs-marker#c'))!;
    const obs = obsLine.split(' ')[0]!.slice(1, -1);
    const expected = dumpTriplesAbout(join(releases.current, 'sentenced-fines.nt'), obs);
    expect(expected.length).toBeGreaterThan(5);
    const doc = `/doc${obs.slice(BASE.length - 1)}`;
    const ttl = await get(doc, { accept: 'text/turtle' });
    expect(serdi(ttl.text, 'turtle')).toEqual(expected);
    const nt = await get(doc, { accept: 'application/n-triples' });
    expect(serdi(nt.text, 'ntriples')).toEqual(expected);
    const fromJsonld = (await jsonld.toRDF(JSON.parse((await get(doc, { accept: 'application/ld+json' })).text), { format: 'application/n-quads' })) as unknown as string;
    expect(serdi(fromJsonld, 'ntriples')).toEqual(expected);
    // The suppressed observation has its marker and no value.
    expect(expected.some((l) => l.includes('obsStatus> <https://purl.org/csv-cubed/resources/attributes/af-obs-marker#c>'))).toBe(true);
    expect(expected.some((l) => l.includes('#defendantsSentenced> "'))).toBe(false);
  });

  it('describes a hash vocabulary in one document that holds every term', async () => {
    const r = await get('/doc/def/justice', { accept: 'application/n-triples' });
    const subjects = new Set(serdi(r.text, 'ntriples').map((l) => l.split(' ')[0]));
    expect(subjects).toContain('<https://w3id.org/justice-lod/def/justice>');
    expect(subjects).toContain('<https://w3id.org/justice-lod/def/justice#fineAmountBand>');
    expect(subjects).toContain('<https://w3id.org/justice-lod/def/justice#offenceGroup>');
  });

  it('sends ETags from the dumps\' checksums and 304 on If-None-Match', async () => {
    const doc = '/doc/data/sentenced-fines';
    const a = await get(doc, { accept: 'text/turtle' });
    const etag = String(a.headers['etag']);
    expect(etag).toMatch(/^"[0-9a-f]{32}-ttl"$/);
    expect((await get(doc, { accept: 'text/turtle' })).headers['etag']).toBe(etag);
    const html = await get(doc, { accept: 'text/html' });
    expect(html.headers['etag']).not.toBe(etag);
    const again = await get(doc, { accept: 'text/turtle', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await get(doc, { accept: 'text/turtle', 'if-none-match': '"other", ' + etag })).status).toBe(304);
    expect((await get(doc, { accept: 'text/turtle', 'if-none-match': '"other"' })).status).toBe(200);
    // The previous release's dumps differ, so its documents have other ETags.
    const old = await request(`${previous.url}${doc}`, { headers: { accept: 'text/turtle' } });
    await old.body.dump();
    expect(old.statusCode).toBe(200);
    expect(old.headers['etag']).not.toBe(etag);
  });

  it('serves the release\'s files as published: the SHA-256 the metadata gives, ETag and 304', async () => {
    const metadata = readFileSync(join(releases.current, 'metadata.ttl'), 'utf8');
    const m = /<([^>]*downloads\/2025-04\/sentenced-fines\.nt)>/.exec(metadata)!;
    const path = new URL(m[1]!).pathname;
    const res = await request(`${server.url}${path}`);
    const body = Buffer.from(await res.body.arrayBuffer());
    expect(res.statusCode).toBe(200);
    const sha = createHash('sha256').update(body).digest('hex');
    expect(metadata).toContain(sha);
    expect(res.headers['etag']).toBe(`"${sha}"`);
    expect((await get(path, { 'if-none-match': `"${sha}"` })).status).toBe(304);
    expect((await get('/downloads/2025-04/../metadata.ttl')).status).toBe(404);
    expect((await get('/downloads/2025-04/nothing.nt')).status).toBe(404);
    expect((await get('/downloads/2025-04/%E0%A4%A')).status).toBe(404);
    // The previous release's files too, when its folder is on this machine (the history links to them).
    expect((await get('/downloads/2025-01/sentenced-fines.nt', {}, 'HEAD')).status).toBe(200);
  });

  it('is read-only and safe with hostile input', async () => {
    for (const method of ['PUT', 'DELETE', 'POST', 'PATCH']) expect((await get('/doc/data/sentenced-fines', {}, method)).status, method).toBe(405);
    expect((await get('/resource?uri=javascript:alert(1)%3E')).status).toBe(400);
    expect((await get('/resource?uri=')).status).toBe(400);
    const injected = await get(`/cube/data/sentenced-fines?sex=${encodeURIComponent('<x> } ; DROP ALL #')}`);
    expect(injected.status).toBe(200);
    expect(injected.text).toContain('Some filters were not applied');
    expect(injected.text).not.toContain('<x> }');
    for (const path of ['/assets/../../package.json', '/assets/fonts/..%2f..%2fpackage.json', '/cube/%2e%2e/%2e%2e/etc/passwd', `/doc/${'a'.repeat(9000)}`]) {
      expect((await get(path)).status, path.slice(0, 40)).toBe(404);
    }
    expect((await get('/cube/data/sentenced-fines?page=-5')).status).toBe(200);
    expect((await get('/cube/data/sentenced-fines?page=99999999999999999999')).status).toBe(200);
    const weird = await get('/doc/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(weird.status).toBe(404);
    expect(weird.text).not.toContain('<script>alert');
    const page = await get('/doc/data/sentenced-fines', { accept: 'text/html' });
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('serve: hostile requests', () => {
  it('answers 300 random requests (paths, queries, Accept headers, methods) without a 5xx, and keeps serving', async () => {
    // Seeded, so a failure reproduces.
    let seed = 2112;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['/doc/', '/data/', '/id/', '/def/justice', '/cube/data/sentenced-fines', '/sparql', '/resource', '/downloads/2025-04/', '/assets/', '%', '%00', '%E0%A4', '..', '//', '#', '?', '&', '=', '<', '>', '"', "'", '{', '}', '\\', 'é', '🙂', 'x'.repeat(300), 'query=', 'uri=', 'page=', 'SELECT', 'INSERT', ' ', '\t'];
    const accepts = ['', '*/*', 'text/html', 'text/turtle;q=2', ';;', 'a/b, c/d;q=0.1', 'application/ld+json;q=0.000', `${'x/y,'.repeat(200)}`];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      let path = '/';
      for (let k = rand(6); k >= 0; k--) path += pieces[rand(pieces.length)];
      const safe = encodeURI(path).replace(/%25/g, '%');
      const method = ['GET', 'HEAD', 'POST', 'GET', 'GET'][rand(5)]!;
      const res = await request(`${server.url}${safe.startsWith('/') ? safe : `/${safe}`}`, {
        method: method as 'GET', headers: { accept: accepts[rand(accepts.length)]!, 'if-none-match': rand(2) ? '"x", W/"y"' : '*' },
        ...(method === 'POST' ? { body: pieces[rand(pieces.length)]!, headers: { 'content-type': ['application/sparql-query', 'application/x-www-form-urlencoded', 'text/plain'][rand(3)]! } } : {}),
      }).catch((err: Error) => ({ statusCode: -1, body: { dump: async () => undefined }, err }));
      await res.body.dump();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, `${method} ${safe}`).toBeGreaterThan(0);
      expect(res.statusCode, `${method} ${safe}`).toBeLessThan(500);
    }
    expect(statuses.size).toBeGreaterThan(3);
    expect((await get('/healthz')).status).toBe(200);
  }, 120_000);
});

describe('serve: the SPARQL 1.1 Protocol endpoint', () => {
  const fetcher = new SparqlEndpointFetcher();
  const endpoint = (): string => `${server.url}/sparql`;
  const observations = (id: string): number => readFileSync(join(releases.current, `${id}.nt`), 'utf8').split('\n').filter((l) => l.endsWith(`<${QB}Observation> .`)).length;

  it('answers SELECT, ASK and CONSTRUCT to an independent client', async () => {
    const bindings: Record<string, { value: string }>[] = [];
    const stream = await fetcher.fetchBindings(endpoint(), `SELECT (COUNT(?o) AS ?n) WHERE { ?o qb:dataSet <${FINES}> }`);
    for await (const b of stream) bindings.push(b as never);
    expect(Number(bindings[0]!['n']!.value)).toBe(observations('sentenced-fines'));
    expect(await fetcher.fetchAsk(endpoint(), `ASK { <${FINES}> a qb:DataSet }`)).toBe(true);
    expect(await fetcher.fetchAsk(endpoint(), `ASK { <${FINES}> a skos:Concept }`)).toBe(false);
    const triples: unknown[] = [];
    for await (const t of await fetcher.fetchTriples(endpoint(), `CONSTRUCT { <${FINES}> ?p ?o } WHERE { <${FINES}> ?p ?o }`)) triples.push(t);
    expect(triples.length).toBeGreaterThan(10);
    expect(triples.some((t) => (t as { predicate: { value: string } }).predicate.value === `${QB}structure`)).toBe(true);
  });

  it('gives JSON, XML, CSV and TSV results by Accept, by GET and both kinds of POST', async () => {
    // DISTINCT: a dataset's title is in its own graph and in the metadata's (the default graph is their union).
    const query = 'SELECT DISTINCT ?ds ?title WHERE { ?ds a qb:DataSet ; dcterms:title ?title } ORDER BY ?ds';
    const csv = await get(`/sparql?query=${encodeURIComponent(query)}`, { accept: 'text/csv' });
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text, { columns: true }) as { ds: string; title: string }[];
    expect(rows.length).toBe(7);
    expect(rows.map((r) => r.ds)).toContain(FINES);
    const tsv = await get(`/sparql?query=${encodeURIComponent(query)}`, { accept: 'text/tab-separated-values' });
    expect(tsv.text.split('\n')[0]).toBe('?ds\t?title');
    expect(tsv.text.trim().split('\n').length).toBe(8);
    const xml = await get(`/sparql?query=${encodeURIComponent(query)}`, { accept: 'application/sparql-results+xml' });
    expect(xml.text).toContain('<sparql xmlns="http://www.w3.org/2005/sparql-results#">');
    expect(xml.text.match(/<result>/g)!.length).toBe(7);
    const form = await request(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' }, body: new URLSearchParams({ query }).toString() });
    expect((JSON.parse(await form.body.text()) as { results: { bindings: unknown[] } }).results.bindings.length).toBe(7);
    const direct = await request(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query });
    expect((JSON.parse(await direct.body.text()) as { results: { bindings: unknown[] } }).results.bindings.length).toBe(7);
    const ttl = await get(`/sparql?query=${encodeURIComponent(`DESCRIBE <${FINES}>`)}`, { accept: 'text/turtle' });
    expect(String(ttl.headers['content-type'])).toMatch(/^text\/turtle/);
    expect(new Parser().parse(ttl.text).length).toBeGreaterThan(10);
    const nt = await get(`/sparql?query=${encodeURIComponent(`CONSTRUCT WHERE { <${FINES}> ?p ?o }`)}`, { accept: 'application/n-triples' });
    expect(serdi(nt.text, 'ntriples').length).toBeGreaterThan(10);
  });

  it('refuses updates, by every route', async () => {
    const update = `INSERT DATA { <${FINES}> <${QB}x> 1 }`;
    const viaBody = await request(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-update' }, body: update });
    expect(viaBody.statusCode).toBe(403);
    await viaBody.body.dump();
    const viaForm = await request(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ update }).toString() });
    expect(viaForm.statusCode).toBe(403);
    await viaForm.body.dump();
    expect((await get(`/sparql?query=${encodeURIComponent(update)}`)).status).toBe(403);
    await expect(fetcher.fetchUpdate(endpoint(), update)).rejects.toThrow();
    expect(await fetcher.fetchAsk(endpoint(), `ASK { <${FINES}> <${QB}x> 1 }`)).toBe(false);
  });

  it('says why a query is refused: parse errors (400), unacceptable formats (406), no query (400)', async () => {
    const bad = await get(`/sparql?query=${encodeURIComponent('SELECT ?x WHERE { ?x ')}`);
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/does not parse/);
    expect((await get(`/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, { accept: 'text/csv' })).status).toBe(406);
    expect((await get('/sparql', { accept: 'application/sparql-results+json' })).status).toBe(400);
    const form = await get('/sparql', { accept: 'text/html' });
    expect(form.status).toBe(200);
    expect(form.text).toContain('Example queries');
  });

  it('caps results at --max-results and says so', async () => {
    const all = observations('criminal-court-timeliness');
    expect(all).toBeGreaterThan(1000);
    const r = await get(`/sparql?query=${encodeURIComponent('SELECT ?o WHERE { ?o a qb:Observation }')}`, { accept: 'application/sparql-results+json' });
    expect(r.headers['x-sparql-maxrows']).toBe('1000');
    expect((JSON.parse(r.text) as { results: { bindings: unknown[] } }).results.bindings.length).toBe(1000);
    const small = await get(`/sparql?query=${encodeURIComponent('SELECT ?o WHERE { ?o a qb:Observation } LIMIT 3')}`, { accept: 'application/sparql-results+json' });
    expect(small.headers['x-sparql-maxrows']).toBeUndefined();
    expect((JSON.parse(small.text) as { results: { bindings: unknown[] } }).results.bindings.length).toBe(3);
  });

  it('stops a query that outlives --query-timeout (504) and keeps serving', async () => {
    const slow = await serve(releases.current, ['--query-timeout', '1']);
    try {
      const heavy = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
      const started = Date.now();
      const res = await request(`${slow.url}/sparql?query=${encodeURIComponent(heavy)}`, { headers: { accept: 'application/sparql-results+json' } });
      const text = await res.body.text();
      expect(res.statusCode, text).toBe(504);
      expect(text).toMatch(/longer than 1 s/);
      expect(Date.now() - started).toBeLessThan(30_000);
      // Pages have their own store: they answer at once, and the endpoint recovers.
      const page = await request(`${slow.url}/doc/data/sentenced-fines`, { headers: { accept: 'text/turtle' } });
      await page.body.dump();
      expect(page.statusCode).toBe(200);
      const again = await request(`${slow.url}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, { headers: { accept: 'application/sparql-results+json' } });
      expect(JSON.parse(await again.body.text())).toMatchObject({ boolean: true });
    } finally {
      await slow.stop();
    }
  }, 120_000);
});

describe('serve --check: the fourth star, tested for real', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/justice-lod.js'), ...args], { cwd: root, encoding: 'utf8' });

  it('resolves a sample of the release\'s own IRIs of every kind: 303, then RDF about the IRI', () => {
    const r = cli(['serve', releases.current, '--check', '--json']);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const report = JSON.parse(r.stdout) as { passed: boolean; checked: number; kinds: string[]; lookups: { passed: boolean; detail: string }[] };
    expect(report.passed).toBe(true);
    expect(report.kinds).toEqual(expect.arrayContaining(['qb:Observation', 'qb:DataSet', 'qb:DataStructureDefinition', 'skos:Concept', 'skos:ConceptScheme', 'owl:Ontology', 'dcat:Catalog', 'dcat:Distribution', 'qb:MeasureProperty', '(no rdf:type)', '(linked, not described)']));
    expect(report.checked).toBeGreaterThan(40);
    expect(report.lookups.filter((l) => /^303 → \/doc\//.test(l.detail)).length).toBeGreaterThan(40);
  }, 120_000);

  it('release --dereference runs the check on the release it wrote and keeps the result in five-star.json', () => {
    const file = join(releases.work, 'one.yaml');
    writeFileSync(file, ['id: one', 'version: One', 'issued: 2025-01-30', 'base: https://data.justice.gov.uk/', 'out: out', 'datasets:', `  - mapping: ${join(root, 'mappings/sentenced-fines.yaml')}`, ''].join('\n'));
    const r = spawnSync(process.execPath, [join(root, 'bin/justice-lod.js'), 'release', file, '--dereference'], { cwd: releases.work, encoding: 'utf8' });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/★★★★ URIs denote things: they dereference .*: passed — (\d+) of \1 IRIs/);
    const stars = JSON.parse(readFileSync(join(releases.work, 'out', 'one', 'five-star.json'), 'utf8')) as { datasets: unknown[]; dereference: { passed: boolean; checked: number } };
    expect(stars.datasets.length).toBe(2);
    expect(stars.dereference.passed).toBe(true);
    expect(stars.dereference.checked).toBeGreaterThan(30);
  }, 120_000);

  it('serves the real MoJ extracts (samples/real, bytes as published): every IRI kind resolves, and the sparse 16-dimension cube still charts', async () => {
    const real = join(releases.work, 'real');
    const conv = cli(['convert', 'mappings/court-outcomes-sentenced-2009-2019.yaml', 'mappings/criminal-history-flows-2024.yaml', '--out', real, '--quiet']);
    expect(conv.status, conv.stderr).toBe(0);
    const check = cli(['serve', real, '--check', '--json']);
    expect(check.status, check.stdout).toBe(0);
    expect((JSON.parse(check.stdout) as { passed: boolean; kinds: string[] }).kinds).toEqual(expect.arrayContaining(['qb:Observation', 'skos:Concept', 'qb:DataSet']));
    const served = await serve(real);
    try {
      const page = await request(`${served.url}/cube/data/court-outcomes-sentenced`, { headers: { accept: 'text/html' } });
      const html = await page.body.text();
      expect(page.statusCode).toBe(200);
      expect(html).toMatch(/Observations 1 to 50 of [\d,]+/);
      // No observation has every other dimension at its total: the chart holds them at a real one's.
      expect(html.match(/class="app-chart__mark"/g)?.length ?? 0).toBeGreaterThan(0);
    } finally {
      await served.stop();
    }
  }, 180_000);

  it('fails, naming the IRI, when the release links to a resource it does not describe', () => {
    const broken = join(releases.work, 'broken');
    cpSync(releases.current, broken, { recursive: true });
    for (const ext of ['nt', 'ttl']) rmSync(join(broken, `sentenced-fines.${ext}`));
    const r = cli(['serve', broken, '--check']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAILED/);
    expect(r.stdout).toMatch(/JL622 https:\/\/data\.justice\.gov\.uk\/data\/sentenced-fines\S* .*answered 404/);
  }, 120_000);
});
