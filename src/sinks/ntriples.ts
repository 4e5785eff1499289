import type { Term } from '@rdfjs/types';
import { termToNTriples } from '../rdf/term.js';
import type { Serializer } from './serializer.js';

const CACHE_LIMIT = 100_000;

/**
 * N-Triples, one triple per line. Repeated terms (predicates, codes, periods, areas) are
 * serialised once and reused from a bounded cache; observation subjects are cached only
 * for the run of triples that share them.
 */
export function ntriplesSerializer(): Serializer {
  const cache = new Map<string, string>();
  let lastSubject: Term | undefined;
  let lastSubjectText = '';
  const text = (t: Term): string => {
    if (t.termType !== 'NamedNode') return termToNTriples(t);
    let s = cache.get(t.value);
    if (s === undefined) {
      s = termToNTriples(t);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(t.value, s);
    }
    return s;
  };
  return {
    begin: () => '',
    triple(s, p, o) {
      if (s !== lastSubject) {
        lastSubject = s;
        lastSubjectText = termToNTriples(s);
      }
      return `${lastSubjectText} ${text(p)} ${text(o)} .\n`;
    },
    end: () => '',
  };
}
