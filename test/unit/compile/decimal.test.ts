import { describe, expect, it } from 'vitest';
import { add, compare, divide, formatDecimal, multiply, parseDecimal, type Decimal } from '../../../src/compile/decimal.js';

const d = (text: string): Decimal => parseDecimal(text)!;
const f = formatDecimal;

describe('exact decimals', () => {
  it.each([['1234', '1234'], ['-12.50', '-12.5'], ['.5', '0.5'], ['1e+06', '1000000'], ['1.5E-3', '0.0015'], ['-0', '0'], ['000.000', '0']])('%s reads as %s', (text, out) =>
    expect(f(d(text))).toBe(out));

  it.each(['', '.', 'e5', '1e', '1,000', 'abc', '1e99999'])('%j is not a number', (text) => expect(parseDecimal(text)).toBeUndefined());

  it('adds without floating point: 0.1 + 0.2 is 0.3', () => {
    expect(f(add(d('0.1'), d('0.2')))).toBe('0.3');
    expect(f(add(d('9007199254740993'), d('1')))).toBe('9007199254740994');
  });

  it('multiplies and compares', () => {
    expect(f(multiply(d('1.5'), d('-2.25')))).toBe('-3.375');
    expect(compare(d('2.50'), d('2.5'))).toBe(0);
    expect(compare(d('-3'), d('2'))).toBe(-1);
  });

  it('divides rounding half away from zero', () => {
    expect(f(divide(d('2'), d('3'), 6))).toBe('0.666667');
    expect(f(divide(d('-2'), d('3'), 6))).toBe('-0.666667');
    expect(f(divide(d('1'), d('8'), 2))).toBe('0.13');
    expect(f(divide(d('10'), d('4'), 0))).toBe('3');
  });
});
