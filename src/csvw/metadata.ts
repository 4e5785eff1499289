/**
 * CSVW metadata documents (W3C "Metadata Vocabulary for Tabular Data" §5–6): a table group or
 * table description read into the normalised model — inherited properties passed down, URLs
 * resolved, natural-language titles, dialects and schemas fetched when given by URL, and every
 * property checked: an invalid value is a warning and its default is used; a document that
 * cannot be a CSVW description is an error.
 */
import { BUILT_IN, type Datatype } from './datatypes.js';
import { DEFAULT_DIALECT, type Dialect } from './dialect.js';
import type { Column, ForeignKey, Inherited, Table, TableGroup } from './model.js';
import { CSVW, expandTerm } from './context.js';
import { metadataError, metadataWarning, type JsonPlaces, type Problems } from './problems.js';

export type { Problems } from './problems.js';

/** Reads a resource by absolute URL (the file system, the test suite's folder, HTTP). */
export type Fetch = (url: string) => Promise<{ readonly text: string; readonly link?: string; readonly contentType?: string } | undefined>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const DEFAULT_INHERITED: Inherited = {
  datatype: { base: 'string' }, default: '', lang: 'und', null: [''], ordered: false, required: false, separator: null, textDirection: 'inherit',
};

const INHERITED_KEYS = ['aboutUrl', 'datatype', 'default', 'lang', 'null', 'ordered', 'propertyUrl', 'required', 'separator', 'textDirection', 'valueUrl'];
const GROUP_KEYS = new Set(['@context', '@id', '@type', 'tables', 'dialect', 'notes', 'tableDirection', 'tableSchema', 'transformations', ...INHERITED_KEYS]);
const TABLE_KEYS = new Set(['@context', '@id', '@type', 'url', 'dialect', 'notes', 'suppressOutput', 'tableDirection', 'tableSchema', 'transformations', ...INHERITED_KEYS]);
const SCHEMA_KEYS = new Set(['@context', '@id', '@type', 'columns', 'foreignKeys', 'primaryKey', 'rowTitles', ...INHERITED_KEYS]);
const COLUMN_KEYS = new Set(['@id', '@type', 'name', 'suppressOutput', 'titles', 'virtual', ...INHERITED_KEYS]);
const DIALECT_KEYS = new Set(['@id', '@type', 'commentPrefix', 'delimiter', 'doubleQuote', 'encoding', 'header', 'headerRowCount', 'lineTerminators', 'quoteChar', 'skipBlankRows', 'skipColumns', 'skipInitialSpace', 'skipRows', 'trim']);
const DATATYPE_KEYS = new Set(['@id', '@type', 'base', 'format', 'length', 'minLength', 'maxLength', 'minimum', 'maximum', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive']);
/** A BCP 47 tag's shape: a primary language of 2–8 letters, then subtags of 1–8 letters or digits. */
const LANG = /^([a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*|x(-[a-zA-Z0-9]{1,8})+)$/;

interface Ctx {
  readonly base: string;
  readonly lang?: string;
  readonly fetch: Fetch;
  readonly p: Problems;
  readonly places: JsonPlaces;
}

/** The context's base and language; an error unless it is CSVW's. */
function readContext(doc: Json, url: string, p: Problems): { base: string; lang?: string } | undefined {
  const c = doc['@context'];
  const csvw = 'http://www.w3.org/ns/csvw';
  if (c === csvw) return { base: url };
  if (Array.isArray(c) && c.length === 2 && c[0] === csvw && isObject(c[1])) {
    const extra = c[1];
    for (const k of Object.keys(extra)) if (k !== '@base' && k !== '@language') metadataError(p, `@context has '${k}'; only @base and @language may be set`, extra, k);
    let base = url;
    if ('@base' in extra) {
      if (typeof extra['@base'] === 'string') base = new URL(extra['@base'], url).href;
      else metadataError(p, '@base must be a string', extra, '@base');
    }
    let lang: string | undefined;
    if ('@language' in extra) {
      if (typeof extra['@language'] === 'string' && LANG.test(extra['@language'])) lang = extra['@language'];
      else metadataWarning(p, `@language ${JSON.stringify(extra['@language'])} is not a language tag`, extra, '@language');
    }
    return { base, ...(lang ? { lang } : {}) };
  }
  metadataError(p, `@context must be "${csvw}" or ["${csvw}", {"@base"…, "@language"…}]`, doc, '@context');
  return undefined;
}

/** Parses and normalises a metadata document found at `url`. Undefined: an error (in `p`). */
export async function readMetadata(text: string, url: string, fetch: Fetch, p: Problems, places: JsonPlaces): Promise<TableGroup | undefined> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // JSON.parse says where: "… at position N" (or "line L column C").
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const before = pos ? text.slice(0, Number(pos[1])) : '';
    const line = pos ? before.split('\n').length : 1;
    const column = pos ? before.length - before.lastIndexOf('\n') : 1;
    p.errors.push({ code: 'JL901', message: `${url} is not JSON: ${msg}`, span: { url, line, column } });
    return undefined;
  }
  if (!isObject(doc)) {
    p.errors.push({ code: 'JL901', message: `${url} is not a JSON object`, span: { url, line: 1, column: 1 } });
    return undefined;
  }
  places.register(doc, url, text);
  const context = readContext(doc, url, p);
  if (!context) return undefined;
  const ctx: Ctx = { base: context.base, ...(context.lang ? { lang: context.lang } : {}), fetch, p, places };
  const single = !('tables' in doc);
  if (single && typeof doc['url'] !== 'string') {
    metadataError(p, `${url} describes neither a table group (tables) nor a table (url)`, doc);
    return undefined;
  }
  if (single) checkType(doc, 'Table', p);
  else checkType(doc, 'TableGroup', p);
  const group = single ? {} : doc;
  checkId(group, p);
  checkTableExtras(group, p);
  for (const k of Object.keys(group)) if (!GROUP_KEYS.has(k) && !k.includes(':')) metadataWarning(p, `unknown property '${k}' on the table group`, group, k);
  const inherited = readInherited(group, DEFAULT_INHERITED, ctx);
  const groupDialect = 'dialect' in group ? await readDialect(group['dialect'], DEFAULT_DIALECT, ctx, group) : undefined;
  const groupSchema = group['tableSchema'];
  const tableDocs = single ? [doc] : group['tables'];
  if (!Array.isArray(tableDocs) || tableDocs.length === 0) {
    metadataError(p, 'tables must be a non-empty array of table descriptions', group, 'tables');
    return undefined;
  }
  const tables: Table[] = [];
  for (const t of tableDocs) {
    if (!isObject(t)) {
      metadataWarning(p, 'a table description that is not an object was ignored', group, 'tables');
      continue;
    }
    const table = await readTable(t, inherited, groupDialect, groupSchema, ctx);
    if (table) tables.push(table);
  }
  if (!tables.length) {
    metadataError(p, 'no table description has a url', group, 'tables');
    return undefined;
  }
  return {
    ...(typeof group['@id'] === 'string' ? { id: resolve(group['@id'], ctx.base) } : {}),
    tables, notes: notesOf(group, p), common: commonOf(group, p), base: ctx.base, ...(ctx.lang ? { contextLang: ctx.lang } : {}),
  };
}

function checkType(o: Json, type: string, p: Problems): void {
  if ('@type' in o && o['@type'] !== type) metadataError(p, `@type is ${JSON.stringify(o['@type'])}, not ${type}`, o, '@type');
}

function checkId(o: Json, p: Problems): void {
  if (!('@id' in o)) return;
  if (typeof o['@id'] !== 'string') {
    // An invalid link property is the empty link: the document's own URL (as the suite has it).
    metadataWarning(p, `@id ${JSON.stringify(o['@id'])} is not a string: the metadata's URL is used`, o, '@id');
    o['@id'] = '';
  }
  else if (o['@id'].startsWith('_:')) metadataError(p, `@id ${JSON.stringify(o['@id'])} must be an IRI, not a blank node`, o, '@id');
}

/** tableDirection (ltr, rtl, auto) and transformations (an array of objects with url, targetFormat, scriptFormat). */
function checkTableExtras(o: Json, p: Problems): void {
  if ('tableDirection' in o && !['ltr', 'rtl', 'auto'].includes(o['tableDirection'] as string)) metadataWarning(p, `tableDirection ${JSON.stringify(o['tableDirection'])} must be ltr, rtl or auto`, o);
  if (!('transformations' in o)) return;
  const ts = o['transformations'];
  if (!Array.isArray(ts)) {
    metadataWarning(p, 'transformations must be an array', o, 'transformations');
    return;
  }
  const keys = new Set(['@id', '@type', 'url', 'targetFormat', 'scriptFormat', 'titles', 'source']);
  for (const t of ts) {
    if (!isObject(t)) {
      metadataWarning(p, 'a transformation must be an object', o, 'transformations');
      continue;
    }
    checkId(t, p);
    if ('@type' in t && t['@type'] !== 'Template') metadataError(p, `a transformation's @type is ${JSON.stringify(t['@type'])}, not Template`, t);
    for (const k of Object.keys(t)) if (!keys.has(k) && !k.includes(':')) metadataWarning(p, `unknown property '${k}' on a transformation`, t);
    for (const k of ['url', 'targetFormat', 'scriptFormat']) if (typeof t[k] !== 'string') metadataWarning(p, `a transformation needs ${k}`, t);
  }
}

const resolve = (ref: string, base: string): string => {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
};

/** Notes: an array of JSON-LD values (kept as they are). */
function notesOf(o: Json, p: Problems): unknown[] {
  if (!('notes' in o)) return [];
  if (!Array.isArray(o['notes'])) {
    metadataWarning(p, 'notes must be an array', o, 'notes');
    return [];
  }
  checkJsonLd(o['notes'], 'notes', p);
  return o['notes'];
}

/** Properties named by a prefixed name or an absolute IRI: kept to be written as RDF, once checked. */
function commonOf(o: Json, p?: Problems): [string, unknown][] {
  const out = Object.entries(o).filter(([k]) => k.includes(':') && !k.startsWith('@'));
  if (p) for (const [k, v] of out) checkJsonLd(v, k, p);
  return out;
}

/**
 * The JSON-LD a common property may hold (Metadata §5.8): no @context, @list or @set; @type
 * and @id never blank nodes, @type a CSVW term, prefixed name or absolute IRI; @value with
 * @type or @language, not both, and nothing else; @language only beside @value; no other
 * keyword. Anything else is an error.
 */
function checkJsonLd(v: unknown, where: string, p: Problems): void {
  if (Array.isArray(v)) {
    for (const x of v) checkJsonLd(x, where, p);
    return;
  }
  if (!isObject(v)) return;
  const keys = Object.keys(v);
  for (const k of keys) {
    if (!k.startsWith('@')) continue;
    if (!['@id', '@type', '@value', '@language'].includes(k)) metadataError(p, `${where}: '${k}' is not allowed in a common property`, v);
  }
  if ('@value' in v) {
    if ('@type' in v && '@language' in v) metadataError(p, `${where}: @value has both @type and @language`, v);
    for (const k of keys) if (!['@value', '@type', '@language'].includes(k)) metadataError(p, `${where}: @value has '${k}' beside it`, v);
    if ('@type' in v && (typeof v['@type'] !== 'string' || !expandTerm(v['@type'], BUILT_IN))) metadataError(p, `${where}: @type ${JSON.stringify(v['@type'])} is not a datatype`, v);
    if ('@language' in v && (typeof v['@language'] !== 'string' || !LANG.test(v['@language']))) metadataError(p, `${where}: @language ${JSON.stringify(v['@language'])} is not a language tag`, v);
    return;
  }
  if ('@language' in v) metadataError(p, `${where}: @language outside @value`, v);
  if ('@id' in v && (typeof v['@id'] !== 'string' || v['@id'].startsWith('_:'))) metadataError(p, `${where}: @id ${JSON.stringify(v['@id'])} must be an IRI, not a blank node`, v);
  if ('@type' in v) {
    for (const t of Array.isArray(v['@type']) ? v['@type'] : [v['@type']]) {
      if (typeof t !== 'string' || !expandTerm(t, BUILT_IN)) metadataError(p, `${where}: @type ${JSON.stringify(t)} is not a term, prefixed name or absolute IRI`, v);
    }
  }
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('@')) checkJsonLd(x, k, p);
}

