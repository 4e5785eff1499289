/**
 * Issue 18, points 3 and 4: a run killed at any moment never leaves a folder that mixes two
 * runs' files, two runs on one folder cannot interleave, and Ctrl-C / SIGTERM clean up.
 * The kills are real (SIGKILL from inside the process just before the n-th rename, through
 * JUSTICE_LOD_KILL_AT_RENAME, and at random moments from outside); the checks read the folder
 * as any user would, with an independent SHA-256 of each file against metadata.ttl.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { recoverBeforeReading } from '../../src/release/recover.js';
import { smallCubeCsv, smallCubeMapping } from '../support/small-cube.js';
import { tempDir, writeFile } from '../support/tmp.js';

const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
const dir = tempDir('jlod-kills-');
const DUMPS = ['kills.nt', 'kills.ttl'];

const csv = smallCubeCsv;

writeFile(dir, 'old.csv', csv(3, 0));
writeFile(dir, 'new.csv', csv(3, 1));
writeFile(dir, 'big.csv', csv(400, 2));
const mapping = writeFile(dir, 'kills.yaml', smallCubeMapping('kills', 'old.csv'));

function run(args: string[], env: Record<string, string> = {}): { status: number | null; signal: NodeJS.Signals | null; out: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, signal: r.signal, out: `${r.stdout}${r.stderr}` };
}

const convertArgs = (out: string, input: string): string[] => ['convert', mapping, '--input', join(dir, input), '--out', out, '--issued', '2025-01-30', '--quiet', '--no-validate'];
// (--no-validate: the checks do not touch the commit, and the runs are twice as quick.)

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const hashes = (folder: string, names: readonly string[]): string[] => names.map((n) => (existsSync(join(folder, n)) ? sha(join(folder, n)) : 'absent'));

/** Every file metadata.ttl names is beside it with the SHA-256 it states. */
function checksumsHold(folder: string, files = 4): string[] {
  const quads = new Parser().parse(readFileSync(join(folder, 'metadata.ttl'), 'utf8'));
  const value = new Map(quads.filter((q) => q.predicate.value.endsWith('spdx.org/rdf/terms#checksumValue')).map((q) => [q.subject.value, q.object.value]));
  const problems: string[] = [];
  let checked = 0;
  for (const q of quads.filter((x) => x.predicate.value === 'http://www.w3.org/ns/dcat#downloadURL')) {
    const file = join(folder, decodeURIComponent(q.object.value.slice(q.object.value.lastIndexOf('/') + 1)));
    const expected = value.get(`${q.subject.value}/checksum`);
    checked++;
    if (!existsSync(file)) problems.push(`${file} missing`);
    else if (sha(file) !== expected) problems.push(`${file}: checksum does not match metadata.ttl`);
  }
  if (checked < files) problems.push(`only ${checked} files named in metadata.ttl`);
  return problems;
}

/** Names this tool gives to work in progress: none may be left once a folder is recovered. */
const leftovers = (folder: string): string[] => readdirSync(folder).filter((n) => /\.tmp-|staging|\.partial-|\.old-|\.lock$/.test(n));

