/**
 * A CSVW cell read as its column says (W3C "Model for Tabular Data" §6.4): whitespace by
 * datatype, the default for an empty cell, null tokens, lists by separator, the datatype's
 * format; and RFC 6570 URI templates expanded with a row's values and resolved against the
 * table's URL. Shared by the in-memory processor (to-rdf.ts) and the streaming plan that a
 * cube-shaped table compiles to (compile/csvw-cells.ts). Pure.
 */
import { N3Factory as DataFactory } from '../rdf/n3-factory.js';
import { parseTemplate } from 'url-template';
import { NS } from '../rdf/ns.js';
import { constraintErrors, normalise, parseValue } from './datatypes.js';
import { PREFIXES, expandName } from './context.js';
import type { Column, Table } from './model.js';
import type { Problems } from './problems.js';

const { namedNode, literal } = DataFactory;
const XSD = NS.xsd;

export interface CellValue {
  readonly lexical: string;
  readonly datatype: string;
  readonly lang?: string;
}

/** A cell as parsed: no value (null), one, or a list; each value a literal of its datatype. */
export interface Cell {
  readonly text: string;
  readonly values: readonly CellValue[] | null;
  readonly list: boolean;
  readonly column: Column;
}


/** A cell's text as its column reads it; problems (a value that does not fit) are warnings in `p`. */
export function parseCell(raw: string, col: Column, table: Table, line: number, p: Problems): Cell {
  const dt = col.datatype;
  const cellAt = { url: table.url, line, column: col.titles[0]?.value ?? decodeURIComponent(col.name), value: raw };
  const warn = (message: string): void => void p.warnings.push({ code: 'JL903', message, cell: cellAt });
  let text = normalise(raw, dt.base);
  if (text === '') text = col.default;
  const one = (s: string): { lexical: string; datatype: string; lang?: string } | null => {
    // A list's items are trimmed unless their type keeps whitespace.
    const t = col.separator !== null && !['string', 'anyAtomicType', 'any'].includes(dt.base) ? s.trim() : s;
    if (col.null.includes(t)) return null;
    const parsed = parseValue(t, dt);
    if ('error' in parsed) {
      warn(parsed.error);
      return { lexical: t, datatype: `${XSD}string`, ...(col.lang !== 'und' ? { lang: col.lang } : {}) };
    }
    const broken = constraintErrors(t, parsed, dt);
    for (const e of broken) warn(e);
    // A value that breaks its datatype's constraints is kept as the string it was.
    if (broken.length) return { lexical: t, datatype: `${XSD}string`, ...(col.lang !== 'und' ? { lang: col.lang } : {}) };
    const stringy = ['string', 'anyAtomicType', 'any'].includes(dt.base) && !dt.id;
    return { lexical: parsed.lexical, datatype: parsed.datatype, ...(stringy && col.lang !== 'und' ? { lang: col.lang } : {}) };
  };
  if (col.null.includes(text)) {
    if (col.required) warn(`column ${col.name} requires a value`);
    return { text, values: null, list: false, column: col };
  }
  if (col.separator !== null) {
    if (text === '') return { text, values: [], list: true, column: col };
    const values = text.split(col.separator).map(one).filter((v): v is NonNullable<typeof v> => v !== null);
    return { text, values, list: true, column: col };
  }
  const v = one(text);
  return { text, values: v ? [v] : null, list: false, column: col };
}

/** A parsed value as an RDF literal. */
export function lit(v: { lexical: string; datatype: string; lang?: string }) {
  if (v.lang) return literal(v.lexical, v.lang);
  if (v.datatype === `${XSD}string`) return literal(v.lexical);
  return literal(v.lexical, namedNode(v.datatype));
}

/** Template variables fixed for a column (§4.2 of csv2rdf): its name and its place. */
export const COLUMN_VARIABLES = new Set(['_name', '_column', '_sourceColumn']);

/** The values of a column's fixed variables. */
export const columnVariables = (col: Column, skipColumns: number): Record<string, string> => ({ _name: decodeURIComponent(col.name), _column: String(col.number), _sourceColumn: String(col.number + skipColumns) });

/** The variable names a template's expressions read (operators and modifiers dropped). */
export function variableNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/\{([^}]*)\}/g)) {
    for (const spec of m[1]!.replace(/^[+#./;?&=,!@|]/, '').split(',')) names.add(spec.replace(/(\*|:\d+)$/, ''));
  }
  return [...names];
}

/** An RFC 6570 template expanded with the row's values and resolved against the table's URL. */
export function expand(template: string, vars: Record<string, unknown>, base: string): string | undefined {
  let expanded: string;
  try {
    expanded = parseTemplate(template).expand(vars as never);
  } catch {
    return undefined;
  }
  // A prefixed name of the CSVW context (`schema:name`) is its IRI; anything else is resolved.
  const prefixed = /^([A-Za-z][\w.-]*):/.exec(expanded);
  if (prefixed && PREFIXES[prefixed[1]!] !== undefined) return expandName(expanded);
  try {
    return new URL(expanded, base).href;
  } catch {
    return expanded || undefined;
  }
}

