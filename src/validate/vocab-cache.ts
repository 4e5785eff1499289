import { createHash } from 'node:crypto';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory } from '../rdf/factory.js';
import { parseRdf } from '../rdf/n3-parser.js';

/** A literal as [value, "@lang" or datatype IRI]; an IRI as itself. */
type CachedTerm = string | readonly [string, string];

/** One vocab/*.ttl file's triples, and the SHA-256 of the text they were parsed from. */
export interface CachedFile {
  readonly sha256: string;
  readonly triples: readonly (readonly [string, string, CachedTerm])[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A vocabulary file's triples as plain data, written at build time (scripts/vocab-quads.mjs):
 * N3.js takes about 50 ms to parse the vocabulary in a fresh process, JSON a few. A file with
 * blank nodes is not cached (their labels depend on the parser's run).
 */
export function encodeVocabularyFile(text: string): CachedFile | undefined {
  const quads = parseRdf(text);
  if (quads.some((q) => q.subject.termType !== 'NamedNode' || (q.object.termType !== 'NamedNode' && q.object.termType !== 'Literal'))) return undefined;
  const term = (t: Term): CachedTerm => (t.termType === 'Literal' ? [t.value, t.language ? `@${t.language}` : t.datatype.value] : t.value);
  return { sha256: sha256(text), triples: quads.map((q) => [q.subject.value, q.predicate.value, term(q.object)] as const) };
}

/** The quads of a cached file, if it was cached from this very text. */
export function decodeVocabularyFile(cached: CachedFile | undefined, text: string): Quad[] | undefined {
  if (!cached || cached.sha256 !== sha256(text)) return undefined;
  const f = DataFactory;
  const iris = new Map<string, NamedNode>();
  const iri = (v: string): NamedNode => iris.get(v) ?? (iris.set(v, f.namedNode(v)), iris.get(v)!);
  return cached.triples.map(([s, p, o]) => f.quad(iri(s), iri(p), typeof o === 'string' ? iri(o) : f.literal(o[0], o[1].startsWith('@') ? o[1].slice(1) : iri(o[1]))));
}
