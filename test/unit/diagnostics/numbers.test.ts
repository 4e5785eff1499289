import { describe, expect, it } from 'vitest';
import { grouped } from '../../../src/diagnostics/numbers.js';

describe('grouped numbers', () => {
  // The reports' numbers must read as they did with toLocaleString('en-GB'), which they replace.
  it('write every number as toLocaleString("en-GB") does', () => {
    const values = [0, 1, -1, 12, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 14_000_000, 2 ** 31, Number.MAX_SAFE_INTEGER, -1234567,
      0.5, 1.25, 3.14159, 1234.5678, 0.0004, 0.0005, 0.5055, 0.5065, 2.0005, 999.9995, -0.0004, -0, -0.25, 99.9999, 1234567.891, 2.5e15, 1e21, 1e-7];
    // A seeded generator: the same 4,000 values on every run.
    let seed = 20;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 4000; i++) values.push(Math.round(random() * 10 ** (i % 12)) / (i % 3 === 0 ? 1 : 10 ** (i % 6)) * (i % 7 === 0 ? -1 : 1));
    for (const v of values) expect(grouped(v), String(v)).toBe(v.toLocaleString('en-GB'));
  });
});
