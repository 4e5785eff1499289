import { basename, dirname, relative, resolve } from 'node:path';
import { readCsv } from '../csv/read.js';
import { slugify } from '../rdf/iri.js';
import { detectDialect, type Dialect } from './dialect.js';
import { profileTable, type TableProfile } from './profile.js';
import { COUNT_LIKE, MEAN_LIKE, planColumns, type ColumnPlan } from './propose.js';
import { grouped } from '../diagnostics/numbers.js';

export interface ScaffoldOptions {
  readonly csv: string;
  /** Where the mapping will be written: source.path is relative to it. */
  readonly out: string;
  readonly id?: string;
  readonly base?: string;
  /** Data rows read to profile the columns (default 100,000). */
  readonly rows?: number;
}

/** What init found, for its summary and for tests. */
export interface Scaffold {
  readonly yaml: string;
  readonly id: string;
  readonly dialect: Dialect;
  readonly table: TableProfile;
  readonly columns: readonly ColumnPlan[];
  /** Rows that repeat the dimension values of an earlier row (in the rows read). */
  readonly repeatedKeys: number;
  readonly unsure: number;
}

const q = (s: string): string => JSON.stringify(s);
const PROFILE_ROWS = 100_000;

/**
 * Proposes a mapping for a CSV, as csvcubed's convention mode does, but checked: encoding,
 * delimiter, title and notes rows; periods, police force areas, GSS codes, shipped code
 * lists by label, markers, numeric measures, and rows that repeat a key. Each guess it was
 * unsure of gets a comment that says so.
 */
export async function scaffoldMapping(opts: ScaffoldOptions): Promise<Scaffold> {
  const dialect = await detectDialect(opts.csv);
  const footer = dialect.notesStart ? `^${escapeRegex(dialect.notesStart.slice(0, 30))}` : undefined;
  const table = await profileTable(opts.csv, dialect, opts.rows ?? PROFILE_ROWS, footer);
  const id = opts.id ?? (slugify(basename(opts.csv).replace(/\.[^.]*$/, '')).slice(0, 60).replace(/-+$/, '') || 'dataset');
  const base = opts.base ?? 'https://data.justice.gov.uk/';
  const prefix = 'my';
  const columns = planColumns(table, prefix);
  const dims = columns.filter((c) => c.role === 'dimension');
  const measures = columns.filter((c) => c.role === 'measure');
  const repeatedKeys = await countRepeatedKeys(table, dims.map((d) => d.profile.index), opts.rows ?? PROFILE_ROWS);

  const out: string[] = [];
  const line = (s = ''): number => out.push(s);
  line('# yaml-language-server: $schema=https://w3id.org/justice-lod/schema/mapping-v1.json');
  line(`# Proposed by \`justice-lod init\` from ${basename(opts.csv)} (${grouped(table.rows)} data rows read${table.complete ? '' : ', not the whole file'}).`);
  line('# Check every comment marked "unsure", give the dataset a title, then run `justice-lod check` and `convert`.');
  if (dialect.titles.length) line(`# Title rows above the header: ${dialect.titles.filter(Boolean).map(q).join(', ')}`);
  line('version: 1');
  line(`id: ${id}`);
  line(`title: ${q(dialect.titles.find(Boolean) ?? basename(opts.csv))}`);
  line(`base: ${base}`);
  line('prefixes:');
  line(`  ${prefix}: ${base}def/${id}#   # properties of this dataset that the justice vocabulary does not have`);
  line();
  line('source:');
  line(`  path: ${q(relative(dirname(resolve(opts.out)), resolve(opts.csv)) || basename(opts.csv))}`);
  line(`  encoding: auto   # ${dialect.encoding.startsWith('utf-16') ? `${dialect.encoding.toUpperCase()} (its byte-order mark says so)` : dialect.bom ? 'UTF-8 with a BOM' : dialect.invalidByte ? `Windows-1252: byte 0x${dialect.invalidByte.byte.toString(16).toUpperCase()} at line ${dialect.invalidByte.line + 1} is not UTF-8` : 'UTF-8'}`);
  if (dialect.delimiter !== ',') line(`  delimiter: ${q(dialect.delimiter)}`);
  if (dialect.skipRows) line(`  skipRows: ${dialect.skipRows}`);
  if (footer) line(`  footer: ${q(footer)}   # notes below the data start here`);

  const blankValues = measures.some((m) => m.profile.blank > 0);
  if (blankValues) {
    line();
    line('# unsure: blank value cells are read as "not applicable" ([z]); use x for "not available".');
    line('markers:');
    line('  "": z');
  }
  const counts = measures.filter((m) => COUNT_LIKE.test(m.profile.name));
  if (repeatedKeys > 0) {
    line();
    line(`# ${grouped(repeatedKeys)} rows repeat the dimension values of an earlier row${counts.length ? `, and ${counts.map((c) => q(c.profile.name)).join(', ')} looks like a count: rows with one key are summed` : ': unsure whether they are parts to add up or a dimension is missing'}.`);
    line('duplicates:');
    line('  combine: sum');
  }
  line();
  line('dimensions:');
  for (const d of dims) writeComponent(line, d, []);
  line();
  line('measures:');
  for (const m of measures) {
    // A mean cannot be summed: it is averaged, weighted by a count where there is one.
    const mean = repeatedKeys > 0 && MEAN_LIKE.test(m.profile.name) && !COUNT_LIKE.test(m.profile.name);
    const extra = mean ? ['combine: mean', ...(m.profile.decimal ? [] : ['datatype: xsd:decimal'])] : [];
    const notes = mean ? [...m.notes, 'unsure: looks like an average, so rows with one key are averaged (add `weight:` with the measure it is taken over).'] : m.notes;
    writeComponent(line, { ...m, notes }, extra);
  }
  const skipped = columns.filter((c) => c.role === 'skip');
  if (skipped.length) {
    line();
    for (const s of skipped) line(`# ${s.notes[0]}`);
  }
  if (measures.length === 0) {
    line('  # unsure: no column holds only numbers; name the value column here.');
  }
  const unsure = columns.filter((c) => c.unsure).length + (blankValues ? 1 : 0) + (repeatedKeys > 0 && counts.length === 0 ? 1 : 0);
  return { yaml: `${out.join('\n')}\n`, id, dialect, table, columns, repeatedKeys, unsure };
}

function writeComponent(line: (s?: string) => number, c: ColumnPlan, extra: readonly string[]): void {
  for (const n of c.notes) line(`  # ${n}`);
  line(`  ${c.key}:`);
  for (const l of [...c.lines, ...extra]) line(`    ${l}`);
}

/** Rows whose dimension cells repeat an earlier row's, among the first `limit`. */
async function countRepeatedKeys(table: TableProfile, indexes: readonly number[], limit: number): Promise<number> {
  if (indexes.length === 0) return 0;
  const seen = new Set<string>();
  let repeats = 0;
  let rows = 0;
  for await (const ev of readCsv(table.source, { path: table.source.path })) {
    if (ev.kind !== 'row') continue;
    if (++rows > limit) break;
    const key = indexes.map((i) => ev.cells[i] ?? '').join('\u0000');
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return repeats;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
