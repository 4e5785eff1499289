import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { writeAll } from './write-all.js';

/** Bytes per write; a multiple of any block size a disk asks for. */
const BLOCK = 2 << 20;
/** Blocks on their way to disk (8 MiB) before the writer waits for the oldest. */
const BLOCKS = 4;
/** Offsets and lengths of direct writes are multiples of this (4 KiB covers 512-byte and 4K disks). */
const ALIGN = 4096;
/** Bytes of dumps a process writes through the page cache before it writes past it. */
const CACHED_BYTES = 1 << 30;

/**
 * What is left of a process's page-cache allowance for dumps. The first gigabyte goes through
 * the cache as any program's output does: the run ends when the kernel has the bytes, not when
 * the disk has written them (a 557 MB dump: 2.5–3.0 s cached against 2.3–12.7 s direct on this
 * VM's shared disk, which is slowest while an earlier run's pages are still being written out).
 * Past it, a dump of gigabytes would cost the kernel a page per 4 KiB and push every other
 * file out of the cache, so the rest is written direct.
 */
export class CacheAllowance {
  constructor(private left: number) {}

  /** Takes `bytes` from the allowance; false (and nothing taken) when too little is left. */
  take(bytes: number): boolean {
    if (this.left < bytes) return false;
    this.left -= bytes;
    return true;
  }
}

/** `JUSTICE_LOD_DIRECT_IO=always`: every block direct, none through the cache (tests, and disks shared with other work). */
const processAllowance = new CacheAllowance(process.env.JUSTICE_LOD_DIRECT_IO === 'always' ? 0 : CACHED_BYTES);

/**
 * A file written with O_DIRECT: the bytes go from our own buffers to the disk, not through
 * the page cache. A dump of gigabytes written through the page cache costs the kernel a page
 * for every 4 KiB; in a VM whose free memory goes back to the host, each page is a fault on
 * the host too: 27 s of system time for a 4.7 GB dump here, against under 1 s direct.
 *
 * Direct writes must start at aligned offsets, from aligned memory, in aligned lengths, so
 * bytes are copied into aligned 2 MiB blocks and written a block at a time; the last partial
 * block is written as whole pages and the file cut to its size. Where the filesystem or platform has no O_DIRECT,
 * `open` answers undefined and the caller writes as usual.
 *
 * While the process's cache allowance lasts, blocks go through a second, ordinary handle on
 * the same file instead (same offsets, same bytes); the kernel keeps the two coherent.
 */
export class DirectFile {
  private readonly free: Buffer[];
  private block: Buffer;
  private fill = 0;
  private position = 0;
  private readonly writing: Promise<void>[] = [];
  private failure: Error | undefined;

  private constructor(
    private readonly handle: FileHandle,
    /** The ordinary handle, for blocks written within the cache allowance. */
    private readonly cached: FileHandle,
    private readonly allowance: CacheAllowance,
    blocks: Buffer[],
  ) {
    this.block = blocks.pop()!;
    this.free = blocks;
  }

  /** Opens (creates, truncates) `path` for direct writes, or undefined where they are not to be had. */
  static async open(path: string, allowance = processAllowance): Promise<DirectFile | undefined> {
    if (process.env.JUSTICE_LOD_DIRECT_IO === '0' || !constants.O_DIRECT) return undefined;
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_DIRECT, 0o666);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EINVAL') return undefined;
      throw err;
    }
    const pool = Buffer.allocUnsafeSlow(BLOCK * BLOCKS + ALIGN);
    const start = await alignedStart(handle, pool);
    if (start === undefined) {
      await handle.close();
      return undefined;
    }
    let cached: FileHandle;
    try {
      cached = await open(path, 'r+');
    } catch (err) {
      await handle.close();
      throw err;
    }
    const blocks = Array.from({ length: BLOCKS }, (_, i) => pool.subarray(start + i * BLOCK, start + (i + 1) * BLOCK));
    return new DirectFile(handle, cached, allowance, blocks);
  }

  /** Copies `bytes` in; waits only while every block is on its way to disk. */
  async write(bytes: Uint8Array): Promise<void> {
    for (let off = 0; off < bytes.length; ) {
      if (this.failure) throw this.failure;
      const n = Math.min(bytes.length - off, BLOCK - this.fill);
      this.block.set(n === bytes.length ? bytes : bytes.subarray(off, off + n), this.fill);
      this.fill += n;
      off += n;
      if (this.fill === BLOCK) await this.send();
    }
  }

  private async send(): Promise<void> {
    const block = this.block;
    const handle = this.allowance.take(BLOCK) ? this.cached : this.handle;
    this.writing.push(writeAll(handle, block, this.position).then(() => void this.free.push(block), (err: Error) => void (this.failure ??= err)));
    this.position += BLOCK;
    this.fill = 0;
    while (this.free.length === 0 && !this.failure) await this.writing.shift();
    if (this.failure) throw this.failure;
    this.block = this.free.pop()!;
  }

  /** Writes what is left and closes; the file then holds every byte written, in order. */
  async close(): Promise<void> {
    try {
      await Promise.all(this.writing);
      if (this.failure) throw this.failure;
      // The last block, padded with zeros to whole pages, then cut to the exact size; the cut
      // also ends a file shorter than the page the alignment probe wrote.
      const padded = Math.ceil(this.fill / ALIGN) * ALIGN;
      this.block.fill(0, this.fill, padded);
      const handle = this.allowance.take(padded) ? this.cached : this.handle;
      if (padded > 0) await writeAll(handle, this.block.subarray(0, padded), this.position);
      await this.handle.truncate(this.position + this.fill);
    } finally {
      await Promise.all([this.handle.close(), this.cached.close()]);
    }
  }

  /** Waits for writes on their way, then closes without writing the rest. */
  async abort(): Promise<void> {
    await Promise.allSettled(this.writing);
    await Promise.all([this.handle.close(), this.cached.close()]);
  }
}

/**
 * Where in `pool` an aligned block starts: the memory's alignment cannot be read from
 * JavaScript, so it is found by trying a direct write of one aligned length at offset 0
 * from each 8-byte step (the kernel refuses a misaligned buffer with EINVAL).
 */
async function alignedStart(handle: FileHandle, pool: Buffer): Promise<number | undefined> {
  for (let at = 0; at < ALIGN; at += 8) {
    try {
      await handle.write(pool, at, ALIGN, 0);
      return at;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
    }
  }
  return undefined;
}
