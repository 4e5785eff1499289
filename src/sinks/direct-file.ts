import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { writeAll } from './write-all.js';

/** Bytes per write; a multiple of any block size a disk asks for. */
const BLOCK = 2 << 20;
/** Blocks on their way to disk (8 MiB) before the writer waits for the oldest. */
const BLOCKS = 4;
/** Offsets and lengths of direct writes are multiples of this (4 KiB covers 512-byte and 4K disks). */
const ALIGN = 4096;
/** Which way each block of a process's dumps is written: through the page cache, or direct. */
export interface WritePolicy {
  /** Whether the next `bytes` go through the cache (taken from what it allows) or direct. */
  take(bytes: number): boolean;
  /** A block's write took `ms`, through the cache or direct. */
  took?(cached: boolean, ms: number): void;
}

/** A fixed page-cache allowance: blocks go through the cache while it lasts, then direct (none with `JUSTICE_LOD_DIRECT_IO=always`; tests). */
export class CacheAllowance implements WritePolicy {
  constructor(private left: number) {}

  /** Takes `bytes` from the allowance; false (and nothing taken) when too little is left. */
  take(bytes: number): boolean {
    if (this.left < bytes) return false;
    this.left -= bytes;
    return true;
  }
}

/** Blocks written through the cache before the first direct one is tried (64 MiB: small dumps never are). */
const WARM_BLOCKS = 32;
/** One block in this many goes the other way, so that both times stay current. */
const PROBE_EVERY = 16;
/** Weight of the newest block in the time of the way most blocks take, and of the way tried one block in 16 (which must catch up within a few of its blocks). */
const WEIGHT = 0.25;
const PROBE_WEIGHT = 0.5;

/**
 * Each block the way that has lately written blocks faster. On this shared VM neither way is
 * always the better one, and the two swap within the hour: some hours the disk is quick (4 GB
 * direct in 5 s) while each cached page costs the kernel a host fault (8 s of system time for
 * the same 4 GB), other hours the disk crawls (a 4.2 GB dump took 62–87 s direct, against 21 s
 * with this policy). The first 64 MiB go through the cache, as any program's output does; then
 * both ways are timed block by block, four blocks in flight either way: through the cache the
 * kernel's copying and page faults (work on the CPU: counted in the share of the machine that
 * the conversion's two busy threads hold, all of it on two cores), direct the disk. Each block
 * goes the way with the shorter recent time, and one in 16 the other way to keep its time
 * current. (Counting a direct block as a quarter of its time, the four in flight sharing the
 * wait, chose direct too often: a 1.9 GB dump took 30–46 s against 8–24 s.) Through the cache
 * at most a fifth of memory, the kernel's default `dirty_ratio`: past that it makes the writer
 * wait for the disk anyway, and every other file would be pushed out.
 */
export class AdaptivePolicy implements WritePolicy {
  private blocks = 0;
  private cachedMs = NaN;
  private directMs = NaN;

  /** `cpuShare`: the part of a cached write's time the run loses (two busy threads over the cores). */
  constructor(private left: number, private readonly cpuShare = Math.min(1, 2 / availableParallelism())) {}

  take(bytes: number): boolean {
    if (this.left < bytes) return false;
    const n = this.blocks++;
    let cached: boolean;
    if (n < WARM_BLOCKS || Number.isNaN(this.cachedMs)) cached = true;
    else if (Number.isNaN(this.directMs)) cached = false;
    else cached = (this.costs.cached <= this.costs.direct) !== (n % PROBE_EVERY === 0);
    if (cached) this.left -= bytes;
    return cached;
  }

  took(cached: boolean, ms: number): void {
    const { cached: c, direct: d } = this.costs;
    const w = (cached ? c > d : c <= d) ? PROBE_WEIGHT : WEIGHT;
    if (cached) this.cachedMs = Number.isNaN(this.cachedMs) ? ms : this.cachedMs + w * (ms - this.cachedMs);
    else this.directMs = Number.isNaN(this.directMs) ? ms : this.directMs + w * (ms - this.directMs);
  }

  /** What a block costs the run each way (ms), from the recent times. */
  get costs(): { cached: number; direct: number } {
    return { cached: this.cachedMs * this.cpuShare, direct: this.directMs };
  }
}

/** `JUSTICE_LOD_DIRECT_IO=always`: every block direct, none through the cache (tests, and disks shared with other work). */
const processPolicy: WritePolicy = process.env.JUSTICE_LOD_DIRECT_IO === 'always' ? new CacheAllowance(0) : new AdaptivePolicy(Math.floor(totalmem() / 5));

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
 * Blocks the write policy sends through the cache go through a second, ordinary handle on the
 * same file instead (same offsets, same bytes); the kernel keeps the two coherent.
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
    /** The ordinary handle, for the blocks the policy sends through the cache. */
    private readonly cached: FileHandle,
    private readonly policy: WritePolicy,
    blocks: Buffer[],
  ) {
    this.block = blocks.pop()!;
    this.free = blocks;
  }

  /** Opens (creates, truncates) `path` for direct writes, or undefined where they are not to be had. */
  static async open(path: string, policy = processPolicy): Promise<DirectFile | undefined> {
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
    return new DirectFile(handle, cached, policy, blocks);
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
    const cached = this.policy.take(BLOCK);
    const started = performance.now();
    const written = writeAll(cached ? this.cached : this.handle, block, this.position);
    this.writing.push(written.then(() => {
      this.policy.took?.(cached, performance.now() - started);
      this.free.push(block);
    }, (err: Error) => void (this.failure ??= err)));
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
      const handle = this.policy.take(padded) ? this.cached : this.handle;
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
