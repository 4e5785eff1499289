import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Open data, read-only: any web page may read the RDF, the files and SPARQL results (CORS),
 * as browser tools such as YASGUI need. Pages (HTML) are not shared this way.
 */
export const CORS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  'access-control-allow-headers': 'Accept, Content-Type, If-None-Match',
  'access-control-expose-headers': 'ETag, Content-Location, Link, X-SPARQL-MaxRows',
};

/** Writes a response (no body for HEAD and 304), with the headers every answer carries. */
export function send(res: ServerResponse, req: IncomingMessage, status: number, headers: Record<string, string>, body?: string | Buffer): void {
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin',
    ...headers,
    ...(bytes && status !== 304 ? { 'content-length': String(bytes.length) } : {}),
  });
  res.end(req.method === 'HEAD' || status === 304 ? undefined : bytes);
}
