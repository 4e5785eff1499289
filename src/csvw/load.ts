/**
 * A CSVW run as `convert` starts it: the metadata found as the spec says (given, beside the
 * CSV, or through /.well-known/csvm), read with its problems located in the JSON, and compiled
 * into the canonical model when the table is one the streaming plan can convert; otherwise
 * the reason, and the run for the in-memory processor.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Quad } from 'n3';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedMapping } from '../mapping/load.js';
import { compileCsvw } from './compile.js';
import { headerOnly, withHeaderColumns } from './header-columns.js';
import type { Fetch } from './metadata.js';
import type { TableGroup } from './model.js';
import { findTableGroup, localPath, MAX_READ_BYTES, runCsvw, tooLarge, type CsvwRun } from './process.js';
import { JsonPlaces, newProblems, toDiagnostics } from './problems.js';

export interface CsvwOptions {
  /** User metadata given with a CSV file (`--csvw-metadata`). */
  readonly metadata?: string;
  /** Minimal mode (`--csvw-minimal`): only what the cells say. */
  readonly minimal: boolean;
}

export interface LoadedCsvw extends LoadedMapping {
  /** The run for the in-memory processor, when the model cannot express the table (and why). */
  readonly inMemory?: InMemory;
}

export interface InMemory {
  readonly run: CsvwRun;
  readonly reason: string;
  readonly group: TableGroup;
  /** The metadata document's path, as diagnostics and the catalogue name it. */
  readonly file: string;
}

/** Problems about the metadata or files as a whole: the command line's (exit 2), not the data's. */
const CONFIGURATION = new Set(['JL901', 'JL905', 'JL906', 'JL909']);

/**
 * The in-memory processor's run of a table group (`convert` writes it, `check` reports it):
 * its triples and rows, its problems located, JL907 first saying why it was held in memory.
 */
export async function runInMemory(m: InMemory, done: 'converted' | 'checked'): Promise<{ readonly quads: readonly Quad[]; readonly rows: number; readonly diagnostics: Diagnostic[]; readonly configuration: boolean }> {
  const held = diagnostic('JL907', `${done} in memory by the CSVW processor: ${m.reason}`, { severity: 'info' });
  let result: Awaited<ReturnType<typeof runCsvw>>;
  try {
    result = await runCsvw(m.run);
  } catch (err) {
    if (!(err instanceof TooLargeToRead)) throw err;
    return { quads: [], rows: 0, diagnostics: [held, diagnostic('JL909', err.message)], configuration: true };
  }
  return {
    quads: result.quads, rows: result.rows,
    diagnostics: [held, ...toDiagnostics(result, result.places, shownAs)],
    configuration: result.errors.some((e) => CONFIGURATION.has(e.code)),
  };
}

/**
 * Bytes as text in `encoding`; one the platform does not know is read as UTF-8, the
 * specification's default. In streaming mode: Node 20's one-shot `decode` drops the
 * Windows-1252 bytes 0x80–0x9F (and `latin1`, `iso-8859-1` are Windows-1252 by the WHATWG labels).
 */
function decode(bytes: Uint8Array, encoding: string): string {
  let td: InstanceType<typeof TextDecoder>;
  try {
    td = new TextDecoder(encoding);
  } catch {
    td = new TextDecoder('utf-8');
  }
  return td.decode(bytes, { stream: true }) + td.decode();
}

/** A document read whole (remote, or local metadata) larger than `MAX_READ_BYTES`: the run stops with JL909, not out of memory. */
export class TooLargeToRead extends Error {
  constructor(readonly url: string, bytes: number | undefined) {
    super(tooLarge(url, bytes));
  }
}

