import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ColumnResolver } from '../../../src/compile/columns.js';
import { compileCombiner } from '../../../src/compile/combine.js';
import type { Aggregation, Combine } from '../../../src/mapping/model.js';
import { DEFAULT_MARKER_TOKENS } from '../../../src/mapping/markers.js';
import { XSD } from '../../../src/rdf/ns.js';
import { Aggregator, type MergedRow } from '../../../src/run/aggregate.js';

const span = { file: 'm.yaml', line: 1 };
const header = ['Key', 'Count', 'Months', 'People'];

function combiner(count: Combine, months: Combine = 'mean', weighted = true) {
  const aggregation: Aggregation = {
    sorted: false, span,
    measures: [
      { key: 'count', column: { name: 'Count', span }, combine: count, datatype: XSD.integer },
      { key: 'months', column: { name: 'Months', span }, combine: months, datatype: XSD.decimal, ...(weighted ? { weight: { name: 'People', span } } : {}) },
      { key: 'people', column: { name: 'People', span }, combine: 'sum', datatype: XSD.integer },
    ],
  };
  return compileCombiner(aggregation, new ColumnResolver(header, 'x.csv'), DEFAULT_MARKER_TOKENS);
}

/** The combined measure cells of one group of rows. */
function combine(rows: string[][], count: Combine = 'sum', months: Combine = 'mean', weighted = true): string[] {
  const c = combiner(count, months, weighted);
  const g = c.start(rows[0]!, 2);
  for (const r of rows.slice(1)) c.add(g, r);
  return c.cells(g).slice(1);
}

describe('combining rows that share a key', () => {
  it('sums counts exactly, with thousands separators and R notation', () => {
    expect(combine([['k', '1,000', '2', '1'], ['k', '1e+03', '4', '3'], ['k', '5', '0', '0']])).toEqual(['2005', '3.5', '4']);
  });

  it('weights the mean by its weight measure; rows without a weight weigh nothing', () => {
    // (2×1 + 4×3) / 4 = 3.5; the third row's weight is [z]
    expect(combine([['k', '1', '2', '1'], ['k', '1', '4', '3'], ['k', '1', '100', '[z]']])[1]).toBe('3.5');
  });

  it('takes the plain mean when no row gives a weight, rounded half away from zero to 6 places', () => {
    expect(combine([['k', '1', '1', '[z]'], ['k', '1', '2', '[z]'], ['k', '1', '2', '[z]']])[1]).toBe('1.666667');
    expect(combine([['k', '1', '1', '0'], ['k', '1', '2', '0']], 'sum', 'mean', false)[1]).toBe('1.5');
  });

  it('suppresses the sum when any part is suppressed, keeping every marker', () => {
    expect(combine([['k', '3 [p]', '1', '1'], ['k', '[c]', '1', '1']])[0]).toBe('[p][c]');
    expect(combine([['k', '3', '1', '1'], ['k', '*', '1', '1']])[0]).toBe('[c]');
  });

  it('carries a marker that does not suppress onto the combined value', () => {
    expect(combine([['k', '3', '1', '1'], ['k', '4 [p]', '1', '1'], ['k', '5 [e]', '1', '1']])[0]).toBe('12 [p][e]');
  });

  it('keeps the first row as written with first, and finds min and max', () => {
    expect(combine([['k', '3 [p]', '1', '1'], ['k', '4', '1', '1']], 'first')[0]).toBe('3 [p]');
    expect(combine([['k', '3', '1', '1'], ['k', '-4', '1', '1'], ['k', '10', '1', '1']], 'min')[0]).toBe('-4');
    expect(combine([['k', '3', '1', '1'], ['k', '-4', '1', '1'], ['k', '10', '1', '1']], 'max')[0]).toBe('10');
  });

  it('merges two partial groups exactly as if the rows had come together', () => {
    const c = combiner('sum');
    const rows = [['k', '1', '2', '1'], ['k', '2', '4', '3'], ['k', '[c]', '6', '2'], ['k', '4', '8', '2']];
    const whole = c.start(rows[0]!, 2);
    for (const r of rows.slice(1)) c.add(whole, r);
    const a = c.start(rows[0]!, 2);
    c.add(a, rows[1]!);
    const b = c.start(rows[2]!, 9);
    c.add(b, rows[3]!);
    const merged = c.merge(c.fromJson(JSON.parse(JSON.stringify(c.toJson(a)))), c.fromJson(JSON.parse(JSON.stringify(c.toJson(b)))));
    expect(c.cells(merged)).toEqual(c.cells(whole));
    expect(merged.rows).toBe(4);
    expect(merged.line).toBe(2);
  });
});

