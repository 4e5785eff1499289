import type { Quad } from '@rdfjs/types';
import type { FormatInfo } from './registry.js';
import type { SerializerOptions } from './serializer.js';
import { StringOut } from './text-out.js';
import { quadToNTriples } from '../rdf/term.js';

/** Quads reordered so that each subject's quads are together, in order of first appearance, each triple once. */
export function groupBySubject(quads: readonly Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>();
  // A graph is a set: a triple two sources both state (a code list and the reused terms) is written once.
  const seen = new Set<string>();
  for (const q of quads) {
    const key = quadToNTriples(q);
    if (seen.has(key)) continue;
    seen.add(key);
    const list = groups.get(q.subject.value);
    if (list) list.push(q);
    else groups.set(q.subject.value, [q]);
  }
  return [...groups.values()].flat();
}

/** A small graph (metadata, code lists) as text in one format, grouped by subject. */
export function serializeQuads(quads: readonly Quad[], format: FormatInfo, opts: SerializerOptions): string {
  const ser = format.create(opts);
  const out = new StringOut();
  out.text(ser.begin());
  for (const q of groupBySubject(quads)) ser.triple(q.subject, q.predicate, q.object, out);
  return out.value + ser.end();
}