async function readTable(t: Json, parent: Inherited, groupDialect: Dialect | undefined, groupSchema: unknown, ctx: Ctx): Promise<Table | undefined> {
  const { p } = ctx;
  checkType(t, 'Table', p);
  checkId(t, p);
  checkTableExtras(t, p);
  if (typeof t['url'] !== 'string') {
    metadataError(p, 'a table description has no url', t);
    return undefined;
  }
  for (const k of Object.keys(t)) if (!TABLE_KEYS.has(k) && !k.includes(':')) metadataWarning(p, `unknown property '${k}' on table ${t['url']}`, t, k);
  if ('@context' in t && t !== t) metadataWarning(p, 'a table inside a group may not have @context', t);
  const url = resolve(t['url'], ctx.base);
  const inherited = readInherited(t, parent, ctx);
  const dialect = 'dialect' in t ? await readDialect(t['dialect'], DEFAULT_DIALECT, ctx, t) : groupDialect ?? DEFAULT_DIALECT;
  let schemaDoc: unknown = 'tableSchema' in t ? t['tableSchema'] : groupSchema;
  let schemaCtx = ctx;
  let schemaUrl: string | undefined;
  if (typeof schemaDoc === 'string') {
    schemaUrl = resolve(schemaDoc, ctx.base);
    const got = await ctx.fetch(schemaUrl);
    if (!got) {
      metadataWarning(p, `the schema ${schemaUrl} cannot be read`, t, 'tableSchema');
      schemaDoc = {};
    } else {
      try {
        schemaDoc = JSON.parse(got.text);
        ctx.places.register(schemaDoc, schemaUrl, got.text);
        schemaCtx = { ...ctx, base: schemaUrl };
        if (isObject(schemaDoc) && '@context' in schemaDoc) {
          const c = readContext(schemaDoc, schemaUrl, p);
          if (c) schemaCtx = { ...schemaCtx, base: c.base };
        }
      } catch {
        metadataWarning(p, `the schema ${schemaUrl} is not JSON`, t, 'tableSchema');
        schemaDoc = {};
      }
    }
  }
  if (schemaDoc !== undefined && !isObject(schemaDoc)) {
    metadataWarning(p, 'tableSchema must be an object or a URL', t, 'tableSchema');
    schemaDoc = {};
  }
  const schema = (schemaDoc ?? {}) as Json;
  checkType(schema, 'Schema', p);
  checkId(schema, p);
  for (const k of Object.keys(schema)) if (!SCHEMA_KEYS.has(k) && !k.includes(':')) metadataWarning(p, `unknown property '${k}' on a schema`, schema, k);
  const schemaInherited = readInherited(schema, inherited, schemaCtx);
  const columns: Column[] = [];
  const columnDocs = schema['columns'] ?? [];
  if (!Array.isArray(columnDocs)) metadataWarning(p, 'columns must be an array', schema, 'columns');
  let sawVirtual = false;
  for (const [i, c] of (Array.isArray(columnDocs) ? columnDocs : []).entries()) {
    if (!isObject(c)) {
      metadataWarning(p, `column ${i + 1} is not an object`, schema, 'columns');
      continue;
    }
    const column = readColumn(c, i + 1, schemaInherited, schemaCtx);
    if (column.virtual) sawVirtual = true;
    else if (sawVirtual) metadataError(p, `column ${column.name} comes after a virtual column`, c);
    columns.push(column);
  }
  const names = columns.map((c) => c.name);
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  if (dupes.length) metadataError(p, `column names repeat: ${[...new Set(dupes)].join(', ')}`, schema, 'columns');
  const names_ = (v: unknown, what: string): string[] | undefined => {
    if (v === undefined) return undefined;
    const list = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
    if (!list) {
      metadataWarning(p, `${what} must be a column name or a list of them`, schema);
      return undefined;
    }
    // Keys and references may only name columns whose name the metadata gives.
    const unknown = list.filter((n) => !columns.some((c) => c.named && c.name === n));
    if (unknown.length) {
      // A foreign key that names no column is an error; a primary key or row titles, a warning.
      if (what.includes('foreign')) metadataError(p, `${what} names no column ${unknown.join(', ')}`, schema);
      else metadataWarning(p, `${what} names no column ${unknown.join(', ')}: ignored`, schema);
      return undefined;
    }
    return list;
  };
  const primaryKey = names_(schema['primaryKey'], 'primaryKey');
  const rowTitles = names_(schema['rowTitles'], 'rowTitles');
  const foreignKeys: ForeignKey[] = [];
  if (schema['foreignKeys'] !== undefined) {
    if (!Array.isArray(schema['foreignKeys'])) metadataWarning(p, 'foreignKeys must be an array: ignored', schema, 'foreignKeys');
    for (const fk of Array.isArray(schema['foreignKeys']) ? schema['foreignKeys'] : []) {
      if (!isObject(fk)) {
        metadataWarning(p, 'a foreign key must be an object: ignored', schema, 'foreignKeys');
        continue;
      }
      const cols = names_(fk['columnReference'], 'a foreign key\'s columnReference');
      const ref = fk['reference'];
      if (!cols || !isObject(ref)) {
        metadataError(p, 'a foreign key needs columnReference and reference', fk);
        continue;
      }
      for (const k of Object.keys(ref)) if (!['resource', 'schemaReference', 'columnReference'].includes(k)) metadataError(p, `a foreign key reference has '${k}'`, fk);
      for (const k of Object.keys(fk)) if (!['columnReference', 'reference'].includes(k)) metadataError(p, `a foreign key has '${k}'`, fk);
      const refCols = typeof ref['columnReference'] === 'string' ? [ref['columnReference']] : Array.isArray(ref['columnReference']) ? (ref['columnReference'] as string[]) : undefined;
      if (!refCols || ('resource' in ref) === ('schemaReference' in ref)) {
        metadataError(p, 'a foreign key reference needs columnReference and one of resource or schemaReference', fk);
        continue;
      }
      foreignKeys.push({
        at: fk,
        columnReference: cols,
        reference: {
          columnReference: refCols,
          // Relative to the schema's own URL when it was read from one.
          ...(typeof ref['resource'] === 'string' ? { resource: resolve(ref['resource'], schemaCtx.base) } : {}),
          ...(typeof ref['schemaReference'] === 'string' ? { schemaReference: resolve(ref['schemaReference'], schemaCtx.base) } : {}),
        },
      });
    }
  }
  const suppressOutput = readBoolean(t, 'suppressOutput', false, p);
  return {
    url, suppressOutput, dialect, columns, foreignKeys, inherited: schemaInherited,
    ...(typeof t['@id'] === 'string' ? { id: resolve(t['@id'], ctx.base) } : {}), fromMetadata: true,
    // A foreign key's schemaReference names a schema by its @id, or by the URL it was read from.
    ...(typeof schema['@id'] === 'string' ? { schemaId: resolve(schema['@id'], schemaCtx.base) } : schemaUrl ? { schemaId: schemaUrl } : {}),
    ...(primaryKey ? { primaryKey } : {}), ...(rowTitles ? { rowTitles } : {}),
    notes: notesOf(t, p), common: commonOf(t, p), ...(ctx.lang ? { contextLang: ctx.lang } : {}),
  };
}

