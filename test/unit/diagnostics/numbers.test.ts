import { describe, expect, it } from 'vitest';
import { grouped } from '../../../src/diagnostics/numbers.js';

describe('grouped numbers', () => {
  // The reports' numbers must read as they did with toLocaleString('en-GB'), which they replace.
  it('write every number as toLocaleString("en-GB") does', () => {
    const values = [0, 1, -1, 12, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 14_000_000, 2 ** 31, Number.MAX_SAFE_INTEGER, -1234567,
      0.5, 1.25, 3.14159, 1234.5678, 0.0004, 0.0005, 1e-7, -0.25, 99.9999, 1234567.891, 2.5e15];
    for (let i = 0; i < 2000; i++) values.push(Math.round(Math.random() * 10 ** (i % 12)) / (i % 3 === 0 ? 1 : 10 ** (i % 5)));
    for (const v of values) expect(grouped(v), String(v)).toBe(v.toLocaleString('en-GB'));
  });
});
