import type { Term } from '@rdfjs/types';
import { escapeIri } from '../rdf/iri.js';
import { termToNTriples } from '../rdf/term.js';
import type { Serializer } from './serializer.js';
import { TermBytes } from './text-out.js';
import { utf8Write } from './utf8-buffer.js';

/** Predicate–object pairs whose bytes are kept whole. */
const PAIR_LIMIT = 20_000;

/**
 * N-Triples, one triple per line; with a graph, N-Quads. Each line is two copies of cached
 * bytes: the subject (encoded once per observation) and ` <predicate> object .\n`, kept per
 * object term with its usual predicate, spacing and line end built in.
 */
export function ntriplesSerializer(graph?: string): Serializer {
  const end = graph === undefined ? ' .\n' : ` <${escapeIri(graph)}> .\n`;
  const predicates = new TermBytes((t) => ` ${termToNTriples(t)} `);
  const objects = new TermBytes((t) => termToNTriples(t) + end);
  const pairs = new Map<Term, { readonly p: Term; readonly bytes: Buffer }>();
  let lastSubject: Term | undefined;
  // The subject's bytes go into one reused buffer: a Buffer of its own per observation was a
  // tenth of the time and, as slices of Node's pool freed only by the collector, tens of MB
  // of the process's memory.
  let subjectBuffer = Buffer.allocUnsafeSlow(1024);
  let subjectBytes = subjectBuffer.subarray(0, 0);
  return {
    begin: () => '',
    triple(s, p, o, out) {
      if (s !== lastSubject) {
        lastSubject = s;
        const text = termToNTriples(s);
        if (text.length * 3 > subjectBuffer.length) subjectBuffer = Buffer.allocUnsafeSlow(text.length * 3);
        subjectBytes = subjectBuffer.subarray(0, utf8Write(subjectBuffer, text, 0));
      }
      out.bytes(subjectBytes);
      // An object term nearly always comes with one predicate (a dimension's codes, a rule's
      // values): ` <p> o .\n` is kept whole for that pair, one lookup and one copy.
      const pair = pairs.get(o);
      // (Equal predicates are nearly always one object; a copy of one compares by its IRI.)
      if (pair !== undefined && (pair.p === p || pair.p.value === p.value)) out.bytes(pair.bytes);
      else if (pair !== undefined) {
        out.bytes(predicates.get(p));
        out.bytes(objects.get(o));
      } else {
        const bytes = Buffer.concat([predicates.get(p), objects.get(o)]);
        if (pairs.size >= PAIR_LIMIT) pairs.clear();
        pairs.set(o, { p, bytes });
        out.bytes(bytes);
      }
    },
    cut: () => {
      lastSubject = undefined;
      return '';
    },
    end: () => '',
  };
}
