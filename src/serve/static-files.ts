import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { notModified } from './negotiate.js';
import type { ReleaseFolder } from './release-folder.js';
import { GOVUK, VIEWS } from './render.js';
import { CORS, send } from './respond.js';

/** The files `serve` sends as they are: GOV.UK Frontend's assets, our stylesheet, and the release's downloads. */

const ASSET_TYPES: Readonly<Record<string, string>> = {
  css: 'text/css; charset=utf-8', woff: 'font/woff', woff2: 'font/woff2', svg: 'image/svg+xml', png: 'image/png', ico: 'image/x-icon', json: 'application/json', js: 'text/javascript; charset=utf-8',
};

/** A path's text, or '' when its percent-encoding is broken (no file has that name). */
export function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}

/** GOV.UK Frontend's stylesheet, fonts and images, and our own stylesheet; nothing else. */
export function asset(res: ServerResponse, req: IncomingMessage, name: string): void {
  const file = name === 'app.css' ? join(VIEWS, 'app.css')
    : name === 'govuk-frontend.min.css' ? join(GOVUK, 'govuk', 'govuk-frontend.min.css')
      : /^(fonts|images)\/[\w.-]+$/.test(name) || name === 'manifest.json' ? join(GOVUK, 'govuk', 'assets', name) : undefined;
  if (!file || !existsSync(file)) return send(res, req, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found\n');
  const type = ASSET_TYPES[name.split('.').pop()!] ?? 'application/octet-stream';
  const stat = statSync(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  if (notModified(req.headers['if-none-match'], etag)) return send(res, req, 304, { etag });
  res.writeHead(200, { 'content-type': type, 'content-length': String(stat.size), etag, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

/** A file of the release folder, by name from the folder's own list (so no path leaves it); its ETag is its SHA-256. */
export function download(res: ServerResponse, req: IncomingMessage, folder: ReleaseFolder, name: string): void {
  const file = folder.downloads.get(name);
  if (!file) return send(res, req, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'No such file in this release\n');
  const etag = `"${file.sha256}"`;
  if (notModified(req.headers['if-none-match'], etag)) return send(res, req, 304, { etag });
  res.writeHead(200, { ...CORS, 'content-type': file.mediaType, 'content-length': String(file.bytes), etag, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file.path).pipe(res);
}
