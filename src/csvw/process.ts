/**
 * A CSVW run from its start (W3C "Model for Tabular Data" §5): from a metadata document, or
 * from a CSV file whose metadata is found as the spec says — user metadata first, then a
 * `Link: rel="describedby"` header, then the site-wide locations (`/.well-known/csvm`, else
 * `{+url}-metadata.json` and `csv-metadata.json`), else the file's own header alone — and each
 * table checked against the titles its file's header gives.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import type { Quad } from 'n3';
import { parseTemplate } from 'url-template';
import { DEFAULT_DIALECT, parseTable, type ParsedTable } from './dialect.js';
import { DEFAULT_INHERITED, readMetadata, type Fetch } from './metadata.js';
import { JsonPlaces, newProblems, type Problem, type Problems } from './problems.js';
import type { Table, TableGroup } from './model.js';
import { tableGroupToRdf } from './to-rdf.js';

export interface CsvwRun {
  /** A metadata document or a CSV file, as an absolute URL. */
  readonly url: string;
  /** User metadata given with a CSV file (`--csvw-metadata`): it overrides every other. */
  readonly userMetadata?: string;
  readonly minimal?: boolean;
  readonly fetch: Fetch;
  /** Triples held in memory before the run stops with JL909 (default: one per 1.5 KiB of the heap's limit; each takes about 650 bytes, and the parsed table and the writing more). */
  readonly maxTriples?: number;
}

/**
 * Bytes of a document (a table, local or on the web) read whole into memory at most: past it,
 * JL909 before it is held (a string holds 512 MB at most, and the in-memory processor far less).
 */
export const MAX_READ_BYTES = 256 << 20;

/** JL909's words for a document over MAX_READ_BYTES (`bytes` unknown: it came without a length). */
export const tooLarge = (url: string, bytes: number | undefined): string =>
  `${url} is ${bytes === undefined ? 'over' : `${Math.round(bytes / 2 ** 20)} MiB,`} more than can be held in memory (${MAX_READ_BYTES / 2 ** 20} MiB); nothing written`;

/** A file: URL's path, without its query or fragment. */
export const localPath = (url: string): string => fileURLToPath(url.split('#')[0]!.split('?')[0]!);

export interface CsvwResult {
  readonly quads: readonly Quad[];
  /** Rows of the tables written (tables with suppressOutput left out). */
  readonly rows: number;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Where the metadata documents' objects are, to locate the problems (problems.ts toDiagnostics). */
  readonly places: JsonPlaces;
}

/** A run's table group as found (§5): from the metadata given, or located for a CSV file. */
export interface FoundGroup {
  readonly group?: TableGroup;
  /** The file the run started from, when it was read (a remote CSV file is read once; a local one is not read here). */
  readonly start?: Awaited<ReturnType<Fetch>>;
  /** The run started from a metadata document, not a CSV file. */
  readonly isJson: boolean;
}

