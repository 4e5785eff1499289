import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TripleIndex } from '../rdf/triple-index.js';
import { hashFile } from '../metadata/hash.js';
import { loadMetadata, METADATA_FILE } from '../metadata/metadata-file.js';
import { NS } from '../rdf/ns.js';

/** The CSV a release converted for one data set, as its metadata's PROV records it. */
export interface SourceRecord {
  readonly title: string;
  readonly sha256: string;
}

const PROV_ENTITY = 'http://www.w3.org/ns/prov#Entity';
const SPDX = 'http://spdx.org/rdf/terms#';

/**
 * The source CSV of each data set (by IRI) recorded in the metadata.ttl beside the dumps:
 * `<dataset>/source`, a prov:Entity with the file's name and SHA-256. Empty without metadata.
 */
export function recordedSources(dumps: readonly string[]): Map<string, SourceRecord> {
  const out = new Map<string, SourceRecord>();
  for (const dir of new Set(dumps.map((f) => dirname(f)))) {
    if (!existsSync(join(dir, METADATA_FILE))) continue;
    let meta: TripleIndex;
    try {
      meta = loadMetadata(dir);
    } catch {
      continue; // a metadata.ttl that does not parse records nothing
    }
    const one = (s: string, p: string): string | undefined => meta.objects(s, p)[0]?.value;
    for (const entity of meta.subjects(`${NS.rdf}type`, PROV_ENTITY)) {
      const s = entity.value;
      if (!s.endsWith('/source')) continue;
      const title = one(s, `${NS.dcterms}title`);
      const checksum = one(s, `${SPDX}checksum`);
      const sha256 = checksum ? one(checksum, `${SPDX}checksumValue`) : undefined;
      if (title && sha256) out.set(s.slice(0, -'/source'.length), { title, sha256 });
    }
  }
  return out;
}

/**
 * The CSV on this machine that is the recorded source: among the files given (`--source`),
 * the mapping's default CSV and the files of the same name beside it, the first whose SHA-256
 * matches. Undefined when none does.
 */
export async function findSource(record: SourceRecord, given: readonly string[], defaultCsv: string): Promise<string | undefined> {
  const beside = existsSync(dirname(defaultCsv)) ? readdirSync(dirname(defaultCsv), { recursive: true, encoding: 'utf8' }).filter((f) => basename(f) === record.title).map((f) => join(dirname(defaultCsv), f)) : [];
  for (const candidate of [...given, defaultCsv, ...beside]) {
    if (existsSync(candidate) && (await hashFile(candidate)).sha256 === record.sha256) return candidate;
  }
  return undefined;
}
