import { rename } from 'node:fs/promises';
import { renameSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * The points where the fault tests break a run on purpose, to prove that no kill and no full
 * disk leaves a folder that mixes two runs or a half-written file. Unset (always, outside the
 * tests), each is a plain operation.
 *
 * - JUSTICE_LOD_KILL_AT_RENAME=n: SIGKILL just before the n-th rename that puts output in
 *   place; `n:name` counts only renames whose source's file name starts with `name`.
 * - JUSTICE_LOD_NO_SPACE=name: writes to files whose name starts with `name` fail as on a
 *   full disk (ENOSPC).
 */
const kill = /^(\d+)(?::(.+))?$/.exec(process.env.JUSTICE_LOD_KILL_AT_RENAME ?? '');
const killAt = kill ? Number(kill[1]) : 0;
const killOnly = kill?.[2];
const noSpace = process.env.JUSTICE_LOD_NO_SPACE || undefined;
let renames = 0;

function maybeDie(from: string): void {
  if (killAt > 0 && (!killOnly || basename(from).startsWith(killOnly)) && ++renames === killAt) process.kill(process.pid, 'SIGKILL');
}

export async function commitRename(from: string, to: string): Promise<void> {
  maybeDie(from);
  await rename(from, to);
}

export function commitRenameSync(from: string, to: string): void {
  maybeDie(from);
  renameSync(from, to);
}

/** Throws as a full disk would when the file's name is the one the tests named. */
export function checkSpace(path: string): void {
  if (noSpace && basename(path).startsWith(noSpace)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
}
