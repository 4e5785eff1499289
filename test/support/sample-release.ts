import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

export const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');

/** The built CLI, run from the repository's folder. */
export function cli(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder, and the release folder every sample mapping converts into (made by `convertSamples`). */
export function sampleRelease(): { work: string; release: string } {
  const work = tempDir();
  return { work, release: join(work, 'release') };
}

/** Converts every sample mapping into `release`, as the query and publish tests need it. */
export function convertSamples(release: string): { code: number | null; stderr: string } {
  return cli(['convert', 'mappings', '--out', release, '--quiet', '--issued', '2026-11-01']);
}
