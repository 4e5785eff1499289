import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../../src/rdf/n3-parser.js';
import { quadToNTriples } from '../../../src/rdf/term.js';
import { decodeVocabularyFile, encodeVocabulary } from '../../../src/validate/vocab-cache.js';
import { VOCAB_DIR } from '../../../src/validate/vocab-graph.js';

const texts = new Map(readdirSync(VOCAB_DIR).filter((f) => f.endsWith('.ttl')).sort().map((f) => [f, readFileSync(join(VOCAB_DIR, f), 'utf8')]));
const lines = (quads: readonly Parameters<typeof quadToNTriples>[0][]): string[] => quads.map(quadToNTriples);

describe('the vocabulary cache written at build time', () => {
  const cache = JSON.parse(JSON.stringify(encodeVocabulary(texts)));

  it('gives every vocab/ file the very triples N3.js parses from it, in order', () => {
    expect(Object.keys(cache.files).sort()).toEqual([...texts.keys()]);
    for (const [file, text] of texts) expect(lines(decodeVocabularyFile(cache, file, text)!), file).toEqual(lines(parseRdf(text)));
  });

  it('is not used for a file whose text changed since the build', () => {
    const [file, text] = [...texts][0]!;
    expect(decodeVocabularyFile(cache, file, `${text}\n# edited\n`)).toBeUndefined();
    expect(decodeVocabularyFile(cache, 'new.ttl', text)).toBeUndefined();
  });

  it('leaves out a file with blank nodes, whose labels depend on the parser', () => {
    const withBlank = encodeVocabulary(new Map([['b.ttl', '<http://example.org/s> <http://example.org/p> [ <http://example.org/q> "x"@en ] .']]));
    expect(withBlank.files).toEqual({});
  });
});
