import { createWriteStream, rmSync } from 'node:fs';
import { onInterrupt } from '../sinks/interrupt.js';
import { begin, end } from '../run/activity.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Code } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readDump } from '../metadata/read-dump.js';
import { quadToNTriples } from '../rdf/term.js';
import type { ReleaseDump } from '../release/read-release.js';
import { formatByName } from '../sinks/registry.js';
import { lineChunks } from './chunks.js';
import { alterations, countQuery, localLiterals, sampleQuery, type Binding } from './literals.js';
import type { Endpoints } from './endpoints.js';
import { HttpClient, HttpFailure, type Answer, type Credentials, type HttpLimits, type RetryPolicy } from './http.js';
import { grouped } from '../diagnostics/numbers.js';

export interface PublishOptions {
  readonly endpoints: Endpoints;
  readonly credentials?: Credentials;
  readonly retry: RetryPolicy;
  /** Timeouts and what authentication may be sent where (defaults: 10 s to connect, 300 s a request). */
  readonly limits?: HttpLimits;
  /** Progress lines for people (stderr). */
  readonly log?: (line: string) => void;
  /** Bytes per upload request (tests make it small to upload in several requests). */
  readonly chunkBytes?: number;
  /** Refuse to swap in a graph whose literals the store altered (default: warn and swap). */
  readonly strict?: boolean;
}

export interface Published {
  readonly id: string;
  readonly graph: string;
  readonly triples: number;
  readonly expected: number;
  readonly requests: number;
  readonly seconds: number;
}

