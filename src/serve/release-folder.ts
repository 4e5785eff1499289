import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { hashFile } from '../metadata/hash.js';
import { loadMetadata, METADATA_FILE } from '../metadata/metadata-file.js';
import { META_NS, NS } from '../rdf/ns.js';
import { formatByPath } from '../sinks/registry.js';

/** A file of the release folder offered for download, with what the metadata says of it. */
export interface Download {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  /** From the metadata's spdx:checksum (the dump as written); hashed here when not described. */
  readonly sha256: string;
  readonly mediaType: string;
}

/** One version in the release's history, newest first. */
export interface Version {
  readonly catalog: string;
  readonly version?: string;
  readonly issued?: string;
  /** The release folder, when it is on this machine. */
  readonly dir?: string;
}

export interface ReleaseFolder {
  readonly dir: string;
  readonly catalog: string;
  /** The IRI space of the release's resources (void:uriSpace), ending in `/`. */
  readonly base: string;
  /** Downloads by file name: the dumps, metadata, the five-star report and the change log. */
  readonly downloads: ReadonlyMap<string, Download>;
  /** The path part of the dumps' download URLs (`/downloads/2025-04/`), served from the folder. */
  readonly downloadPath: string;
  /** SHA-256 of metadata.ttl, which holds every dump's checksum: changes whenever any dump does. */
  readonly fingerprint: string;
  readonly versions: readonly Version[];
  /** changes.json of this release, when it was compared with a previous one. */
  readonly changes?: ChangeLog;
  /** five-star.json: stars by dataset IRI. */
  readonly stars: ReadonlyMap<string, number>;
}

export interface ChangeLog {
  readonly previous?: { readonly catalog?: string; readonly version?: string; readonly issued?: string; readonly dir?: string };
  readonly datasets: readonly {
    readonly id: string;
    readonly status: string;
    readonly counts?: Readonly<Record<string, number>>;
    readonly concepts?: { readonly added: readonly unknown[]; readonly removed: readonly unknown[]; readonly relabelled: readonly unknown[] };
  }[];
}

const MEDIA: Readonly<Record<string, string>> = { json: 'application/json', md: 'text/markdown; charset=utf-8', csv: 'text/csv; charset=utf-8' };

/**
 * Reads what the pages need from a release folder that `release` or `convert` wrote:
 * throws with a plain message when it is not one (no metadata.ttl).
 */
export async function readReleaseFolder(dir: string): Promise<ReleaseFolder> {
  const folder = resolve(dir);
  if (!existsSync(join(folder, METADATA_FILE))) throw new Error(`${dir} is not a release folder: it has no ${METADATA_FILE} (write one with 'justice-lod release' or 'convert')`);
  const meta = loadMetadata(folder);
  const one = (s: string, p: string): string | undefined => meta.objects(s, p)[0]?.value;
  const catalog = meta.subjects(`${NS.rdf}type`, `${NS.dcat}Catalog`)[0]?.value;
  if (!catalog) throw new Error(`${join(dir, METADATA_FILE)} describes no dcat:Catalog`);
  const datasets = meta.subjects(`${NS.rdf}type`, `${NS.dcat}Dataset`).map((t) => t.value);
  const base = datasets.map((d) => one(d, `${NS.void}uriSpace`)).find((s) => s) ?? catalog.replace(/catalog(\/[^/]*)?$/, '');

  // Checksums and sizes as the metadata gives them, by file name of the download URL.
  const described = new Map<string, { sha256?: string; url: string }>();
  for (const { value: dist } of meta.subjects(`${NS.rdf}type`, `${NS.dcat}Distribution`)) {
    const url = one(dist, `${NS.dcat}downloadURL`);
    if (!url) continue;
    const sum = one(dist, `${META_NS.spdx}checksum`);
    const sha256 = sum ? one(sum, `${META_NS.spdx}checksumValue`) : undefined;
    described.set(basename(new URL(url).pathname), { url, ...(sha256 ? { sha256 } : {}) });
  }
  const someUrl = [...described.values()][0]?.url;
  const downloadPath = someUrl ? new URL(someUrl).pathname.replace(/[^/]*$/, '') : '/downloads/';

  const downloads = new Map<string, Download>();
  const add = async (name: string, path: string): Promise<void> => {
    const format = formatByPath(name);
    const ext = name.split('.').pop()!;
    const mediaType = (name.endsWith('.csv-metadata.json') ? 'application/csvm+json' : MEDIA[ext]) ?? (format ? (format.gzip ? 'application/gzip' : format.format.mediaType) : undefined);
    if (!mediaType) return;
    // The metadata's checksum where it gives one; the rest (reports, change logs) hashed here.
    const sha256 = described.get(name)?.sha256 ?? (await hashFile(path)).sha256;
    downloads.set(name, { name, path, bytes: statSync(path).size, sha256, mediaType });
  };
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!name.startsWith('.') && statSync(path).isFile()) await add(name, path);
  }
  if (existsSync(join(folder, 'changes'))) {
    for (const name of readdirSync(join(folder, 'changes')).sort()) await add(`changes/${name}`, join(folder, 'changes', name));
  }

  const changes = readJson<ChangeLog>(join(folder, 'changes.json'));
  const stars = new Map<string, number>();
  for (const d of readJson<{ datasets: { dataset: string; stars: number }[] }>(join(folder, 'five-star.json'))?.datasets ?? []) stars.set(d.dataset, d.stars);
  return {
    dir: folder, catalog, base: base.endsWith('/') ? base : `${base}/`, downloads, downloadPath,
    fingerprint: downloads.get(METADATA_FILE)!.sha256,
    versions: versionsOf(folder, catalog, one(catalog, `${NS.dcat}version`), one(catalog, `${NS.dcterms}issued`)),
    ...(changes ? { changes } : {}),
    stars,
  };
}

/** This release and those before it, following each folder's changes.json while the folders are here. */
function versionsOf(dir: string, catalog: string, version: string | undefined, issued: string | undefined): Version[] {
  const out: Version[] = [{ catalog, dir, ...(version ? { version } : {}), ...(issued ? { issued } : {}) }];
  const seen = new Set([dir]);
  for (let at: string | undefined = dir; at && out.length < 50;) {
    const previous: ChangeLog['previous'] = readJson<ChangeLog>(join(at, 'changes.json'))?.previous;
    if (!previous?.catalog) break;
    const there: string | undefined = previous.dir && existsSync(join(previous.dir, METADATA_FILE)) && !seen.has(previous.dir) ? previous.dir : undefined;
    out.push({ catalog: previous.catalog, ...(previous.version ? { version: previous.version } : {}), ...(previous.issued ? { issued: previous.issued } : {}), ...(there ? { dir: there } : {}) });
    if (there) seen.add(there);
    at = there;
  }
  return out;
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