function readBoolean(o: Json, key: string, dflt: boolean, p: Problems): boolean {
  if (!(key in o)) return dflt;
  if (typeof o[key] === 'boolean') return o[key] as boolean;
  metadataWarning(p, `${key} must be true or false; ${JSON.stringify(o[key])} was ignored`, o, key);
  return dflt;
}

/** A column's name: `[A-Za-z0-9_]` or %-escapes, not starting with `_`. */
const NAME = /^([A-Za-z0-9]|%[0-9A-Fa-f]{2})([A-Za-z0-9._]|%[0-9A-Fa-f]{2})*$/;

function readColumn(c: Json, number: number, parent: Inherited, ctx: Ctx): Column {
  const { p } = ctx;
  checkType(c, 'Column', p);
  checkId(c, p);
  for (const k of Object.keys(c)) if (!COLUMN_KEYS.has(k) && !k.includes(':')) metadataWarning(p, `unknown property '${k}' on column ${number}`, c, k);
  const titles = readTitles(c['titles'], ctx);
  let name: string | undefined;
  if ('name' in c) {
    if (typeof c['name'] === 'string' && NAME.test(c['name'])) name = c['name'];
    else metadataWarning(p, `column ${number}'s name ${JSON.stringify(c['name'])} is not a valid name`, c, 'name');
  }
  const named = name !== undefined;
  const inherited = readInherited(c, parent, ctx);
  // A name from the titles: the first in exactly the column's language, or und.
  const lang = inherited.lang.toLowerCase();
  const fits = (t: { lang: string }): boolean => lang === 'und' || t.lang === 'und' || t.lang.toLowerCase() === lang;
  const title = titles.find(fits);
  name ??= title ? encodeName(title.value) : `_col.${number}`;
  return {
    ...inherited, name, named, titles, number,
    virtual: readBoolean(c, 'virtual', false, p), suppressOutput: readBoolean(c, 'suppressOutput', false, p),
    common: commonOf(c, p),
  };
}

