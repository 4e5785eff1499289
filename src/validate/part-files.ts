import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A set of temporary files, one per part of a table that spilled to disk (parts split by a
 * key's hash), in a folder of their own that goes when the run ends, even on an early exit.
 */
export class PartFiles {
  private readonly dir: string;
  private readonly fds: number[] = [];
  private readonly cleanup = (): void => this.remove();

  constructor(prefix: string, readonly count: number) {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    for (let p = 0; p < count; p++) this.fds.push(openSync(join(this.dir, String(p)), 'w+'));
    process.once('exit', this.cleanup);
  }

  /** Appends bytes to part `p`. */
  write(p: number, bytes: Uint8Array): void {
    for (let off = 0; off < bytes.length; ) off += writeSync(this.fds[p]!, bytes, off);
  }

  /** Part `p`'s bytes; its file is closed and deleted. */
  take(p: number): Buffer {
    closeSync(this.fds[p]!);
    this.fds[p] = -1;
    const bytes = readFileSync(join(this.dir, String(p)));
    rmSync(join(this.dir, String(p)), { force: true });
    return bytes;
  }

  remove(): void {
    for (const fd of this.fds) if (fd >= 0) closeSync(fd);
    this.fds.fill(-1);
    rmSync(this.dir, { recursive: true, force: true });
    process.removeListener('exit', this.cleanup);
  }
}
