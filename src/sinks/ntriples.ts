import type { Term } from '@rdfjs/types';
import { escapeIri } from '../rdf/iri.js';
import { termToNTriples } from '../rdf/term.js';
import type { Serializer } from './serializer.js';
import { TermBytes } from './text-out.js';

/**
 * N-Triples, one triple per line; with a graph, N-Quads. Each line is three copies of cached
 * bytes: the subject (encoded once per observation), ` <predicate> ` and `object .\n`, the
 * last two kept per term object with their spacing and the line end built in.
 */
export function ntriplesSerializer(graph?: string): Serializer {
  const end = graph === undefined ? ' .\n' : ` <${escapeIri(graph)}> .\n`;
  const predicates = new TermBytes((t) => ` ${termToNTriples(t)} `);
  const objects = new TermBytes((t) => termToNTriples(t) + end);
  let lastSubject: Term | undefined;
  let subjectBytes = Buffer.alloc(0);
  return {
    begin: () => '',
    triple(s, p, o, out) {
      if (s !== lastSubject) {
        lastSubject = s;
        subjectBytes = Buffer.from(termToNTriples(s));
      }
      out.bytes(subjectBytes);
      out.bytes(predicates.get(p));
      out.bytes(objects.get(o));
    },
    cut: () => {
      lastSubject = undefined;
      return '';
    },
    end: () => '',
  };
}