/** The body of a response, refused past `MAX_READ_BYTES` (by its Content-Length, else as it comes). */
async function boundedBody(url: string, res: Response): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > MAX_READ_BYTES) {
    await res.body?.cancel();
    throw new TooLargeToRead(url, declared);
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    for await (const part of res.body as AsyncIterable<Uint8Array>) {
      total += part.length;
      if (total > MAX_READ_BYTES) throw new TooLargeToRead(url, undefined);
      parts.push(part);
    }
  }
  return Buffer.concat(parts);
}

/** A file: URL as a path; others as given. */
export const shownAs = (url: string): string => (url.startsWith('file:') ? fileURLToPath(url) : url);

/**
 * Reads local files (file: URLs) and, for metadata that names them, http(s) URLs. A UTF-8
 * byte order mark is dropped; a file that is not there is undefined (the spec's "not found").
 */
export const fileFetch: Fetch = async (url, encoding = 'utf-8') => {
  if (url.startsWith('file:')) {
    const path = localPath(url);
    // Read whole, so bounded as a remote one is (past 512 MB no string could hold it).
    const size = (await stat(path).catch(() => undefined))?.size ?? 0;
    if (size > MAX_READ_BYTES) throw new TooLargeToRead(url, size);
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) return undefined;
    return { text: decode(bytes, encoding), contentType: /\.json$/i.test(path) ? 'application/json' : 'text/csv' };
  }
  if (!/^https?:/.test(url)) return undefined;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000), headers: { accept: 'application/csvm+json, application/ld+json, text/csv;q=0.9, */*;q=0.1' } });
    if (!res.ok) return undefined;
    const link = res.headers.get('link');
    return { text: decode(await boundedBody(url, res), encoding), contentType: res.headers.get('content-type') ?? '', ...(link ? { link } : {}) };
  } catch (err) {
    if (err instanceof TooLargeToRead) throw err;
    return undefined;
  }
};

export async function loadCsvw(arg: string, opts: CsvwOptions, fetch: Fetch = fileFetch): Promise<LoadedCsvw> {
  const url = pathToFileURL(resolve(arg)).href;
  const run: CsvwRun = { url, minimal: opts.minimal, fetch, ...(opts.metadata ? { userMetadata: pathToFileURL(resolve(opts.metadata)).href } : {}) };
  const p = newProblems();
  const places = new JsonPlaces();
  let found: Awaited<ReturnType<typeof findTableGroup>>;
  try {
    found = await findTableGroup(run, p, places);
  } catch (err) {
    if (!(err instanceof TooLargeToRead)) throw err;
    return { diagnostics: [diagnostic('JL909', err.message)], sources: new Map() };
  }
  const diagnostics: Diagnostic[] = toDiagnostics(p, places, shownAs);
  const sources = new Map<string, string>();
  for (const [u, text] of places.documents()) sources.set(shownAs(u), text);
  if (!found.group || p.errors.length) return { diagnostics, sources };
  const file = shownAs(run.userMetadata ?? (found.isJson ? url : found.group.base));
  const group = withHeaderColumns(found.group, await headOf(found.group));
  const compiled = compileCsvw(group, { file, minimal: opts.minimal });
  if ('model' in compiled) return { model: compiled.model, diagnostics, sources };
  return { diagnostics, sources, inMemory: { run, reason: compiled.reason, group: found.group, file } };
}

/** Bytes read from the start of a file for its header rows. */
const HEAD_BYTES = 1 << 20;

/**
 * The start of the one local file of a group that has no metadata (its whole lines, up to 1
 * MiB), for the columns its header gives; undefined for any other group, or a first line
 * longer than that.
 */
async function headOf(group: TableGroup): Promise<string | undefined> {
  const table = headerOnly(group);
  if (!table || !table.url.startsWith('file:')) return undefined;
  let fh;
  try {
    fh = await open(localPath(table.url), 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    const end = bytesRead < HEAD_BYTES ? bytesRead : buf.lastIndexOf(10, bytesRead - 1) + 1;
    return end > 0 ? decode(buf.subarray(0, end), table.dialect.encoding) : undefined;
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}
