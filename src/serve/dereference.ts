import { Parser } from 'n3';
import { request } from 'undici';
import { curie } from './terms.js';
import type { ReleaseFolder } from './release-folder.js';
import { Spaces } from './spaces.js';

/** One IRI looked up on the server. */
export interface Lookup {
  readonly iri: string;
  /** The kinds it was sampled as (its rdf:types' short names). */
  readonly kinds: readonly string[];
  readonly passed: boolean;
  /** What happened: the redirect and the document, or why it failed. */
  readonly detail: string;
}

export interface DereferenceReport {
  readonly stars: 4;
  readonly criterion: string;
  readonly server: string;
  readonly passed: boolean;
  readonly checked: number;
  readonly failed: number;
  readonly kinds: readonly string[];
  readonly lookups: readonly Lookup[];
}

/** IRIs sampled per kind (rdf:type) of resource. */
const PER_KIND = 2;

/**
 * ★★★★, tested for real (issue 21): with the release served, a sample of its own IRIs of every
 * kind (two per rdf:type among the resources under its base and the vocabulary's space) is
 * looked up as a client would: GET with Accept: text/turtle answers 303 See Other, and the
 * document it points to answers 200 with Turtle that has the IRI as a subject.
 */
export async function dereferenceCheck(server: string, folder: ReleaseFolder): Promise<DereferenceReport> {
  const spaces = new Spaces(folder.base);
  const sample = await sampleIris(server, spaces);
  const lookups: Lookup[] = [];
  for (const { iri, kinds } of sample) lookups.push({ iri, kinds, ...(await lookUp(server, spaces, folder, iri)) });
  const failed = lookups.filter((l) => !l.passed).length;
  return {
    stars: 4, criterion: 'URIs denote things: they dereference (303 See Other, then RDF describing them)', server,
    passed: failed === 0 && lookups.length > 0, checked: lookups.length, failed,
    kinds: [...new Set(sample.flatMap((s) => s.kinds))].sort(), lookups,
  };
}

/**
 * The IRIs to look up, asked of the server's own SPARQL endpoint: two per rdf:type, two
 * subjects without a type, and two IRIs the release links to in its own spaces without
 * describing them (those fail, as a client would find).
 */
async function sampleIris(server: string, spaces: Spaces): Promise<{ iri: string; kinds: string[] }[]> {
  const within = (v: string): string => spaces.spaces.map((s) => `STRSTARTS(STR(${v}), ${JSON.stringify(s)})`).join(' || ');
  const out = new Map<string, string[]>();
  const add = (iri: string, kind: string): void => void out.set(iri, [...(out.get(iri) ?? []), kind]);
  const typed = await sparql(server, `SELECT ?type (MIN(STR(?s)) AS ?first) (MAX(STR(?s)) AS ?last) WHERE { ?s a ?type FILTER(isIRI(?s) && (${within('?s')})) } GROUP BY ?type ORDER BY ?type`);
  for (const r of typed) {
    for (const iri of new Set([r['first']!, r['last']!])) add(iri, curie(r['type']!));
  }
  const untyped = await sparql(server, `SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && (${within('?s')})) FILTER NOT EXISTS { ?s a ?t } } ORDER BY ?s LIMIT ${PER_KIND}`);
  for (const r of untyped) add(r['s']!, '(no rdf:type)');
  const undescribed = await sparql(server, `SELECT DISTINCT ?o WHERE { ?x ?p ?o FILTER(isIRI(?o) && (${within('?o')})) FILTER NOT EXISTS { ?o ?q ?v } } ORDER BY ?o LIMIT 20`);
  for (const r of undescribed.slice(0, PER_KIND * 2)) add(r['o']!, '(linked, not described)');
  return [...out].map(([iri, kinds]) => ({ iri, kinds }));
}

async function sparql(server: string, query: string): Promise<Record<string, string>[]> {
  const res = await request(`${server}/sparql`, {
    method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query,
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`the server's SPARQL endpoint answered ${res.statusCode}: ${text.trim().slice(0, 300)}`);
  const json = JSON.parse(text) as { results: { bindings: Record<string, { value: string }>[] } };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

async function lookUp(server: string, spaces: Spaces, folder: ReleaseFolder, iri: string): Promise<{ passed: boolean; detail: string }> {
  const path = spaces.pathOf(iri);
  if (path === undefined) return { passed: false, detail: 'not under the release\'s base or the vocabulary\'s space' };
  if (/^\/downloads\//.test(path) || path.startsWith(folder.downloadPath)) {
    // A download is a document itself: it answers 200 with the file.
    const res = await request(`${server}${path}`, { method: 'HEAD' });
    await res.body.dump();
    return res.statusCode === 200 ? { passed: true, detail: `a file of the release: 200 ${String(res.headers['content-type'])}` } : { passed: false, detail: `the file answered ${res.statusCode}` };
  }
  const first = await request(`${server}${path}`, { method: 'GET', headers: { accept: 'text/turtle' } });
  await first.body.dump();
  const location = first.headers['location'];
  if (first.statusCode !== 303 || typeof location !== 'string') return { passed: false, detail: `GET ${path} answered ${first.statusCode}, not 303 See Other` };
  const doc = new URL(location, server);
  const second = await request(doc, { method: 'GET', headers: { accept: 'text/turtle' } });
  const text = await second.body.text();
  const type = String(second.headers['content-type'] ?? '');
  if (second.statusCode !== 200 || !type.startsWith('text/turtle')) return { passed: false, detail: `303 to ${doc.pathname}, which answered ${second.statusCode} ${type}` };
  let about = 0;
  try {
    about = new Parser({ baseIRI: doc.href }).parse(text).filter((q) => q.subject.value === iri).length;
  } catch (err) {
    return { passed: false, detail: `303 to ${doc.pathname}: the Turtle does not parse (${(err as Error).message})` };
  }
  if (about === 0) return { passed: false, detail: `303 to ${doc.pathname}, whose RDF says nothing about the IRI` };
  return { passed: true, detail: `303 → ${doc.pathname}: ${about} triples about it` };
}


/**
 * The check on a release folder: served on a free port of 127.0.0.1 (the embedded store) for
 * the time it takes, then stopped.
 */
export async function checkReleaseFolder(dir: string): Promise<DereferenceReport> {
  const { startServer } = await import('./server.js');
  const server = await startServer({ dir, host: '127.0.0.1', port: 0, queryTimeoutMs: 60_000, maxResults: 100_000 });
  try {
    return await dereferenceCheck(server.url, server.folder);
  } finally {
    await server.close();
  }
}

export function dereferenceText(r: DereferenceReport): string {
  const lines = [`★★★★ ${r.criterion}: ${r.passed ? 'passed' : 'FAILED'} — ${r.checked - r.failed} of ${r.checked} IRIs of ${r.kinds.length} kinds resolved on ${r.server}`];
  for (const l of r.lookups) if (!l.passed) lines.push(`  ✗ JL622 ${l.iri} (${l.kinds.join(', ')}): ${l.detail}`);
  if (r.passed) lines.push(`  kinds: ${r.kinds.join(', ')}`);
  return lines.join('\n');
}
