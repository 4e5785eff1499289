/**
 * `convert --workers 2` on a file large enough to be cut into parts (120,000 generated
 * sentencing rows, 18 MB): every dump must be byte for byte the one-process dump, and the
 * summary must count the same rows, triples, markers and problems. A duplicated row whose
 * two copies land in different parts (so no one worker sees both) must still be reported.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const work = tempDir('jlod-workers-');
const csv = join(work, 'sentencing.csv');
const mapping = join(work, 'sentencing.yaml');
// nt.gz: its members break at the same offsets whichever process wrote the bytes.
const FORMATS = ['nt', 'ttl', 'jsonld', 'nt.gz'];

function convert(out: string, input: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, [bin, 'convert', mapping, '--input', input, '--out', out, '--format', FORMATS.join(','), '--no-metadata', '--diagnostics', 'json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, report: JSON.parse(r.stdout) as { runs: Record<string, unknown>[] } };
}

/** The run's summary without what differs by design: paths, times. */
function comparable(run: Record<string, unknown>): Record<string, unknown> {
  const { outputs, durationMs, started, ended, mapping: _m, csv: _c, ...rest } = run as Record<string, unknown> & { outputs?: { sha256: string; bytes: number }[] };
  void durationMs; void started; void ended;
  return { ...rest, outputs: outputs?.map((o) => ({ sha256: o.sha256, bytes: o.bytes })) };
}

beforeAll(async () => {
  await generate(120_000, csv);
  writeFileSync(mapping, readFileSync(join(root, 'test/bench/sentencing-bench.yaml'), 'utf8').replace('schema=../../schema', `schema=${join(root, 'schema')}`));
}, 60_000);

describe('convert --workers 2', () => {
  it('writes the same dumps, byte for byte, and counts the same as one process', () => {
    const one = convert(join(work, 'one'), csv);
    const two = convert(join(work, 'two'), csv, ['--workers', '2']);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    for (const f of FORMATS) {
      const a = readFileSync(join(work, 'one', `sentencing-bench.${f}`));
      const b = readFileSync(join(work, 'two', `sentencing-bench.${f}`));
      expect(b.equals(a), f).toBe(true);
    }
    expect(comparable(two.report.runs[0]!)).toEqual(comparable(one.report.runs[0]!));
    expect((one.report.runs[0] as { records: { converted: number } }).records.converted).toBe(120_000);
  }, 120_000);

  it('falls back to one process at a record it cannot cut safely, and counts nothing twice', () => {
    const odd = join(work, 'odd.csv');
    const lines = readFileSync(csv, 'utf8').split('\n');
    // A stray quote inside an unquoted cell, mid-file: csv-parse's relaxed rules decide it
    // (the row is then rejected: the sex label with a quote is not in the code list).
    const before = lines[60_000]!;
    lines[60_000] = before.replace(/: (Female|Male|Not known)/, ': $1"');
    expect(lines[60_000]).not.toBe(before);
    writeFileSync(odd, lines.join('\n'));
    const run = (out: string, extra: string[]) => spawnSync(process.execPath, [bin, 'convert', mapping, '--input', odd, '--out', out, '--format', 'nt', '--fail-on', 'none', '--diagnostics', 'json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const one = run(join(work, 'odd-one'), []);
    const two = run(join(work, 'odd-two'), ['--workers', '2']);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const summary = (r: { stdout: string }) => comparable((JSON.parse(r.stdout) as { runs: Record<string, unknown>[] }).runs[0]!);
    expect(summary(two)).toEqual(summary(one));
    expect((summary(one) as { records: { rejected: number } }).records.rejected).toBe(1);
    // VoID counts in the metadata: the abandoned parallel pass must not leave its header triples behind.
    const voidTriples = (dir: string) => readFileSync(join(work, dir, 'metadata.ttl'), 'utf8').match(/void:triples \d+/g);
    expect(voidTriples('odd-two')).toEqual(voidTriples('odd-one'));
  }, 180_000);

  it('finds a duplicate whose two rows are converted by different workers (IC-12)', () => {
    const dup = join(work, 'dup.csv');
    const text = readFileSync(csv, 'utf8');
    writeFileSync(dup, text);
    // The second data row again at the very end: the first and last parts go to different workers.
    appendFileSync(dup, text.split('\n')[2] + '\n');
    const one = convert(join(work, 'dup-one'), dup);
    const two = convert(join(work, 'dup-two'), dup, ['--workers', '2']);
    const ic12 = (r: { report: { runs: Record<string, unknown>[] } }) =>
      (r.report.runs[0]!.diagnostics as { code: string; line?: number; span?: { line: number } }[]).filter((d) => d.code === 'JL503');
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(ic12(two).length).toBe(1);
    expect(ic12(two).length).toBe(ic12(one).length);
    expect(JSON.stringify(ic12(two)[0])).toContain('120002');
    // With --fail-on none the repeated row is rejected as a row: the same dumps and counts as one process.
    const oneNone = convert(join(work, 'dup-one-none'), dup, ['--fail-on', 'none']);
    const twoNone = convert(join(work, 'dup-two-none'), dup, ['--fail-on', 'none', '--workers', '2']);
    expect(oneNone.code).toBe(0);
    expect((twoNone.report.runs[0] as { records: { rejected: number } }).records.rejected).toBe(1);
    expect(comparable(twoNone.report.runs[0]!)).toEqual(comparable(oneNone.report.runs[0]!));
  }, 240_000);

  it('reads a Windows-1252 file as one process does, curly quotes and € included', () => {
    // Byte 0x92 (’) after a sex label in a row the second worker converts: the label then
    // matches no code, and the row is rejected with the cell as written, by either reader.
    const cp1252 = join(work, 'cp1252.csv');
    const lines = readFileSync(csv, 'latin1').split('\n');
    lines[100_000] = lines[100_000]!.replace(/: (Female|Male|Not known)/, ': $1\x92\x80');
    writeFileSync(cp1252, lines.join('\n'), 'latin1');
    const mapping1252 = join(work, 'cp1252.yaml');
    writeFileSync(mapping1252, readFileSync(mapping, 'utf8').replace('encoding: utf-8', 'encoding: windows-1252'));
    const run = (out: string, extra: string[]) => spawnSync(process.execPath, [bin, 'convert', mapping1252, '--input', cp1252, '--out', out, '--format', 'nt', '--fail-on', 'none', '--no-metadata', '--diagnostics', 'json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const one = run(join(work, 'cp1252-one'), []);
    const two = run(join(work, 'cp1252-two'), ['--workers', '2']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    const summary = (r: { stdout: string }) => comparable((JSON.parse(r.stdout) as { runs: Record<string, unknown>[] }).runs[0]!);
    expect(summary(two)).toEqual(summary(one));
    expect((summary(two) as { records: { rejected: number } }).records.rejected).toBe(1);
    expect(JSON.stringify(summary(two).diagnostics)).toMatch(/(Female|Male|Not known)’€/);
  }, 180_000);
});
