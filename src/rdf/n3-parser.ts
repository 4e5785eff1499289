import { createRequire } from 'node:module';
import type { Quad } from '@rdfjs/types';
import type { Parser as N3Parser } from 'n3';

const require = createRequire(import.meta.url);
let parser: typeof N3Parser | undefined;

/**
 * Turtle or N-Triples text as quads, with N3.js's parser. Loaded on first use, and alone: n3's
 * index loads its Store, Reasoner and streams (readable-stream) too, about 40 ms at start-up
 * that most commands never use; and most runs read the vocabulary from the build's cache.
 * n3 has no "exports" map, so its compiled modules can be required one by one.
 */
export function parseRdf(text: string, format: 'Turtle' | 'N-Triples' = 'Turtle', blankNodePrefix?: string): Quad[] {
  parser ??= (require('n3/lib/N3Parser.js') as { default: typeof N3Parser }).default;
  return new parser({ format, ...(blankNodePrefix !== undefined ? { blankNodePrefix } : {}) }).parse(text);
}
