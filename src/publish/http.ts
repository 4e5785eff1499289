import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, EnvHttpProxyAgent, fetch, type Dispatcher, type Response } from 'undici';
import { chooseChallenge, digestAuthorization, type DigestChallenge } from './digest.js';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export interface RetryPolicy {
  /** Attempts after the first, on network errors, timeouts and 5xx, 408 and 429 answers. */
  readonly retries: number;
  /** The first wait; each next one doubles (a server's Retry-After, when longer, wins). */
  readonly delayMs: number;
}

export interface HttpLimits {
  /** Time to open the connection (TCP and TLS), in ms. */
  readonly connectTimeoutMs: number;
  /** Time for a whole request, upload and answer, in ms: a server that trickles cannot hold a publish. */
  readonly timeoutMs: number;
  /** Send a password with Basic authentication over plain http:// (only if the user says so). */
  readonly allowBasicOverHttp?: boolean;
}

export const DEFAULT_LIMITS: HttpLimits = { connectTimeoutMs: 10_000, timeoutMs: 300_000 };

/** The longest Retry-After honoured: a server asking for more is treated as refusing. */
const MAX_RETRY_AFTER_MS = 300_000;
/** Bytes of an error answer read (and at most 300 characters shown): not 200 MB into memory. */
const ERROR_BODY_BYTES = 64 << 10;
/** Bytes of a successful answer read: query answers here are counts and samples. */
const ANSWER_BYTES = 64 << 20;

/** A request failed for good. */
export class HttpFailure extends Error {
  constructor(readonly kind: 'unreachable' | 'refused' | 'unauthorised' | 'bad-answer', message: string, readonly status?: number) {
    super(message);
  }
}

export interface Request {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** Made anew for each attempt, so that a retried upload sends its bytes again. */
  readonly body?: () => Uint8Array | string;
}

export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
}

/**
 * HTTP with what a Graph Store needs and a production network expects: basic or digest
 * authentication (MD5, SHA-256 and their -sess forms, as RFC 7616) from credentials the caller
 * took from the environment; a connect and an overall timeout on every request; retries with
 * backoff that honour Retry-After; HTTP(S)_PROXY and NO_PROXY; no redirects followed (a PUT
 * sent elsewhere is an error that says where); answers read up to a bound. Messages name
 * the URL without credentials and never the password, even when a server echoes it.
 */
export class HttpClient {
  private challenge: DigestChallenge | undefined;
  private basic = false;
  private nc = 0;
  private readonly dispatcher: Dispatcher;
  /** Whether the server's authentication scheme is known (asked before the first upload). */
  private asked = false;
  private readonly secrets: string[];

  constructor(private readonly credentials: Credentials | undefined, private readonly policy: RetryPolicy, private readonly onRetry?: (what: string, attempt: number, waitMs: number) => void, private readonly limits: HttpLimits = DEFAULT_LIMITS) {
    const options = { connect: { timeout: limits.connectTimeoutMs }, headersTimeout: limits.timeoutMs, bodyTimeout: limits.timeoutMs };
    // The proxy-aware agent only where a proxy is set. undici 6 calls it experimental and says
    // so on stderr when it is made; that line means nothing to a user, so it is not printed.
    const proxied = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].some((v) => process.env[v]);
    this.dispatcher = proxied ? withoutWarnings(() => new EnvHttpProxyAgent(options)) : new Agent(options);
    this.secrets = credentials ? [credentials.password, Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')].filter((s) => s.length >= 3) : [];
  }

