/**
 * Progress on every long step (issue 19, point 4), as a user sees it: each command runs on a
 * pseudo-terminal (util-linux `script`), and the frames it drew are read back. Each phase
 * shows its own name; no bar shows 100% (the work after the last byte is named instead).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const mapping = join(root, 'test/bench/sentencing-bench.yaml');
const work = tempDir();
const csv = join(work, 'rows.csv');
const small = join(work, 'small.csv');
const out = join(work, 'out');

/** The distinct lines a command drew on a terminal, in order (each redraw of a line once). */
function onTerminal(args: string[]): { frames: string[]; code: number | null } {
  const log = join(work, `tty-${Math.random().toString(36).slice(2)}.log`);
  const command = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qfec', command, log], { cwd: root, encoding: 'utf8', env: { ...process.env, COLUMNS: '200' } });
  const text = readFileSync(log, 'utf8');
  const frames: string[] = [];
  for (const f of text.split(/\r|\n/).map((x) => x.replace(/\x1b\[K/g, '').trim()).filter(Boolean)) if (frames.at(-1) !== f) frames.push(f);
  return { frames, code: r.status };
}

beforeAll(async () => {
  await generate(40_000, csv);
  await generate(2_000, small);
}, 60_000);

describe('progress on a terminal', () => {
  it('convert: a bar while reading, then each step by name, never a bar at 100%', () => {
    const { frames, code } = onTerminal(['convert', mapping, '--input', csv, '--out', out]);
    expect(code).toBe(0);
    const named = (re: RegExp): number => frames.findIndex((f) => re.test(f));
    const reading = named(/sentencing-bench\.yaml \[#*-*\] +\d+%/);
    const checks = named(/^checking the cube: 21 integrity constraints/);
    const metadata = named(/^writing the vocabulary and the metadata/);
    const stars = named(/^checking five stars/);
    expect(reading).toBeGreaterThanOrEqual(0);
    expect(checks).toBeGreaterThan(reading);
    expect(metadata).toBeGreaterThan(checks);
    expect(stars).toBeGreaterThan(metadata);
    expect(frames.filter((f) => /\] 100%/.test(f))).toEqual([]);
    // The summary and the five-star table still print as before.
    expect(frames.some((f) => /^validation +no violations/.test(f))).toBe(true);
  });

  it('validate: loading, the integrity constraints and the shapes, each named', () => {
    const dumps = join(work, 'small-out');
    expect(spawnSync(process.execPath, [bin, 'convert', mapping, '--input', small, '--out', dumps, '--format', 'nt', '--no-metadata', '-q']).status).toBe(0);
    const { frames, code } = onTerminal(['validate', join(dumps, 'sentencing-bench.nt'), '--mapping', mapping]);
    expect(code).toBe(0);
    expect(frames.some((f) => /^loading the graph of sentencing-bench\.nt/.test(f))).toBe(true);
    expect(frames.some((f) => /^the 21 integrity constraints on [\d,]+ triples/.test(f))).toBe(true);
  });

  it('is silent with --quiet, and when stderr is not a terminal', () => {
    const quiet = onTerminal(['convert', mapping, '--input', small, '--out', join(work, 'quiet'), '--quiet']);
    expect(quiet.frames.filter((f) => /\[#*-*\]|^checking|^writing/.test(f))).toEqual([]);
    const piped = spawnSync(process.execPath, [bin, 'convert', mapping, '--input', small, '--out', join(work, 'piped')], { encoding: 'utf8' });
    expect(piped.stderr).not.toMatch(/\[#*-*\]|\r/);
  });
});
