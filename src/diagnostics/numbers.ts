/**
 * A number as people read it in en-GB: 1,234,567, and at most three decimals (1,234.568), as
 * `toLocaleString('en-GB')` writes it. Not that function: its first call loads ICU's locale
 * data, about 20 ms of every short run.
 */
export function grouped(x: number): string {
  if (!Number.isFinite(x)) return x !== x ? 'NaN' : x > 0 ? '∞' : '-∞';
  const rounded = Math.round(x * 1000) / 1000;
  const [whole, fraction] = Math.abs(rounded).toFixed(Number.isInteger(rounded) ? 0 : 3).split('.') as [string, string | undefined];
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = fraction?.replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${digits}${decimals ? `.${decimals}` : ''}`;
}
