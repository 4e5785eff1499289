/** The key gate's short row keys: one-to-one with the dimension keys they stand for. */
import { describe, expect, it } from 'vitest';
import { CompactKeys } from '../../../src/compile/compact-key.js';
import { utf8Slice, utf8Write } from '../../../src/sinks/utf8-buffer.js';

const SLOTS = [0, 1];

describe('CompactKeys', () => {
  it('gives equal rows one key and different rows different keys, a character a dimension', () => {
    const c = new CompactKeys(2);
    const a = c.of(['2019', 'E23000001'], SLOTS, -1);
    expect(a).toHaveLength(3);
    expect(c.of(['2019', 'E23000001'], SLOTS, -1)).toBe(a);
    expect(c.of(['2019', 'E23000002'], SLOTS, -1)).not.toBe(a);
    // The same value in another dimension is numbered there on its own.
    expect(c.of(['E23000001', '2019'], SLOTS, -1)).not.toBe(a);
    // A long table's measure is part of the key.
    expect(c.of(['2019', 'E23000001'], SLOTS, 0)).not.toBe(a);
    expect(c.of(['2019', 'E23000001'], SLOTS, 1)).not.toBe(c.of(['2019', 'E23000001'], SLOTS, 0));
  });

  it('reads only the dimension slots it is given', () => {
    const c = new CompactKeys(1);
    expect(c.of(['x', 'ignored 1'], [0], -1)).toBe(c.of(['x', 'ignored 2'], [0], -1));
  });

  it('past its limit keeps values as text, and no two different rows read alike', () => {
    const c = new CompactKeys(2, 3);
    const rows = [
      ['a', 'b'], ['c', 'd'], ['e', 'f'],
      // Past the limit in both dimensions: values that could run into one another as text.
      ['1:x', 'y'], ['1', ':xy'], ['', '1:x\u0000y'], ['1:x\u0000', 'y'], ['a', 'z'], ['z', 'a'], ['\u0001', 'b'],
    ];
    const keys = rows.map((r) => c.of(r, SLOTS, -1));
    expect(new Set(keys).size).toBe(rows.length);
    // Asked again, each row gets the key it got the first time.
    expect(rows.map((r) => c.of(r, SLOTS, -1))).toEqual(keys);
  });

  it('stays below the surrogates, so a key comes back from UTF-8 (the spill files) unchanged', () => {
    const c = new CompactKeys(1);
    let last = '';
    for (let i = 0; i < 0xd000; i++) last = c.of([`v${i}`], [0], -1);
    expect(last.charCodeAt(0)).toBe(0xd000);
    const buf = Buffer.alloc(16);
    const n = utf8Write(buf, last, 0);
    expect(utf8Slice(buf, 0, n)).toBe(last);
    // The next value is past the limit: kept as text.
    expect(c.of(['v-next'], [0], -1)).toBe('\u00006:v-next\u0001');
  });
});
