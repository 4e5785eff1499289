/**
 * Real MoJ extracts as published (samples/real/, copied byte for byte from ../shared/real/):
 * the court outcomes extract repeats keys and must be summed. The sums are computed here
 * independently, from the CSV parsed by csv-parse, and compared with the dump parsed by N3.js.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { canonical } from '../support/graph.js';
import { convertInMemory } from '../support/run.js';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const mapping = join(root, 'mappings', 'court-outcomes-sentenced-2009-2019.yaml');
const csv = join(root, 'samples', 'real', 'cjs-court-outcomes-2009-2019-sample.csv');
const J = 'https://w3id.org/justice-lod/def/justice#';

/** The CSV's groups of rows with the same 15 dimension cells, summed by plain arithmetic. */
function independentGroups(): { key: string; count: number; fineTotal: number; fined: number }[] {
  const rows = parse(new TextDecoder('windows-1252').decode(readFileSync(csv)), { columns: true }) as Record<string, string>[];
  const groups = new Map<string, { key: string; count: number; fineTotal: number; fined: number }>();
  for (const r of rows) {
    const key = Object.keys(r).slice(0, 15).map((c) => r[c]).join('|');
    const g = groups.get(key) ?? { key, count: 0, fineTotal: 0, fined: 0 };
    g.count += Number(r['Count']);
    g.fineTotal += Number(r['totalfineamount']);
    g.fined += Number(r['totalnumberfined']);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Values of one measure in the dump, by observation. */
function measureValues(nt: string, property: string): number[] {
  return new Parser({ format: 'N-Triples' }).parse(nt).filter((q) => q.predicate.value === property).map((q) => Number(q.object.value));
}

const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

describe('real release: court outcomes 2009–2019 (record-level, repeated keys)', async () => {
  const groups = independentGroups();
  const run = await convertInMemory(mapping, { failOn: 'error' });
  const s = run.result.summary!;

  it('converts every row, with no diagnostics above info', () => {
    expect(run.result.status).toBe('ok');
    expect(run.result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(s.records).toMatchObject({ header: 1, converted: 190, rejected: 0, filtered: 0, merged: 9 });
  });

  it('writes one observation per group and measure: the 9 repeated rows are merged, not duplicated', () => {
    expect(groups).toHaveLength(181);
    expect(s.subjects).toBe(181 * 5);
  });

  it('has the sums computed independently from the CSV (people sentenced, fines, amounts)', () => {
    expect(sorted(measureValues(run.nt, `${J}defendantsSentenced`))).toEqual(sorted(groups.map((g) => g.count)));
    expect(sorted(measureValues(run.nt, `${J}offendersFined`))).toEqual(sorted(groups.map((g) => g.fined)));
    expect(sorted(measureValues(run.nt, `${J}totalFineAmount`))).toEqual(sorted(groups.map((g) => g.fineTotal)));
    // R's `1e+06` in totalfineamount is read as the exact number it stands for.
    expect(measureValues(run.nt, `${J}totalFineAmount`)).toContain(1_000_000);
  });

  it('gives the same graph when the groups spill to disk', async () => {
    const spilled = await convertInMemory(mapping, { failOn: 'error', groupLimit: 0 });
    expect(spilled.result.summary!.records).toEqual(s.records);
    expect(canonical(spilled.nt)).toEqual(canonical(run.nt));
  });

  it('given with no mapping, converts as CSVW: streamed, read as Windows-1252 (JL202), every £ kept', () => {
    // Excel's CSV: Windows-1252, no metadata. Held in memory and decoded as UTF-8, each £ had become U+FFFD.
    const out = tempDir('jlod-real-csvw-');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'justice-lod.js'), 'convert', csv, '--out', out, '--format', 'nt', '--no-metadata'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/info JL202: byte 0xA3 at line 23 is not UTF-8, so the file is read as Windows-1252/);
    expect(r.stderr + r.stdout).not.toContain('JL907');
    const nt = readFileSync(join(out, 'cjs-court-outcomes-2009-2019-sample.nt'), 'utf8');
    expect(nt).not.toContain('\uFFFD');
    const pounds = (text: string): number => text.split('£').length - 1;
    expect(pounds(nt)).toBe(pounds(new TextDecoder('windows-1252').decode(readFileSync(csv))));
    expect(pounds(nt)).toBeGreaterThan(0);
  });
});

describe('real release: criminal history flows 2024 (BOM, CRLF, codes before numbers)', async () => {
  const flows = join(root, 'mappings', 'criminal-history-flows-2024.yaml');
  const file = join(root, 'samples', 'real', 'criminal-history-sankey-2024-sample.csv');
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  const run = await convertInMemory(flows, { failOn: 'error' });

  it('converts every row into one observation, with no diagnostics above info', () => {
    expect(run.result.status).toBe('ok');
    expect(run.result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(run.result.summary!.records).toMatchObject({ converted: rows.length, rejected: 0 });
    expect(run.result.summary!.subjects).toBe(rows.length);
  });

  it('has the values of the CSV, parsed independently', () => {
    expect(sorted(measureValues(run.nt, `${J}offenderCount`))).toEqual(sorted(rows.map((r) => Number(r['value']))));
  });

  it('strips the code before a band that starts with a number, and never puts the band number in an IRI', () => {
    const labels = new Parser({ format: 'N-Triples' }).parse(run.nt).filter((q) => q.predicate.value === 'http://www.w3.org/2004/02/skos/core#prefLabel').map((q) => q.object.value);
    // The published `source1`/`target1` columns hold the labels without codes: the same set.
    const expected = new Set(rows.flatMap((r) => [r['source1']!, r['target1']!]));
    for (const l of expected) expect(labels).toContain(l);
    expect(run.nt).toContain('/codes/from/1-2-previous-convictions-cautions>');
    for (const wrong of ['/2-1-2-previous', '/1-first-time', '/6-15-or-more', '/0-caution']) expect(run.nt).not.toContain(wrong);
  });
});

// The extracts in samples/real/ are the ones in ../shared/real/, byte for byte, so every test
// above runs on the real published files. CI always has ../shared beside the clone.
const shared = new URL('../../../shared/real/', import.meta.url).pathname;
describe.runIf(process.env['CI'] === 'true' || existsSync(shared))('real extracts in ../shared/real', () => {
  it.each([
    ['cjs_court_outcomes_2009_2019_sample.csv', 'cjs-court-outcomes-2009-2019-sample.csv'],
    ['moj_criminal_history_sankey_2024_sample.csv', 'criminal-history-sankey-2024-sample.csv'],
  ])('%s is samples/real/%s, byte for byte', (published, sample) => {
    expect(readFileSync(join(root, 'samples', 'real', sample)).equals(readFileSync(join(shared, published)))).toBe(true);
  });
});
