/**
 * CSVW metadata → the canonical MappingModel, so that a CSVW table streams through the same
 * reader, plan, checks, writers and metadata as a YAML mapping. Each output column becomes a
 * variable read as CSVW reads it (compile/csvw-cells.ts); columns that share an `aboutUrl` make
 * one subject; `propertyUrl` is fixed per column. Tables this model cannot express go to the
 * in-memory processor (src/csvw/process.ts) instead, with the reason: several tables, lists (`separator`), templates that read `_row`, dialects the
 * streaming reader does not have (escape characters, skipped columns, no header, encodings
 * other than UTF-8 and Windows-1252). Pure.
 */
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplate } from 'url-template';
import type { ConstTerm, IriTemplate, MappingModel, SourceModel, SubjectRule, TripleRule, Variable } from '../mapping/model.js';
import { datasetGraph } from '../rdf/graphs.js';
import { slugify } from '../rdf/iri.js';
import { COLUMN_VARIABLES, columnVariables, expand, variableNames } from './cells.js';
import { expandName } from './context.js';
import { NS } from '../rdf/ns.js';
import type { Column, Table, TableGroup } from './model.js';

export type CompiledCsvw = { readonly model: MappingModel } | { readonly reason: string };

/** Where the metadata came from, and how the table is converted. */
export interface CsvwSource {
  /** The metadata document's path (diagnostics about the mapping point at it). */
  readonly file: string;
  readonly minimal: boolean;
  /** Where a table's URL is on this machine (default: file: URLs); undefined: not local. */
  readonly localPath?: (url: string) => string | undefined;
}

const fileUrlPath = (url: string): string | undefined => (url.startsWith('file:') ? fileURLToPath(url) : undefined);

const DEFAULT_BASE = 'https://data.justice.gov.uk/';
/** The subject of columns without an aboutUrl (an empty aboutUrl is the table's URL, not this). */
const BLANK = '\u0000blank';
/** Template variables that change from row to row without a cell: the streaming plan has none. */
const ROW_VARIABLES = new Set(['_row', '_sourceRow']);

