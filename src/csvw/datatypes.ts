/**
 * CSVW's built-in datatypes and how a cell's string becomes a value of one (W3C "Metadata
 * Vocabulary for Tabular Data" §5.11 and "Model for Tabular Data" §6.4): numbers with
 * patterns, group and decimal characters, booleans with their two words, dates and times with
 * patterns, and the lexical checks of the XSD types. Pure.
 */
import { NS } from '../rdf/ns.js';

const XSD = NS.xsd;
const RDF = NS.rdf;
const CSVW_NS = 'http://www.w3.org/ns/csvw#';

/** The datatype names CSVW knows, by their IRI. */
export const BUILT_IN: Readonly<Record<string, string>> = Object.fromEntries([
  ...['anyAtomicType', 'anyURI', 'base64Binary', 'boolean', 'date', 'dateTime', 'dateTimeStamp', 'decimal', 'integer', 'long', 'int', 'short', 'byte',
    'nonNegativeInteger', 'positiveInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'nonPositiveInteger', 'negativeInteger',
    'double', 'float', 'duration', 'dayTimeDuration', 'yearMonthDuration', 'gDay', 'gMonth', 'gMonthDay', 'gYear', 'gYearMonth', 'hexBinary', 'QName',
    'string', 'normalizedString', 'token', 'language', 'Name', 'NMTOKEN', 'time'].map((n) => [n, `${XSD}${n}`]),
  ['number', `${XSD}double`], ['any', `${XSD}anyAtomicType`], ['binary', `${XSD}base64Binary`], ['datetime', `${XSD}dateTime`],
  ['xml', `${RDF}XMLLiteral`], ['html', `${RDF}HTML`], ['json', `${CSVW_NS}JSON`],
]);

const INTEGERS = new Set(['integer', 'long', 'int', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'nonPositiveInteger', 'negativeInteger']);
const NUMERIC = new Set([...INTEGERS, 'decimal', 'double', 'float', 'number']);
const DATES = new Set(['date', 'dateTime', 'datetime', 'dateTimeStamp', 'time']);
/** Types whose string is kept as it is: no whitespace replaced or stripped. */
const VERBATIM = new Set(['string', 'json', 'xml', 'html', 'anyAtomicType', 'any']);

const INTEGER_RANGE: Readonly<Record<string, [bigint | undefined, bigint | undefined]>> = {
  long: [-(2n ** 63n), 2n ** 63n - 1n], int: [-(2n ** 31n), 2n ** 31n - 1n], short: [-32768n, 32767n], byte: [-128n, 127n],
  nonNegativeInteger: [0n, undefined], positiveInteger: [1n, undefined], unsignedLong: [0n, 2n ** 64n - 1n], unsignedInt: [0n, 2n ** 32n - 1n],
  unsignedShort: [0n, 65535n], unsignedByte: [0n, 255n], nonPositiveInteger: [undefined, 0n], negativeInteger: [undefined, -1n], integer: [undefined, undefined],
};

export interface NumberFormat {
  readonly pattern?: string;
  readonly decimalChar?: string;
  readonly groupChar?: string;
}

/** A datatype as the metadata describes it, its base named as in CSVW (`integer`, `date`…). */
export interface Datatype {
  readonly base: string;
  readonly id?: string;
  readonly format?: string | NumberFormat;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: string;
  readonly maximum?: string;
  readonly minExclusive?: string;
  readonly maxExclusive?: string;
}

/** A parsed value: its XSD lexical form and datatype IRI, or why the string is not one. */
export type Parsed = { readonly lexical: string; readonly datatype: string; readonly compare?: number | string } | { readonly error: string };

/** The whitespace rule of §6.4: a cell's string as its datatype reads it. */
export function normalise(text: string, base: string): string {
  if (VERBATIM.has(base)) return text;
  const spaced = text.replace(/[\r\n\t]/g, ' ');
  if (base === 'normalizedString') return spaced;
  return spaced.trim().replace(/ +/g, ' ');
}

export function datatypeIri(dt: Datatype): string {
  return dt.id ?? BUILT_IN[dt.base] ?? `${XSD}${dt.base}`;
}

