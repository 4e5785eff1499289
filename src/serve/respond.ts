import type { IncomingMessage, ServerResponse } from 'node:http';

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