function compileTable(group: TableGroup, from: CsvwSource): CompiledCsvw {
  const tables = group.tables.filter((t) => !t.suppressOutput);
  if (tables.length !== 1) return { reason: `the group has ${tables.length} tables to write` };
  const table = tables[0]!;
  const path = (from.localPath ?? fileUrlPath)(table.url);
  if (path === undefined) return { reason: `${table.url} is not a local file` };
  if (table.columns.length === 0) return { reason: 'the metadata describes no columns' };
  const dialect = dialectProblem(table);
  if (dialect) return { reason: dialect };
  const columns = table.columns;
  for (const c of columns) {
    if (c.suppressOutput) continue;
    if (c.separator !== null) return { reason: `column ${c.name} holds lists (separator)` };
    for (const t of [c.aboutUrl, c.propertyUrl, c.valueUrl]) {
      if (t === undefined) continue;
      if (variableNames(t).some((n) => ROW_VARIABLES.has(n))) return { reason: `the template ${t} reads the row number` };
      try {
        parseTemplate(t);
      } catch {
        return { reason: `${t} is not a URI template` };
      }
    }
  }

  const span = { file: from.file, line: 0 };
  const variables: Variable[] = [];
  const bySubject = new Map<string, { triples: TripleRule[] }>();
  const keyColumns = new Set(table.primaryKey ?? []);
  /** A variable reading column `j`'s cell (a primary key column's make the row's key). */
  const cellVariable = (j: number, valueUrl?: IriTemplate): Variable => ({
    name: `csvw:${j}`, role: keyColumns.has(columns[j]!.name) ? 'dimension' : 'attribute',
    rule: { kind: 'cell', columns: [], resolver: { kind: 'csvw', column: j, ...(valueUrl ? { valueUrl } : {}) }, missing: new Map(), aliases: new Map(), stripCode: false, keepCode: false }, span,
  });
  columns.forEach((c, j) => {
    // Columns without an aboutUrl describe one blank node per row; in standard mode each row
    // says what it describes, suppressed columns' subjects too.
    const about = c.aboutUrl ?? BLANK;
    const subject = bySubject.get(about) ?? { triples: [] };
    if (!c.suppressOutput || !from.minimal) bySubject.set(about, subject);
    if (c.suppressOutput) return;
    const fixed = columnVariables(c, table.dialect.skipColumns);
    const predicate = c.propertyUrl === undefined ? `${table.url}#${c.name}` : constantOf(c.propertyUrl, fixed, table.url);
    // A propertyUrl that reads cells is not a constant predicate: the processor's path.
    if (predicate === null) throw new CsvwNotStreamable(`the propertyUrl ${c.propertyUrl} of column ${c.name} reads the row's cells`);
    if (predicate === undefined) return;
    const constant = c.virtual && c.valueUrl !== undefined ? constantOf(c.valueUrl, fixed, table.url) : null;
    if (constant) {
      subject.triples.push({ predicate, object: { kind: 'constant', term: { termType: 'NamedNode', value: constant } } });
      return;
    }
    const variable = cellVariable(j, c.valueUrl === undefined ? undefined : { source: c.valueUrl, parts: [], span, rfc6570: true });
    variables.push(variable);
    subject.triples.push({ predicate, object: { kind: 'variable', name: variable.name } });
  });
  // A primary key column is read even when it writes nothing: the row's key is made of it.
  columns.forEach((c, j) => {
    if (keyColumns.has(c.name) && !variables.some((v) => v.name === `csvw:${j}`)) variables.push(cellVariable(j));
  });

  const subjects: SubjectRule[] = [...bySubject].map(([about, s], i) => ({
    id: bySubject.size === 1 ? 'row' : `subject ${i + 1}`,
    subject: { source: about, parts: [], span, rfc6570: true },
    ...(about === BLANK ? { blankNode: true as const } : {}),
    constants: new Map<string, ConstTerm>(),
    triples: s.triples,
  }));
  const model: MappingModel = { ...shellModel(group, table, from, path), variables, subjects, csvw: { table, columns, ...(from.minimal ? {} : { standard: { group } }) } };
  return { model };
}

/**
 * What the metadata says of the dataset, without rows: its id (from the table's file, or the
 * metadata's for a group of tables), base, IRI, title and source. The in-memory processor's
 * runs are catalogued with it.
 */
export function shellModel(group: TableGroup, table: Table | undefined, from: CsvwSource, local?: string): MappingModel {
  const first = table ?? group.tables.find((t) => !t.suppressOutput) ?? group.tables[0];
  const path = local ?? (first && (from.localPath ?? fileUrlPath)(first.url)) ?? from.file;
  const named = table ? path : from.file.replace(/(-metadata)?\.json$/i, '');
  const id = slugify(basename(named, extname(named))) || 'table';
  const span = { file: from.file, line: 0 };
  const base = baseOf(group, first, first?.columns ?? []);
  const dataset = absoluteHttp(first?.id) ?? absoluteHttp(group.id) ?? `${base}data/${id}`;
  const title = textOf(first?.common ?? [], group.common, TITLE);
  const description = textOf(first?.common ?? [], group.common, DESCRIPTION);
  return {
    version: 1, file: from.file, id, base, prefixes: prefixesFor(first, group), source: first ? sourceOf(first, path, span) : { path, encoding: 'utf-8', delimiter: ',', quote: '"', skipRows: 0, headerRows: 1, headerJoin: ' ', span },
    dataset, graph: datasetGraph(base, id), ...(title ? { title } : {}), ...(description ? { description } : {}),
    publication: { keywords: [] }, markers: new Map(), filters: [], codeLists: [], variables: [], subjects: [], header: [],
    cube: { dimensions: [], measures: [], attributes: [] }, linkset: false,
  };
}

/**
 * The project's prefixes whose namespaces the metadata's templates use (Turtle and JSON-LD
 * dumps read as they do for a mapping); `rdf` for `a`, `xsd` for datatypes.
 */