describe('convert: a kill at any rename leaves the old set or the new set', () => {
  const old = join(dir, 'old-ref');
  const fresh = join(dir, 'new-ref');
  beforeAll(() => {
    // The two sets a kill may leave: the folder before the run, and the run's own result.
    expect(run(convertArgs(old, 'old.csv')).status).toBe(0);
    expect(run(convertArgs(fresh, 'new.csv')).status).toBe(0);
  });

  it('holds at every rename of the run', () => {
    const oldDumps = hashes(old, DUMPS);
    const newDumps = hashes(fresh, DUMPS);
    expect(oldDumps).not.toEqual(newDumps);
    const outcomes: string[] = [];
    for (let n = 1; n < 40; n++) {
      const out = join(dir, `k${n}`);
      cpSync(old, out, { recursive: true });
      const r = run(convertArgs(out, 'new.csv'), { JUSTICE_LOD_KILL_AT_RENAME: String(n) });
      if (r.status === 0) {
        expect(hashes(out, DUMPS), 'a run with fewer renames than n completes').toEqual(newDumps);
        break;
      }
      expect(r.signal, r.out).toBe('SIGKILL');
      const committed = readdirSync(out).some((s) => s.startsWith('.justice-lod-staging-') && existsSync(join(out, s, '.committed')));
      // Before any recovery: the old set, untouched, unless the new set's commit point has passed.
      if (!committed) expect(hashes(out, [...DUMPS, 'metadata.ttl']), `kill at rename ${n}`).toEqual(hashes(old, [...DUMPS, 'metadata.ttl']));
      recoverBeforeReading(out); // what the next convert, validate, query or release does first
      expect(hashes(out, DUMPS), `kill at rename ${n}`).toEqual(committed ? newDumps : oldDumps);
      expect(checksumsHold(out), `kill at rename ${n}`).toEqual([]);
      expect(leftovers(out).filter((x) => !x.endsWith('.lock')), `kill at rename ${n}`).toEqual([]);
      outcomes.push(committed ? 'new' : 'old');
      rmSync(out, { recursive: true, force: true });
    }
    // Renames of dumps, vocabulary, metadata, five-star.json, the commit point, then the moves.
    expect(outcomes.length).toBeGreaterThanOrEqual(10);
    expect(outcomes).toContain('old');
    expect(outcomes).toContain('new');
  }, 600_000);

  it('the next convert after a kill takes over the stale lock and finishes the folder', () => {
    const out = join(dir, 'next');
    cpSync(old, out, { recursive: true });
    expect(run(convertArgs(out, 'new.csv'), { JUSTICE_LOD_KILL_AT_RENAME: '1:kills.ttl' }).signal).toBe('SIGKILL');
    expect(readdirSync(out)).toContain('.justice-lod.lock');
    const r = run(convertArgs(out, 'new.csv'));
    expect(r.status, r.out).toBe(0);
    expect(hashes(out, DUMPS)).toEqual(hashes(fresh, DUMPS));
    expect(checksumsHold(out)).toEqual([]);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);

  it('survives kills at random moments (seeded)', async () => {
    let seed = 18;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const started = Date.now();
    expect(run(convertArgs(join(dir, 'timed'), 'new.csv')).status).toBe(0);
    const took = Date.now() - started;
    const rounds = Number(process.env.JLOD_SOAK_ROUNDS ?? 4);
    const seen = new Set<string>();
    for (let i = 0; i < rounds; i++) {
      const out = join(dir, `soak${i}`);
      cpSync(old, out, { recursive: true });
      const child = spawn(process.execPath, [bin, ...convertArgs(out, 'new.csv')], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * took * 1.1));
      await new Promise((resolve) => child.on('exit', resolve));
      clearTimeout(timer);
      recoverBeforeReading(out);
      const dumps = hashes(out, DUMPS);
      const which = JSON.stringify(dumps) === JSON.stringify(hashes(old, DUMPS)) ? 'old' : JSON.stringify(dumps) === JSON.stringify(hashes(fresh, DUMPS)) ? 'new' : 'mixed';
      expect(which, `round ${i}`).not.toBe('mixed');
      expect(checksumsHold(out), `round ${i}`).toEqual([]);
      seen.add(which);
      rmSync(out, { recursive: true, force: true });
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 600_000);
});

describe('two runs on one folder', () => {
  it('the second is refused with JL709 naming the live run, not interleaved', () => {
    const out = join(dir, 'locked');
    expect(run(convertArgs(out, 'old.csv')).status).toBe(0);
    const before = hashes(out, [...DUMPS, 'metadata.ttl']);
    // This test's own process stands for a run in progress.
    writeFileSync(join(out, '.justice-lod.lock'), `${JSON.stringify({ pid: process.pid, started: '2026-11-30T00:00:00Z' })}\n`);
    const r = run(convertArgs(out, 'new.csv'));
    expect(r.status).toBe(2);
    expect(r.out).toMatch(/JL709/);
    expect(r.out).toContain(`pid ${process.pid}`);
    expect(hashes(out, [...DUMPS, 'metadata.ttl'])).toEqual(before);
    rmSync(join(out, '.justice-lod.lock'));
  }, 60_000);

  it('started together, they never leave metadata whose checksums do not match the dumps', async () => {
    const out = join(dir, 'race');
    for (let round = 0; round < 2; round++) {
      const runs = ['old.csv', 'new.csv'].map((input) => new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [bin, ...convertArgs(out, input)], { stdio: 'ignore' });
        child.on('exit', (code) => resolve(code));
      }));
      const codes = await Promise.all(runs);
      expect(codes.every((c) => c === 0 || c === 2), String(codes)).toBe(true);
      expect(codes).toContain(0);
      expect(checksumsHold(out), `round ${round}`).toEqual([]);
      expect(leftovers(out)).toEqual([]);
    }
  }, 300_000);
});

