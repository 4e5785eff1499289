import type { Term } from '@rdfjs/types';
import type { TextOut } from './text-out.js';

/**
 * The core of every text format: turns triples into text in order, with no I/O. Stream
 * adapters (sink.ts) gather the bytes and write them; stateful formats keep their state here.
 */
export interface Serializer {
  begin(): string;
  triple(s: Term, p: Term, o: Term, out: TextOut): void;
  /**
   * Closes the statement in progress, as if the next triple had another subject, and goes on
   * as if text came before: a body serialised elsewhere (a worker's part) can follow, and the
   * whole is the same text one serializer would have written.
   */
  cut(): string;
  end(): string;
}

export interface SerializerOptions {
  /** Prefixes for the formats that abbreviate (Turtle, TriG, JSON-LD). */
  readonly prefixes: ReadonlyMap<string, string>;
  /** The dataset's named graph, for the quad formats (N-Quads, TriG). */
  readonly graph: string;
}