function prefixesFor(table: Table | undefined, group: TableGroup): Map<string, string> {
  const texts = (table ? [table] : group.tables).flatMap((t) => t.columns.flatMap((c) => [c.aboutUrl, c.propertyUrl, c.valueUrl].filter((x): x is string => x !== undefined).map((x) => expandName(x.replace(/\{.*$/, '')) ?? x)));
  return new Map(Object.entries(NS).filter(([name, ns]) => name === 'rdf' || name === 'xsd' || texts.some((t) => t.startsWith(ns))));
}

const TITLE = ['http://purl.org/dc/terms/title', 'dc:title', 'dcterms:title'];
const DESCRIPTION = ['http://purl.org/dc/terms/description', 'dc:description', 'dcterms:description'];

/** Thrown inside the compile when a column turns out to need the processor. */
class CsvwNotStreamable extends Error {}

/** The model of a table group's one table, or why the in-memory processor must convert it. */
export function compileCsvw(group: TableGroup, from: CsvwSource): CompiledCsvw {
  try {
    return compileTable(group, from);
  } catch (err) {
    if (err instanceof CsvwNotStreamable) return { reason: err.message };
    throw err;
  }
}

/** What the streaming reader cannot read as the dialect says, if anything. */
function dialectProblem(table: Table): string | undefined {
  const d = table.dialect;
  if (!d.header || d.headerRowCount < 1) return 'the table has no header row';
  if (d.quoteChar === null || d.quoteChar.length !== 1 || !d.doubleQuote) return 'the dialect escapes quotes otherwise than by doubling them';
  if (d.delimiter.length !== 1) return `the delimiter ${JSON.stringify(d.delimiter)} is not one character`;
  if (d.skipColumns > 0 || d.skipInitialSpace) return 'the dialect skips columns or initial spaces';
  if (!/^(utf-?8|windows-1252)$/i.test(d.encoding)) return `the encoding ${d.encoding} is not UTF-8 or Windows-1252`;
  return undefined;
}

function sourceOf(table: Table, path: string, span: { file: string; line: number }): SourceModel {
  const d = table.dialect;
  return {
    // A file with no metadata has declared no encoding: read as UTF-8 unless a byte is not, then as Windows-1252 (JL202), as Excel saves CSV.
    path, encoding: !table.fromMetadata ? 'auto' : /1252/.test(d.encoding) ? 'windows-1252' : 'utf-8', delimiter: d.delimiter, quote: d.quoteChar ?? '"',
    skipRows: d.skipRows, headerRows: d.headerRowCount, headerJoin: ' ', ...(d.commentPrefix ? { commentPrefix: d.commentPrefix } : {}), span,
  };
}

/**
 * A template's IRI when it reads nothing but the column's own fixed variables; null when it
 * reads cells; undefined when it expands to nothing (the processor writes no triple then).
 */
function constantOf(template: string, fixed: Readonly<Record<string, string>>, base: string): string | null | undefined {
  if (variableNames(template).some((n) => !COLUMN_VARIABLES.has(n))) return null;
  return expand(template, fixed, base);
}

/** The origin of the first absolute http(s) template: where the table's IRIs live. */
function baseOf(group: TableGroup, table: Table | undefined, columns: readonly Column[]): string {
  for (const t of [table?.id, group.id, ...columns.flatMap((c) => [c.aboutUrl, c.valueUrl])]) {
    const m = t ? /^(https?:\/\/[^/{}?#]+)\//.exec(t) : null;
    if (m) return `${m[1]}/`;
  }
  return DEFAULT_BASE;
}

const absoluteHttp = (iri: string | undefined): string | undefined => (iri && /^https?:\/\//.test(iri) ? iri : undefined);

/** A common property's text (`dc:title`: "…", or {"@value": "…"}), the table's before the group's. */
function textOf(own: Table['common'], group: TableGroup['common'], keys: readonly string[]): string | undefined {
  for (const common of [own, group]) {
    for (const [k, v] of common) {
      if (!keys.includes(k)) continue;
      const first = Array.isArray(v) ? v[0] : v;
      if (typeof first === 'string') return first;
      if (first && typeof first === 'object' && typeof (first as { '@value'?: unknown })['@value'] === 'string') return (first as { '@value': string })['@value'];
    }
  }
  return undefined;
}