describe('Ctrl-C and SIGTERM', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} removes the run's temporary files, staging folder and lock (exit ${code})`, async () => {
      const out = join(dir, `sig-${signal}`);
      expect(run(convertArgs(out, 'old.csv')).status).toBe(0);
      const before = hashes(out, [...DUMPS, 'metadata.ttl']);
      const child = spawn(process.execPath, [bin, ...convertArgs(out, 'big.csv')], { stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      // Wait until the run is writing (a temporary file in its staging folder), then interrupt.
      const writing = (): boolean => readdirSync(out).some((s) => s.startsWith('.justice-lod-staging-') && readdirSync(join(out, s)).some((f) => f.includes('.tmp-')));
      for (let i = 0; i < 600 && !writing(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(writing()).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(leftovers(out)).toEqual([]);
      expect(hashes(out, [...DUMPS, 'metadata.ttl'])).toEqual(before);
    }, 120_000);
  }

  it('a later run removes what a SIGKILLed run left (by pid)', () => {
    const out = join(dir, 'stale');
    expect(run(convertArgs(out, 'old.csv')).status).toBe(0);
    // Left by a process that no longer runs (pid 2^22 + 1 is above Linux's pid_max default).
    const dead = 4194305;
    writeFileSync(join(out, `.kills.nt.tmp-${dead}-abc`), 'half a dump');
    cpSync(join(out, 'kills.nt'), join(out, `.justice-lod-staging-${dead}`, 'kills.nt'), { recursive: true });
    writeFileSync(join(out, '.justice-lod.lock'), `${JSON.stringify({ pid: dead, started: '2026-01-01T00:00:00Z' })}\n`);
    // One of a live process (this test) is left alone.
    writeFileSync(join(out, `.kills.ttl.tmp-${process.pid}-abc`), 'in progress');
    expect(run(convertArgs(out, 'new.csv')).status).toBe(0);
    expect(leftovers(out)).toEqual([`.kills.ttl.tmp-${process.pid}-abc`]);
  }, 60_000);
});

describe('release: a kill inside the swap loses nothing', () => {
  const releaseFile = (id: string, input: string): string =>
    writeFile(dir, `${id}-${input}.yaml`, `id: ${id}\nversion: "${input}"\nbase: https://example.org/\nout: rel\nformats: [nt]\ndatasets:\n  - mapping: kills.yaml\n    csv: ${input}\n`);
  for (const [label, at] of [['before the old release moves aside', '1:r1'], ['between the two renames', '1:.r1.partial-']] as const) {
    it(`killed ${label}: the next run finds a whole release at rel/r1`, () => {
      rmSync(join(dir, 'rel'), { recursive: true, force: true });
      expect(run(['release', releaseFile('r1', 'old.csv'), '--quiet']).status).toBe(0);
      const before = hashes(join(dir, 'rel/r1'), ['kills.nt', 'metadata.ttl']);
      const killed = run(['release', releaseFile('r1', 'new.csv'), '--quiet'], { JUSTICE_LOD_KILL_AT_RENAME: at });
      expect(killed.signal, killed.out).toBe('SIGKILL');
      recoverBeforeReading(join(dir, 'rel/r1'));
      const after = hashes(join(dir, 'rel/r1'), ['kills.nt', 'metadata.ttl']);
      if (label.startsWith('before')) expect(after).toEqual(before);
      else expect(after[0]).not.toEqual(before[0]);
      expect(checksumsHold(join(dir, 'rel/r1'), 2)).toEqual([]);
      expect(readdirSync(join(dir, 'rel')).filter((n) => n.startsWith('.r1.') && !n.endsWith('.lock'))).toEqual([]);
    }, 120_000);
  }
});
