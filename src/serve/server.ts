import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { exampleQueries, exampleQuery } from '../cli/query.js';
import { NS } from '../rdf/ns.js';
import { KNOWN_PREFIXES } from './terms.js';
import { describe, serialize } from './document.js';
import { EmbeddedSource } from './embedded-source.js';
import { byExtension, etagOf, negotiate, notModified, REPRESENTATIONS, type MediaType } from './negotiate.js';
import { cataloguePage } from './pages/catalogue.js';
import { cubePage, PAGE_SIZE } from './pages/cube.js';
import { datasetPage } from './pages/dataset.js';
import { resourcePage } from './pages/resource.js';
import { readRelease } from '../release/read-release.js';
import { readReleaseFolder, type ReleaseFolder } from './release-folder.js';
import { RemoteSource } from './remote-source.js';
import { Renderer } from './render.js';
import { asset, decoded, download } from './static-files.js';
import type { Page, Site } from './site.js';
import { ask, iriRef, QueryFailed, type DataSource } from './source.js';
import { Spaces } from './spaces.js';
import { sparqlEndpoint } from './sparql-endpoint.js';
import { CORS, send } from './respond.js';

export interface ServeOptions {
  readonly dir: string;
  readonly host: string;
  readonly port: number;
  /** A SPARQL endpoint holding the release (filled by `publish`), instead of the embedded store. */
  readonly sparqlEndpoint?: string;
  readonly queryTimeoutMs: number;
  readonly maxResults: number;
}

export interface RunningServer {
  readonly url: string;
  readonly folder: ReleaseFolder;
  /** Triples in the embedded store (0 when a SPARQL endpoint serves the data). */
  readonly triples: number;
  close(): Promise<void>;
}

const RDF_TYPES = REPRESENTATIONS.map((r) => r.type);
const TEXT = new Set(['text/html', 'text/turtle', 'application/n-triples', 'application/n-quads', 'application/ld+json']);

