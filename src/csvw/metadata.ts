/**
 * CSVW metadata documents (W3C "Metadata Vocabulary for Tabular Data" §5–6): a table group or
 * table description read into the normalised model — inherited properties passed down, URLs
 * resolved, natural-language titles, dialects and schemas fetched when given by URL, and every
 * property checked: an invalid value is a warning and its default is used; a document that
 * cannot be a CSVW description is an error.
 */
import { BUILT_IN } from './datatypes.js';
import { DEFAULT_DIALECT, type Dialect } from './dialect.js';
import type { Column, ForeignKey, Inherited, Table, TableGroup } from './model.js';
import { expandTerm } from './context.js';
import { metadataError, metadataWarning, type JsonPlaces, type Problems } from './problems.js';
import { checkId, checkType, isObject, LANG, resolve, type Ctx, type Json } from './json.js';
import { readDatatype } from './datatype-description.js';
import { readDialect } from './dialect-description.js';

export type { Problems } from './problems.js';

/** Reads a resource by absolute URL (the file system, the test suite's folder, HTTP). */
/** Reads a URL; `encoding` (a table's dialect's) says how to decode its bytes (default UTF-8). */
export type Fetch = (url: string, encoding?: string) => Promise<{ readonly text: string; readonly link?: string; readonly contentType?: string } | undefined>;


export const DEFAULT_INHERITED: Inherited = {
  datatype: { base: 'string' }, default: '', lang: 'und', null: [''], ordered: false, required: false, separator: null, textDirection: 'inherit',
};

const INHERITED_KEYS = ['aboutUrl', 'datatype', 'default', 'lang', 'null', 'ordered', 'propertyUrl', 'required', 'separator', 'textDirection', 'valueUrl'];
const GROUP_KEYS = new Set(['@context', '@id', '@type', 'tables', 'dialect', 'notes', 'tableDirection', 'tableSchema', 'transformations', ...INHERITED_KEYS]);
const TABLE_KEYS = new Set(['@context', '@id', '@type', 'url', 'dialect', 'notes', 'suppressOutput', 'tableDirection', 'tableSchema', 'transformations', ...INHERITED_KEYS]);
const SCHEMA_KEYS = new Set(['@context', '@id', '@type', 'columns', 'foreignKeys', 'primaryKey', 'rowTitles', ...INHERITED_KEYS]);
const COLUMN_KEYS = new Set(['@id', '@type', 'name', 'suppressOutput', 'titles', 'virtual', ...INHERITED_KEYS]);


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