/** Random rows over a few keys, combined in memory, spilled (limit 3) and sorted. */
async function run(rows: { key: string; cells: string[]; line: number }[], sorted: boolean, limit: number): Promise<{ out: MergedRow[]; merged: number }> {
  const agg = new Aggregator(combiner('sum'), sorted, limit);
  const out: MergedRow[] = [];
  for (const r of rows) {
    const ended = agg.add(r.key, r.cells, r.line);
    if (agg.full) await agg.ready();
    if (ended) out.push(ended);
  }
  // What is left for `finish` (its progress bar's total) is every row not yet handed on, and all of it comes out.
  const handedOn = out.reduce((n, g) => n + g.rows, 0);
  const pending = agg.pending;
  expect(pending + handedOn).toBe(rows.length);
  let finished = 0;
  for await (const g of agg.finish()) {
    out.push(...g);
    finished += g.reduce((n, x) => n + x.rows, 0);
  }
  expect(finished).toBe(pending);
  return { out, merged: agg.merged };
}

describe('Aggregator', () => {
  let seed = 7;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const rows = Array.from({ length: 2000 }, (_, i) => {
    const key = `k${random(300)}`;
    return { key, cells: [key, String(random(20)), String(random(50)), String(1 + random(5))], line: i + 2 };
  });
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + Number(r.cells[1]));

  it('gives one group per key, in first-seen order, with the sums computed independently', async () => {
    const { out, merged } = await run(rows, false, 1_000_000);
    expect(out.map((g) => g.cells[0])).toEqual([...totals.keys()]);
    for (const g of out) expect(Number(g.cells[1])).toBe(totals.get(g.cells[0]!));
    expect(merged).toBe(rows.length - totals.size);
    expect(out.reduce((s, g) => s + g.rows, 0)).toBe(rows.length);
  });

  it('spills beyond its limit and gives the same groups, each at its first line', async () => {
    const memory = await run(rows, false, 1_000_000);
    const spilled = await run(rows, false, 3);
    expect(spilled.merged).toBe(memory.merged);
    const byKey = (gs: MergedRow[]) => new Map(gs.map((g) => [g.cells[0], g]));
    expect(byKey(spilled.out)).toEqual(byKey(memory.out));
    expect(spilled.out).toHaveLength(memory.out.length);
  });

  it('streams sorted input group by group', async () => {
    const sortedRows = [...rows].sort((a, b) => a.key.localeCompare(b.key) || a.line - b.line);
    const { out, merged } = await run(sortedRows, true, 0);
    expect(out).toHaveLength(totals.size);
    expect(merged).toBe(rows.length - totals.size);
    for (const g of out) expect(Number(g.cells[1])).toBe(totals.get(g.cells[0]!));
  });
});