/** A title as a column name: percent-encoded where a URI template variable cannot hold it. */
export function encodeName(title: string): string {
  return [...title].map((ch) => (/[A-Za-z0-9_.]/.test(ch) ? ch : [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''))).join('');
}

/** A natural-language property: a string, strings, or strings by language. */
function readTitles(v: unknown, ctx: Ctx): { value: string; lang: string }[] {
  const lang = ctx.lang ?? 'und';
  if (v === undefined) return [];
  if (typeof v === 'string') return [{ value: v, lang }];
  if (Array.isArray(v)) {
    const out = v.filter((x): x is string => typeof x === 'string').map((value) => ({ value, lang }));
    if (out.length !== v.length) metadataWarning(ctx.p, 'titles must be strings');
    return out;
  }
  if (isObject(v)) {
    const out: { value: string; lang: string }[] = [];
    for (const [l, x] of Object.entries(v)) {
      if (!LANG.test(l) && l !== 'und') {
        metadataWarning(ctx.p, `titles has the language '${l}', which is not a language tag`);
        continue;
      }
      for (const s of typeof x === 'string' ? [x] : Array.isArray(x) ? x : []) {
        if (typeof s === 'string') out.push({ value: s, lang: l });
        else metadataWarning(ctx.p, 'titles must be strings');
      }
    }
    return out;
  }
  metadataWarning(ctx.p, 'titles must be a string, an array or an object');
  return [];
}

