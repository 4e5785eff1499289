import { escapeIri } from '../rdf/iri.js';
import type { Serializer } from './serializer.js';
import { turtlePrefixes, turtleSerializer } from './turtle.js';

/** TriG: the Turtle body inside one block for the dataset's named graph. */
export function trigSerializer(prefixes: ReadonlyMap<string, string>, graph: string): Serializer {
  const body = turtleSerializer(prefixes, { prefixes: false });
  return {
    begin: () => `${turtlePrefixes(prefixes)}<${escapeIri(graph)}> {\n`,
    triple: (s, p, o, out) => body.triple(s, p, o, out),
    cut: () => body.cut(),
    end: () => `${body.end()}}\n`,
  };
}
