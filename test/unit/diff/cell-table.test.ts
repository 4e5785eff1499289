import { describe, expect, it } from 'vitest';
import { CellTable } from '../../../src/diff/cell-table.js';
import type { CellState } from '../../../src/diff/observation.js';

/** A seeded stream of keys over a few values per dimension, so that keys repeat and collide in buckets. */
function* keys(count: number, width: number, seed = 7): Generator<number[]> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    yield Array.from({ length: width }, () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % 9);
  }
}
const cell = (n: number, markers = ''): CellState => ({ value: `"${n}"`, markers });

describe('the previous release\'s table of cells', () => {
  it('behaves as a Map of key strings: set (a later cell wins, the first place kept), get, take (get and delete), what is left in order', () => {
    const table = new CellTable(4);
    const map = new Map<string, CellState>();
    let n = 0;
    for (const k of keys(20_000, 4)) {
      const c = cell(n++ % 50, n % 7 === 0 ? 'c' : '');
      table.set(k, c);
      map.set(k.join(','), c);
    }
    expect(table.size).toBe(map.size);
    let i = 0;
    for (const k of keys(3_000, 4, 99)) {
      const s = k.join(',');
      expect(table.get(k)).toEqual(map.get(s));
      if (i++ % 2 === 0) {
        expect(table.take(k)).toEqual(map.get(s));
        map.delete(s);
      }
    }
    expect(table.size).toBe(map.size);
    expect([...table.entries()].map(([k, c]) => [k.join(','), c])).toEqual([...map]);
  });

  it('drops rows taken out once they are half the table, and still answers as a Map (values, order, cells)', () => {
    // Read a little ahead and taken as read, as a release in the previous one's order is compared.
    const width = 3;
    const table = new CellTable(width);
    const map = new Map<string, CellState>();
    const key = (n: number): number[] => [n % 251, Math.floor(n / 251) % 397, Math.floor(n / (251 * 397))];
    const rows = 300_000;
    let taken = 0;
    let wrong = 0;
    for (let n = 0; n < rows; n++) {
      const c = cell(n % 1_000 === 0 ? n : n % 37, n % 11 === 0 ? 'c' : '');
      table.set(key(n), c);
      map.set(key(n).join(','), c);
      // Every fifth key stays: removed from the new release.
      for (; taken <= n - 100; taken++) {
        if (taken % 5 === 0) continue;
        const s = key(taken).join(',');
        const got = table.take(key(taken));
        const want = map.get(s)!;
        if (got?.value !== want.value || got?.markers !== want.markers) wrong++;
        map.delete(s);
      }
    }
    expect(wrong).toBe(0);
    expect(table.size).toBe(map.size);
    // A key taken out is not filed again while its row is kept; one whose row was dropped is news.
    expect(table.take(key(1))).toBeUndefined();
    expect(table.get(key(rows - 1))).toEqual(map.get(key(rows - 1).join(',')));
    expect([...table.entries()].map(([k, c]) => [k.join(','), c])).toEqual([...map]);
  });

  it('shares one object per distinct cell', () => {
    const table = new CellTable(2);
    table.set([1, 2], cell(5));
    table.set([2, 1], cell(5));
    table.set([3, 3], cell(5, 'p'));
    const [a, b, c] = [...table.entries()].map(([, cell]) => cell);
    expect(a).toBe(b);
    expect(c).toEqual({ value: '"5"', markers: 'p' });
  });

  it('takes a cube without dimensions (one key)', () => {
    const table = new CellTable(0);
    table.set([], cell(1));
    table.set([], cell(2));
    expect(table.size).toBe(1);
    expect(table.get([])).toEqual(cell(2));
  });
});