function readInherited(o: Json, parent: Inherited, ctx: Ctx): Inherited {
  const { p } = ctx;
  const out: { -readonly [K in keyof Inherited]?: Inherited[K] } = { ...parent };
  for (const key of ['aboutUrl', 'propertyUrl', 'valueUrl'] as const) {
    if (!(key in o)) continue;
    if (typeof o[key] === 'string') out[key] = o[key] as string;
    else {
      // An invalid URI template property is the empty template: the table's own URL.
      metadataWarning(p, `${key} must be a URI template string; ${JSON.stringify(o[key])} was ignored`, o, key);
      out[key] = '';
    }
  }
  if ('default' in o) {
    if (typeof o['default'] === 'string') out.default = o['default'];
    else metadataWarning(p, 'default must be a string', o, 'default');
  }
  if ('lang' in o) {
    if (typeof o['lang'] === 'string' && (LANG.test(o['lang']) || o['lang'] === 'und')) out.lang = o['lang'];
    else metadataWarning(p, `lang ${JSON.stringify(o['lang'])} is not a language tag`, o, 'lang');
  }
  if ('null' in o) {
    const v = o['null'];
    if (typeof v === 'string') out.null = [v];
    else if (Array.isArray(v)) {
      const strings = v.filter((x): x is string => typeof x === 'string');
      if (strings.length !== v.length) metadataWarning(p, 'null values must be strings', o, 'null');
      out.null = strings;
    } else metadataWarning(p, 'null must be a string or an array of strings', o, 'null');
  }
  if ('ordered' in o) out.ordered = readBoolean(o, 'ordered', parent.ordered, p);
  if ('required' in o) out.required = readBoolean(o, 'required', parent.required, p);
  if ('separator' in o) {
    if (typeof o['separator'] === 'string' || o['separator'] === null) out.separator = o['separator'] as string | null;
    else metadataWarning(p, 'separator must be a string or null', o, 'separator');
  }
  if ('textDirection' in o) {
    if (['ltr', 'rtl', 'auto', 'inherit'].includes(o['textDirection'] as string)) out.textDirection = o['textDirection'] as string;
    else metadataWarning(p, 'textDirection must be ltr, rtl, auto or inherit', o, 'textDirection');
  }
  if ('datatype' in o) {
    const dt = readDatatype(o['datatype'], ctx, o);
    if (dt) out.datatype = dt;
  }
  return out as Inherited;
}


