import { formatDecimal, parseDecimal } from './decimal.js';

/** Numbers as MoJ tables print them: `1,234`, `25.2`, `25.2%`, `-3`, `.5`; and as R and Excel write them: `1e+06`, `1.5E-3`. */
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export type NumberResult = { readonly lexical: string } | { readonly error: 'JL301' | 'JL309' | 'JL311' };

export interface NumberFormat {
  readonly datatype: 'integer' | 'decimal' | 'double';
  readonly percent: boolean;
}

export function parseNumber(text: string, format: NumberFormat): NumberResult {
  let s = text.trim();
  const hasPercent = s.endsWith('%');
  if (hasPercent) {
    if (!format.percent) return { error: 'JL309' };
    s = s.slice(0, -1).trim();
  }
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  if (format.datatype === 'double') return DOUBLE.test(s) ? { lexical: format.percent ? String(Number(s) / 100) : s } : { error: 'JL301' };
  // Scientific notation is exact in decimal: 1e+06 is 1000000, 1.5E-3 is 0.0015.
  if (!PLAIN.test(s) && DOUBLE.test(s)) {
    const d = parseDecimal(s);
    if (d) s = formatDecimal(d);
  }
  if (!PLAIN.test(s)) return { error: 'JL301' };
  const neg = s.startsWith('-');
  const unsigned = s.replace(/^[+-]/, '');
  const [intPart = '', fracPart = ''] = unsigned.split('.');
  if (format.percent) return { lexical: canonicalDecimal(neg, intPart, fracPart, 2) };
  if (format.datatype === 'integer') {
    if (/[1-9]/.test(fracPart)) return { error: 'JL311' };
    const digits = intPart.replace(/^0+(?=\d)/, '') || '0';
    return { lexical: neg && digits !== '0' ? `-${digits}` : digits };
  }
  return { lexical: canonicalDecimal(neg, intPart, fracPart, 0) };
}

/** Exact decimal arithmetic on the digits: shifting the point never goes through floats. */
function canonicalDecimal(neg: boolean, intPart: string, fracPart: string, shiftLeft: number): string {
  let digits = intPart + fracPart;
  let point = intPart.length - shiftLeft;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '') || '0';
  const zero = int === '0' && frac === '0';
  return `${neg && !zero ? '-' : ''}${int}.${frac}`;
}
