import { setTimeout as sleep } from 'node:timers/promises';
import { digestAuthorization, parseChallenge, type DigestChallenge } from './digest.js';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export interface RetryPolicy {
  /** Attempts after the first, on network errors and 5xx, 408 and 429 answers. */
  readonly retries: number;
  /** The first wait; each next one doubles. */
  readonly delayMs: number;
}

/** A request failed for good: unreachable (network), refused (HTTP status), or unauthorised. */
export class HttpFailure extends Error {
  constructor(readonly kind: 'unreachable' | 'refused' | 'unauthorised', message: string, readonly status?: number) {
    super(message);
  }
}

export interface Request {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** Made anew for each attempt, so that a retried upload sends its bytes again. */
  readonly body?: () => Uint8Array | string;
}

/**
 * HTTP with the retries and authentication a Graph Store needs: basic or digest (Virtuoso's
 * `-auth` endpoints use digest), from credentials the caller took from the environment. Errors
 * name the URL without credentials and never the password.
 */
export class HttpClient {
  private challenge: DigestChallenge | undefined;
  private basic = false;
  private nc = 0;

  constructor(private readonly credentials: Credentials | undefined, private readonly policy: RetryPolicy, private readonly onRetry?: (what: string, attempt: number, waitMs: number) => void) {}

  async send(req: Request): Promise<{ status: number; text: string }> {
    for (let attempt = 0; ; attempt++) {
      let failure: HttpFailure;
      try {
        const res = await this.once(req);
        if (res.status < 400) return res;
        if (res.status === 401) throw new HttpFailure('unauthorised', `${req.method} ${safe(req.url)}: the server refused the credentials (HTTP 401)`, 401);
        failure = new HttpFailure('refused', `${req.method} ${safe(req.url)}: HTTP ${res.status}: ${summary(res.text)}`, res.status);
        if (!retryable(res.status)) throw failure;
      } catch (err) {
        // Only final answers are thrown above; anything else is the network.
        if (err instanceof HttpFailure) throw err;
        failure = new HttpFailure('unreachable', `${req.method} ${safe(req.url)}: ${networkReason(err)}`);
      }
      if (attempt >= this.policy.retries) throw failure;
      const wait = this.policy.delayMs * 2 ** attempt;
      this.onRetry?.(failure.message, attempt + 1, wait);
      await sleep(wait);
    }
  }

  private async once(req: Request, authRetry = true): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { ...req.headers };
    const auth = this.authorization(req);
    if (auth) headers['Authorization'] = auth;
    const body = req.body?.();
    const res = await fetch(req.url, { method: req.method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    if (res.status === 401 && authRetry && this.credentials) {
      // A new or stale nonce: take the challenge and send once more.
      const challenge = parseChallenge(res.headers.get('www-authenticate'));
      if (challenge) {
        this.challenge = challenge;
        this.nc = 0;
        return this.once(req, false);
      }
      if (/^Basic/i.test(res.headers.get('www-authenticate') ?? '')) {
        this.challenge = undefined;
        this.basic = true;
        return this.once(req, false);
      }
    }
    return { status: res.status, text };
  }

  private authorization(req: Request): string | undefined {
    if (this.credentials && this.basic) return basic(this.credentials);
    if (!this.credentials || !this.challenge) return undefined;
    const u = new URL(req.url);
    return digestAuthorization(this.challenge, this.credentials.user, this.credentials.password, req.method, `${u.pathname}${u.search}`, ++this.nc);
  }
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

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

function summary(text: string): string {
  const plain = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 300 ? `${plain.slice(0, 299)}…` : plain || '(no message)';
}
