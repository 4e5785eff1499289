import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store } from 'n3';

export const vocabDir = new URL('../../vocab/', import.meta.url).pathname;
export const vocabFileNames = (): string[] => readdirSync(vocabDir).filter((f) => f.endsWith('.ttl')).sort();

/** Every vocab/*.ttl parsed by N3.js into one store. */
export function vocabStore(): Store {
  const store = new Store();
  for (const f of vocabFileNames()) store.addQuads(new Parser({ format: 'Turtle' }).parse(readFileSync(join(vocabDir, f), 'utf8')));
  return store;
}
