import { spawnSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/csv/read.js';
import { FastTokenizer, type CsvRecord } from '../../../src/csv/tokenize.js';
import type { SourceModel } from '../../../src/mapping/model.js';
import { tempDir, writeFile } from '../../support/tmp.js';

// The fast tokenizer must give exactly csv-parse's records wherever it decides, and hand the
// rest over (irregular) where it does not. Random texts from CSV's awkward pieces, cut into
// random chunks, are read both ways.
const ATOMS = ['a', 'b', ',', '"', '""', '\n', '\r\n', '\r', ' ', 'x y', '"q,"', '"1,234"', '[c]', 'é', '"a\nb"'];
const OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function texts(count: number, seed: number): string[] {
  const r = random(seed);
  return Array.from({ length: count }, () => {
    let s = '';
    const len = Math.floor(r() * 24);
    for (let i = 0; i < len; i++) s += ATOMS[Math.floor(r() * ATOMS.length)];
    return s;
  });
}

/** The fast path over `text` cut at `cuts`; undefined when it stops as irregular. */
function fast(text: string, cuts: number[]): CsvRecord[] | undefined {
  const tok = new FastTokenizer(',', '"');
  const out: CsvRecord[] = [];
  let pending = '';
  const bounds = [...new Set([0, ...cuts, text.length])].sort((a, b) => a - b);
  if (bounds.length === 1) bounds.push(0);
  for (let c = 1; c < bounds.length; c++) {
    const chunk = pending + text.slice(bounds[c - 1], bounds[c]);
    const stop = tok.parse(chunk, 0, c === bounds.length - 1, out);
    if (stop.irregular) return undefined;
    pending = chunk.slice(stop.pos);
  }
  return out;
}

describe('FastTokenizer', () => {
  it('agrees with csv-parse on every input it decides, whatever the chunking', () => {
    const r = random(7);
    let decided = 0;
    for (const text of texts(20_000, 1)) {
      const cuts = Array.from({ length: 3 }, () => Math.floor(r() * text.length));
      const got = fast(text, cuts);
      if (!got) continue;
      decided++;
      expect(got.map((x) => x.cells), JSON.stringify(text)).toEqual(parse(text, OPTIONS));
    }
    expect(decided).toBeGreaterThan(2_000);
  });

  it('reads MoJ-style rows: quoted thousands, `NN: label` cells, markers, quoted line breaks', () => {
    const out: CsvRecord[] = [];
    const text = 'Year,Count\r\n2024,"1,234"\r\n"2023\r\nQ1",[c]\r\n';
    expect(new FastTokenizer(',', '"').parse(text, 0, true, out)).toEqual({ pos: text.length, irregular: false });
    expect(out).toEqual([
      { cells: ['Year', 'Count'], lines: 1 },
      { cells: ['2024', '1,234'], lines: 1 },
      { cells: ['2023\r\nQ1', '[c]'], lines: 2 },
    ]);
  });

  it('stops at the first record it does not decide, leaving the ones before it', () => {
    const out: CsvRecord[] = [];
    expect(new FastTokenizer(',', '"').parse('a,b\n1,2\n3,x"y\n5,6\n', 0, true, out)).toEqual({ pos: 8, irregular: true });
    expect(out.map((x) => x.cells)).toEqual([['a', 'b'], ['1', '2']]);
    expect(new FastTokenizer(',', '"').parse('a,b\n1,2\r\n', 0, true, [])).toEqual({ pos: 4, irregular: true });
    expect(new FastTokenizer(',', '"').parse('a,b\n"1"2,3\n', 0, true, [])).toEqual({ pos: 4, irregular: true });
  });
});

describe('readCsv with the fast path and its csv-parse fallback', () => {
  const dir = tempDir();
  const source: SourceModel = { path: '', encoding: 'utf-8', delimiter: ',', quote: '"', skipRows: 0, headerRows: 1, headerJoin: ' ', span: { file: 'm.yaml', line: 0 } };

  it('gives the records and line numbers csv-parse gives, also after handing over mid-file', async () => {
    const r = random(3);
    for (let k = 0; k < 150; k++) {
      // A long regular part (so the hand-over happens well inside the file), then awkward text.
      const regular = Array.from({ length: 50 + Math.floor(r() * 50) }, (_, i) => `${i},"${i},${i}",[c]`).join('\n');
      const text = `h1,h2,h3\n${regular}\n${texts(1, 100 + k)[0]}\n9,9,9\n`;
      let expected: { record: string[]; raw: string }[];
      try {
        // After the hand-over every kind of line end ends a record (files mix them), as here.
        expected = parse(text, { ...OPTIONS, raw: true, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown as { record: string[]; raw: string }[];
      } catch {
        continue;
      }
      const path = writeFile(dir, `t${k}.csv`, text);
      const got: { cells: readonly string[]; line: number }[] = [];
      for await (const ev of readCsv(source, { path })) {
        if (ev.kind === 'row') got.push({ cells: ev.cells, line: ev.line });
        if (ev.kind === 'header') got.push({ cells: ev.names, line: ev.line });
      }
      // Expected lines from csv-parse's raw text, counting \r\n, \n and a lone \r once each.
      let line = 0;
      const want = expected.map(({ record, raw }) => {
        const at = line;
        line += Math.max(1, (raw.match(/\r\n|\n|\r/g) ?? []).length);
        const blankTail = record.length > 3 && record.slice(3).every((c) => c.trim() === '');
        return { cells: blankTail ? record.slice(0, 3) : record, line: at };
      }).filter((x) => x.line === 0 || (x.cells.length === 3 && x.cells.some((c) => c.trim() !== '')));
      expect(got, JSON.stringify(text.slice(-60))).toEqual(want);
    }
  });
});

describe('cells kept after their chunk', () => {
  it('do not keep the chunk of text they were read from alive (one row of plain and one of quoted cells a chunk)', () => {
    // A cache keeping one cell from each of 64 chunks of 1 MB: with cells as slices of their
    // chunk, the 64 MB stay reachable; as copies, a few KB. Measured in a child with --expose-gc,
    // on the build (\`npm test\` builds dist/ first).
    const script = `
      const { FastTokenizer } = await import(${JSON.stringify(new URL('../../../dist/csv/tokenize.js', import.meta.url).href)});
      const kept = [];
      for (let i = 0; i < 64; i++) {
        const filler = 'x'.repeat(1 << 20);
        const text = 'a,b\\nlabel number ' + i + ',"quoted label ' + i + '"\\n' + filler + ',y\\n';
        const out = [];
        new FastTokenizer(',', '"').parse(text, 0, true, out);
        kept.push(out[1].cells[0], out[1].cells[1]);
      }
      globalThis.gc(); globalThis.gc();
      process.stdout.write(JSON.stringify({ mb: process.memoryUsage().heapUsed / 1e6, first: kept[0], second: kept[1] }));
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const { mb, first, second } = JSON.parse(r.stdout) as { mb: number; first: string; second: string };
    expect([first, second]).toEqual(['label number 0', 'quoted label 0']);
    expect(mb).toBeLessThan(30);
  });
});
