import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { commitRenameSync } from '../sinks/faults.js';
import { processAlive } from '../sinks/pids.js';
import { RELEASE_MARKER } from './marker.js';

/** The staging folder of a release being written, beside where it will go. */
export const stagingFor = (outDir: string): string => join(dirname(outDir), `.${basename(outDir)}.partial-${process.pid}`);

/** The lock file's name, in the folder that holds <out>/<id>. */
export const lockNameFor = (outDir: string): string => `.${basename(outDir)}.lock`;

/**
 * Replaces <out>/<id> with the finished staging folder. Two renames, done synchronously so
 * that Ctrl-C cannot fall between them; a SIGKILL between them is repaired by the next run
 * (`recoverRelease`): the staging folder holds the release marker only once it is complete.
 */
export function swapInto(staging: string, outDir: string): void {
  const old = join(dirname(outDir), `.${basename(outDir)}.old-${process.pid}`);
  const had = existsSync(outDir);
  if (had) commitRenameSync(outDir, old);
  commitRenameSync(staging, outDir);
  if (had) rmSync(old, { recursive: true, force: true });
}

/**
 * Repairs what killed releases of <out>/<id> left: with no <out>/<id>, a complete staging
 * folder goes in (the kill fell inside the swap), or else the previous release comes back;
 * then every leftover staging and old folder of a dead process goes.
 */
export function recoverRelease(outDir: string): void {
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  const name = basename(outDir);
  const left = readdirSync(parent)
    .map((entry) => ({ entry, m: /^\.(.+)\.(partial|old)-(\d+)$/.exec(entry) }))
    .filter(({ m }) => m && m[1] === name && !processAlive(Number(m[3])))
    .map(({ entry, m }) => ({ path: join(parent, entry), kind: m![2] as 'partial' | 'old' }));
  if (!existsSync(outDir)) {
    const complete = left.find((l) => l.kind === 'partial' && existsSync(join(l.path, RELEASE_MARKER)));
    const previous = left.find((l) => l.kind === 'old');
    const back = complete ?? previous;
    if (back) {
      commitRenameSync(back.path, outDir);
      left.splice(left.indexOf(back), 1);
    }
  }
  for (const l of left) rmSync(l.path, { recursive: true, force: true });
}
