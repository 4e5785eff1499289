/**
 * Issue 18, point 5: a full disk in any phase of `convert` or `release` (dumps, vocabulary,
 * metadata, five-star report, the commit itself) is JL402 "no space left on …" naming the
 * path, exit 1, with the folder as it was and nothing half-written left behind. Each phase is
 * hit through JUSTICE_LOD_NO_SPACE (the file's writes fail with ENOSPC); one run fills a real
 * 256 KiB tmpfs where the machine lets the tests mount one.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smallCubeCsv, smallCubeMapping } from '../support/small-cube.js';
import { tempDir, writeFile } from '../support/tmp.js';

const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
const dir = tempDir('jlod-full-');

const csv = smallCubeCsv;
writeFile(dir, 'old.csv', csv(3, 0));
writeFile(dir, 'new.csv', csv(3, 1));
writeFile(dir, 'big.csv', csv(200, 2));
const mapping = writeFile(dir, 'full.yaml', smallCubeMapping('full', 'old.csv'));

function run(args: string[], env: Record<string, string> = {}): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Every file of a folder (dot files too) with its SHA-256. */
function contents(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(folder).sort()) out[n] = createHash('sha256').update(readFileSync(join(folder, n))).digest('hex');
  return out;
}

function expectCleanFailure(r: { status: number | null; out: string }, named: string): void {
  expect(r.status, r.out).toBe(1);
  expect(r.out).toMatch(/JL402/);
  expect(r.out).toContain(`no space left on the device holding ${named}`);
  expect(r.out).not.toMatch(/internal error|\n\s+at .*\.js:\d+/);
  expect(r.out).not.toMatch(/staging|\.partial-|\.tmp-/);
}

describe('convert with a full disk', () => {
  const phases = [['the dumps', 'full.nt'], ['the vocabulary', 'justice-vocabulary.ttl'], ['the metadata', 'metadata.ttl'], ['the five-star report', 'five-star.json']] as const;
  for (const [phase, file] of phases) {
    it(`in ${phase}: JL402 naming ${file}, exit 1, the folder as it was`, () => {
      const out = join(dir, `c-${file.replace(/\W/g, '-')}-out`);
      expect(run(['convert', mapping, '--out', out, '--quiet', '--no-validate']).status).toBe(0);
      const before = contents(out);
      const r = run(['convert', mapping, '--input', join(dir, 'new.csv'), '--out', out, '--no-validate'], { JUSTICE_LOD_NO_SPACE: file });
      expectCleanFailure(r, join(out, file));
      expect(contents(out)).toEqual(before);
    }, 60_000);
  }

  it('at the commit point: exit 1, the folder as it was', () => {
    const out = join(dir, 'c-commit');
    expect(run(['convert', mapping, '--out', out, '--quiet', '--no-validate']).status).toBe(0);
    const before = contents(out);
    const r = run(['convert', mapping, '--input', join(dir, 'new.csv'), '--out', out, '--quiet', '--no-validate'], { JUSTICE_LOD_NO_SPACE: '.committed' });
    expectCleanFailure(r, out);
    expect(contents(out)).toEqual(before);
  }, 60_000);
});

describe('release with a full disk', () => {
  const releaseFile = writeFile(dir, 'r.yaml', 'id: r1\nversion: "1"\nbase: https://example.org/\nout: rel\nformats: [nt, ttl]\ndatasets:\n  - mapping: full.yaml\n    csv: new.csv\n');
  writeFile(dir, 'r0.yaml', 'id: r1\nversion: "0"\nbase: https://example.org/\nout: rel\nformats: [nt, ttl]\ndatasets:\n  - mapping: full.yaml\n');
  for (const file of ['full.ttl', 'metadata.jsonld', '.justice-lod-release']) {
    it(`writing ${file}: JL402, exit 1, the previous release as it was`, () => {
      expect(run(['release', join(dir, 'r0.yaml'), '--quiet']).status).toBe(0);
      const before = contents(join(dir, 'rel/r1'));
      const r = run(['release', releaseFile, '--quiet'], { JUSTICE_LOD_NO_SPACE: file });
      expect(r.status, r.out).toBe(1);
      expect(r.out).toMatch(/JL402/);
      expect(r.out).toContain('no space left on the device holding');
      expect(r.out).not.toMatch(/internal error|\n\s+at .*\.js:\d+/);
      expect(contents(join(dir, 'rel/r1'))).toEqual(before);
      expect(readdirSync(join(dir, 'rel')).filter((n) => n !== 'r1')).toEqual([]);
    }, 60_000);
  }
});

/** A real, small file system: root in a container may mount tmpfs (CI does); elsewhere this is skipped. */
const mountPoint = join(dir, 'tiny');
mkdirSync(mountPoint);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
});

describe('a real full disk', () => {
  it.skipIf(!mounted)('a 256 KiB tmpfs fills during the dumps: JL402, exit 1, nothing left on it', () => {
    const out = join(mountPoint, 'out');
    const r = run(['convert', mapping, '--input', join(dir, 'big.csv'), '--out', out, '--no-validate']);
    expectCleanFailure(r, join(out, 'full.'));
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 60_000);
});
