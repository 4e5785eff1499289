/**
 * Issue 18, points 6 and 7: publishing fails safe against servers that misbehave. Each test
 * runs the real CLI against a real HTTP server on 127.0.0.1 that does one bad thing: never
 * answers, trickles, asks to retry later, answers HTML, asks for Basic over http, asks for a
 * digest algorithm, redirects, sends 200 MB of error, echoes the credentials; and a forward
 * proxy that HTTP_PROXY points at. No output stream or file may hold the test password.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { smallCubeMapping } from '../support/small-cube.js';
import { tempDir, writeFile } from '../support/tmp.js';

const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
const dir = tempDir('jlod-pubfault-');
const release = join(dir, 'rel');
const USER = 'publisher';
const PASSWORD = 'pw-Xq7-s3cret-9';
const TOKEN = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

beforeAll(async () => {
  writeFile(dir, 'input.csv', 'Period,Police Force Area,Count\n2020,E23000001,5\n2020,E23000002,7\n2021,E23000001,[c]\n');
  const mapping = writeFile(dir, 'faults.yaml', smallCubeMapping('faults', 'input.csv'));
  const r = await cli(['convert', mapping, '--out', release, '--quiet', '--no-validate']);
  expect(r.code, r.out).toBe(0);
});

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  at: number;
  body: string;
}

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

/** A server that records each request and answers as `handle` says. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), at: Date.now(), body: Buffer.concat(chunks).toString() });
      handle(req, res, seen);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => resolve({ code, out, ms: Date.now() - started }));
  });
}

const creds = { JLOD_USER: USER, JLOD_PASSWORD: PASSWORD };
const publish = (url: string, ...extra: string[]) => cli(['publish', release, '--endpoint', `${url}/sparql-graph-crud-auth`, '--retries', '1', '--retry-delay', '10', ...extra], creds);

function noSecret(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(TOKEN);
}

describe('timeouts', () => {
  it('a server that never answers: JL611 after --timeout, not a hang', async () => {
    const { url } = await serve(() => undefined);
    const r = await publish(url, '--timeout', '2');
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL611/);
    expect(r.out).toMatch(/no (complete )?answer within 2 s/);
    expect(r.ms).toBeLessThan(30_000);
    noSecret(r.out);
  }, 60_000);

  it('a server that trickles its answer a byte at a time: stopped by the overall timeout', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 200);
      res.on('close', () => clearInterval(timer));
    });
    const r = await publish(url, '--timeout', '2', '--retries', '0');
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL611.*within 2 s/s);
    expect(r.ms).toBeLessThan(30_000);
  }, 60_000);

  it('a port where nothing listens: JL611, quickly', async () => {
    const { url } = await serve(() => undefined);
    await new Promise((r) => { servers[0]!.close(r); });
    servers = [];
    const r = await publish(url);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL611.*ECONNREFUSED/s);
  }, 60_000);
});

describe('retries', () => {
  it('honour Retry-After when it asks for longer than the backoff', async () => {
    const { url, seen } = await serve((req, res, s) => {
      if (req.method === 'HEAD') return void res.writeHead(404).end();
      if (s.filter((x) => x.method === 'PUT').length === 1) res.writeHead(429, { 'Retry-After': '2' }).end('slow down');
      else res.writeHead(503).end('still busy');
    });
    const r = await publish(url);
    expect(r.code, r.out).toBe(1);
    const puts = seen.filter((x) => x.method === 'PUT');
    expect(puts.length).toBe(2);
    expect(puts[1]!.at - puts[0]!.at).toBeGreaterThanOrEqual(1900);
    expect(r.out).toMatch(/JL612.*HTTP 503/s);
  }, 60_000);

  it('out-of-range option values are refused before anything is sent', async () => {
    for (const [flag, value] of [['--retry-delay', '-5'], ['--retry-delay', '99999999'], ['--retries', '1000'], ['--timeout', '0'], ['--connect-timeout', 'soon']]) {
      const r = await cli(['publish', release, '--endpoint', 'http://127.0.0.1:9/x', flag!, value!]);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.out).toMatch(/expected a whole number from \d+ to \d+/);
    }
  }, 60_000);
});

describe('answers that are not what was asked for', () => {
  it('an HTML page where SPARQL JSON was expected: JL616, and the staging graph is dropped', async () => {
    const { url, seen } = await serve((req, res) => {
      if (req.method === 'PUT' || req.method === 'POST' && req.url!.includes('graph-crud')) return void res.writeHead(201).end();
      const body = seen.at(-1)!.body;
      if (body.startsWith('update=')) return void res.writeHead(200, { 'Content-Type': 'application/sparql-results+json' }).end('{}');
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body><h1>Please log in</h1></body></html>');
    });
    const r = await publish(url);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL616/);
    expect(r.out).toContain('text/html');
    expect(r.out).toContain('Please log in');
    const drop = seen.find((s) => decodeURIComponent(s.body.replace(/\+/g, ' ')).includes('DROP SILENT GRAPH <https://example.org/graph/faults/staging>'));
    expect(drop, 'the staging graph was dropped').toBeDefined();
  }, 60_000);

  it('a redirect of the upload is not followed: JL612 names where it pointed', async () => {
    const elsewhere = await serve((_req, res) => void res.writeHead(201).end());
    const { url } = await serve((_req, res) => void res.writeHead(307, { Location: `${elsewhere.url}/other` }).end());
    const r = await publish(url);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL612.*redirects \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\/other/s);
    expect(elsewhere.seen).toEqual([]);
  }, 60_000);

  it('a 200 MB error page is read only up to a bound', async () => {
    let sent = 0;
    const { url } = await serve((req, res) => {
      if (req.method === 'HEAD') return void res.writeHead(404).end();
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      const block = Buffer.alloc(1 << 20, 'x');
      const pump = (): void => {
        while (sent < 200 << 20) {
          sent += block.length;
          if (!res.write(block)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const r = await publish(url, '--retries', '0');
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL612.*HTTP 500/s);
    expect(sent).toBeLessThan(64 << 20);
    expect(r.out.length).toBeLessThan(20_000);
  }, 60_000);
});

describe('authentication', () => {
  it('Basic over plain http:// is refused unless allowed, and the password is never sent', async () => {
    const { url, seen } = await serve((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="store"' }).end();
      res.writeHead(500).end('stop here');
    });
    const r = await publish(url);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL614.*Basic authentication over plain http/s);
    expect(seen.every((s) => !s.authorization)).toBe(true);
    const allowed = await publish(url, '--allow-basic-over-http', '--retries', '0');
    expect(allowed.code).toBe(1);
    expect(seen.some((s) => s.authorization === `Basic ${TOKEN}`)).toBe(true);
    noSecret(r.out + allowed.out);
  }, 60_000);

  for (const algorithm of ['SHA-256', 'SHA-256-sess', 'MD5']) {
    it(`digest with ${algorithm}: computed as the server asks`, async () => {
      const h = (s: string): string => createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(s).digest('hex');
      let valid = 0;
      const { url } = await serve((req, res) => {
        const a = req.headers.authorization;
        if (!a) return void res.writeHead(401, { 'WWW-Authenticate': `Digest realm="store", nonce="n0nce", qop="auth", algorithm=${algorithm}` }).end();
        const f = Object.fromEntries([...a.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1], m[2] ?? m[3]]));
        let ha1 = h(`${USER}:store:${PASSWORD}`);
        if (algorithm.endsWith('-sess')) ha1 = h(`${ha1}:n0nce:${f['cnonce']}`);
        const expected = h(`${ha1}:n0nce:${f['nc']}:${f['cnonce']}:auth:${h(`${req.method}:${f['uri']}`)}`);
        if (f['response'] === expected && f['algorithm'] === algorithm) valid++;
        res.writeHead(500).end('stop here');
      });
      const r = await publish(url, '--retries', '0');
      expect(r.code, r.out).toBe(1);
      expect(valid, 'the upload (and the staging graph\'s drop) answered the challenge').toBeGreaterThanOrEqual(1);
      noSecret(r.out);
    }, 60_000);
  }

  it('a digest algorithm it cannot compute is refused clearly, with nothing sent', async () => {
    const { url, seen } = await serve((_req, res) => void res.writeHead(401, { 'WWW-Authenticate': 'Digest realm="store", nonce="n", algorithm=SHA-1' }).end());
    const r = await publish(url);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL614.*algorithm SHA-1, which justice-lod does not compute/s);
    expect(seen.every((s) => !s.authorization)).toBe(true);
  }, 60_000);

  it('a server error that echoes the Authorization header and the password is printed redacted', async () => {
    const { url } = await serve((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="store"' }).end();
      res.writeHead(403).end(`denied for Authorization: ${req.headers.authorization} (user ${USER}, password ${PASSWORD})`);
    });
    const r = await publish(url, '--allow-basic-over-http', '--json');
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/JL612.*HTTP 403: denied for Authorization: Basic \*\*\*/s);
    noSecret(r.out);
    // Nothing written anywhere holds it either.
    for (const f of readdirSync(release)) noSecret(readFileSync(join(release, f), 'latin1'));
  }, 60_000);
});

