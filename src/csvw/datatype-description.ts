/** A column's `datatype` in CSVW metadata (Metadata Vocabulary §5.11): a built-in name, or a description with base, format, length and range. */
import { expandTerm } from './context.js';
import { BUILT_IN, type Datatype } from './datatypes.js';
import { isObject, resolve, type Ctx, type Json } from './json.js';
import { metadataError, metadataWarning } from './problems.js';

const DATATYPE_KEYS = new Set(['@id', '@type', 'base', 'format', 'length', 'minLength', 'maxLength', 'minimum', 'maximum', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive']);

export function readDatatype(v: unknown, ctx: Ctx, owner?: Json): Datatype | undefined {
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