/** Finds and reads a run's metadata, and checks its foreign keys; problems go into `p`. */
export async function findTableGroup(o: CsvwRun, p: Problems, places: JsonPlaces): Promise<FoundGroup> {
  // A local CSV file is not read to find its metadata, which it cannot name (no Link header):
  // read whole, a file of gigabytes held the memory to no purpose, and past V8's longest string
  // (512 MB) could not be read at all. It is streamed, or read later by the in-memory processor.
  const localCsv = o.url.startsWith('file:') && !/\.json(\?|#|$)/i.test(o.url);
  const start = localCsv ? undefined : await o.fetch(o.url);
  if (localCsv ? !readableFile(o.url) : !start) {
    p.errors.push({ code: 'JL906', message: `${o.url} cannot be read`, url: o.url });
    return { isJson: false };
  }
  const isJson = !localCsv && (/\.json(\?|$)/.test(o.url) || /json/.test(start?.contentType ?? ''));
  let group: TableGroup | undefined;
  if (isJson && !o.userMetadata) {
    group = await readMetadata(start!.text, o.url, o.fetch, p, places);
  } else {
    group = await locate(o, start?.link, p, places);
    if (p.errors.length) return { start, isJson };
    group ??= embedded(o.url);
  }
  if (!group || p.errors.length) return { start, isJson };
  checkForeignKeys(group, p);
  return { group, start, isJson };
}

export async function runCsvw(o: CsvwRun): Promise<CsvwResult> {
  const p = newProblems();
  const places = new JsonPlaces();
  const done = (quads: Quad[] = [], rows = 0): CsvwResult => ({ quads: p.errors.length ? [] : quads, rows, errors: p.errors, warnings: p.warnings, places });
  const { group, start, isJson } = await findTableGroup(o, p, places);
  if (!group || p.errors.length) return done();
  const parsed = new Map<string, ParsedTable>();
  for (const table of group.tables) {
    // The file the run started from was read before its dialect was known: read again unless UTF-8.
    const utf8 = /^utf-?8$/i.test(table.dialect.encoding);
    const bytes = table.url.startsWith('file:') ? statSync(localPath(table.url), { throwIfNoEntry: false })?.size ?? 0 : 0;
    if (bytes > MAX_READ_BYTES) {
      p.errors.push({ code: 'JL909', message: `the table ${tooLarge(table.url, bytes)}`, url: table.url });
      continue;
    }
    const file = table.url === o.url && !isJson && utf8 && start ? start : await o.fetch(table.url, utf8 ? undefined : table.dialect.encoding);
    if (!file) {
      p.errors.push({ code: 'JL906', message: `the table ${table.url} cannot be read`, url: table.url });
      continue;
    }
    const data = parseTable(file.text, table.dialect);
    checkCompatible(table, data, p);
    parsed.set(table.url, data);
  }
  if (p.errors.length) return done();
  const rows = group.tables.reduce((n, t) => n + (t.suppressOutput ? 0 : parsed.get(t.url)?.rows.length ?? 0), 0);
  return done(tableGroupToRdf(group, parsed, o.minimal ?? false, p, o.maxTriples ?? Math.floor(getHeapStatistics().heap_size_limit / 1536)), rows);
}

/** The metadata for a CSV file, in the spec's order; undefined when there is none. */
async function locate(o: CsvwRun, link: string | undefined, p: Problems, places: JsonPlaces): Promise<TableGroup | undefined> {
  const describes = (g: TableGroup | undefined): boolean => !!g && g.tables.some((t) => t.url === o.url);
  if (o.userMetadata) {
    const got = await o.fetch(o.userMetadata);
    if (!got) {
      p.errors.push({ code: 'JL906', message: `the metadata ${o.userMetadata} cannot be read`, url: o.userMetadata });
      return undefined;
    }
    return readMetadata(got.text, o.userMetadata, o.fetch, p, places);
  }
  const candidates: string[] = [];
  const described = link && /rel="?describedby"?/.test(link) ? /<([^>]*)>/.exec(link)?.[1] : undefined;
  if (described) candidates.push(new URL(described, o.url).href);
  const wellKnown = await o.fetch(new URL('/.well-known/csvm', o.url).href);
  const templates = wellKnown ? wellKnown.text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : ['{+url}-metadata.json', 'csv-metadata.json'];
  for (const t of templates) {
    try {
      candidates.push(new URL(parseTemplate(t).expand({ url: o.url.split('?')[0]! }), o.url).href);
    } catch {
      p.warnings.push({ code: 'JL902', message: `the site-wide location '${t}' is not a URI template`, url: new URL('/.well-known/csvm', o.url).href });
    }
  }
  for (const candidate of candidates) {
    const got = await o.fetch(candidate);
    if (!got) continue;
    const problems = newProblems();
    const group = await readMetadata(got.text, candidate, o.fetch, problems, places);
    if (describes(group) && !problems.errors.length) {
      p.warnings.push(...problems.warnings);
      return group;
    }
    p.warnings.push({ code: 'JL902', message: `${candidate} does not describe ${o.url}${problems.errors.length ? ` (${problems.errors[0]!.message})` : ''}: ignored`, url: candidate });
  }
  return undefined;
}

/** A local file the process may read (what fileFetch would read), without reading it. */
function readableFile(url: string): boolean {
  try {
    const path = localPath(url);
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A table described by nothing but its file: columns from the header. */
function embedded(url: string): TableGroup {
  const table: Table = { url, suppressOutput: false, dialect: DEFAULT_DIALECT, columns: [], foreignKeys: [], notes: [], common: [], inherited: DEFAULT_INHERITED };
  return { tables: [table], notes: [], common: [], base: url };
}

/**
 * Metadata and the file should agree (§5.5.1): as many non-virtual columns as the header has
 * cells, and where both give titles, a title in common whose languages match (`und` matches
 * any; tags match when equal cut to the shorter). A mismatch is a warning, as the suite has it.
 */
function checkCompatible(table: Table, data: ParsedTable, p: Problems): void {
  const real = table.columns.filter((c) => !c.virtual);
  if (!real.length) return;
  if (table.dialect.header && data.titles.length && data.titles.length !== real.length) {
    p.warnings.push({ code: 'JL904', message: `${table.url} has ${data.titles.length} columns; its metadata describes ${real.length}`, url: table.url });
  }
  // The header's titles are in the table's language (its `lang`, else und).
  const headerLang = table.inherited.lang;
  const sameLang = (a: string, b: string): boolean => {
    if (a === 'und' || b === 'und') return true;
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    const n = Math.min(x.length, y.length);
    return x.slice(0, n) === y.slice(0, n);
  };
  real.forEach((col, j) => {
    const fromFile = data.titles[j] ?? [];
    if (!fromFile.length || !col.titles.length) return;
    const match = col.titles.some((t) => fromFile.includes(t.value) && sameLang(t.lang, headerLang));
    if (!match) p.warnings.push({ code: 'JL904', message: `column ${j + 1}: the header says ${JSON.stringify(fromFile[0])}, the metadata's titles are ${col.titles.map((t) => JSON.stringify(t.value)).join(', ')}`, cell: { url: table.url, line: data.headerLine ?? 1, column: fromFile[0]!, value: fromFile[0]! } });
  });
}

/** Foreign keys must reach a table of the group and columns of it (§5.5.2). */
function checkForeignKeys(group: TableGroup, p: Problems): void {
  for (const table of group.tables) {
    for (const fk of table.foreignKeys) {
      const target = group.tables.find((t) => (fk.reference.resource ? t.url === fk.reference.resource : t.schemaId === fk.reference.schemaReference));
      if (!target) {
        p.errors.push({ code: 'JL905', message: `a foreign key of ${table.url} refers to ${fk.reference.resource ?? fk.reference.schemaReference}, which is not a table of the group`, ...(fk.at ? { at: fk.at } : {}) });
        continue;
      }
      const missing = fk.reference.columnReference.filter((n) => !target.columns.some((c) => c.named && c.name === n));
      if (missing.length) p.errors.push({ code: 'JL905', message: `a foreign key of ${table.url} refers to ${missing.join(', ')}, not named columns of ${target.url}`, ...(fk.at ? { at: fk.at } : {}) });
      if (missing.length === 0 && fk.reference.columnReference.length !== fk.columnReference.length) p.errors.push({ code: 'JL905', message: `a foreign key of ${table.url} has ${fk.columnReference.length} columns, its reference ${fk.reference.columnReference.length}`, ...(fk.at ? { at: fk.at } : {}) });
    }
  }
}

