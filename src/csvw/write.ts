/**
 * RDF to CSVW (issue 22, point 4): a dataset's triples as a CSVW table group that a csv2rdf
 * processor in minimal mode turns back into the same graph. Observations become one tidy table
 * — a row per observation, a column per component, each value an IRI or a typed literal, as
 * csvcubed lays a cube out — and every other triple (the dataset, its structure, code lists)
 * goes into small two-column tables, one per predicate and kind of object.
 *
 * Built to stream: `SubjectTable` takes one observation at a time and gives a line to keep
 * (the sink keeps them in a temporary file), learns the columns as it goes, and turns each kept
 * line into its CSV row once the columns are known; `sideTables` writes the rest. `writeCsvw`
 * does the whole in memory. Pure.
 */
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../rdf/ns.js';
import { BUILT_IN } from './datatypes.js';
import { encodeName } from './metadata.js';

const TYPE = `${NS.rdf}type`;
const OBSERVATION = `${NS.qb}Observation`;
const XSD_STRING = `${NS.xsd}string`;

/** CSVW's name for a datatype IRI it has a name for. */
const NAMES = new Map(Object.entries(BUILT_IN).filter(([n]) => !['number', 'any', 'binary', 'datetime'].includes(n)).map(([n, iri]) => [iri, n]));

export interface CsvwTableGroup {
  /** The metadata document's file name (`<id>.csv-metadata.json`). */
  readonly metadataName: string;
  /** File name → text: the metadata document and each CSV. */
  readonly files: ReadonlyMap<string, string>;
}

/** What a column holds: IRIs, or literals of one datatype (and language). */
interface Kind {
  readonly iri: boolean;
  readonly datatype?: string;
  readonly lang?: string;
}

const kindOf = (o: Term): Kind => (o.termType === 'NamedNode' ? { iri: true } : { iri: false, datatype: (o as { datatype: { value: string } }).datatype.value, ...((o as { language: string }).language ? { lang: (o as { language: string }).language } : {}) });
const sameKind = (a: Kind, b: Kind): boolean => a.iri === b.iri && a.datatype === b.datatype && a.lang === b.lang;
const kindKey = (k: Kind): string => `${k.iri ? 'iri' : 'lit'} ${k.datatype ?? ''} ${k.lang ?? ''}`;

/** A CSV field, quoted when it must be (RFC 4180). */
const field = (s: string): string => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
/** One CSV record with its line end. */
export const csvRecord = (cells: readonly string[]): string => `${cells.map(field).join(',')}\r\n`;

/** The column description of a value column of `kind`. */
function valueColumn(name: string, title: string, propertyUrl: string, kind: Kind, about: string): Record<string, unknown> {
  const col: Record<string, unknown> = { name, titles: title, aboutUrl: about, propertyUrl };
  if (kind.iri) col['valueUrl'] = `{+${name}}`;
  else if (kind.lang) col['lang'] = kind.lang;
  else if (kind.datatype && kind.datatype !== XSD_STRING) {
    const named = NAMES.get(kind.datatype);
    col['datatype'] = named ?? { base: 'string', '@id': kind.datatype };
  }
  return col;
}

/** Whether a subject's triples make an observation (it is typed qb:Observation). */
export const isObservation = (triples: readonly (readonly [Term, Term])[]): boolean => triples.some(([p, o]) => p.value === TYPE && o.value === OBSERVATION);

interface TableColumn {
  readonly predicate: string;
  readonly name: string;
  readonly kind: Kind;
  /** The one IRI every row has: written as a virtual column, not in each row. */
  readonly constant?: string;
}

/** A kept subject: its IRI and its predicate–object pairs, objects as [kind key, value]. */
type KeptLine = [string, [string, string, string][]];

/**
 * A table of subjects, one row each (the observations; the concepts of a code list), built
 * one subject at a time. A predicate is a column when every subject has it at most once,
 * always of one kind and never the empty string; an IRI that every row has is a virtual
 * column; the triples of any other predicate go to the side tables instead.
 */
export class SubjectTable {
  private readonly seen = new Map<string, { kind: Kind; fits: boolean; rows: number; value: string | undefined }>();
  private readonly kinds = new Map<string, Kind>();
  count = 0;

  /** `key`: the name of the column holding the subject's IRI. */
  constructor(readonly key = 'observation') {}

  /** Records one subject; the line to keep until `row` can write it. */
  add(subject: string, triples: readonly (readonly [Term, Term])[]): string {
    this.count++;
    const once = new Set<string>();
    const pairs: KeptLine[1] = [];
    for (const [p, o] of triples) {
      const kind = kindOf(o);
      const key = kindKey(kind);
      this.kinds.set(key, kind);
      const s = this.seen.get(p.value);
      const fits = !once.has(p.value) && !(o.termType === 'Literal' && o.value === '');
      if (!s) this.seen.set(p.value, { kind, fits, rows: 1, value: o.termType === 'NamedNode' ? o.value : undefined });
      else {
        if (s.fits && (!fits || !sameKind(s.kind, kind))) s.fits = false;
        s.rows++;
        if (s.value !== o.value) s.value = undefined;
      }
      once.add(p.value);
      pairs.push([p.value, key, o.value]);
    }
    return JSON.stringify([subject, pairs] satisfies KeptLine);
  }