describe('proxies', () => {
  it('HTTP_PROXY is used, and NO_PROXY bypasses it', async () => {
    const target = await serve((_req, res) => void res.writeHead(500).end('from the store'));
    const proxied: string[] = [];
    // A forward proxy as undici uses one: a CONNECT tunnel to the target.
    const proxy = createServer((_req, res) => void res.writeHead(405).end());
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      proxied.push(req.url!);
      const [host, port] = req.url!.split(':');
      const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    servers.push(proxy);
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const endpoint = `${target.url.replace('127.0.0.1', 'localhost')}/sparql-graph-crud-auth`;
    const via = await cli(['publish', release, '--endpoint', endpoint, '--retries', '0'], { HTTP_PROXY: proxyUrl, http_proxy: proxyUrl, NO_PROXY: '', no_proxy: '' });
    expect(via.code, via.out).toBe(1);
    expect(via.out).not.toMatch(/experimental|Warning/);
    expect(proxied.length).toBeGreaterThanOrEqual(1);
    expect(proxied[0]).toMatch(/^localhost:\d+$/);
    const through = proxied.length;
    const direct = await cli(['publish', release, '--endpoint', endpoint, '--retries', '0'], { HTTP_PROXY: proxyUrl, http_proxy: proxyUrl, NO_PROXY: 'localhost', no_proxy: 'localhost' });
    expect(direct.code).toBe(1);
    expect(proxied.length, 'NO_PROXY=localhost: straight to the store').toBe(through);
    expect(target.seen.length).toBeGreaterThan(through);
  }, 60_000);
});
