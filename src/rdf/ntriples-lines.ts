// N-Triples lines taken apart as bytes: the parser under `readNTriples` and its thread.
import type { BlankNode, Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory } from './factory.js';
import { parseRdf } from './n3-parser.js';

/** Characters an IRIREF may not hold unescaped (N-Triples grammar), and `\` (escapes go the slow way). */
const NOT_IRI = /[\u0000-\u0020<>"{}|^`\\]/;
/** The same as bytes: 1 where a byte ends an IRI on the fast path (UTF-8 bytes ≥ 0x80 are allowed). */
const NOT_IRI_BYTE = ((): Uint8Array => {
  const t = new Uint8Array(256);
  for (let b = 0; b <= 0x20; b++) t[b] = 1;
  for (const c of '<>"{}|^`\\') t[c.charCodeAt(0)] = 1;
  return t;
})();
/** A DataView of a buffer's bytes (its reads are what `sameBytes` and `guess` use). */
export const viewOf = (b: Buffer): DataView => new DataView(b.buffer, b.byteOffset, b.length);
/** A language tag. */
const LANG = /^[a-zA-Z]+(-[a-zA-Z0-9]+)*$/;
/** A blank or comment line. */
const NOTHING = /^\s*(#.*)?\r?$/;
/** Terms kept by their text: predicates, codes and units repeat on every observation. */
export const INTERN_LIMIT = 50_000;
const LT = 60;
const GT = 62;
const SPACE = 32;

/**
 * Whether a[as, ae) and b[bs, bs + (ae - as)) hold the same bytes: four at a time (a DataView's
 * unaligned reads are about 2.5 times faster than a byte loop), from the end, where the IRIs of
 * one dump differ.
 */
function sameBytes(a: DataView, as: number, ae: number, b: DataView, bs: number): boolean {
  let i = ae - as - 4;
  for (; i >= 0; i -= 4) if (a.getInt32(as + i) !== b.getInt32(bs + i)) return false;
  for (i += 3; i >= 0; i--) if (a.getUint8(as + i) !== b.getUint8(bs + i)) return false;
  return true;
}

/** A term and a copy of the bytes it was read from. */
class Known<T> {
  readonly view: DataView;
  constructor(bytes: Buffer, readonly term: T) {
    this.view = viewOf(bytes);
  }
  /** Whether view[at, end) holds this term's bytes. */
  is(view: DataView, at: number, end: number): boolean {
    return this.view.byteLength === end - at && sameBytes(view, at, end, this.view, 0);
  }
}
/** A copy, so that a kept term does not pin the 1 MiB chunk it was read from. */
const known = <T>(buf: Buffer, start: number, end: number, term: T): Known<T> => new Known(Buffer.from(buf.subarray(start, end)), term);

/** A hash of view[at, end) from a few of its words: a guess, confirmed by comparing the bytes. */
function guess(view: DataView, at: number, end: number): number {
  const n = end - at;
  if (n < 8) {
    let h = n;
    for (let i = at; i < end; i++) h = Math.imul(h, 31) + view.getUint8(i);
    return h | 0;
  }
  let h = Math.imul(n, 31) + view.getInt32(at);
  h = Math.imul(h, 31) + view.getInt32(at + 4);
  h = Math.imul(h, 31) + view.getInt32(at + ((n >> 1) & ~3));
  return (Math.imul(h, 31) + view.getInt32(end - 4)) | 0;
}

/** Terms met at one line of a subject, by `guess` of their bytes: a code, a unit, a status recur. */
const KNOWN_LIMIT = 4_096;

/** A line N3.js could not parse: its number (from 1, counted by the parser) and N3.js's reason. */
export class LineError extends Error {
  constructor(readonly line: number, readonly reason: string) {
    super(`line ${line}: ${reason}`);
  }
}

/** What `lineParser` gives: a line at a time, and how many it has had. */
export interface LineParser {
  /** The line buf[start, nl) (without its \n); `view` is a DataView of `buf`. Throws `LineError`. */
  line(buf: Buffer, view: DataView, start: number, nl: number): void;
  /** Lines had so far; set to start counting again (a part of a file). */
  lineNumber: number;
  /** Lets go of the buffers given so far, so that their memory can be used again (the next line starts afresh). */
  release(): void;
}

/** Parses the lines of `buf` from `from` that end in a \n; returns where the rest (a line not ended yet) starts. */
export function parseLines(parser: LineParser, buf: Buffer, from = 0): number {
  const view = viewOf(buf);
  for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, from)) {
    parser.line(buf, view, from, nl);
    from = nl + 1;
  }
  return from;
}

