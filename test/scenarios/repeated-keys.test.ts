/**
 * Issue 17, points 1 and 7: a row that repeats an earlier row's dimension key is rejected as a
 * row — counted, located once at its line — under any --fail-on policy, so no observation ever
 * carries two values; and a repeat is only ever confirmed on the whole key, so a hash
 * collision cannot reject a valid row.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertResult } from '../../src/run/convert.js';
import { RowKeys } from '../../src/run/row-keys.js';
import { StringSink } from '../../src/sinks/memory.js';
import { ntriplesSerializer } from '../../src/sinks/ntriples.js';
import { canonical } from '../support/graph.js';
import { smallCubeMapping } from '../support/small-cube.js';
import { tempDir, writeFile } from '../support/tmp.js';

const dir = tempDir('jlod-repeats-');
const MAPPING = smallCubeMapping('repeats', 'input.csv', { rate: true });
const CSV = ['Period,Police Force Area,Count,Rate', '2019,Kent,10,0.5', '2019,Essex,4,0.25', '2019,Kent,12,0.75', '2020,Kent,3,0.1', '2019,Kent,13,0.2', ''].join('\n');
const mapping = writeFile(dir, 'repeats.yaml', MAPPING);
writeFile(dir, 'input.csv', CSV);

async function run(extra: { keyLimit?: number; keyHash?: (k: string) => number; validate?: boolean; input?: string } = {}): Promise<{ result: ConvertResult; nt: string }> {
  let nt: StringSink | undefined;
  const result = await convert({ mapping, failOn: 'none', ...extra, createTargets: () => [(nt = new StringSink(ntriplesSerializer()))] });
  return { result, nt: nt?.toString() ?? '' };
}

const repeats = (r: ConvertResult) => r.diagnostics.filter((d) => d.code === 'JL503').map((d) => `${d.span!.line + 1} ${d.message}`);
/** Each observation's number of values per measure: never more than one. */
function valuesPerObservation(nt: string): number[] {
  const counts = new Map<string, number>();
  for (const line of nt.split('\n')) {
    const m = /^<([^>]+)> <[^>]+#(offenderCount|proportionReoffending)> "/.exec(line);
    if (m) counts.set(`${m[1]} ${m[2]}`, (counts.get(`${m[1]} ${m[2]}`) ?? 0) + 1);
  }
  return [...counts.values()];
}

describe('rows that repeat a dimension key', () => {
  it('are rejected as rows with --fail-on none: counted, one IC-12 per row at its line, nothing of them written', async () => {
    const { result, nt } = await run();
    expect(repeats(result)).toEqual([
      '4 IC-12: row has the same dimension values as line 2, so its observations would share their IRIs and carry two values',
      '6 IC-12: row has the same dimension values as line 2, so its observations would share their IRIs and carry two values',
    ]);
    expect(result.summary!.records).toMatchObject({ converted: 3, rejected: 2 });
    expect(result.summary!.rejectedByCode.get('JL503')).toBe(2);
    expect(Math.max(...valuesPerObservation(nt))).toBe(1);
    // The first row of the key wins: its values, not the later ones.
    expect(nt).toContain('"10"^^');
    expect(nt).not.toMatch(/"1[23]"\^\^/);
    expect(result.summary!.written).toBe(true);
  });

  it('are rejected alike when the keys spill to disk and repeats are found only at the end (a second pass)', async () => {
    const memory = await run();
    const spilled = await run({ keyLimit: 0 });
    expect(repeats(spilled.result)).toEqual(repeats(memory.result));
    expect(spilled.result.summary!.records).toEqual(memory.result.summary!.records);
    expect(spilled.nt).toBe(memory.nt);
  });

  it('are rejected without validation too (--no-validate): the dump never gets a two-valued observation', async () => {
    const { result, nt } = await run({ validate: false });
    expect(repeats(result)).toHaveLength(2);
    expect(Math.max(...valuesPerObservation(nt))).toBe(1);
  });

  it('a forced hash collision rejects no valid row: repeats are confirmed on the whole key', async () => {
    const distinct = writeFile(dir, 'distinct.csv', ['Period,Police Force Area,Count,Rate', '2019,Kent,10,0.5', '2019,Essex,4,0.25', '2020,Kent,3,0.1', '2020,Essex,5,0.3', ''].join('\n'));
    const collide = () => 42;
    for (const keyLimit of [0, 1, 1000]) {
      const { result } = await run({ input: distinct, keyHash: collide, keyLimit });
      expect(repeats(result)).toEqual([]);
      expect(result.summary!.records).toMatchObject({ converted: 4, rejected: 0 });
    }
    // … and a real repeat among colliding keys is still found, at its line.
    const both = await run({ keyHash: collide, keyLimit: 0 });
    expect(repeats(both.result)).toEqual(repeats((await run()).result));
    expect(canonical(both.nt)).toEqual(canonical((await run()).nt));
  });

  it('RowKeys compares whole keys whatever the hash says', () => {
    const keys = new RowKeys(1, () => 7);
    expect(keys.admit('a\u0000b', 1)).toBe(-1);
    expect(keys.admit('a\u0000c', 2)).toBe(-1); // beyond the limit: spilled, answered at the end
    expect(keys.admit('a\u0000b', 3)).toBe(-1);
    expect(keys.admit('a\nb', 4)).toBe(-1);
    expect(keys.settle()).toEqual([{ at: 3, first: 1 }]);
    // Spilled keys are bytes: a key longer than a part's buffer, non-ASCII keys that differ in
    // one byte, line numbers past 16 bits.
    const big = 'é'.repeat(40_000);
    const spilled = new RowKeys(0, () => 7);
    spilled.admit(`${big}a`, 70_000);
    spilled.admit(`${big}b`, 70_001);
    spilled.admit('Ynys Môn\u0000Q1', 70_002);
    spilled.admit('Ynys Mon\u0000Q1', 70_003);
    spilled.admit(`${big}b`, 70_004);
    spilled.admit('Ynys Môn\u0000Q1', 70_005);
    expect(spilled.settle()).toEqual([{ at: 70_004, first: 70_001 }, { at: 70_005, first: 70_002 }]);
    const memory = new RowKeys(10, () => 7);
    expect(memory.admit('x', 1)).toBe(-1);
    expect(memory.admit('y', 2)).toBe(-1);
    expect(memory.admit('x', 5)).toBe(1);
  });
});