/** Parses a cell's (normalised) string as `dt`; constraints (length, range) are checked after. */
export function parseValue(text: string, dt: Datatype): Parsed {
  const iri = datatypeIri(dt);
  const b = dt.base;
  if (NUMERIC.has(b)) return parseNumber(text, dt, iri);
  if (b === 'boolean') return parseBoolean(text, dt.format as string | undefined, iri);
  if (DATES.has(b) || ['gYear', 'gYearMonth', 'gMonth', 'gMonthDay', 'gDay'].includes(b)) return parseDate(text, b, dt.format as string | undefined, iri);
  if (['duration', 'dayTimeDuration', 'yearMonthDuration'].includes(b)) {
    const re = b === 'dayTimeDuration' ? /^-?P(?!$)(\d+D)?(T(?!$)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/ : b === 'yearMonthDuration' ? /^-?P(?!$)(\d+Y)?(\d+M)?$/ : /^-?P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?!$)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
    if (!re.test(text)) return { error: `'${text}' is not a ${b}` };
    if (typeof dt.format === 'string' && !new RegExp(`^(?:${dt.format})$`).test(text)) return { error: `'${text}' does not match the format ${dt.format}` };
    return { lexical: text, datatype: iri };
  }
  // Strings and the rest: a format is a regular expression the whole string must match.
  const checks: Readonly<Record<string, RegExp>> = {
    hexBinary: /^([0-9a-fA-F]{2})*$/, base64Binary: /^[A-Za-z0-9+/\s]*={0,2}$/, language: /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/,
    Name: /^[A-Za-z_:][\w.:-]*$/, NMTOKEN: /^[\w.:-]+$/, QName: /^([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/, token: /^(\S+( \S+)*)?$/,
    anyURI: /^[^\s<>"{}|\\^`]*$/,
  };
  if (checks[b] && !checks[b]!.test(text)) return { error: `'${text}' is not a valid ${b}` };
  if (b === 'json') {
    try {
      JSON.parse(text);
    } catch {
      return { error: `'${text.slice(0, 40)}' is not JSON` };
    }
  }
  if (typeof dt.format === 'string') {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${dt.format})$`, 'u');
    } catch {
      return { lexical: text, datatype: iri };
    }
    if (!re.test(text)) return { error: `'${text}' does not match the format ${dt.format}` };
  }
  return { lexical: text, datatype: iri };
}

function parseBoolean(text: string, format: string | undefined, iri: string): Parsed {
  if (format && format.includes('|')) {
    const [yes, no] = format.split('|');
    if (text === yes) return { lexical: 'true', datatype: iri };
    if (text === no) return { lexical: 'false', datatype: iri };
    return { error: `'${text}' is neither '${yes}' nor '${no}'` };
  }
  if (['true', '1'].includes(text)) return { lexical: 'true', datatype: iri };
  if (['false', '0'].includes(text)) return { lexical: 'false', datatype: iri };
  return { error: `'${text}' is not a boolean` };
}

function parseNumber(text: string, dt: Datatype, iri: string): Parsed {
  const f: NumberFormat = typeof dt.format === 'string' ? { pattern: dt.format } : dt.format ?? {};
  const decimalChar = f.decimalChar ?? '.';
  // A pattern with group separators groups by `,` unless the format names another character.
  const groupChar = f.groupChar ?? (f.pattern?.includes(',') ? ',' : undefined);
  let t = text;
  if (f.pattern && !matchesNumberPattern(t, f.pattern, decimalChar, groupChar ?? ',')) return { error: `'${text}' does not match the pattern ${f.pattern}` };
  const isInteger = INTEGERS.has(dt.base);
  if (!isInteger && ['NaN', 'INF', '-INF'].includes(t)) {
    if (dt.base === 'decimal') return { error: `'${text}' is not a decimal` };
    return { lexical: t, datatype: iri, compare: t === 'NaN' ? Number.NaN : t === 'INF' ? Infinity : -Infinity };
  }
  if (groupChar && t.includes(groupChar + groupChar)) return { error: `'${text}' has two group characters in a row` };
  if (groupChar) t = t.split(groupChar).join('');
  if (decimalChar !== '.') t = t.replace(/\./g, '\u0000').split(decimalChar).join('.');
  let scale = 1;
  if (/[%‰]$/.test(t)) {
    scale = t.endsWith('%') ? 100 : 1000;
    t = t.slice(0, -1);
  } else if (/^[+-]?[%‰]/.test(t)) {
    const sign = /^[+-]/.test(t) ? t[0]! : '';
    const rest = sign ? t.slice(1) : t;
    scale = rest.startsWith('%') ? 100 : 1000;
    t = sign + rest.slice(1);
  }
  const numeric = isInteger ? /^[+-]?\d+$/ : dt.base === 'decimal' ? /^[+-]?(\d+(\.\d*)?|\.\d+)$/ : /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  if (!numeric.test(t)) return { error: `'${text}' is not a valid ${dt.base}` };
  if (isInteger) {
    if (scale !== 1) return { error: `'${text}' is not a valid ${dt.base}` };
    const n = BigInt(t);
    const [lo, hi] = INTEGER_RANGE[dt.base] ?? [undefined, undefined];
    if ((lo !== undefined && n < lo) || (hi !== undefined && n > hi)) return { error: `'${text}' is out of the range of ${dt.base}` };
    return { lexical: n.toString(), datatype: iri, compare: Number(n) };
  }
  const value = Number(t) / scale;
  // A decimal as written (group characters gone, `.` as its point), so that `72.0` stays `72.0`
  // and `+1` stays `+1`, as the suite has them; a % or ‰ value is computed, in canonical form.
  if (dt.base === 'decimal') return { lexical: scale === 1 ? t : canonicalDecimal(String(value)), datatype: iri, compare: value };
  if (dt.base === 'float' && Math.abs(value) > 3.4028235e38) return { error: `'${text}' is out of the range of float` };
  // The number as written (exponent in lower case, as the suite's reference does), unless scaled.
  const lexical = scale === 1 && !/^[+-]?\./.test(t) && !t.endsWith('.') ? t.replace(/^\+/, '').replace('E', 'e') : String(value);
  return { lexical, datatype: iri, compare: value };
}

function canonicalDecimal(t: string): string {
  let s = t.replace(/^\+/, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  let [int, frac = ''] = s.split('.');
  int = (int ?? '').replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return negative && out !== '0' ? `-${out}` : out;
}

/**
 * Whether a number's text fits an LDML pattern (`#,##0.00`, `#,##,##0`, `0.0##,###`, `0.###E0`,
 * `%000`, `+0`): its digits, where the pattern requires them, and its group separators at the
 * pattern's grouping sizes — primary and secondary in the integer part, from the left in the
 * fraction.
 */
export function matchesNumberPattern(text: string, pattern: string, decimalChar = '.', groupChar = ','): boolean {
  const m = /^([^#0,.E]*?)([#0,.E+-]*[#0])([^#0,.E]*)$/.exec(pattern.split(';')[0]!);
  if (!m) return true;
  const [prefix, body, suffix] = [m[1]!, m[2]!, m[3]!];
  let t = text;
  const sign = (s: string): string => s.replace(/^[+-]/, '');
  // Prefix and suffix (signs may stand before or after a prefix such as %).
  const bare = (x: string): string => x.replace(/[+-]/g, '');
  if (bare(prefix)) {
    const at = t.indexOf(bare(prefix));
    if (at < 0 || at > 1) return false;
    t = t.slice(0, at) + t.slice(at + bare(prefix).length);
  }
  if (bare(suffix)) {
    if (!t.endsWith(bare(suffix))) return false;
    t = t.slice(0, -bare(suffix).length);
  }
  t = sign(t);
  const [mantissa, exponent] = body.split('E');
  const [textMantissa, textExponent] = t.split(/[eE]/);
  if ((exponent === undefined) !== (textExponent === undefined)) return false;
  if (exponent !== undefined && !new RegExp(`^[+-]?\\d{${Math.max(1, (exponent.match(/0/g) ?? []).length)},}$`).test(textExponent!)) return false;
  const [intPattern, fracPattern] = mantissa!.split('.');
  const [intText, fracText, extra] = textMantissa!.split(decimalChar);
  if (extra !== undefined) return false;
  if (fracText !== undefined && fracPattern === undefined) return false;
  const digitsOnly = (x: string): boolean => /^\d*$/.test(x);
  // Integer part: groups of the primary size at the right, the secondary size before them.
  const intGroups = intPattern!.split(',');
  const required = (intPattern!.match(/0/g) ?? []).length;
  const textGroups = intText!.split(groupChar);
  if (!textGroups.every(digitsOnly) || textGroups.join('').length < required) return false;
  // In scientific notation the pattern fixes the most integer digits (`0.00E0`: one).
  if (exponent !== undefined && textGroups.join('').length > (intPattern!.match(/[0#]/g) ?? []).length) return false;
  if (intGroups.length > 1) {
    const primary = intGroups[intGroups.length - 1]!.length;
    const secondary = intGroups.length > 2 ? intGroups[intGroups.length - 2]!.length : primary;
    const last = textGroups.length - 1;
    for (let i = last; i >= 0; i--) {
      const size = i === last ? primary : secondary;
      const len = textGroups[i]!.length;
      if (i === 0 ? len < 1 || len > size : len !== size) return false;
    }
  } else if (textGroups.length > 1) return false;
  // Fraction part: at least its zeros, at most its digit symbols, grouped from the left.
  if (fracPattern !== undefined) {
    const fracGroups = fracPattern.split(',');
    const req = (fracPattern.match(/0/g) ?? []).length;
    const max = (fracPattern.match(/[0#]/g) ?? []).length;
    const parts = (fracText ?? '').split(groupChar);
    const digits = parts.join('');
    if (!parts.every(digitsOnly) || digits.length < req || digits.length > max) return false;
    if (fracText === '' ) return false;
    if (fracGroups.length > 1) {
      for (let i = 0; i < parts.length; i++) {
        const size = fracGroups[Math.min(i, fracGroups.length - 1)]!.length;
        if (i < parts.length - 1 ? parts[i]!.length !== size : parts[i]!.length < 1 || parts[i]!.length > size) return false;
      }
    } else if (parts.length > 1) return false;
  }
  return true;
}

const DATE_FIELDS = /yyyy|MM|M|dd|d|HH|mm|ss|S+|XXX|XX|X|xxx|xx|x|T|'[^']*'|./g;

/**
 * A date or time by an LDML pattern (`dd/MM/yyyy`, `M/d/yyyy HH:mm`, `yyyy-MM-ddTHH:mm:ss.SSSXXX`)
 * or, without one, by its XSD lexical form; the value in XSD form.
 */
function parseDate(text: string, base: string, format: string | undefined, iri: string): Parsed {
  const xsdForms: Readonly<Record<string, RegExp>> = {
    date: /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/,
    dateTime: /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
    datetime: /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
    dateTimeStamp: /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    time: /^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
    gYear: /^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$/, gYearMonth: /^-?\d{4,}-\d{2}(Z|[+-]\d{2}:\d{2})?$/, gMonth: /^--\d{2}(Z|[+-]\d{2}:\d{2})?$/,
    gMonthDay: /^--\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/, gDay: /^---\d{2}(Z|[+-]\d{2}:\d{2})?$/,
  };
  if (!format) {
    if (!xsdForms[base]!.test(text) || !validParts(text)) return { error: `'${text}' is not a valid ${base}` };
    return { lexical: text, datatype: iri, compare: text };
  }
  const names: string[] = [];
  let re = '';
  for (const tok of format.match(DATE_FIELDS) ?? []) {
    const field: Readonly<Record<string, string>> = {
      yyyy: '(\\d{4})', MM: '(\\d{2})', M: '(\\d{1,2})', dd: '(\\d{2})', d: '(\\d{1,2})', HH: '(\\d{2})', mm: '(\\d{2})', ss: '(\\d{2})',
      X: '(Z|[+-]\\d{2}(?:\\d{2})?)', XX: '(Z|[+-]\\d{4})', XXX: '(Z|[+-]\\d{2}:\\d{2})', x: '([+-]\\d{2}(?:\\d{2})?)', xx: '([+-]\\d{4})', xxx: '([+-]\\d{2}:\\d{2})',
    };
    if (field[tok]) {
      names.push(tok);
      re += field[tok];
    } else if (/^S+$/.test(tok)) {
      names.push('S');
      re += `(\\d{1,${tok.length}})`;
    } else if (tok.startsWith("'")) re += tok.slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else re += tok.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(text);
  if (!m) return { error: `'${text}' does not match the format ${format}` };
  const v: Record<string, string> = {};
  names.forEach((n, i) => (v[n.startsWith('y') ? 'y' : n.startsWith('M') ? 'M' : n.startsWith('d') ? 'd' : /^[Xx]/.test(n) ? 'z' : n] = m[i + 1]!));
  const pad = (s: string | undefined, n = 2): string => (s ?? '0').padStart(n, '0');
  const zone = v['z'] === undefined ? '' : v['z'] === 'Z' ? 'Z' : /^[+-]\d{4}$/.test(v['z']) ? `${v['z'].slice(0, 3)}:${v['z'].slice(3)}` : /^[+-]\d{2}$/.test(v['z']) ? `${v['z']}:00` : v['z'];
  const date = `${v['y']}-${pad(v['M'])}-${pad(v['d'])}`;
  const time = `${pad(v['HH'])}:${pad(v['mm'])}:${pad(v['ss'])}${v['S'] ? `.${v['S']}` : ''}`;
  const lexical = base === 'date' ? `${date}${zone}` : base === 'time' ? `${time}${zone}` : base === 'gYear' ? `${v['y']}${zone}` : base === 'gYearMonth' ? `${v['y']}-${pad(v['M'])}${zone}` : `${date}T${time}${zone}`;
  if (!validParts(lexical)) return { error: `'${text}' is not a valid ${base}` };
  return { lexical, datatype: iri, compare: lexical };
}

/** Month 1–12, day within the month, hour < 24, minute and second < 60. */
function validParts(lexical: string): boolean {
  const d = /(\d{4,})-(\d{2})-(\d{2})/.exec(lexical);
  if (d) {
    const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (mo < 1 || mo > 12) return false;
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (da < 1 || da > days) return false;
  }
  const t = /(\d{2}):(\d{2}):(\d{2})/.exec(lexical);
  if (t && (Number(t[1]) > 24 || Number(t[2]) > 59 || Number(t[3]) > 59)) return false;
  return true;
}

/** Length and range constraints of a datatype on a parsed value; the messages say which failed. */
export function constraintErrors(text: string, parsed: Exclude<Parsed, { error: string }>, dt: Datatype): string[] {
  const out: string[] = [];
  const len = dt.base === 'hexBinary' ? text.length / 2 : dt.base === 'base64Binary' ? Buffer.from(text, 'base64').length : [...text].length;
  if (dt.length !== undefined && len !== dt.length) out.push(`'${text}' has length ${len}, not ${dt.length}`);
  if (dt.minLength !== undefined && len < dt.minLength) out.push(`'${text}' is shorter than ${dt.minLength}`);
  if (dt.maxLength !== undefined && len > dt.maxLength) out.push(`'${text}' is longer than ${dt.maxLength}`);
  const v = parsed.compare;
  if (v === undefined) return out;
  const cmp = (bound: string): number | string => (typeof v === 'number' ? Number(bound) : bound);
  if (dt.minimum !== undefined && v < cmp(dt.minimum)) out.push(`'${text}' is less than ${dt.minimum}`);
  if (dt.maximum !== undefined && v > cmp(dt.maximum)) out.push(`'${text}' is greater than ${dt.maximum}`);
  if (dt.minExclusive !== undefined && v <= cmp(dt.minExclusive)) out.push(`'${text}' is not greater than ${dt.minExclusive}`);
  if (dt.maxExclusive !== undefined && v >= cmp(dt.maxExclusive)) out.push(`'${text}' is not less than ${dt.maxExclusive}`);
  return out;
}
