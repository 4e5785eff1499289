import type { BlankNode, Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory } from './factory.js';
import { escapeIri } from './iri.js';
import { XSD, RDF_LANG_STRING } from './ns.js';

// Bound wrappers: the factory's methods rely on `this`.
export const namedNode = (value: string): NamedNode => DataFactory.namedNode(value);
export const blankNode = (label: string): BlankNode => DataFactory.blankNode(label);
export const literal = (value: string, langOrDatatype?: string | NamedNode): Literal => DataFactory.literal(value, langOrDatatype);
export const quad = (s: Quad['subject'], p: Quad['predicate'], o: Quad['object']): Quad => DataFactory.quad(s, p, o);

export const iri = (value: string): NamedNode => namedNode(value);

/** Escapes a literal's lexical form per the N-Triples STRING_LITERAL_QUOTE production. */
export function escapeLiteral(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/["\\\u0000-\u001f\u007f]/.test(value)) return value;
  let out = '';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** A term in N-Triples syntax. Blank nodes never occur in our data (VOCABULARY.md §4). */
/** A term as a compact string, its identity: IRIs bare, blank nodes `_:b`, literals as `"lexical"^^datatype` or `"lexical"@lang`. */
export function termKey(t: Term): string {
  if (t.termType === 'Literal') return t.language ? `"${t.value}"@${t.language}` : `"${t.value}"^^${t.datatype.value}`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  return t.value;
}

/**
 * `termKey` made once per term object: where equal terms are one object (as the N-Triples
 * reader gives them, within a bound), a literal's key string, and its hash in the maps it is
 * looked up in, are made once instead of on every triple.
 */
export class TermKeys {
  private readonly keys = new Map<Term, string>();
  of(t: Term): string {
    if (t.termType === 'NamedNode') return t.value;
    let key = this.keys.get(t);
    if (key === undefined) {
      if (this.keys.size >= TERM_KEYS_LIMIT) this.keys.clear();
      this.keys.set(t, (key = termKey(t)));
    }
    return key;
  }
}
const TERM_KEYS_LIMIT = 100_000;

export function termToNTriples(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${escapeIri(term.value)}>`;
    case 'Literal': {
      const lex = `"${escapeLiteral(term.value)}"`;
      if (term.language) return `${lex}@${term.language}`;
      const dt = term.datatype.value;
      return dt === XSD.string || dt === RDF_LANG_STRING ? lex : `${lex}^^<${escapeIri(dt)}>`;
    }
    case 'BlankNode':
      return `_:${term.value}`;
    default:
      throw new Error(`cannot serialise a ${term.termType} term`);
  }
}

export function quadToNTriples(q: Quad): string {
  return `${termToNTriples(q.subject)} ${termToNTriples(q.predicate)} ${termToNTriples(q.object)} .\n`;
}

/** A term as plain data, for messages between threads. */
export interface TermJson {
  readonly termType: string;
  readonly value: string;
  readonly language?: string;
  readonly datatype?: string;
}

export function termToJson(t: Term): TermJson {
  if (t.termType !== 'Literal') return { termType: t.termType, value: t.value };
  return { termType: 'Literal', value: t.value, language: t.language, datatype: t.datatype.value };
}

export function termFromJson(j: TermJson): Term {
  if (j.termType === 'Literal') return j.language ? literal(j.value, j.language) : literal(j.value, namedNode(j.datatype!));
  if (j.termType === 'BlankNode') return DataFactory.blankNode(j.value);
  return namedNode(j.value);
}