/**
 * The N-Triples line parser: a line made of IRIs and literals without escapes is taken apart
 * where it lies, and a term whose bytes are those of the same line of the subject before (a
 * dump repeats predicates, codes and units on every observation) is not decoded again. Any
 * other line (escapes, blank nodes, odd spacing, anything unexpected) is decoded and parsed by
 * N3.js, which says what is wrong with it. Repeated terms are the same object, so a consumer
 * can compare by identity. A term's bytes are kept as a copy, or as a view of the buffer they
 * lie in while their subject lasts: a buffer given to `line` must not change afterwards.
 */
export function lineParser(onTriple: (s: NamedNode | BlankNode, p: NamedNode, o: Term) => void): LineParser {
  const iris = new Map<string, NamedNode>();
  /** The term of a valid IRI, checked once when first seen; undefined for the slow path. */
  const iri = (value: string): NamedNode | undefined => {
    let t = iris.get(value);
    if (!t) {
      if (NOT_IRI.test(value)) return undefined;
      if (iris.size >= INTERN_LIMIT) iris.clear();
      iris.set(value, (t = DataFactory.namedNode(value)));
    }
    return t;
  };
  const literals = new Map<string, Literal>();
  /** An IRI or a literal without escapes (interned), or undefined for the slow path. */
  const parseObject = (oText: string): Term | undefined => {
    const first = oText.charCodeAt(0);
    if (first === LT) return oText.charCodeAt(oText.length - 1) === GT ? iri(oText.slice(1, -1)) : undefined;
    if (first !== 34 /* " */) return undefined;
    let t = literals.get(oText);
    if (t) return t;
    if (oText.indexOf('\\') >= 0 || oText.indexOf('\r') >= 0) return undefined;
    const close = oText.indexOf('"', 1);
    const lexical = oText.slice(1, close);
    const rest = oText.slice(close + 1);
    const datatype = rest.startsWith('^^<') && rest.endsWith('>') ? iri(rest.slice(3, -1)) : undefined;
    if (rest === '') t = DataFactory.literal(lexical);
    else if (datatype) t = DataFactory.literal(lexical, datatype);
    else if (rest.startsWith('@') && LANG.test(rest.slice(1))) t = DataFactory.literal(lexical, rest.slice(1).toLowerCase()); // as N3.js: tags are case-insensitive
    else return undefined;
    if (literals.size >= INTERN_LIMIT) literals.clear();
    literals.set(oText, t);
    return t;
  };

  // A subject is on every line of its observation: kept while it lasts, not interned.
  // (Its bytes are a view of the chunk it was read from: a subject lasts a few lines.)
  let subject: NamedNode | undefined;
  let subjectView: DataView | undefined;
  let subjectStart = 0;
  let subjectLength = -1;
  // The n-th line of a subject mostly has the predicate the n-th line of the one before had,
  // and one of the objects lines at that place had before: compared as bytes first, before
  // anything is decoded.
  let position = 0;
  const RING = 64;
  const predicates: (Known<NamedNode> | undefined)[] = new Array<Known<NamedNode> | undefined>(RING);
  const objects = Array.from({ length: RING }, () => new Map<number, Known<Term>>());

  /** Anything the fast path does not take: N3.js parses the line, or says what is wrong with it. */
  const slow = (text: string): void => {
    if (NOTHING.test(text)) return;
    let quads: Quad[];
    try {
      // One prefix for the whole file: `_:x` on two lines is one node (labels are document-wide).
      quads = parseRdf(text, 'N-Triples', 'f');
    } catch (err) {
      throw new LineError(parser.lineNumber, (err as Error).message.replace(/ on line \d+\.?$/, ''));
    }
    for (const q of quads) onTriple(q.subject as NamedNode | BlankNode, q.predicate as NamedNode, q.object);
  };
  /** The end of the IRI that starts at `from` (the first byte no IRI holds), before `end`. */
  const iriEnd = (buf: Buffer, from: number, end: number): number => {
    let i = from;
    while (i < end && NOT_IRI_BYTE[buf[i]!] === 0) i++;
    return i;
  };

  /** The line buf[start, nl); `view` is a DataView of `buf`. */
  const line = (buf: Buffer, view: DataView, start: number, nl: number): void => {
    parser.lineNumber++;
    // The statement ends " ." (a trailing \r or spaces are allowed; anything else is the slow path's).
    let end = nl;
    while (end > start && (buf[end - 1] === 13 || buf[end - 1] === SPACE)) end--;
    if (end === start) return;
    if (buf[start] !== LT || buf[end - 1] !== 46 /* . */ || buf[end - 2] !== SPACE) return slow(buf.toString('utf8', start, nl));
    // Subject and predicate: <iri> <iri>, one space after each.
    const s0 = start + 1;
    let s1: number;
    let sTerm: NamedNode;
    if (subject && buf[s0 + subjectLength] === GT && sameBytes(view, s0, s0 + subjectLength, subjectView!, subjectStart)) {
      s1 = s0 + subjectLength;
      sTerm = subject;
      position = (position + 1) % RING;
    } else {
      s1 = iriEnd(buf, s0, end);
      if (buf[s1] !== GT) return slow(buf.toString('utf8', start, nl));
      sTerm = DataFactory.namedNode(buf.toString('utf8', s0, s1));
      position = 0;
    }
    if (buf[s1 + 1] !== SPACE || buf[s1 + 2] !== LT) return slow(buf.toString('utf8', start, nl));
    const p0 = s1 + 3;
    let recentP = predicates[position];
    let p1 = recentP ? p0 + recentP.view.byteLength : 0;
    let pTerm: NamedNode;
    if (recentP && buf[p1] === GT && recentP.is(view, p0, p1)) pTerm = recentP.term;
    else {
      p1 = iriEnd(buf, p0, end);
      if (buf[p1] !== GT) return slow(buf.toString('utf8', start, nl));
      const t = iri(buf.toString('utf8', p0, p1));
      if (!t) return slow(buf.toString('utf8', start, nl));
      predicates[position] = recentP = known(buf, p0, p1, (pTerm = t));
    }
    if (buf[p1 + 1] !== SPACE) return slow(buf.toString('utf8', start, nl));
    const o0 = p1 + 2;
    const o1 = end - 2;
    if (o1 <= o0) return slow(buf.toString('utf8', start, nl));
    const seen = objects[position]!;
    const h = guess(view, o0, o1);
    const k = seen.get(h);
    let oTerm: Term;
    if (k && k.is(view, o0, o1)) oTerm = k.term;
    else {
      const t = parseObject(buf.toString('utf8', o0, o1));
      if (!t) return slow(buf.toString('utf8', start, nl));
      if (seen.size >= KNOWN_LIMIT) seen.clear();
      seen.set(h, known(buf, o0, o1, (oTerm = t)));
    }
    if (sTerm !== subject) {
      subject = sTerm;
      subjectView = view;
      subjectStart = s0;
      subjectLength = s1 - s0;
    }
    onTriple(sTerm, pTerm, oTerm);
  };

  const release = (): void => {
    // Only the subject's bytes are a view (the others are copies).
    subject = undefined;
    subjectView = undefined;
  };

  const parser: LineParser = { line, lineNumber: 0, release };
  return parser;
}
