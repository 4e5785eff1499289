import { createHash, randomBytes } from 'node:crypto';

/** A WWW-Authenticate: Digest challenge (RFC 7616), as servers such as Virtuoso send it. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly qop?: string;
  readonly opaque?: string;
  readonly algorithm?: string;
}

export function parseChallenge(header: string | null): DigestChallenge | undefined {
  if (!header || !/^Digest\s/i.test(header)) return undefined;
  const fields = Object.fromEntries([...header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1]!.toLowerCase(), m[2] ?? m[3] ?? '']));
  if (!fields['realm'] || !fields['nonce']) return undefined;
  return {
    realm: fields['realm'], nonce: fields['nonce'],
    ...(fields['qop'] ? { qop: fields['qop'] } : {}), ...(fields['opaque'] ? { opaque: fields['opaque'] } : {}), ...(fields['algorithm'] ? { algorithm: fields['algorithm'] } : {}),
  };
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** The Authorization header for one request; `nc` counts the requests made with this nonce. */
export function digestAuthorization(c: DigestChallenge, user: string, password: string, method: string, uri: string, nc: number): string {
  const ha1 = md5(`${user}:${c.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const qop = c.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined;
  const count = nc.toString(16).padStart(8, '0');
  const cnonce = randomBytes(8).toString('hex');
  const response = qop ? md5(`${ha1}:${c.nonce}:${count}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${c.nonce}:${ha2}`);
  const parts = [`username="${user}"`, `realm="${c.realm}"`, `nonce="${c.nonce}"`, `uri="${uri}"`, `response="${response}"`];
  if (qop) parts.push(`qop=${qop}`, `nc=${count}`, `cnonce="${cnonce}"`);
  if (c.opaque) parts.push(`opaque="${c.opaque}"`);
  if (c.algorithm) parts.push(`algorithm=${c.algorithm}`);
  return `Digest ${parts.join(', ')}`;
}
