import type { Quad } from '@rdfjs/types';
import { QB, RDF_TYPE } from '../rdf/ns.js';
import { checkCodeListsDirect } from './code-lists-direct.js';
import { checkIntegrityDirect } from './integrity-direct.js';
import { termKey } from '../rdf/term.js';
import { TripleIndex } from '../rdf/triple-index.js';
import { vocabularyQuads } from './vocab-graph.js';
import { once, type Violation } from './violation.js';

/**
 * What `validateGraph(input, [CODE_LIST_SHAPES])` finds, without the store or the SHACL
 * engine: the 21 integrity constraints with the vocabulary, the code-list shapes and their
 * SPARQL rules, evaluated directly. For a cube's structure and a stand-in per code used (what
 * convert checks at the end of a run): a few thousand triples, checked in milliseconds where
 * loading the WebAssembly store alone took a tenth of a second.
 */
export function checkStructure(input: readonly Quad[], ran?: Set<string>): Violation[] {
  const all = new TripleIndex(input);
  // The shapes see the input without its observations. (validateGraph gives the engine the
  // vocabulary's classes too, which hold no scheme or concept: no focus node, so none here.)
  const observations = new Set(input.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === QB.Observation).map((q) => termKey(q.subject)));
  const data = new TripleIndex(input.filter((q) => !observations.has(termKey(q.subject))));
  for (const q of vocabularyQuads({ external: true })) all.add(q.subject, q.predicate.value, q.object);
  const violations = checkIntegrityDirect(all, ran);
  for (const v of checkCodeListsDirect(data, all)) violations.push(v);
  return once(violations);
}
