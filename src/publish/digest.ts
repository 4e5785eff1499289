import { createHash, randomBytes } from 'node:crypto';

/** A WWW-Authenticate: Digest challenge (RFC 7616), as servers such as Virtuoso send it. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly qop?: string;
  readonly opaque?: string;
  readonly algorithm?: string;
}

/** RFC 7616's algorithms, strongest first, with the hash each names (Node's name). */
const ALGORITHMS: readonly [string, string][] = [['SHA-512-256', 'sha512-256'], ['SHA-256', 'sha256'], ['MD5', 'md5']];

function hashOf(algorithm: string | undefined): string | undefined {
  const name = (algorithm ?? 'MD5').toUpperCase().replace(/-SESS$/, '');
  return ALGORITHMS.find(([a]) => a === name)?.[1];
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

/**
 * The digest challenge to answer among those a server offers (one WWW-Authenticate header
 * may hold several, e.g. SHA-256 and MD5): the strongest algorithm computed here. When every
 * digest challenge asks for something else, says which, so the password is never sent
 * another way; undefined when the server offers no digest challenge.
 */
export function chooseChallenge(header: string): DigestChallenge | { unsupported: string } | undefined {
  const starts = [...header.matchAll(/(?:^|,\s*)(Digest|Basic|Bearer|Negotiate|NTLM|Mutual)\s/gi)];
  const digests = starts
    .map((m, i) => header.slice(m.index! + m[0].length - m[1]!.length - 1, starts[i + 1]?.index ?? header.length))
    .filter((part) => /^Digest\s/i.test(part))
    .map((part) => parseChallenge(part))
    .filter((c): c is DigestChallenge => c !== undefined);
  if (!digests.length) return undefined;
  const usable = digests.filter((c) => hashOf(c.algorithm) && (!c.qop || c.qop.split(',').map((q) => q.trim()).includes('auth')));
  const rank = (c: DigestChallenge): number => ALGORITHMS.findIndex(([, h]) => h === hashOf(c.algorithm));
  if (!usable.length) return { unsupported: digests.map((c) => `algorithm ${c.algorithm ?? 'MD5'}${c.qop ? ` and qop ${c.qop}` : ''}`).join(', or ') };
  return usable.sort((a, b) => rank(a) - rank(b))[0];
}

/** The Authorization header for one request; `nc` counts the requests made with this nonce. */
export function digestAuthorization(c: DigestChallenge, user: string, password: string, method: string, uri: string, nc: number): string {
  const algorithm = hashOf(c.algorithm) ?? 'md5';
  const h = (s: string): string => createHash(algorithm).update(s).digest('hex');
  const qop = c.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined;
  const count = nc.toString(16).padStart(8, '0');
  const cnonce = randomBytes(8).toString('hex');
  const sess = /-sess$/i.test(c.algorithm ?? '');
  const base = h(`${user}:${c.realm}:${password}`);
  const ha1 = sess ? h(`${base}:${c.nonce}:${cnonce}`) : base;
  const ha2 = h(`${method}:${uri}`);
  const response = qop ? h(`${ha1}:${c.nonce}:${count}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`);
  const parts = [`username="${user}"`, `realm="${c.realm}"`, `nonce="${c.nonce}"`, `uri="${uri}"`, `response="${response}"`];
  if (qop || sess) parts.push(`cnonce="${cnonce}"`);
  if (qop) parts.push(`qop=${qop}`, `nc=${count}`);
  if (c.opaque) parts.push(`opaque="${c.opaque}"`);
  if (c.algorithm) parts.push(`algorithm=${c.algorithm}`);
  return `Digest ${parts.join(', ')}`;
}