/**
 * `serve` (issue 21): a release folder as a read-only linked-data site. Resource IRIs answer
 * 303 to their document; documents negotiate HTML or RDF; the pages are GOV.UK Design System
 * pages; /sparql is a SPARQL 1.1 Protocol endpoint.
 */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const folder = await readReleaseFolder(o.dir);
  const spaces = new Spaces(folder.base);
  let pages: DataSource;
  let queries: DataSource;
  let triples = 0;
  if (o.sparqlEndpoint) {
    pages = queries = RemoteSource.fromEnv(o.sparqlEndpoint);
  } else {
    // Two stores: a user's slow query (stopped by ending its thread) never holds up a page.
    const previous = folder.versions.slice(1).flatMap((v) => (v.dir ? [{ dir: v.dir, catalog: v.catalog }] : []));
    const [p, q] = [new EmbeddedSource(folder.dir, previous), new EmbeddedSource(folder.dir, previous)];
    try {
      [triples] = await Promise.all([p.start(), q.start()]);
    } catch (err) {
      await Promise.all([p.close(), q.close()]);
      throw err;
    }
    pages = p;
    queries = q;
  }
  const site: Site = { source: pages, spaces, folder };
  // The downloads of this release and of the previous ones on this machine (the history links to them).
  const releases = [folder];
  for (const v of folder.versions.slice(1)) {
    if (!v.dir) continue;
    try {
      releases.push(await readReleaseFolder(v.dir));
    } catch {
      // A folder that is no longer a release: its files are not served.
    }
  }
  // Each dataset's named graph (as its N-Quads and TriG dumps name it), to the dataset.
  const graphs = new Map(readRelease(folder.dir).flatMap((d) => (d.dataset ? [[d.graph, d.dataset] as const] : [])));
  const renderer = new Renderer({ downloadPath: folder.downloadPath });
  const csp = `default-src 'self'; script-src 'self' ${renderer.scriptHash}; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
  const examples = [...exampleQueries()].map(([name, title]) => ({ title: title || name, query: exampleQuery(name)! }));
  const endpoint = sparqlEndpoint({ source: queries, renderer, site, prefixes: KNOWN_PREFIXES, examples, timeoutMs: o.queryTimeoutMs, maxResults: o.maxResults });

  const sendPage = (res: ServerResponse, req: IncomingMessage, page: Page, status = page.status ?? 200, headers: Record<string, string> = {}): void => {
    send(res, req, status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, ...headers }, renderer.render(page));
  };
  const errorPage = (res: ServerResponse, req: IncomingMessage, status: number, heading: string, message: string): void => {
    sendPage(res, req, { template: 'error.njk', title: heading, data: { heading, message } }, status);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Appended, not resolved against a base: a path such as `//x` would otherwise be read as a host.
    let url: URL;
    try {
      url = new URL(`http://localhost${(req.url ?? '/').startsWith('/') ? req.url ?? '/' : `/${req.url}`}`);
    } catch {
      return send(res, req, 400, { 'content-type': 'text/plain; charset=utf-8' }, 'Bad request: the address does not parse.\n');
    }
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/sparql') return endpoint(req, res, url, csp);
    if (method === 'OPTIONS') return send(res, req, 204, { ...CORS, allow: 'GET, HEAD, OPTIONS' });
    if (method !== 'GET' && method !== 'HEAD') {
      return send(res, req, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, 'This server is read-only: GET and HEAD only (POST for /sparql queries).\n');
    }
    if (path === '/healthz') return send(res, req, 200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, 'ok\n');
    // VoID's well-known address (RFC 8615; VoID §7.2): where a crawler finds the dataset descriptions.
    if (path === '/.well-known/void') return redirect(res, req, spaces.documentOf(folder.catalog));
    if (path.startsWith('/assets/')) return asset(res, req, path.slice('/assets/'.length));
    const files = releases.find((r) => path.startsWith(r.downloadPath));
    if (files) return download(res, req, files, decoded(path.slice(files.downloadPath.length)));
    const accept = req.headers.accept;

    if (path === '/' || path === '/catalogue') {
      const type = negotiate(accept, RDF_TYPES);
      if (type && type !== 'text/html') return redirect(res, req, spaces.documentOf(folder.catalog));
      const etag = etagOf(sha(folder.fingerprint, path), 'text/html');
      if (notModified(req.headers['if-none-match'], etag)) return send(res, req, 304, { etag, vary: 'Accept' });
      const page = await cataloguePage(site);
      return sendPage(res, req, { ...page, data: { ...page.data, nav: 'catalogue' } }, 200, { etag, vary: 'Accept', 'cache-control': 'no-cache' });
    }

    if (path.startsWith('/cube/')) {
      const candidates = spaces.irisOfPath(`/${path.slice('/cube/'.length)}`).concat(spaces.irisOfPath(`/id/${path.slice('/cube/'.length)}`));
      for (const iri of candidates) {
        if (await ask(pages, `ASK { ${iriRef(iri)} a <${NS.qb}DataSet> }`)) {
          const etag = etagOf(sha(folder.fingerprint, path, url.search), 'text/html');
          if (notModified(req.headers['if-none-match'], etag)) return send(res, req, 304, { etag });
          const page = await cubePage(site, iri, url.searchParams);
          return sendPage(res, req, { ...page, data: { ...page.data, offset: (Number(page.data['page']) - 1) * PAGE_SIZE, breadcrumbs: crumbs(spaces, iri, page.data['title'] as string) } }, 200, { etag, 'cache-control': 'no-cache' });
        }
      }
      return errorPage(res, req, 404, 'Page not found', 'No data cube of this release lives at this address.');
    }

    if (path === '/resource') {
      const iri = url.searchParams.get('uri') ?? '';
      if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]+$/i.test(iri)) return errorPage(res, req, 400, 'Not an IRI', 'Give the IRI of a resource as ?uri=…');
      return document(req, res, [iri], `/resource?uri=${encodeURIComponent(iri)}`, url.search, undefined);
    }

    if (path.startsWith('/doc/')) {
      const ext = byExtension(path);
      const docPath = ext?.path ?? path;
      return document(req, res, spaces.irisOfDoc(docPath), docPath, '', ext?.type);
    }

    // A resource IRI: 303 See Other to the document about it, when the release knows it.
    for (const iri of spaces.irisOfPath(path)) {
      if (await ask(pages, `ASK { ${iriRef(iri)} ?p ?o }`)) return redirect(res, req, spaces.documentOf(iri));
      // A named graph of the N-Quads and TriG dumps is the dataset's content: see the dataset.
      const dataset = graphs.get(iri);
      if (dataset && spaces.pathOf(dataset)) return redirect(res, req, spaces.documentOf(dataset));
    }
    return errorPage(res, req, 404, 'Page not found', 'Nothing in this release has this address. Check the address, or start from the catalogue.');
  };

  /** A document: the first candidate IRI the release describes, as HTML or RDF. */
  const document = async (req: IncomingMessage, res: ServerResponse, candidates: readonly string[], docPath: string, search: string, forced: MediaType | undefined): Promise<void> => {
    const type = forced ?? negotiate(req.headers.accept, RDF_TYPES);
    const vary: Record<string, string> = forced ? {} : { vary: 'Accept' };
    if (!type) {
      return send(res, req, 406, { 'content-type': 'text/plain; charset=utf-8', ...vary }, `Not acceptable: this document is available as ${RDF_TYPES.join(', ')}.\n`);
    }
    const etag = etagOf(sha(folder.fingerprint, docPath, search), type);
    const headers: Record<string, string> = {
      etag, ...vary, 'cache-control': 'no-cache',
      ...(forced || docPath.startsWith('/resource') ? {} : { 'content-location': `${docPath}.${REPRESENTATIONS.find((r) => r.type === type)!.ext}` }),
      ...(docPath.startsWith('/resource') ? {} : { link: REPRESENTATIONS.filter((r) => r.type !== 'text/html').map((r) => `<${docPath}.${r.ext}>; rel="alternate"; type="${r.type}"`).join(', ') }),
    };
    if (notModified(req.headers['if-none-match'], etag)) return send(res, req, 304, headers);
    for (const iri of candidates) {
      const nt = await describe(pages, iri);
      // A resource from elsewhere that the release only links to still has a page (what links to it).
      const linkedOnly = nt === '' && type === 'text/html' && docPath.startsWith('/resource') && (await ask(pages, `ASK { ?s ?p ${iriRef(iri)} }`));
      if (nt === '' && !linkedOnly) continue;
      if (type !== 'text/html') return send(res, req, 200, { ...headers, ...CORS, 'content-type': contentType(type) }, await serialize(nt, type));
      // A code list is a dcat:Dataset too, but people want its concepts: it gets the resource page.
      const typed = (t: string): boolean => nt.includes(`<${iri}> <${NS.rdf}type> <${t}>`);
      const isDataset = typed(`${NS.dcat}Dataset`) && !typed(`${NS.skos}ConceptScheme`);
      const isCatalog = iri === folder.catalog;
      const page = isCatalog ? await cataloguePage(site) : isDataset ? await datasetPage(site, iri) : await resourcePage(site, iri, nt);
      const title = page.data['title'] as string;
      // A /resource page has no extension forms: its data is had by Accept.
      const own = !docPath.startsWith('/resource');
      const alternates = own ? REPRESENTATIONS.filter((r) => r.type !== 'text/html').map((r) => ({ type: r.type, href: `${docPath}.${r.ext}` })) : [];
      return sendPage(res, req, { ...page, data: { ...page.data, docPath: own ? docPath : undefined, breadcrumbs: crumbs(spaces, iri, title), alternates } }, 200, headers);
    }
    return errorPage(res, req, 404, 'Page not found', 'This release says nothing about the resource this document would describe.');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (err instanceof QueryFailed) return errorPage(res, req, err.status, err.status === 504 ? 'The page took too long' : 'The page could not be made', err.message);
      process.stderr.write(`serve: ${req.method} ${req.url}: ${err.message}\n`);
      if (!res.headersSent) errorPage(res, req, 500, 'Sorry, there is a problem with the service', 'The server could not make this page. The problem has been logged.');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address() as { port: number };
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${address.port}`, folder, triples,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([pages.close(), queries === pages ? undefined : queries.close()]);
    },
  };
}

function sha(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

function contentType(type: string): string {
  return TEXT.has(type) ? `${type}; charset=utf-8` : type;
}

function redirect(res: ServerResponse, req: IncomingMessage, location: string): void {
  send(res, req, 303, { location, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' }, `See Other: ${location}\n`);
}

/** Breadcrumbs: the catalogue, then the dataset a resource belongs to (by its path), then the page. */
function crumbs(spaces: Spaces, iri: string, title: string): { text: string; href?: string }[] {
  const path = spaces.pathOf(iri);
  const out: { text: string; href?: string }[] = [{ text: 'Catalogue', href: '/' }];
  const m = path ? /^\/data\/([^/]+)\/.+/.exec(path) : null;
  if (m) out.push({ text: m[1]!.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()), href: `/doc/data/${m[1]}` });
  out.push({ text: title });
  return out;
}
