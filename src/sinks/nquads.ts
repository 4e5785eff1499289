import { ntriplesSerializer } from './ntriples.js';
import type { Serializer } from './serializer.js';

/** N-Quads: N-Triples with the dataset's named graph before each final dot. */
export function nquadsSerializer(graph: string): Serializer {
  return ntriplesSerializer(graph);
}
