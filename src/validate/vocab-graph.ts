import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedStore } from '../store/embedded.js';

/** vocab/ of this package: the vocabulary, the code lists and the reused external terms. */
export const VOCAB_DIR = new URL('../../vocab/', import.meta.url).pathname;

let texts: string[] | undefined;
let size = 0;

/** How many triples the vocabulary adds to a store. */
export const vocabularySize = (): number => size;

/** An embedded store holding every vocab/*.ttl file, ready for a cube to be added. */
export function storeWithVocabulary(): EmbeddedStore {
  texts ??= readdirSync(VOCAB_DIR).filter((f) => f.endsWith('.ttl')).sort().map((f) => readFileSync(join(VOCAB_DIR, f), 'utf8'));
  const store = new EmbeddedStore();
  for (const t of texts) store.load(t, 'text/turtle');
  size = store.size;
  return store;
}