function readDatatype(v: unknown, ctx: Ctx, owner?: Json): Datatype | undefined {
  const { p } = ctx;
  if (typeof v === 'string') {
    if (BUILT_IN[v]) return { base: v };
    metadataWarning(p, `datatype '${v}' is not a CSVW datatype; string is used`);
    return { base: 'string' };
  }
  if (!isObject(v)) {
    metadataWarning(p, 'datatype must be a name or an object', owner, 'datatype');
    return undefined;
  }
  for (const k of Object.keys(v)) if (!DATATYPE_KEYS.has(k) && !k.includes(':')) metadataWarning(p, `unknown property '${k}' on a datatype`, v);
  let base = 'string';
  if ('base' in v) {
    if (typeof v['base'] === 'string' && BUILT_IN[v['base']]) base = v['base'];
    else metadataWarning(p, `datatype base ${JSON.stringify(v['base'])} is not a CSVW datatype; string is used`, v);
  }
  const out: { -readonly [K in keyof Datatype]?: Datatype[K] } = { base };
  if ('@id' in v) {
    const id = typeof v['@id'] === 'string' ? expandTerm(v['@id'], {}) ?? resolve(v['@id'], ctx.base) : undefined;
    if (typeof v['@id'] !== 'string') metadataError(p, 'a datatype\'s @id must be a string', v);
    else if (v['@id'].startsWith('_:')) metadataError(p, `a datatype's @id may not be a blank node (${v['@id']})`, v);
    else if (Object.values(BUILT_IN).includes(id!)) metadataError(p, `a datatype's @id may not be a built-in type (${v['@id']})`, v);
    else out.id = id!;
  }
  if ('format' in v) {
    const f = v['format'];
    const numeric_ = ['integer', 'decimal', 'double', 'float', 'number', 'long', 'int', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'nonPositiveInteger', 'negativeInteger'].includes(base);
    if (typeof f === 'string' && !numeric_ && !formatUsable(f, base)) metadataWarning(p, `the format ${JSON.stringify(f)} does not fit ${base}: ignored`, v);
    else if (isObject(f) && !numeric_) metadataWarning(p, `a ${base} format must be a string: ignored`, v);
    else if (typeof f === 'string' && numeric_ && !/^[#0,.E+\-%‰;'A-Za-z ]*$/.test(f)) metadataWarning(p, `the number pattern ${JSON.stringify(f)} is not valid: ignored`, v);
    else if (isObject(f) && typeof f['pattern'] === 'string' && !/^[#0,.E+\-%‰;]*$/.test(f['pattern'].replace(String(f['groupChar'] ?? ','), ',').replace(String(f['decimalChar'] ?? '.'), '.'))) metadataWarning(p, `the number pattern ${JSON.stringify(f['pattern'])} is not valid: ignored`, v);
    else if (typeof f === 'string') out.format = f;
    else if (isObject(f)) {
      out.format = {
        ...(typeof f['pattern'] === 'string' ? { pattern: f['pattern'] } : {}),
        ...(typeof f['decimalChar'] === 'string' ? { decimalChar: f['decimalChar'] } : {}),
        ...(typeof f['groupChar'] === 'string' ? { groupChar: f['groupChar'] } : {}),
      };
    } else metadataWarning(p, 'format must be a string or an object', v);
  }
  for (const k of ['length', 'minLength', 'maxLength'] as const) {
    if (!(k in v)) continue;
    if (typeof v[k] === 'number' && Number.isInteger(v[k]) && (v[k] as number) >= 0) out[k] = v[k] as number;
    else metadataWarning(p, `${k} must be a non-negative integer`, v);
  }
  const bound = (x: unknown): string | undefined => (typeof x === 'number' ? String(x) : typeof x === 'string' ? x : undefined);
  const minI = bound(v['minimum'] ?? v['minInclusive']);
  const maxI = bound(v['maximum'] ?? v['maxInclusive']);
  if (minI !== undefined) out.minimum = minI;
  if (maxI !== undefined) out.maximum = maxI;
  const minE = bound(v['minExclusive']);
  const maxE = bound(v['maxExclusive']);
  if (minE !== undefined) out.minExclusive = minE;
  if (maxE !== undefined) out.maxExclusive = maxE;
  if (out.length !== undefined && ((out.minLength !== undefined && out.length < out.minLength) || (out.maxLength !== undefined && out.length > out.maxLength))) {
    metadataError(p, 'length contradicts minLength or maxLength', v);
  }
  if (out.minLength !== undefined && out.maxLength !== undefined && out.minLength > out.maxLength) metadataError(p, 'minLength is greater than maxLength', v);
  if (minI !== undefined && minE !== undefined) metadataError(p, 'minimum and minExclusive are both given', v);
  if (maxI !== undefined && maxE !== undefined) metadataError(p, 'maximum and maxExclusive are both given', v);
  // Bounds compare as numbers, or as XSD date/time strings (which sort as they read).
  const below = (a: string | undefined, b: string | undefined, orEqual: boolean): boolean => {
    if (a === undefined || b === undefined) return false;
    const [x, y] = Number.isNaN(Number(a)) || Number.isNaN(Number(b)) ? [a, b] : [Number(a), Number(b)];
    return orEqual ? x >= y : x > y;
  };
  if (below(minI, maxI, false) || below(minE, maxE, true) || below(minI, maxE, true) || below(minE, maxI, true)) metadataError(p, 'the datatype\'s minimum is above its maximum', v);
  const numeric = ['integer', 'decimal', 'double', 'float', 'number', 'long', 'int', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'nonPositiveInteger', 'negativeInteger'];
  const dates = ['date', 'dateTime', 'datetime', 'dateTimeStamp', 'time', 'gYear', 'gYearMonth', 'gMonth', 'gMonthDay', 'gDay', 'duration', 'dayTimeDuration', 'yearMonthDuration'];
  if ((minI ?? maxI ?? minE ?? maxE) !== undefined && !numeric.includes(base) && !dates.includes(base)) metadataError(p, `${base} cannot have a minimum or maximum`, v);
  if ((out.length ?? out.minLength ?? out.maxLength) !== undefined && (numeric.includes(base) || dates.includes(base) || base === 'boolean')) metadataError(p, `${base} cannot have a length`, v);
  return out as Datatype;
}

async function readDialect(v: unknown, dflt: Dialect, ctx: Ctx, owner?: Json): Promise<Dialect> {
  const { p } = ctx;
  let d = v;
  if (typeof d === 'string') {
    const got = await ctx.fetch(resolve(d, ctx.base));
    try {
      d = got ? JSON.parse(got.text) : undefined;
      if (got) ctx.places.register(d, resolve(v as string, ctx.base), got.text);
    } catch {
      d = undefined;
    }
    if (d === undefined) metadataWarning(p, `the dialect ${v as string} cannot be read`, owner, 'dialect');
  }
  if (!isObject(d)) {
    if (d !== undefined) metadataWarning(p, 'dialect must be an object or a URL', owner, 'dialect');
    return dflt;
  }
  checkType(d, 'Dialect', p);
  checkId(d, p);
  const out: { -readonly [K in keyof Dialect]: Dialect[K] } = { ...dflt };
  for (const [k, x] of Object.entries(d)) {
    if (!DIALECT_KEYS.has(k)) {
      if (!k.includes(':')) metadataWarning(p, `unknown property '${k}' on a dialect`, d, k);
      continue;
    }
    const warn = (): void => void metadataWarning(p, `dialect ${k} ${JSON.stringify(x)} is not valid; the default is used`);
    switch (k) {
      case 'commentPrefix': case 'delimiter':
        if (typeof x === 'string') out[k] = x;
        else warn();
        break;
      case 'encoding':
        if (typeof x === 'string' && knownEncoding(x)) out.encoding = x;
        else warn();
        break;
      case 'quoteChar':
        if (typeof x === 'string' || x === null) out.quoteChar = x;
        else warn();
        break;
      case 'doubleQuote': case 'header': case 'skipBlankRows': case 'skipInitialSpace':
        if (typeof x === 'boolean') out[k] = x;
        else warn();
        break;
      case 'headerRowCount': case 'skipColumns': case 'skipRows':
        if (typeof x === 'number' && Number.isInteger(x) && x >= 0) out[k] = x;
        else warn();
        break;
      case 'lineTerminators':
        if (typeof x === 'string') out.lineTerminators = [x];
        else if (Array.isArray(x) && x.every((s) => typeof s === 'string')) out.lineTerminators = x;
        else warn();
        break;
      case 'trim':
        if (x === true || x === 'true') out.trim = true;
        else if (x === false || x === 'false') out.trim = false;
        else if (x === 'start' || x === 'end') out.trim = x;
        else warn();
        break;
      default:
        break;
    }
  }
  if (!('headerRowCount' in d) && 'header' in d) out.headerRowCount = out.header ? 1 : 0;
  if ('headerRowCount' in d && !('header' in d)) out.header = out.headerRowCount > 0;
  return out;
}

export { CSVW };

/** Whether a string format can be used: a regular expression for strings, two words for booleans, a date pattern for dates. */
function formatUsable(f: string, base: string): boolean {
  if (base === 'boolean') return /^[^|]+\|[^|]+$/.test(f);
  if (['date', 'dateTime', 'datetime', 'dateTimeStamp', 'time'].includes(base)) {
    return /^(yyyy-MM-dd|yyyyMMdd|dd-MM-yyyy|d-M-yyyy|MM-dd-yyyy|M-d-yyyy|dd\/MM\/yyyy|d\/M\/yyyy|MM\/dd\/yyyy|M\/d\/yyyy|dd\.MM\.yyyy|d\.M\.yyyy|MM\.dd\.yyyy|M\.d\.yyyy)?([T ]?(HH:mm:ss(\.S+)?|HHmmss|HH:mm|HHmm))?\s?(X{1,3}|x{1,3})?$/.test(f) && f !== '';
  }
  if (['string', 'anyURI', 'normalizedString', 'token', 'language', 'Name', 'NMTOKEN'].includes(base)) {
    try {
      new RegExp(f, 'u');
      return true;
    } catch {
      return false;
    }
  }
  return true;
}

function knownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
