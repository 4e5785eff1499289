/**
 * IRI safety. Values from a CSV never break out of an IRI: template substitution
 * percent-encodes them, and every finished IRI is checked against the characters the
 * N-Triples IRIREF production forbids.
 */

/** Characters an IRI may not contain unescaped (RFC 3987 and the N-Triples IRIREF rule). */
const FORBIDDEN = /[\u0000-\u0020<>"{}|^`\\\u007f-\u009f]/;
const FORBIDDEN_GLOBAL = /[\u0000-\u0020<>"{}|^`\\\u007f-\u009f]/g;
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

export function isValidIri(iri: string): boolean {
  return ABSOLUTE.test(iri) && !FORBIDDEN.test(iri);
}

/** Percent-encodes every character that could not stand in an IRI, leaving the rest. */
export function escapeIri(iri: string): string {
  if (!FORBIDDEN.test(iri)) return iri;
  return iri.replace(FORBIDDEN_GLOBAL, (ch) => encodeUtf8Percent(ch));
}

function encodeUtf8Percent(ch: string): string {
  return [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * Percent-encodes a cell value for use as one IRI path segment: unreserved characters and
 * non-ASCII letters stay readable; `/ ? # [ ] @ % space " < >` and the like are escaped.
 */
export function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A readable, stable slug: `01: Violence against the person` (after code stripping) →
 * `violence-against-the-person`; `Over £1,000 and up to £2,500` → `over-1000-and-up-to-2500`;
 * `25+` → `25-plus`; `Devon & Cornwall` → `devon-and-cornwall`. Never empty.
 */
export function slugify(value: string): string {
  const slug = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/%/g, ' percent ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? encodeSegment(value.trim() || '_') : slug;
}

/** The last path segment of an IRI: the short key of a value in observation IRIs. */
export function keyOf(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
  return cut >= 0 && cut < iri.length - 1 ? iri.slice(cut + 1) : iri;
}
