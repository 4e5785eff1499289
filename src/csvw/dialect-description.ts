/** A table's `dialect` in CSVW metadata (Metadata Vocabulary §5.9): an object, or a URL of one. */
import type { Dialect } from './dialect.js';
import { checkId, checkType, isObject, resolve, type Ctx, type Json } from './json.js';
import { metadataWarning } from './problems.js';

const DIALECT_KEYS = new Set(['@id', '@type', 'commentPrefix', 'delimiter', 'doubleQuote', 'encoding', 'header', 'headerRowCount', 'lineTerminators', 'quoteChar', 'skipBlankRows', 'skipColumns', 'skipInitialSpace', 'skipRows', 'trim']);

export async function readDialect(v: unknown, dflt: Dialect, ctx: Ctx, owner?: Json): Promise<Dialect> {
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


function knownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
