import { createHash } from 'node:crypto';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory } from '../rdf/factory.js';
import { parseRdf } from '../rdf/n3-parser.js';

/** An object: an IRI by its number in the table, or a literal as [value, "@lang" or the datatype's number]. */
type CachedObject = number | readonly [string, string | number];

/** The vocabulary's triples as plain data: each IRI written once, each file with the SHA-256 of its text. */
export interface VocabularyCache {
  readonly iris: readonly string[];
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly triples: readonly (number | CachedObject)[] }>>;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The vocabulary files' triples, written at build time (scripts/vocab-quads.mjs): N3.js takes
 * about 50 ms to parse the vocabulary in a fresh process, this a few. A file with blank nodes
 * is not cached (their labels depend on the parser's run).
 */
export function encodeVocabulary(texts: ReadonlyMap<string, string>): VocabularyCache {
  const iris: string[] = [];
  const numbers = new Map<string, number>();
  const iri = (v: string): number => numbers.get(v) ?? (numbers.set(v, iris.length), iris.push(v) - 1);
  const files: Record<string, { sha256: string; triples: (number | CachedObject)[] }> = {};
  for (const [file, text] of texts) {
    const quads = parseRdf(text);
    if (quads.some((q) => q.subject.termType !== 'NamedNode' || (q.object.termType !== 'NamedNode' && q.object.termType !== 'Literal'))) continue;
    const object = (t: Term): CachedObject => (t.termType === 'Literal' ? [t.value, t.language ? `@${t.language}` : iri(t.datatype.value)] : iri(t.value));
    files[file] = { sha256: sha256(text), triples: quads.flatMap((q) => [iri(q.subject.value), iri(q.predicate.value), object(q.object)]) };
  }
  return { iris, files };
}

/** The quads of a cached file, if it was cached from this very text. */
export function decodeVocabularyFile(cache: VocabularyCache, file: string, text: string): Quad[] | undefined {
  const cached = cache.files[file];
  if (!cached || cached.sha256 !== sha256(text)) return undefined;
  const f = DataFactory;
  const terms = new Map<number, NamedNode>();
  const iri = (n: number): NamedNode => terms.get(n) ?? (terms.set(n, f.namedNode(cache.iris[n]!)), terms.get(n)!);
  const out: Quad[] = [];
  const t = cached.triples;
  for (let i = 0; i + 2 < t.length; i += 3) {
    const o = t[i + 2]!;
    const object = typeof o === 'number' ? iri(o) : f.literal(o[0], typeof o[1] === 'number' ? iri(o[1]) : o[1].slice(1));
    out.push(f.quad(iri(t[i] as number), iri(t[i + 1] as number), object));
  }
  return out;
}
