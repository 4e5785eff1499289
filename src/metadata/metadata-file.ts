import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store } from 'n3';

/** The release folder's metadata (DCAT, VoID, PROV), written beside the dumps. */
export const METADATA_FILE = 'metadata.ttl';

/** A release folder's metadata.ttl, parsed into a store for lookups (throws when it is missing). */
export function loadMetadata(dir: string): Store {
  return new Store(new Parser({ format: 'Turtle' }).parse(readFileSync(join(dir, METADATA_FILE), 'utf8')));
}
