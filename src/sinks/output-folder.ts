import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSpace, commitRenameSync } from './faults.js';
import { OutputError } from './io-error.js';
import { onInterrupt } from './interrupt.js';
import { pidInName, processAlive } from './pids.js';

const LOCK = '.justice-lod.lock';
const STAGING = '.justice-lod-staging-';
/** Written in a staging folder when its set is complete: from then on the set goes in, even after a kill. */
const COMMITTED = '.committed';

/** Another live run holds the folder. */
export class FolderBusy extends Error {
  constructor(readonly dir: string, readonly holder: string) {
    super(`${dir} is being written by another justice-lod run (${holder}); wait for it to finish, or write to another folder`);
  }
}

/**
 * A lock on a folder for one run: a file created exclusively, holding the pid. A lock whose
 * process is gone (killed) is taken over. Released on exit and on Ctrl-C / SIGTERM.
 */
export function lockFolder(dir: string, lockName = LOCK): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, lockName);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify({ pid: process.pid, started: new Date().toISOString(), argv: process.argv.slice(2, 3) })}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = readLock(path);
      if (holder && processAlive(holder.pid)) throw new FolderBusy(dir, `pid ${holder.pid}, started ${holder.started}`);
      // Unreadable and seconds old: a run that is writing it this instant, not a stale lock.
      if (!holder && ageMs(path) < 5_000) throw new FolderBusy(dir, 'a run that has just started');
      rmSync(path, { force: true }); // its process is gone: the lock is stale
    }
  }
  let held = true;
  const forget = onInterrupt(() => rmSync(path, { force: true }));
  return () => {
    if (!held) return;
    held = false;
    forget();
    rmSync(path, { force: true });
  };
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Infinity; // gone meanwhile
  }
}

function readLock(path: string): { pid: number; started: string } | undefined {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; started?: unknown };
    return typeof o.pid === 'number' ? { pid: o.pid, started: String(o.started ?? '?') } : undefined;
  } catch {
    return undefined; // half-written by a run killed at that moment: stale
  }
}

/**
 * Finishes or undoes what killed runs left in `dir`: a staging folder whose set was complete
 * goes in (roll forward), any other staging folder and temporary file of a dead process goes.
 */
export function recoverFolder(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir)) {
    const pid = pidInName(name);
    if (pid === undefined || processAlive(pid)) continue;
    const path = join(dir, name);
    if (name.startsWith(STAGING) && existsSync(join(path, COMMITTED))) moveCommitted(path, dir);
    else if (name.startsWith(STAGING) || /^\..+\.tmp-\d+-/.test(name)) rmSync(path, { recursive: true, force: true });
  }
}

/** Moves a committed staging folder's files into place (in the order listed), then removes it. */
function moveCommitted(staging: string, dir: string): void {
  const names = readFileSync(join(staging, COMMITTED), 'utf8').split('\n').filter(Boolean);
  for (const name of names) {
    const from = join(staging, name);
    if (existsSync(from)) commitRenameSync(from, join(dir, name));
  }
  rmSync(staging, { recursive: true, force: true });
}

/**
 * An output folder written as one set: every file of the run is written into a staging folder
 * beside the others, and `commit` moves them all in. The commit point is one atomic write (the
 * list of files, `.committed`): a run killed before it leaves the folder as it was, one killed
 * after it is finished by the next run that opens the folder (`recoverFolder`). Two runs on one
 * folder at once are refused by a lock.
 */
export class OutputFolder {
  private readonly unlock: () => void;
  private readonly forgetStaging: () => void;
  private closed = false;

  private constructor(readonly dir: string, readonly staging: string, unlock: () => void, private readonly created: boolean) {
    this.unlock = unlock;
    // Ctrl-C before the commit point removes the set; after it, the set goes in.
    this.forgetStaging = onInterrupt(() => {
      if (existsSync(join(staging, COMMITTED))) moveCommitted(staging, dir);
      else rmSync(staging, { recursive: true, force: true });
    });
  }

  /** Locks `dir`, finishes what killed runs left in it, and makes this run's staging folder. */
  static open(dir: string): OutputFolder {
    const created = !existsSync(dir);
    const unlock = lockFolder(dir);
    try {
      recoverFolder(dir);
      const staging = join(dir, `${STAGING}${process.pid}`);
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      return new OutputFolder(dir, staging, unlock, created);
    } catch (err) {
      unlock();
      throw err;
    }
  }

  /** Where a file written in the staging folder will live once committed. */
  final(path: string): string {
    return path.startsWith(this.staging) ? join(this.dir, path.slice(this.staging.length + 1)) : path;
  }

  /** A message with the staging folder's paths named as where the files will be. */
  named(text: string): string {
    return text.split(this.staging).join(this.dir);
  }

  /** Moves every file of the staging folder into place, as one set. */
  commit(): void {
    if (this.closed) return;
    const names = readdirSync(this.staging).filter((n) => !n.startsWith('.')).sort(metadataLast);
    const list = join(this.staging, `${COMMITTED}.tmp-${process.pid}-0`);
    try {
      checkSpace(COMMITTED);
      writeFileSync(list, names.map((n) => `${n}\n`).join(''));
    } catch (err) {
      throw new OutputError(this.dir, err);
    }
    commitRenameSync(list, join(this.staging, COMMITTED));
    moveCommitted(this.staging, this.dir);
    this.close();
  }

  /** Removes the staging folder: the folder keeps what it held before the run. */
  abort(): void {
    if (this.closed) return;
    rmSync(this.staging, { recursive: true, force: true });
    this.close();
  }

  private close(): void {
    this.closed = true;
    this.forgetStaging();
    this.unlock();
    // A run that wrote nothing leaves no empty folder of its own making behind.
    if (this.created && readdirSync(this.dir).length === 0) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The metadata goes in last, so a reader that does not recover sees the old metadata until the dumps are in. */
function metadataLast(a: string, b: string): number {
  const rank = (n: string): number => (n.startsWith('metadata.') ? 2 : n === 'five-star.json' ? 1 : 0);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
