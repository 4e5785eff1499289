import { isValidIri } from '../rdf/iri.js';

/** URI schemes written in full rather than as a prefix. */
const SCHEMES = new Set(['http', 'https', 'urn', 'tag', 'mailto', 'file', 'ftp', 'data']);

export type Expanded = { readonly iri: string } | { readonly error: 'undefined-prefix'; readonly prefix: string } | { readonly error: 'invalid' };

/** Expands `prefix:local` with the mapping's prefixes; full IRIs pass through. */
export function expandCurie(text: string, prefixes: ReadonlyMap<string, string>): Expanded {
  const m = /^([A-Za-z][A-Za-z0-9_.-]*)?:(.*)$/s.exec(text);
  if (!m) return { error: 'invalid' };
  const prefix = m[1] ?? '';
  const ns = prefixes.get(prefix);
  if (ns !== undefined && !m[2]!.startsWith('//')) return check(ns + m[2]!);
  if (SCHEMES.has(prefix.toLowerCase())) return check(text);
  return { error: 'undefined-prefix', prefix };
}

const check = (iri: string): Expanded => (isValidIri(iri) ? { iri } : { error: 'invalid' });

/** Expands a leading `prefix:` of a template while keeping `{...}` references intact. */
export function expandTemplatePrefix(text: string, prefixes: ReadonlyMap<string, string>): Expanded {
  if (text.startsWith('{')) return { iri: text };
  const m = /^([A-Za-z][A-Za-z0-9_.-]*)?:/.exec(text);
  if (!m) return { error: 'invalid' };
  const prefix = m[1] ?? '';
  const ns = prefixes.get(prefix);
  if (ns !== undefined && !text.slice(m[0].length).startsWith('//')) return { iri: ns + text.slice(m[0].length) };
  if (SCHEMES.has(prefix.toLowerCase())) return { iri: text };
  return { error: 'undefined-prefix', prefix };
}
