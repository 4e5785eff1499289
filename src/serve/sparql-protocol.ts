import sparqljs from 'sparqljs';
import { negotiate } from './negotiate.js';

/**
 * The SPARQL 1.1 Protocol's rules for `/sparql` (issue 21), apart from the HTTP plumbing: which
 * requests carry a query, what is refused (updates: the server is read-only), the result
 * formats by query form, and the result-size limit written into the query itself.
 */

export const SELECT_FORMATS = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'text/html'] as const;
export const ASK_FORMATS = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/html'] as const;
export const GRAPH_FORMATS = ['text/turtle', 'application/n-triples', 'application/ld+json', 'text/html'] as const;

export type Prepared =
  | { readonly kind: 'query'; readonly sparql: string; readonly form: 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE'; readonly format: string; readonly capped: boolean }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 406; readonly message: string };

/** The query of a request (GET `query=`, POST form or `application/sparql-query` body); `update` marks an update request. */
export function queryOfRequest(method: string, search: URLSearchParams, contentType: string | undefined, body: string): { query?: string; update?: boolean } {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (method === 'POST' && type === 'application/sparql-update') return { update: true };
  if (method === 'POST' && type === 'application/sparql-query') return { query: body };
  const params = method === 'POST' && type === 'application/x-www-form-urlencoded' ? new URLSearchParams(body) : search;
  if (params.has('update') || search.has('update')) return { update: true };
  const query = params.get('query') ?? undefined;
  return query === undefined ? {} : { query };
}

/**
 * Parses the query (with the release's prefixes declared for it), refuses updates, picks the
 * result format from `Accept`, and caps the number of results at `maxResults` (a LIMIT the
 * query does not already keep under). The capped query is the parser's own rewriting of it.
 */
export function prepare(query: string, accept: string | undefined, prefixes: ReadonlyMap<string, string>, maxResults: number): Prepared {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ prefixes: Object.fromEntries(prefixes) }).parse(query);
  } catch (err) {
    return { kind: 'refused', status: 400, message: `the query does not parse: ${(err as Error).message.split('\n')[0]}` };
  }
  if (parsed.type === 'update') return { kind: 'refused', status: 403, message: 'this endpoint is read-only: SPARQL Update is refused' };
  const form = parsed.queryType;
  const offered = form === 'SELECT' ? SELECT_FORMATS : form === 'ASK' ? ASK_FORMATS : GRAPH_FORMATS;
  const format = negotiate(accept, offered);
  if (!format) return { kind: 'refused', status: 406, message: `a ${form} query's results can be had as ${offered.join(', ')}` };
  // The parser reads LIMIT on every query form; its types declare it on SELECT only.
  const limited = parsed as { limit?: number };
  const capped = form !== 'ASK' && (limited.limit === undefined || limited.limit > maxResults);
  if (capped) limited.limit = maxResults;
  const sparql = new sparqljs.Generator({ allPrefixes: true }).stringify(parsed);
  return { kind: 'query', sparql, form, format, capped };
}
