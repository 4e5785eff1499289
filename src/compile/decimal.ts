/**
 * Exact decimal arithmetic for combining value cells: a value is n × 10^-s with a BigInt n,
 * so sums of counts and amounts never pass through floating point.
 */
export interface Decimal {
  readonly n: bigint;
  readonly s: number;
}

export const ZERO: Decimal = { n: 0n, s: 0 };

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses `1234`, `-12.50`, `.5`, `1e+06`, `1.5E-3`; undefined when the text is not a number. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? 0);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 10_000) return undefined;
  let n = BigInt(`${m[2] || '0'}${frac}`);
  let s = frac.length - exp;
  if (s < 0) {
    n *= 10n ** BigInt(-s);
    s = 0;
  }
  return { n: m[1] === '-' ? -n : n, s };
}

const scaleTo = (a: Decimal, s: number): bigint => (s === a.s ? a.n : a.n * 10n ** BigInt(s - a.s));

export function add(a: Decimal, b: Decimal): Decimal {
  const s = Math.max(a.s, b.s);
  return { n: scaleTo(a, s) + scaleTo(b, s), s };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { n: a.n * b.n, s: a.s + b.s };
}

export function compare(a: Decimal, b: Decimal): number {
  const s = Math.max(a.s, b.s);
  const d = scaleTo(a, s) - scaleTo(b, s);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** a ÷ b rounded half away from zero to `s` decimal places (b ≠ 0). */
export function divide(a: Decimal, b: Decimal, s: number): Decimal {
  // a/b × 10^s = (a.n × 10^(s + b.s)) / (b.n × 10^a.s)
  const num = a.n * 10n ** BigInt(s + b.s);
  const den = b.n * 10n ** BigInt(a.s);
  const negative = (num < 0n) !== (den < 0n);
  const [un, ud] = [num < 0n ? -num : num, den < 0n ? -den : den];
  let q = un / ud;
  if ((un % ud) * 2n >= ud) q += 1n;
  return { n: negative ? -q : q, s };
}

/** Plain decimal text without exponent or trailing zeros: `1500`, `-0.25`. */
export function formatDecimal(a: Decimal): string {
  const negative = a.n < 0n;
  const digits = (negative ? -a.n : a.n).toString().padStart(a.s + 1, '0');
  const int = digits.slice(0, digits.length - a.s);
  const frac = digits.slice(digits.length - a.s).replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : int;
  return negative && text !== '0' ? `-${text}` : text;
}