describe('rows spilled to disk', () => {
  it('keep every cell as it was, separators, line breaks and backslashes included, and combine as in memory', async () => {
    const odd = ['a\u0001b', 'line\nbreak\r\n', 'back\\slash \\1 \\n', 'plain'];
    const rows = odd.flatMap((k, i) => [[k, String(i + 1), '2', '1'], [k, '10', '4', '3']]);
    const run = async (limit: number): Promise<MergedRow[]> => {
      const a = new Aggregator(combiner('sum'), false, limit);
      for (const [i, r] of rows.entries()) a.add(r[0]!, r, i + 2);
      const out: MergedRow[] = [];
      for await (const g of a.finish()) out.push(...g);
      expect(a.merged).toBe(odd.length);
      return out.sort((x, y) => x.line - y.line);
    };
    const inMemory = await run(1_000);
    const spilled = await run(1);
    expect(spilled).toEqual(inMemory);
    expect(spilled.map((g) => g.cells[0])).toEqual(odd);
    expect(spilled.map((g) => g.cells[1])).toEqual(['11', '12', '13', '14']);
  });
});

describe('spill files written in the background', () => {
  it('keep each key\'s rows in order (first stays first) across many appends', async () => {
    // 40 keys, each 60 times, 3 KB a row: well past the 64 KB appends of a part, so its file
    // is written by several appends that must land in order.
    const pad = 'x'.repeat(3000);
    const rows = Array.from({ length: 2400 }, (_, i) => [`k${i % 40}|${pad}`, String(i), '1', '1']);
    const a = new Aggregator(combiner('first'), false, 1);
    for (const [i, r] of rows.entries()) a.add(r[0]!, r, i + 2);
    const out: MergedRow[] = [];
    for await (const g of a.finish()) out.push(...g);
    expect(out).toHaveLength(40);
    for (const g of out) expect(g.cells[1]).toBe(g.cells[0]!.slice(1, g.cells[0]!.indexOf('|')));
    expect(a.merged).toBe(2400 - 40);
  });

  it('read back records that straddle the reads of a part (5 MB of one key\'s rows)', async () => {
    const a = new Aggregator(combiner('sum'), false, 1);
    a.add('k0', ['k0', '1', '1', '1'], 2);
    // Each row 1,001 bytes of cell: records fall across the 4 MB reads at an odd offset.
    const cell = 'é'.repeat(500) + 'y';
    let sum = 0;
    for (let i = 0; i < 5000; i++) {
      sum += i;
      a.add('k1', ['k1', String(i), '1', '1', cell], 3 + i);
    }
    const out: MergedRow[] = [];
    for await (const g of a.finish()) out.push(...g);
    const k1 = out.find((g) => g.line === 3)!;
    expect(k1.cells[1]).toBe(String(sum));
    expect(k1.rows).toBe(5000);
    expect(out).toHaveLength(2);
  });

  it('read back a spilled row longer than a read (a cell of 6 MB)', async () => {
    const big = 'x'.repeat(6 << 20);
    const a = new Aggregator(combiner('sum'), false, 1);
    a.add('k0', ['k0', '1', '1', '1'], 2);
    a.add('k1', [big, '2', '1', '1'], 3);
    a.add('k1', [big, '3', '1', '1'], 4);
    const out: MergedRow[] = [];
    for await (const g of a.finish()) out.push(...g);
    const k1 = out.find((g) => g.line === 3)!;
    expect(k1.cells[0]).toBe(big);
    expect(k1.cells[1]).toBe('5');
    expect(out).toHaveLength(2);
  });

  it('fail the run with the write\'s error when the disk refuses, not as an unhandled rejection', async () => {
    const a = new Aggregator(combiner('sum'), false, 1);
    a.add('k0', ['k0', '1', '1', '1'], 2);
    a.add('k1', ['k1', '1', '1', '1'], 3);
    // The table has spilled; its folder goes away under it (a full or unmounted disk).
    const dir = (a as unknown as { spill: { dir: string } }).spill.dir;
    rmSync(dir, { recursive: true, force: true });
    const finish = async (): Promise<void> => {
      for (let i = 0; i < 3000; i++) {
        a.add(`k${i}`, [`k${i}`, '1', '1', '1'], 4 + i);
        if (a.full) await a.ready();
      }
      for await (const g of a.finish()) void g;
    };
    await expect(finish()).rejects.toMatchObject({ code: 'ENOENT' });
    a.close();
  });
});
