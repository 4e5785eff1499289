import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Parser } from 'n3';
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
    const file = join(dir, 'metadata.ttl');
    if (!existsSync(file)) continue;
    let quads;
    try {
      quads = new Parser({ format: 'Turtle' }).parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const one = (s: string, p: string): string | undefined => quads.find((q) => q.subject.value === s && q.predicate.value === p)?.object.value;
    for (const q of quads) {
      if (q.predicate.value !== `${NS.rdf}type` || q.object.value !== PROV_ENTITY || !q.subject.value.endsWith('/source')) continue;
      const s = q.subject.value;
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
    if (existsSync(candidate) && (await sha256(candidate)) === record.sha256) return candidate;
  }
  return undefined;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
