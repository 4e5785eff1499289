import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { EmbeddedStore } from '../store/embedded.js';
import { NS, RDF_TYPE } from '../rdf/ns.js';

/** vocab/ of this package: the vocabulary, the code lists and the reused external terms. */
export const VOCAB_DIR = new URL('../../vocab/', import.meta.url).pathname;

let files: string[] | undefined;
let texts: string[] | undefined;
let size = 0;

const vocabFiles = (): string[] => (files ??= readdirSync(VOCAB_DIR).filter((f) => f.endsWith('.ttl')).sort());

/**
 * The vocabulary as RDF/JS quads, parsed by N3.js (literals keep their datatypes, which a
 * store such as Oxigraph canonicalises). `external: false` leaves out the copies of reused terms.
 */
export function vocabularyQuads(opts: { external: boolean }): Quad[] {
  // Parsed once per process (a run writes the vocabulary dump and checks against its schema).
  parsed ??= new Map(vocabFiles().map((f) => [f, new Parser({ format: 'Turtle' }).parse(readFileSync(join(VOCAB_DIR, f), 'utf8'))]));
  return [...parsed].filter(([f]) => opts.external || f !== 'external.ttl').flatMap(([, quads]) => quads);
}

let parsed: Map<string, readonly Quad[]> | undefined;

let schema: Quad[] | undefined;

/**
 * The vocabulary without its code lists: the classes and properties that shapes need to find
 * their targets (rdfs:subClassOf chains, sh:class). Shapes about the data then never re-check
 * the shipped concepts on every run (the test suite checks them once).
 */
export function vocabularySchemaQuads(): readonly Quad[] {
  if (schema) return schema;
  const quads = vocabularyQuads({ external: true });
  const codes = new Set(quads.filter((q) => q.predicate.value === `${NS.skos}inScheme` || (q.predicate.value === RDF_TYPE && CODE_CLASSES.has(q.object.value))).map((q) => q.subject.value));
  return (schema = quads.filter((q) => !codes.has(q.subject.value)));
}

const CODE_CLASSES = new Set([`${NS.skos}Concept`, `${NS.skos}ConceptScheme`]);

/** How many triples the vocabulary adds to an empty store (after storeWithVocabulary). */
export const vocabularySize = (): number => size;

/** The text of every vocab/*.ttl file (read once). */
export function vocabularyTexts(): readonly string[] {
  return (texts ??= vocabFiles().map((f) => readFileSync(join(VOCAB_DIR, f), 'utf8')));
}

/** An embedded store holding every vocab/*.ttl file, ready for a cube to be added. */
export function storeWithVocabulary(): EmbeddedStore {
  const store = new EmbeddedStore();
  for (const t of vocabularyTexts()) store.load(t, 'text/turtle');
  size = store.size;
  return store;
}
