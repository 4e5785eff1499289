/**
 * RDF to CSVW (issue 22, point 4): a dataset's triples as a CSVW table group that a csv2rdf
 * processor in minimal mode turns back into the same graph. Observations become one tidy table
 * — a row per observation, a column per component, each value an IRI or a typed literal — and
 * every other triple (the dataset, its structure, code lists) goes into small two-column tables,
 * one per predicate and kind of object. Pure: it returns the files' texts.
 */
import type { Quad } from 'n3';
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

const kindOf = (o: Quad['object']): Kind => (o.termType === 'NamedNode' ? { iri: true } : { iri: false, datatype: (o as { datatype: { value: string } }).datatype.value, ...((o as { language: string }).language ? { lang: (o as { language: string }).language } : {}) });
const sameKind = (a: Kind, b: Kind): boolean => a.iri === b.iri && a.datatype === b.datatype && a.lang === b.lang;

/** A CSV field, quoted when it must be (RFC 4180). */
const field = (s: string): string => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows: readonly (readonly string[])[]): string => `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;

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

/**
 * The table group of a dataset's triples (no blank nodes: a five-star dump has none). `id`
 * names the files; the CSVs' URLs are relative to the metadata document.
 */
export function writeCsvw(quads: readonly Quad[], id: string): CsvwTableGroup {
  if (quads.some((q) => q.subject.termType !== 'NamedNode' || q.object.termType === 'BlankNode')) {
    throw new Error('CSVW output needs a graph without blank nodes');
  }
  const observations = new Set(quads.filter((q) => q.predicate.value === TYPE && q.object.value === OBSERVATION).map((q) => q.subject.value));
  const obsQuads = quads.filter((q) => observations.has(q.subject.value));
  const rest = quads.filter((q) => !observations.has(q.subject.value));

  // Observation predicates that fit one column: one value per observation, one kind, no empty literal.
  const byPredicate = new Map<string, Quad[]>();
  for (const q of obsQuads) byPredicate.set(q.predicate.value, [...(byPredicate.get(q.predicate.value) ?? []), q]);
  const columns: { predicate: string; name: string; kind: Kind; values: Map<string, string> }[] = [];
  const spill: Quad[] = [];
  const used = new Set(['observation']);
  for (const [predicate, qs] of [...byPredicate].sort(([a], [b]) => a.localeCompare(b))) {
    const kind = kindOf(qs[0]!.object);
    const values = new Map<string, string>();
    const fits = qs.every((q) => sameKind(kindOf(q.object), kind) && !(q.object.termType === 'Literal' && q.object.value === '') && !values.has(q.subject.value) && values.set(q.subject.value, q.object.value));
    if (!fits) {
      spill.push(...qs);
      continue;
    }
    let name = encodeName(/[^/#]*$/.exec(predicate)![0] || 'value').replace(/^_+/, '') || 'value';
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    columns.push({ predicate, name, kind, values });
  }
  const files = new Map<string, string>();
  const tables: Record<string, unknown>[] = [];
  if (observations.size) {
    const obsList = [...observations].sort();
    const rows = [['observation', ...columns.map((c) => c.name)], ...obsList.map((o) => [o, ...columns.map((c) => c.values.get(o) ?? '')])];
    const name = `${id}.csv`;
    files.set(name, csv(rows));
    tables.push({
      url: name,
      'dc:title': `${id}: observations`,
      tableSchema: {
        columns: [
          { name: 'observation', titles: 'observation', suppressOutput: true },
          ...columns.map((c) => valueColumn(c.name, c.name, c.predicate, c.kind, '{+observation}')),
        ],
        primaryKey: 'observation',
        aboutUrl: '{+observation}',
      },
    });
  }
  // Everything else, by predicate and kind of object: subject, value.
  const groups = new Map<string, { predicate: string; kind: Kind; rows: [string, string][] }>();
  for (const q of [...rest, ...spill]) {
    const kind = kindOf(q.object);
    const empty = q.object.termType === 'Literal' && q.object.value === '';
    const key = `${q.predicate.value} ${kind.iri} ${kind.datatype ?? ''} ${kind.lang ?? ''}${empty ? ' empty' : ''}`;
    const g = groups.get(key) ?? { predicate: q.predicate.value, kind, rows: [] };
    g.rows.push([q.subject.value, q.object.value]);
    groups.set(key, g);
  }
  [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).forEach(([key, g], i) => {
    const name = `${id}-${String(i + 1).padStart(3, '0')}.csv`;
    files.set(name, csv([['subject', 'value'], ...g.rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))]));
    const value = valueColumn('value', 'value', g.predicate, g.kind, '{+subject}');
    // An empty string literal is a value, not a missing one: no null string matches it.
    if (key.endsWith(' empty')) value['null'] = [];
    tables.push({ url: name, tableSchema: { columns: [{ name: 'subject', titles: 'subject', suppressOutput: true }, value], aboutUrl: '{+subject}' } });
  });
  const metadataName = `${id}.csv-metadata.json`;
  files.set(metadataName, `${JSON.stringify({ '@context': 'http://www.w3.org/ns/csvw', tables }, null, 2)}\n`);
  return { metadataName, files };
}
