/**
 * CSVW to RDF (W3C "Generating RDF from Tabular Data on the Web"): a table group's rows as
 * triples in standard mode (with the csvw:TableGroup, Table and Row structure) or minimal mode
 * (only what the cells say). Cells are parsed by their column's datatype; URI templates are
 * expanded per row (RFC 6570) and resolved against the table's URL.
 */
import type { Quad, Term } from 'n3';
import { N3Factory as DataFactory } from '../rdf/n3-factory.js';
import { NS } from '../rdf/ns.js';
import { CSVW, expandName, expandTerm } from './context.js';
import { BUILT_IN } from './datatypes.js';
import { expand, lit, parseCell } from './cells.js';
import type { ParsedTable } from './dialect.js';
import type { Column, Inherited, Table, TableGroup } from './model.js';
import { encodeName } from './metadata.js';
import type { Problems } from './problems.js';


const { namedNode, blankNode, literal, quad } = DataFactory;
const RDF = NS.rdf;
const XSD = NS.xsd;
const TYPE = namedNode(`${RDF}type`);
const c = (local: string) => namedNode(`${CSVW}${local}`);

type Node = ReturnType<typeof namedNode> | ReturnType<typeof blankNode>;

/** Standard mode: the table group, its notes and common properties. */
export function describeGroup(out: Quad[], g: Node, group: TableGroup): void {
  out.push(quad(g, TYPE, c('TableGroup')));
  for (const n of group.notes) writeJsonLd(out, g, c('note'), n, group.base, group.contextLang);
  for (const [k, v] of group.common) writeCommon(out, g, k, v, group.base, group.contextLang);
}

/** Standard mode: a table of the group, its URL, notes and common properties. */
export function describeTable(out: Quad[], g: Node, t: Node, table: Table, group: TableGroup): void {
  out.push(quad(g, c('table'), t), quad(t, TYPE, c('Table')), quad(t, c('url'), namedNode(table.url)));
  for (const n of table.notes) writeJsonLd(out, t, c('note'), n, group.base, table.contextLang);
  for (const [k, v] of table.common) writeCommon(out, t, k, v, group.base, table.contextLang);
}

/**
 * The group's triples; none, and JL909, once they pass `maxTriples` (held in memory, each costs
 * about 650 bytes: a process that runs out of heap dies without a word).
 */
