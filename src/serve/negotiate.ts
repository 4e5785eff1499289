/**
 * HTTP content negotiation and validators for `serve` (issue 21), per RFC 9110: the media type
 * of a response chosen by `Accept` (q-values, wildcards, the most specific range deciding) or
 * by a file extension, and ETags matched against `If-None-Match`. Pure functions.
 */

/** What `serve` can answer with, in its order of preference when the client cares equally. */
export const REPRESENTATIONS = [
  { ext: 'html', type: 'text/html' },
  { ext: 'ttl', type: 'text/turtle' },
  { ext: 'nt', type: 'application/n-triples' },
  { ext: 'jsonld', type: 'application/ld+json' },
  { ext: 'nq', type: 'application/n-quads' },
] as const;

export type MediaType = (typeof REPRESENTATIONS)[number]['type'];

interface Range {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

/** The ranges of an Accept header; a range whose q is not a valid qvalue is ignored. */
export function parseAccept(header: string): Range[] {
  const out: Range[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim());
    const m = /^([!#$%&'*+.^_`|~0-9a-z-]+)\/([!#$%&'*+.^_`|~0-9a-z-]+)$/i.exec(range ?? '');
    if (!m) continue;
    let q = 1;
    let valid = true;
    for (const p of params) {
      const [name, value] = p.split('=').map((s) => s.trim());
      if (name?.toLowerCase() !== 'q') continue;
      // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
      if (value === undefined || !/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value)) valid = false;
      else q = Number(value);
    }
    const type = m[1]!.toLowerCase();
    const subtype = m[2]!.toLowerCase();
    if (valid && !(type === '*' && subtype !== '*')) out.push({ type, subtype, q });
  }
  return out;
}

/**
 * The offered type the client prefers: each offer takes the q of the most specific range that
 * matches it (`text/turtle` over `text/*` over `*\/*`); the highest q above 0 wins, ties going to
 * the earlier offer. No header (or an empty one): the first offer. Undefined: none acceptable
 * (406 Not Acceptable).
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return offered[0];
  let best: { offer: T; q: number } | undefined;
  for (const offer of offered) {
    const [type, subtype] = offer.toLowerCase().split('/') as [string, string];
    const specificity = (r: Range): number => (r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' ? 0 : -1);
    const match = ranges.filter((r) => specificity(r) >= 0).sort((a, b) => specificity(b) - specificity(a))[0];
    if (!match || match.q <= 0) continue;
    if (!best || match.q > best.q) best = { offer, q: match.q };
  }
  return best?.offer;
}

/** A path's representation by its extension (`/doc/x.ttl` → text/turtle), and the path without it. */
export function byExtension(path: string): { readonly path: string; readonly type: MediaType } | undefined {
  const m = /^(.*[^/])\.([a-z]+)$/.exec(path);
  const r = m && REPRESENTATIONS.find((x) => x.ext === m[2]);
  return m && r ? { path: m[1]!, type: r.type } : undefined;
}

/** A strong ETag from a SHA-256 (of the dump a response is drawn from) and the representation. */
export const etagOf = (sha256: string, type: MediaType): string => `"${sha256.slice(0, 32)}-${REPRESENTATIONS.find((r) => r.type === type)!.ext}"`;

/** Whether `If-None-Match` holds the ETag (`*`, a list, weak or strong: a GET compares weakly), so the answer is 304. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  // Entity tags may hold commas: read them as quoted strings, not by splitting.
  const opaque = (t: string): string => t.replace(/^W\//, '');
  return [...ifNoneMatch.matchAll(/(?:W\/)?"[^"]*"/g)].some((m) => opaque(m[0]) === opaque(etag));
}
