import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../../src/validate/key-table.js';
import { KeyIndex } from '../../../src/validate/key-index.js';
import { hash53 } from '../../../src/rdf/hash.js';

describe('KeyTable', () => {
  it('finds every key it was given through many growths, and no other', () => {
    const table = new KeyTable();
    const reference = new Map<number, number>();
    for (let i = 0; i < 50_000; i++) {
      const h = hash53(`key ${i % 40_000}`);
      const entry = table.find(h);
      if (reference.has(h)) {
        expect(entry).toBe(reference.get(h));
        table.setBits(entry, table.bits(entry) | 2);
      } else {
        expect(entry).toBe(-1);
        reference.set(h, table.add(h, i, 1));
      }
    }
    expect(table.size).toBe(40_000);
    expect(table.find(hash53('key 40000'))).toBe(-1);
    // Hash 0 and the largest 53-bit hash are keys like any other.
    expect(table.find(0)).toBe(-1);
    const zero = table.add(0, 7, 4);
    const top = table.add(2 ** 53 - 2, 8, 4);
    expect([table.find(0), table.find(2 ** 53 - 2)]).toEqual([zero, top]);
    const { hashes, firstAt, masks } = table.export();
    expect(hashes.length).toBe(40_002);
    for (const [h, entry] of reference) {
      expect(hashes[entry]).toBe(h);
      expect(firstAt[entry]).toBe(entry);
      expect(masks[entry]).toBe(entry < 10_000 ? 3 : 1);
    }
  });
});

describe('KeyIndex', () => {
  it('finds the same duplicates and incomplete keys whether it stays in memory or spills to disk', () => {
    const run = (limit: number) => {
      const index = new KeyIndex(limit);
      const duplicates: { at: number; first: number }[] = [];
      let seed = 7;
      const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
      for (let line = 0; line < 30_000; line++) {
        // 2,000 keys, two measures each (bits 1 and 2): repeats, and keys that lack one.
        const k = (next() >>> 8) % 2000;
        const first = index.observe(hash53(`k${k}`), line, k >= 1900 ? 1 : 1 << ((next() >>> 16) % 2));
        if (first >= 0) duplicates.push({ at: line, first });
      }
      const settled = index.settle(3);
      return { spilled: index.spilled, duplicates: [...duplicates, ...settled.duplicates].sort((a, b) => a.at - b.at), shortfalls: settled.shortfalls };
    };
    const memory = run(Infinity);
    const spilled = run(100);
    expect(memory.duplicates.length).toBeGreaterThan(20_000);
    expect(spilled.duplicates).toEqual(memory.duplicates);
    expect(spilled.spilled || memory.spilled).toBe(false); // settled: nothing left on disk
    expect(memory.shortfalls.length).toBeGreaterThanOrEqual(100);
    expect(spilled.shortfalls).toEqual(memory.shortfalls);
  });
});
