// Build step: the vocabulary's triples as JSON beside the code that reads them, so a command
// does not parse vocab/*.ttl on every start (about 50 ms). Each file carries the SHA-256 of
// the text it came from; vocab-graph.ts parses any file whose text has changed since.
import { writeFileSync } from 'node:fs';
import { encodeVocabulary } from '../dist/validate/vocab-cache.js';
import { VOCAB_CACHE, vocabularyTextsByFile } from '../dist/validate/vocab-graph.js';

writeFileSync(VOCAB_CACHE, JSON.stringify(encodeVocabulary(vocabularyTextsByFile())));