export interface PublishOutcome {
  readonly published: readonly Published[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Publishes each dataset into its graph on a SPARQL 1.1 Graph Store, safely: the dump goes
 * into a staging graph (PUT of the first chunk, POST of the rest, each chunk retried alone),
 * the staging graph's triple count is checked against the release's VoID count, and only then
 * does SPARQL Update MOVE it onto the dataset's graph, whose count is checked again. A failure
 * before the MOVE leaves the published graph as it was, and stops the run.
 */
export async function publishDumps(dumps: readonly ReleaseDump[], o: PublishOptions): Promise<PublishOutcome> {
  const http = new HttpClient(o.credentials, o.retry, (what, attempt, wait) => o.log?.(`  retry ${attempt}/${o.retry.retries} in ${wait} ms: ${what}`), o.limits);
  const published: Published[] = [];
  const warnings: Diagnostic[] = [];
  for (const dump of dumps) {
    const started = Date.now();
    const staging = `${dump.graph}/staging`;
    let lines: ReleaseDump = dump;
    let tmp: string | undefined;
    let forget = (): void => undefined;
    try {
      if (dump.format.format.name !== 'nt') {
        ({ dump: lines, tmp } = await asNTriples(dump));
        const made = tmp;
        forget = onInterrupt(() => rmSync(made, { recursive: true, force: true }));
      }
      o.log?.(`${dump.id}: uploading to the staging graph <${staging}>`);
      let sent = 0;
      let requests = 0;
      const upload = begin(`uploading ${dump.id}`, { ...(dump.triples !== undefined ? { total: dump.triples } : {}), unit: 'triples' });
      try {
        for await (const chunk of lineChunks(lines, o.chunkBytes)) {
          await http.send({
            method: requests === 0 ? 'PUT' : 'POST',
            url: withGraph(o.endpoints.graphStore, staging),
            headers: { 'Content-Type': 'application/n-triples' },
            body: () => chunk.data,
          });
          requests++;
          sent += chunk.triples;
          upload.done = sent;
        }
      } finally {
        end(upload);
      }
      const expected = dump.triples ?? sent;
      const staged = await count(http, o.endpoints.query, staging);
      if (staged !== expected) {
        await drop(http, o.endpoints.update, staging);
        return fail(published, 'JL613', `${dump.id}: the staging graph holds ${staged} triples, the release says ${expected}; <${dump.graph}> was left as it was`);
      }
      // Counts can match while values do not: the literals are read back before the swap.
      const local = await localLiterals(lines);
      const byType = await select(http, o.endpoints.query, countQuery(staging));
      const sample = local.sample.length ? await select(http, o.endpoints.query, sampleQuery(staging, local.sample)) : [];
      const altered = alterations(local, byType, sample);
      if (altered.length) {
        const message = `${dump.id}: the store altered literals it was given — ${altered.join('; ')}`;
        if (o.strict) {
          await drop(http, o.endpoints.update, staging);
          return { published, diagnostics: [...warnings, diagnostic('JL615', `${message}; <${dump.graph}> was left as it was (--strict)`, { severity: 'error' })] };
        }
        warnings.push(diagnostic('JL615', message));
      }
      await http.send(update(o.endpoints.update, `MOVE SILENT GRAPH <${staging}> TO GRAPH <${dump.graph}>`));
      const live = await count(http, o.endpoints.query, dump.graph);
      if (live !== expected) return fail(published, 'JL613', `${dump.id}: after the swap <${dump.graph}> holds ${live} triples, not ${expected}`);
      published.push({ id: dump.id, graph: dump.graph, triples: live, expected, requests, seconds: (Date.now() - started) / 1000 });
      o.log?.(`${dump.id}: ${grouped(live)} triples verified and swapped into <${dump.graph}>`);
    } catch (err) {
      if (!(err instanceof HttpFailure)) throw err;
      // Best effort: the staging graph is replaced by the next run anyway.
      await drop(http, o.endpoints.update, staging).catch(() => undefined);
      const code: Code = err.kind === 'unreachable' ? 'JL611' : err.kind === 'unauthorised' ? 'JL614' : err.kind === 'bad-answer' ? 'JL616' : 'JL612';
      return { published, diagnostics: [...warnings, diagnostic(code, `${dump.id}: ${err.message}; <${dump.graph}> was left as it was`)] };
    } finally {
      if (tmp) await rm(tmp, { recursive: true, force: true });
      forget();
    }
  }
  return { published, diagnostics: warnings };
}

const fail = (published: Published[], code: Code, message: string): PublishOutcome => ({ published, diagnostics: [diagnostic(code, message)] });

async function select(http: HttpClient, url: string, query: string): Promise<Binding[]> {
  return resultsOf(http, url, await http.send(formPost(url, { query }, 'application/sparql-results+json')));
}

/**
 * The bindings of a SPARQL JSON answer. Anything else (an HTML error page from a proxy, XML
 * from a server that ignored Accept) is a failure that says what came back, never a parse
 * error deep inside, and never read as zero rows.
 */
function resultsOf(http: HttpClient, url: string, res: Answer): Binding[] {
  let json: { results?: { bindings?: unknown } } | undefined;
  try {
    json = JSON.parse(res.text) as typeof json;
  } catch {
    json = undefined;
  }
  if (!json || !Array.isArray(json.results?.bindings)) {
    throw new HttpFailure('bad-answer', `${url}: the answer is not SPARQL JSON results (Content-Type ${res.contentType || 'none'}): ${http.summary(res.text)}`);
  }
  return json.results!.bindings as Binding[];
}

function withGraph(graphStore: string, graph: string): string {
  const u = new URL(graphStore);
  u.searchParams.set('graph', graph);
  return u.toString();
}

/** A SPARQL protocol request: the query or update as a form, POSTed. */
function formPost(url: string, params: Record<string, string>, accept: string) {
  return {
    method: 'POST' as const, url,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: accept },
    body: () => new URLSearchParams(params).toString(),
  };
}

const update = (url: string, sparql: string) => formPost(url, { update: sparql }, 'application/sparql-results+json, */*');

async function drop(http: HttpClient, url: string, graph: string): Promise<void> {
  await http.send(update(url, `DROP SILENT GRAPH <${graph}>`));
}

async function count(http: HttpClient, url: string, graph: string): Promise<number> {
  const rows = await select(http, url, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
  const n = Number(rows[0]?.['n']?.value);
  if (!Number.isInteger(n)) throw new HttpFailure('bad-answer', `${url}: the count of <${graph}> came back as ${JSON.stringify(rows[0] ?? null).slice(0, 200)}, not a number`);
  return n;
}

/** A dump in another format, rewritten as N-Triples in a temporary folder, for line chunks. */
async function asNTriples(dump: ReleaseDump): Promise<{ dump: ReleaseDump; tmp: string }> {
  const tmp = await mkdtemp(join(tmpdir(), 'justice-lod-'));
  const path = join(tmp, `${dump.id}.nt`);
  const out = createWriteStream(path);
  await readDump(dump.path, dump.format.format, dump.format.gzip, (q) => void out.write(quadToNTriples(q)));
  out.end();
  await finished(out);
  return { dump: { ...dump, path, format: formatByName('nt')! }, tmp };
}
