import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../src/compile/number.js';

const int = { datatype: 'integer', percent: false } as const;
const dec = { datatype: 'decimal', percent: false } as const;
const pct = { datatype: 'decimal', percent: true } as const;

describe('parseNumber', () => {
  it.each([
    ['1,234', '1234'], ['1,234,567', '1234567'], ['007', '7'], ['-0', '0'], ['+12', '12'], ['12.0', '12'], [' 42 ', '42'],
  ])('integer %j → %s', (text, lexical) => expect(parseNumber(text, int)).toEqual({ lexical }));

  it.each([['1.5', 'JL311'], ['12a', 'JL301'], ['1,23', 'JL301'], ['', 'JL301'], ['1e', 'JL301'], ['1.5e0', 'JL311'], ['5%', 'JL309']])(
    'integer %j fails with %s', (text, error) => expect(parseNumber(text, int)).toEqual({ error }),
  );

  it.each([['25.2', '25.2'], ['.5', '0.5'], ['1,000.25', '1000.25'], ['3', '3.0'], ['-0.50', '-0.5']])(
    'decimal %j → %s', (text, lexical) => expect(parseNumber(text, dec)).toEqual({ lexical }),
  );

  it.each([['25.2', '0.252'], ['25.2%', '0.252'], ['38.0 %', '0.38'], ['100', '1.0'], ['5', '0.05'], ['0.05%', '0.0005'], ['-1.5', '-0.015'], ['0', '0.0']])(
    'percent %j → fraction %s, exactly (no floating point)', (text, lexical) => expect(parseNumber(text, pct)).toEqual({ lexical }),
  );

  it.each([['1e+06', '1000000'], ['2.5E1', '25'], ['-1E0', '-1']])('integer %j in R or Excel notation → %s, exactly', (text, lexical) =>
    expect(parseNumber(text, int)).toEqual({ lexical }));

  it.each([['1.5E-3', '0.0015'], ['1e+06', '1000000.0'], ['12.5e-1', '1.25']])('decimal %j in R or Excel notation → %s, exactly', (text, lexical) =>
    expect(parseNumber(text, dec)).toEqual({ lexical }));

  it('reads doubles with exponents', () => {
    expect(parseNumber('1.5e3', { datatype: 'double', percent: false })).toEqual({ lexical: '1.5e3' });
  });
});
