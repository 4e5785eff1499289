import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writer } from 'n3';
import { METADATA_FILE } from '../metadata/metadata-file.js';
import { parseRdf } from '../rdf/n3-parser.js';
import { NS } from '../rdf/ns.js';

/**
 * What a previous release on this machine says of itself, for the release history to resolve:
 * its catalogue's own statements, what it minted under its IRI (its vocabulary dataset, with
 * distributions) and its dataset versions (the subjects of dcterms:isVersionOf),
 * as N-Triples. Not its datasets' descriptions: those are the current release's to give.
 */
export function previousVersionTriples(dir: string, catalog: string): string {
  const quads = parseRdf(readFileSync(join(dir, METADATA_FILE), 'utf8'));
  const versions = new Set(quads.filter((q) => q.predicate.value === `${NS.dcterms}isVersionOf`).map((q) => q.subject.value));
  const writer = new Writer({ format: 'N-Triples' });
  // The catalogue, its versions of datasets, and what it minted under its own IRI (its vocabulary dataset).
  const own = (s: string): boolean => s === catalog || s.startsWith(`${catalog}/`) || versions.has(s);
  for (const q of quads) if (own(q.subject.value)) writer.addQuad(q.subject, q.predicate, q.object);
  let out = '';
  writer.end((_, text) => (out = text));
  return out;
}