  /** The columns, once every subject is in: named after their predicates, in predicate order. */
  columns(): TableColumn[] {
    const used = new Set([this.key]);
    const out: TableColumn[] = [];
    for (const [predicate, s] of [...this.seen].sort(([a], [b]) => a.localeCompare(b))) {
      if (!s.fits) continue;
      let name = encodeName(/[^/#]*$/.exec(predicate)![0] || 'value').replace(/^_+/, '') || 'value';
      while (used.has(name)) name = `${name}_`;
      used.add(name);
      // A template's braces are its syntax: an IRI with one cannot be a constant valueUrl.
      const constant = s.value !== undefined && s.rows === this.count && !/[{}]/.test(s.value) ? s.value : undefined;
      out.push({ predicate, name, kind: s.kind, ...(constant ? { constant } : {}) });
    }
    return out;
  }

  /** A kept line as its CSV record, and the triples that go to the side tables. */
  row(line: string, columns: readonly TableColumn[]): { readonly record: string; readonly spill: readonly SideTriple[] } {
    const [subject, pairs] = JSON.parse(line) as KeptLine;
    const { width, at } = this.layoutOf(columns);
    const cells = new Array<string>(width).fill('');
    const spill: SideTriple[] = [];
    for (const [p, key, value] of pairs) {
      const i = at.get(p);
      if (i === undefined) spill.push({ subject, predicate: p, kind: this.kinds.get(key)!, value });
      else if (i >= 0) cells[i] = value;
    }
    return { record: csvRecord([subject, ...cells]), spill };
  }

  /** Where each column's value goes in a record (-1: a virtual column's), worked out once per set of columns: `row` runs per subject. */
  private layout: { readonly columns: readonly TableColumn[]; readonly width: number; readonly at: ReadonlyMap<string, number> } | undefined;
  private layoutOf(columns: readonly TableColumn[]): { readonly width: number; readonly at: ReadonlyMap<string, number> } {
    if (this.layout?.columns !== columns) {
      const at = new Map<string, number>();
      let width = 0;
      for (const c of columns) at.set(c.predicate, c.constant ? -1 : width++);
      this.layout = { columns, width, at };
    }
    return this.layout;
  }

  /** The table's description, for the metadata document. */
  describe(url: string, title: string, columns: readonly TableColumn[]): Record<string, unknown> {
    const about = `{+${this.key}}`;
    return {
      url,
      'dc:title': title,
      tableSchema: {
        columns: [
          { name: this.key, titles: this.key, suppressOutput: true },
          ...columns.filter((c) => !c.constant).map((c) => valueColumn(c.name, c.name, c.predicate, c.kind, about)),
          ...columns.filter((c) => c.constant).map((c) => ({ name: c.name, virtual: true, aboutUrl: about, propertyUrl: c.predicate, valueUrl: c.constant })),
        ],
        primaryKey: this.key,
        aboutUrl: about,
      },
    };
  }

  /** The table's header record. */
  header(columns: readonly TableColumn[]): string {
    return csvRecord([this.key, ...columns.filter((c) => !c.constant).map((c) => c.name)]);
  }
}

/** A triple for a side table: subject and predicate IRIs, the object's kind and value. */
export interface SideTriple {
  readonly subject: string;
  readonly predicate: string;
  readonly kind: Kind;
  readonly value: string;
}

export const sideTriple = (s: Term, p: Term, o: Term): SideTriple => ({ subject: s.value, predicate: p.value, kind: kindOf(o), value: o.value });

/**
 * The triples that are not observation columns: subjects of one type as a table of their own
 * (the concepts of a code list: a row each, with their labels, notations and broader
 * concepts, as csvcubed writes a code list), the rest as two-column tables (subject, value)
 * by predicate and kind.
 */
export function sideTables(id: string, triples: readonly SideTriple[]): { readonly files: Map<string, string>; readonly tables: Record<string, unknown>[] } {
  const files = new Map<string, string>();
  const tables: Record<string, unknown>[] = [];
  const bySubject = new Map<string, SideTriple[]>();
  for (const t of triples) {
    const list = bySubject.get(t.subject);
    if (list) list.push(t);
    else bySubject.set(t.subject, [t]);
  }
  // Subjects with one rdf:type, by that type.
  const byType = new Map<string, string[]>();
  for (const [subject, ts] of bySubject) {
    const types = ts.filter((t) => t.predicate === TYPE && t.kind.iri);
    if (types.length !== 1) continue;
    const list = byType.get(types[0]!.value);
    if (list) list.push(subject);
    else byType.set(types[0]!.value, [subject]);
  }
  const rest: SideTriple[] = [];
  const used = new Set<string>();
  for (const [type, subjects] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    if (subjects.length < 2) continue;
    let local = encodeName(/[^/#]*$/.exec(type)![0] || 'things').toLowerCase().replace(/%[0-9a-f]{2}/g, '') || 'things';
    while (used.has(local)) local = `${local}_`;
    used.add(local);
    const table = new SubjectTable('subject');
    const kept = subjects.sort().map((s) => {
      const ts = bySubject.get(s)!;
      bySubject.delete(s);
      return table.add(s, ts.map((t) => [{ value: t.predicate } as Term, termOf(t)] as const));
    });
    const columns = table.columns();
    const name = `${id}-${local}.csv`;
    const records = [table.header(columns)];
    for (const line of kept) {
      const { record, spill } = table.row(line, columns);
      records.push(record);
      rest.push(...spill);
    }
    files.set(name, records.join(''));
    tables.push(table.describe(name, `${id}: ${local}`, columns));
  }
  for (const ts of bySubject.values()) rest.push(...ts);
  const groups = new Map<string, { predicate: string; kind: Kind; rows: [string, string][] }>();
  for (const t of rest) {
    const empty = !t.kind.iri && t.value === '';
    const key = `${t.predicate} ${kindKey(t.kind)}${empty ? ' empty' : ''}`;
    const g = groups.get(key) ?? { predicate: t.predicate, kind: t.kind, rows: [] };
    g.rows.push([t.subject, t.value]);
    groups.set(key, g);
  }
  [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).forEach(([key, g], i) => {
    const name = `${id}-${String(i + 1).padStart(3, '0')}.csv`;
    const rows = g.rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
    files.set(name, [csvRecord(['subject', 'value']), ...rows.map(csvRecord)].join(''));
    const value = valueColumn('value', 'value', g.predicate, g.kind, '{+subject}');
    // An empty string literal is a value, not a missing one: no null string matches it.
    if (key.endsWith(' empty')) value['null'] = [];
    tables.push({ url: name, tableSchema: { columns: [{ name: 'subject', titles: 'subject', suppressOutput: true }, value], aboutUrl: '{+subject}' } });
  });
  return { files, tables };
}

/** A side triple's object as a term the tables can read (its kind and value). */
function termOf(t: SideTriple): Term {
  if (t.kind.iri) return { termType: 'NamedNode', value: t.value } as Term;
  return { termType: 'Literal', value: t.value, datatype: { value: t.kind.datatype ?? XSD_STRING }, language: t.kind.lang ?? '' } as unknown as Term;
}

/** The metadata document of a table group. */
export function metadataDocument(tables: readonly Record<string, unknown>[], common: { readonly title?: string; readonly description?: string } = {}): string {
  return `${JSON.stringify({ '@context': 'http://www.w3.org/ns/csvw', ...(common.title ? { 'dc:title': common.title } : {}), ...(common.description ? { 'dc:description': common.description } : {}), tables }, null, 2)}\n`;
}

export const metadataName = (id: string): string => `${id}.csv-metadata.json`;

/**
 * The table group of a dataset's triples, in memory (no blank nodes: a five-star dump has
 * none). `id` names the files; the CSVs' URLs are relative to the metadata document.
 */
export function writeCsvw(quads: readonly Quad[], id: string): CsvwTableGroup {
  if (quads.some((q) => q.subject.termType !== 'NamedNode' || q.object.termType === 'BlankNode')) {
    throw new Error('CSVW output needs a graph without blank nodes');
  }
  const bySubject = new Map<string, [Term, Term][]>();
  for (const q of quads) {
    const list = bySubject.get(q.subject.value);
    if (list) list.push([q.predicate, q.object]);
    else bySubject.set(q.subject.value, [[q.predicate, q.object]]);
  }
  const observations = new SubjectTable();
  const kept: string[] = [];
  const rest: SideTriple[] = [];
  for (const [s, triples] of bySubject) {
    if (isObservation(triples)) kept.push(observations.add(s, triples));
    else for (const [p, o] of triples) rest.push({ subject: s, predicate: p.value, kind: kindOf(o), value: o.value });
  }
  const files = new Map<string, string>();
  const tables: Record<string, unknown>[] = [];
  if (observations.count) {
    const columns = observations.columns();
    const records = [observations.header(columns)];
    for (const line of kept) {
      const { record, spill } = observations.row(line, columns);
      records.push(record);
      rest.push(...spill);
    }
    files.set(`${id}.csv`, records.join(''));
    tables.push(observations.describe(`${id}.csv`, `${id}: observations`, columns));
  }
  const side = sideTables(id, rest);
  for (const [name, text] of side.files) files.set(name, text);
  tables.push(...side.tables);
  files.set(metadataName(id), metadataDocument(tables));
  return { metadataName: metadataName(id), files };
}