export function tableGroupToRdf(group: TableGroup, parsed: ReadonlyMap<string, ParsedTable>, minimal: boolean, p: Problems, maxTriples = Infinity): Quad[] {
  const out: Quad[] = [];
  let over = false;
  const g = group.id ? namedNode(group.id) : blankNode();
  if (!minimal) describeGroup(out, g, group);
  for (const table of group.tables) {
    if (table.suppressOutput) continue;
    const data = parsed.get(table.url);
    if (!data) continue;
    const t = table.id ? namedNode(table.id) : blankNode();
    if (!minimal) {
      describeTable(out, g, t, table, group);
      for (const comment of data.comments) out.push(quad(t, namedNode(`${NS.rdfs}comment`), literal(comment)));
    }
    const columns = columnsFor(table, data);
    // The triples the table makes at least, counted before any is made: a table far too large
    // stops here, not after minutes of making triples and gigabytes of memory.
    const least = leastTriples(columns, data, minimal);
    if (out.length + least > maxTriples) {
      over = true;
      p.errors.push({ code: 'JL909', message: `the table makes at least ${least.toLocaleString('en-GB')} triples, more than can be held in memory (${maxTriples.toLocaleString('en-GB')}); nothing written`, url: table.url });
    }
    data.rows.forEach((row, i) => {
      if (over) return;
      const rownum = i + 1;
      const cells = columns.map((col, j) => parseCell(col.virtual ? '' : row.cells[j] ?? '', col, table, row.sourceNumber, p));
      const vars: Record<string, unknown> = { _row: String(rownum), _sourceRow: String(row.sourceNumber) };
      for (const cell of cells) {
        if (cell.values === null) continue;
        const vs = cell.values.map((v) => v.lexical);
        vars[cell.column.name] = cell.list ? vs : vs[0];
      }
      const rowNode = blankNode();
      if (!minimal) {
        out.push(quad(t, c('row'), rowNode), quad(rowNode, TYPE, c('Row')), quad(rowNode, c('rownum'), literal(String(rownum), namedNode(`${XSD}integer`))));
        out.push(quad(rowNode, c('url'), namedNode(`${table.url}#row=${row.sourceNumber}`)));
        for (const name of table.rowTitles ?? []) {
          const cell = cells.find((x) => x.column.name === name);
          for (const v of cell?.values ?? []) out.push(quad(rowNode, c('title'), lit(v)));
        }
      }
      const defaultSubject = blankNode();
      const described: Term[] = [];
      cells.forEach((cell, j) => {
        const col = cell.column;
        const colVars = { ...vars, _column: String(j + 1), _sourceColumn: String(j + 1 + table.dialect.skipColumns), _name: decodeURIComponent(col.name) };
        const subject = col.aboutUrl !== undefined ? expand(col.aboutUrl, colVars, table.url) : undefined;
        const s = subject ? namedNode(subject) : defaultSubject;
        if (!described.some((d) => d.equals(s))) described.push(s);
        if (col.suppressOutput) return;
        // A null cell says nothing, whatever its column's templates (a virtual column has no cell).
        if (cell.values === null && !col.virtual) return;
        const predicate = col.propertyUrl !== undefined ? expand(col.propertyUrl, colVars, table.url) : `${table.url}#${col.name}`;
        if (!predicate) return;
        const pNode = namedNode(predicate);
        if (col.valueUrl !== undefined) {
          if (cell.list && cell.values) {
            const iris = cell.values.map((v) => expand(col.valueUrl!, { ...colVars, [col.name]: v.lexical }, table.url)).filter((x): x is string => !!x).map((x) => namedNode(x));
            writeList(out, s, pNode, iris, col.ordered);
            return;
          }
          const o = expand(col.valueUrl, colVars, table.url);
          if (o) out.push(quad(s, pNode, namedNode(o)));
          return;
        }
        if (cell.values === null) return;
        const objects = cell.values.map(lit);
        if (cell.list) writeList(out, s, pNode, objects, col.ordered);
        else out.push(quad(s, pNode, objects[0]!));
      });
      if (!minimal) for (const d of described) out.push(quad(rowNode, c('describes'), d as ReturnType<typeof namedNode>));
      if (out.length > maxTriples) {
        over = true;
        p.errors.push({ code: 'JL909', message: `the table group passes ${maxTriples.toLocaleString('en-GB')} triples at this row, more than can be held in memory; nothing written`, span: { url: table.url, line: row.sourceNumber, column: 1 } });
      }
    });
  }
  return over ? [] : out;
}

/** Triples a table makes at least: a row's four in standard mode, and one for each cell that is not null in a column that is written. */
function leastTriples(columns: readonly Column[], data: ParsedTable, minimal: boolean): number {
  let n = minimal ? 0 : 4 * data.rows.length;
  for (const row of data.rows) {
    for (let j = 0; j < row.cells.length && j < columns.length; j++) {
      const col = columns[j]!;
      if (!col.virtual && !col.suppressOutput && !col.null.includes(row.cells[j]!)) n++;
    }
  }
  return n;
}

/** The metadata's columns, and default ones for cells beyond them. */
function columnsFor(table: Table, data: ParsedTable): Column[] {
  // A loop, not Math.max(...rows): spread arguments overflow the stack past about 100k rows.
  let width = 0;
  for (const r of data.rows) width = Math.max(width, r.cells.length);
  const cols = [...table.columns];
  const real = cols.filter((x) => !x.virtual).length;
  if (table.columns.length === 0 || real < width) {
    for (let j = real; j < width; j++) {
      // Columns of the header alone take their names from its titles; beyond a metadata's, `_col.N`.
      const titles = table.fromMetadata ? [] : (data.titles[j] ?? []).map((value) => ({ value, lang: 'und' }));
      cols.splice(j, 0, defaultColumn(j + 1, titles, table.inherited));
    }
  }
  return cols;
}

