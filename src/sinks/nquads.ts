import { escapeIri } from '../rdf/iri.js';
import { ntriplesSerializer } from './ntriples.js';
import type { Serializer } from './serializer.js';

/** N-Quads: N-Triples with the dataset's named graph before each final dot. */
export function nquadsSerializer(graph: string): Serializer {
  const nt = ntriplesSerializer();
  const tail = ` <${escapeIri(graph)}> .\n`;
  return {
    begin: () => '',
    triple: (s, p, o) => nt.triple(s, p, o).slice(0, -3) + tail,
    end: () => '',
  };
}