  async send(req: Request): Promise<Answer> {
    if (this.credentials && !this.asked && req.body) {
      // A server that wants credentials answers 401 and may close the connection before
      // reading an upload (Virtuoso does): a bodiless request learns the challenge first.
      // Once, not retried: whatever it answers after the challenge does not matter.
      this.asked = true;
      await this.once({ method: 'HEAD', url: req.url }).catch(() => undefined);
    }
    for (let attempt = 0; ; attempt++) {
      let failure: HttpFailure;
      let retryAfter: number | undefined;
      try {
        const res = await this.once(req);
        if (res.status < 300) return res;
        if (res.status < 400) throw new HttpFailure('refused', `${req.method} ${safe(req.url)}: the server redirects (HTTP ${res.status}) to ${res.location ? safe(res.location) : 'another URL'}; redirects are not followed, so that an upload and its credentials go only where you said: give that URL instead`, res.status);
        if (res.status === 401) throw new HttpFailure('unauthorised', `${req.method} ${safe(req.url)}: the server refused the credentials (HTTP 401)`, 401);
        failure = new HttpFailure('refused', `${req.method} ${safe(req.url)}: HTTP ${res.status}: ${this.summary(res.text)}`, res.status);
        if (!retryable(res.status)) throw failure;
        retryAfter = res.retryAfterMs;
        if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) throw new HttpFailure('refused', `${failure.message} (the server asks to retry after ${Math.round(retryAfter / 1000)} s, more than the ${MAX_RETRY_AFTER_MS / 1000} s waited at most)`, res.status);
      } catch (err) {
        // Only final answers are thrown above; anything else is the network or a timeout.
        if (err instanceof HttpFailure) throw err;
        failure = new HttpFailure('unreachable', `${req.method} ${safe(req.url)}: ${this.networkReason(err)}`);
      }
      if (attempt >= this.policy.retries) throw failure;
      const wait = Math.max(this.policy.delayMs * 2 ** attempt, retryAfter ?? 0);
      this.onRetry?.(failure.message, attempt + 1, wait);
      await sleep(wait);
    }
  }

  private async once(req: Request, authRetry = true): Promise<Answer & { location?: string; retryAfterMs?: number }> {
    const headers: Record<string, string> = { ...req.headers };
    const auth = this.authorization(req);
    if (auth) headers['Authorization'] = auth;
    const body = req.body?.();
    const res = await fetch(req.url, {
      method: req.method, headers, redirect: 'manual', dispatcher: this.dispatcher,
      signal: AbortSignal.timeout(this.limits.timeoutMs),
      ...(body !== undefined ? { body } : {}),
    });
    const text = await readBounded(res, res.status < 300 ? ANSWER_BYTES : ERROR_BODY_BYTES);
    if (res.status === 401 && authRetry && this.credentials) {
      const offered = res.headers.get('www-authenticate') ?? '';
      const chosen = chooseChallenge(offered);
      if (chosen && 'unsupported' in chosen) {
        throw new HttpFailure('unauthorised', `${req.method} ${safe(req.url)}: the server asks for digest authentication with ${chosen.unsupported}, which justice-lod does not compute (it does MD5, SHA-256 and SHA-512-256, and their -sess forms); the password was not sent`, 401);
      }
      if (chosen) {
        // A new or stale nonce: take the challenge and send once more.
        this.challenge = chosen;
        this.nc = 0;
        return this.once(req, false);
      }
      if (/(^|,\s*)Basic\b/i.test(offered)) {
        if (new URL(req.url).protocol === 'http:' && !this.limits.allowBasicOverHttp) {
          throw new HttpFailure('unauthorised', `${req.method} ${safe(req.url)}: the server asks for Basic authentication over plain http://, which would send the password readable by anyone on the way; the password was not sent. Use https://, or pass --allow-basic-over-http if this network is yours`, 401);
        }
        this.challenge = undefined;
        this.basic = true;
        return this.once(req, false);
      }
    }
    const location = res.headers.get('location');
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    return { status: res.status, text, contentType: res.headers.get('content-type') ?? '', ...(location ? { location: new URL(location, req.url).toString() } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }

  private authorization(req: Request): string | undefined {
    if (this.credentials && this.basic) return basic(this.credentials);
    if (!this.credentials || !this.challenge) return undefined;
    const u = new URL(req.url);
    return digestAuthorization(this.challenge, this.credentials.user, this.credentials.password, req.method, `${u.pathname}${u.search}`, ++this.nc);
  }

  /** A server's error text as it may be shown: tags and space folded, cut short, secrets out. */
  summary(text: string): string {
    let plain = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    plain = redact(plain, this.secrets);
    return plain.length > 300 ? `${plain.slice(0, 299)}…` : plain || '(no message)';
  }

  private networkReason(err: unknown): string {
    const e = err as { name?: string; code?: string; cause?: { code?: string; message?: string; name?: string } };
    if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError') return `no complete answer within ${this.limits.timeoutMs / 1000} s (--timeout)`;
    const code = e.cause?.code ?? e.code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return `no connection within ${this.limits.connectTimeoutMs / 1000} s (--connect-timeout)`;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${this.limits.timeoutMs / 1000} s (--timeout)`;
    return redact(code ?? e.cause?.message ?? (err as Error).message, this.secrets);
  }
}

/** Runs `make` with process warnings (printed on stderr) silenced: only while it runs. */
function withoutWarnings<T>(make: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = (() => undefined) as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emit;
  }
}

/** Reads at most `limit` bytes of an answer, then stops the transfer. */
async function readBounded(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= limit) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Text with every secret (the password, the Basic token, any Authorization value) replaced by ***. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\b(Basic|Digest|Bearer)\s+[^\s"']{4,}(?:[^\n]*?response="[^"]*")?/gi, '$1 ***');
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/** Answers worth asking again: the server's own trouble, a timeout, or too many requests. */
const retryable = (status: number): boolean => status >= 500 || status === 408 || status === 429;

const basic = (c: Credentials): string => `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}`;

/** A URL as it may be printed: without user information. */
export function safe(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
