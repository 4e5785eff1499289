import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { parseRdf } from '../rdf/n3-parser.js';
import { NS, RDF_TYPE } from '../rdf/ns.js';
import { decodeVocabularyFile, type VocabularyCache } from './vocab-cache.js';

/** vocab/ of this package: the vocabulary, the code lists and the reused external terms. */
export const VOCAB_DIR = new URL('../../vocab/', import.meta.url).pathname;

let files: string[] | undefined;
let texts: string[] | undefined;

const vocabFiles = (): string[] => (files ??= readdirSync(VOCAB_DIR).filter((f) => f.endsWith('.ttl')).sort());

/**
 * The vocabulary as RDF/JS quads, parsed by N3.js (literals keep their datatypes, which a
 * store such as Oxigraph canonicalises). `external: false` leaves out the copies of reused terms.
 */
export function vocabularyQuads(opts: { external: boolean }): Quad[] {
  return [...parsedFiles()].filter(([f]) => opts.external || f !== 'external.ttl').flatMap(([, quads]) => quads);
}

/** One vocab/*.ttl file's quads (`justice.ttl`, `external.ttl`, …). */
export function vocabularyFileQuads(file: string): readonly Quad[] {
  return parsedFiles().get(file) ?? [];
}

/**
 * Every file's quads, parsed once per process (a run writes the vocabulary dump and checks
 * against it), or read from the build's cache of the same texts.
 */
function parsedFiles(): ReadonlyMap<string, readonly Quad[]> {
  if (!parsed) {
    const cache = readCache();
    const all = vocabularyTexts();
    parsed = new Map(vocabFiles().map((f, i) => [f, decodeVocabularyFile(cache, f, all[i]!) ?? parseRdf(all[i]!)]));
  }
  return parsed;
}

let parsed: Map<string, readonly Quad[]> | undefined;

/** Where the build writes the vocabulary's triples (dist/validate/; absent when run from src/). */
export const VOCAB_CACHE = new URL('vocab-quads.json', import.meta.url).pathname;

function readCache(): VocabularyCache {
  try {
    return JSON.parse(readFileSync(VOCAB_CACHE, 'utf8')) as VocabularyCache;
  } catch {
    return { iris: [], files: {} };
  }
}

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

/** Each vocab/*.ttl file by name, with its text (read once). */
export function vocabularyTextsByFile(): Map<string, string> {
  const all = vocabularyTexts();
  return new Map(vocabFiles().map((f, i) => [f, all[i]!]));
}

/** The text of every vocab/*.ttl file (read once). */
export function vocabularyTexts(): readonly string[] {
  return (texts ??= vocabFiles().map((f) => readFileSync(join(VOCAB_DIR, f), 'utf8')));
}
