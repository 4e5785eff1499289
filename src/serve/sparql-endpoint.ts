import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiate } from './negotiate.js';
import type { Renderer } from './render.js';
import { CORS, send } from './respond.js';
import type { Site } from './site.js';
import { QueryFailed, type Binding, type DataSource } from './source.js';
import { prepare, queryOfRequest } from './sparql-protocol.js';
import { curie, labelsOf, termView } from './terms.js';

/** Bytes a POSTed query may have. */
const MAX_BODY = 1 << 20;

export interface EndpointOptions {
  readonly source: DataSource;
  readonly renderer: Renderer;
  readonly site: Site;
  readonly prefixes: ReadonlyMap<string, string>;
  readonly examples: readonly { readonly title: string; readonly query: string }[];
  readonly timeoutMs: number;
  readonly maxResults: number;
}

/**
 * `/sparql`: the SPARQL 1.1 Protocol (query operation, GET and POST) over the release, and a
 * page with a query form and the example queries for people. Updates are refused (403).
 */
export function sparqlEndpoint(o: EndpointOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, csp: string): Promise<void> => {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return send(res, req, 204, { ...CORS, allow: 'GET, HEAD, POST, OPTIONS' });
    if (!['GET', 'HEAD', 'POST'].includes(method)) {
      return send(res, req, 405, { allow: 'GET, HEAD, POST', 'content-type': 'text/plain; charset=utf-8' }, 'The SPARQL endpoint takes queries by GET or POST.\n');
    }
    let body = '';
    if (method === 'POST') {
      const read = await readBody(req);
      if (read === undefined) return send(res, req, 413, { 'content-type': 'text/plain; charset=utf-8' }, `The query is larger than ${MAX_BODY} bytes.\n`);
      body = read;
    }
    const { query, update } = queryOfRequest(method, url.searchParams, req.headers['content-type'], body);
    const wantsPage = negotiate(req.headers.accept, ['application/sparql-results+json', 'text/html']) === 'text/html' && (req.headers.accept ?? '').includes('text/html');
    const page = (status: number, data: Record<string, unknown>): void => {
      const html = o.renderer.render({ template: 'sparql.njk', title: 'SPARQL query', data: { nav: 'sparql', examples: o.examples, timeout: o.timeoutMs / 1000, limit: o.maxResults, query: query ?? o.examples[0]?.query ?? '', ...data } });
      send(res, req, status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, vary: 'Accept', 'cache-control': 'no-store' }, html);
    };
    const refuse = (status: number, message: string): void => {
      if (wantsPage) return page(status, { error: message });
      send(res, req, status, { ...CORS, 'content-type': 'text/plain; charset=utf-8', vary: 'Accept' }, `${message}\n`);
    };
    if (update) return refuse(403, 'this endpoint is read-only: SPARQL Update is refused');
    if (query === undefined) {
      if (wantsPage || method === 'HEAD') return page(200, {});
      return refuse(400, 'no query: send one as query= (GET or a POSTed form) or as an application/sparql-query body');
    }
    const prepared = prepare(query, req.headers.accept, o.prefixes, o.maxResults);
    if (prepared.kind === 'refused') return refuse(prepared.status, prepared.message);
    const graph = prepared.form === 'CONSTRUCT' || prepared.form === 'DESCRIBE';
    const format = prepared.format === 'text/html' ? (graph ? 'text/turtle' : 'application/sparql-results+json') : prepared.format;
    let text: string;
    try {
      text = await o.source.run(prepared.sparql, format, o.timeoutMs);
    } catch (err) {
      const failed = err instanceof QueryFailed ? err : new QueryFailed((err as Error).message, 400);
      return refuse(failed.status, failed.message);
    }
    const capped: Record<string, string> = prepared.capped ? { 'x-sparql-maxrows': String(o.maxResults) } : {};
    if (prepared.format !== 'text/html') {
      const type = /^text\/|json$|xml$|n-triples$/.test(format) ? `${format}; charset=utf-8` : format;
      return send(res, req, 200, { ...CORS, 'content-type': type, vary: 'Accept', 'cache-control': 'no-store', ...capped }, text);
    }
    if (graph) return page(200, { results: { graph: text } });
    const json = JSON.parse(text) as { boolean?: boolean; head: { vars?: string[] }; results?: { bindings: Record<string, Binding>[] } };
    if (json.boolean !== undefined) return page(200, { results: { boolean: json.boolean } });
    const vars = json.head.vars ?? [];
    const bindings = json.results?.bindings ?? [];
    const labels = await labelsOf(o.site.source, bindings.flatMap((b) => Object.values(b).filter((t) => t.type === 'uri').map((t) => t.value)));
    const rows = bindings.map((b) => vars.map((v) => {
      const t = b[v];
      if (!t) return { text: '' };
      const view = termView(t, labels, o.site.spaces);
      return t.type === 'uri' ? { text: labels.has(t.value) ? `${view.text} (${curie(t.value)})` : view.text, href: view.href } : { text: view.text };
    }));
    return page(200, { results: { vars, rows, capped: prepared.capped && rows.length >= o.maxResults } });
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
