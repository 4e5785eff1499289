import { describe, expect, it } from 'vitest';
import { hash53 } from '../../../src/rdf/hash.js';
import { HashSet53 } from '../../../src/rdf/hash-set.js';

describe('the set of 53-bit hashes', () => {
  it('holds what a Set<number> holds, through many rehashes, with 0 and the largest hash among them', () => {
    const set = new HashSet53();
    const ref = new Set<number>();
    const values = [0, 2 ** 53 - 2, ...Array.from({ length: 50_000 }, (_, i) => hash53(`https://ex.org/obs/${i % 40_000}`))];
    for (const v of values) {
      set.add(v);
      ref.add(v);
    }
    expect(set.size).toBe(ref.size);
    for (const v of ref) expect(set.has(v)).toBe(true);
    for (let i = 40_000; i < 41_000; i++) expect(set.has(hash53(`https://ex.org/obs/${i}`))).toBe(false);
    expect(set.values().sort((a, b) => a - b)).toEqual([...ref].sort((a, b) => a - b));
  });
});
