import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRdf } from '../rdf/n3-parser.js';
import { TripleIndex } from '../rdf/triple-index.js';

/** The release folder's metadata (DCAT, VoID, PROV), written beside the dumps. */
export const METADATA_FILE = 'metadata.ttl';

/** A release folder's metadata.ttl, parsed and indexed for lookups (throws when it is missing). */
export function loadMetadata(dir: string): TripleIndex {
  return new TripleIndex(parseRdf(readFileSync(join(dir, METADATA_FILE), 'utf8')));
}
