/**
 * A number as people read it in en-GB: 1,234,567, and at most three decimals (1,234.568), as
 * `toLocaleString('en-GB')` writes it: from the number's shortest decimal form, rounded half
 * away from zero. Not that function: its first call loads ICU's locale data, about 20 ms of
 * every short run.
 */
export function grouped(x: number): string {
  if (!Number.isFinite(x)) return x !== x ? 'NaN' : x > 0 ? '∞' : '-∞';
  const text = String(Math.abs(x));
  // Exponent forms (1e21, 1e-7) are rare in counts: leave them to the locale data.
  if (text.includes('e')) return x.toLocaleString('en-GB');
  const [whole, fraction = ''] = text.split('.') as [string, string | undefined];
  let digits = `${whole}${fraction.slice(0, 3).padEnd(3, '0')}`;
  if ((fraction[3] ?? '0') >= '5') digits = (BigInt(digits) + 1n).toString().padStart(4, '0');
  const int = digits.slice(0, -3) || '0';
  const decimals = digits.slice(-3).replace(/0+$/, '');
  const negative = x < 0 || Object.is(x, -0);
  return `${negative ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${decimals ? `.${decimals}` : ''}`;
}