export function defaultColumn(number: number, titles: readonly { value: string; lang: string }[], inherited: Inherited): Column {
  const name = titles[0] ? encodeName(titles[0].value) : `_col.${number}`;
  return { ...inherited, name, titles, number, virtual: false, suppressOutput: false, common: [] };
}


function writeList(out: Quad[], s: Quad['subject'], p: ReturnType<typeof namedNode>, objects: readonly Quad['object'][], ordered: boolean): void {
  if (!ordered) {
    for (const o of objects) out.push(quad(s, p, o));
    return;
  }
  if (!objects.length) {
    out.push(quad(s, p, namedNode(`${RDF}nil`)));
    return;
  }
  const nodes = objects.map(() => blankNode());
  out.push(quad(s, p, nodes[0]!));
  objects.forEach((o, i) => {
    out.push(quad(nodes[i]!, namedNode(`${RDF}first`), o), quad(nodes[i]!, namedNode(`${RDF}rest`), i + 1 < nodes.length ? nodes[i + 1]! : namedNode(`${RDF}nil`)));
  });
}

/** A common property (`dc:title`: value) as triples about `s`. */
function writeCommon(out: Quad[], s: Quad['subject'], key: string, value: unknown, base: string, lang?: string): void {
  const p = expandName(key);
  if (!p) return;
  writeJsonLd(out, s, namedNode(p), value, base, lang);
}

/** A JSON-LD value (string, number, boolean, {@value}, {@id}, node object, array) as objects of `s p`. */
function writeJsonLd(out: Quad[], s: Quad['subject'], p: ReturnType<typeof namedNode>, value: unknown, base: string, lang?: string): void {
  if (Array.isArray(value)) {
    for (const v of value) writeJsonLd(out, s, p, v, base, lang);
    return;
  }
  if (typeof value === 'string') {
    out.push(quad(s, p, lang ? literal(value, lang) : literal(value)));
    return;
  }
  if (typeof value === 'number') {
    out.push(quad(s, p, literal(String(value), namedNode(Number.isInteger(value) ? `${XSD}integer` : `${XSD}double`))));
    return;
  }
  if (typeof value === 'boolean') {
    out.push(quad(s, p, literal(String(value), namedNode(`${XSD}boolean`))));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const o = value as Record<string, unknown>;
  if ('@value' in o) {
    const v = String(o['@value']);
    if (typeof o['@type'] === 'string') out.push(quad(s, p, literal(v, namedNode(expandTerm(o['@type'], BUILT_IN) ?? new URL(o['@type'], base).href))));
    else if (typeof o['@language'] === 'string') out.push(quad(s, p, literal(v, o['@language'])));
    else out.push(quad(s, p, typeof o['@value'] === 'string' && lang && !('@language' in o) ? literal(v) : literal(v)));
    return;
  }
  const node = typeof o['@id'] === 'string' ? namedNode(expandName(o['@id']) ?? new URL(o['@id'], base).href) : blankNode();
  out.push(quad(s, p, node));
  for (const [k, v] of Object.entries(o)) {
    if (k === '@id') continue;
    if (k === '@type') {
      for (const t of Array.isArray(v) ? v : [v]) if (typeof t === 'string') out.push(quad(node, TYPE, namedNode(expandTerm(t, BUILT_IN) ?? new URL(t, base).href)));
      continue;
    }
    if (k.startsWith('@')) continue;
    const pi = expandName(k);
    if (pi) writeJsonLd(out, node, namedNode(pi), v, base, lang);
  }
}

