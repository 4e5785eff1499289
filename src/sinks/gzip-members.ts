import { availableParallelism } from 'node:os';
import { gzip } from 'node:zlib';

/**
 * Uncompressed bytes per gzip member. Each member starts its dictionary afresh; at 4 MiB that
 * costs 0.7% in size against one member on a sentencing dump (1 MiB: 2.7%, 8 MiB: 0.4%).
 */
export const MEMBER_BYTES = 4 << 20;
/** zlib's default level, as `gzip` and Node's stream use. */
const LEVEL = 6;
/** Members compressing at once: every core, within libuv's four threads (the file's writes share them). */
const IN_FLIGHT = Math.max(2, Math.min(4, availableParallelism()));

type Compressed = { readonly member: Buffer } | { readonly error: Error };

/**
 * gzip as a series of members, one for each 4 MiB of input, compressed on the thread pool
 * several at a time and handed on in order. One stream compresses on one thread: a 3.4 GB
 * N-Triples dump then took as long again as its conversion, the converter waiting for zlib and
 * zlib for the converter. A file of several members is still one gzip file (RFC 1952, 2.2):
 * gzip, zcat, zlib's gzread, Java's GZIPInputStream and Node's gunzip read it whole. The
 * members break at fixed offsets of the input, so the same bytes give the same file whichever
 * way they arrive (one process or workers).
 */
export class GzipMembers {
  private block: Buffer;
  private fill = 0;
  private members = 0;
  private readonly spare: Buffer[] = [];
  private readonly pending: Promise<Compressed>[] = [];

  /** `emit` takes each member in order, and is awaited before the next. */
  constructor(private readonly emit: (member: Buffer) => Promise<void>, private readonly inFlight = IN_FLIGHT) {
    this.block = Buffer.allocUnsafeSlow(MEMBER_BYTES);
  }

  /** Copies `bytes` in (the caller may reuse them at once); waits while every compression slot is busy. */
  async write(bytes: Uint8Array): Promise<void> {
    for (let off = 0; off < bytes.length; ) {
      const n = Math.min(bytes.length - off, MEMBER_BYTES - this.fill);
      this.block.set(n === bytes.length ? bytes : bytes.subarray(off, off + n), this.fill);
      this.fill += n;
      off += n;
      if (this.fill === MEMBER_BYTES) await this.send();
    }
  }

  /** Compresses what is left (an empty input still makes one member) and hands on every member. */
  async end(): Promise<void> {
    if (this.fill > 0 || this.members === 0) this.start();
    while (this.pending.length > 0) await this.next();
  }

  /** Waits for the compressions on their way, handing nothing on (a failed run). */
  async abort(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }

  private async send(): Promise<void> {
    this.start();
    while (this.pending.length >= this.inFlight) await this.next();
  }

  private start(): void {
    const block = this.block;
    const input = block.subarray(0, this.fill);
    this.pending.push(new Promise<Compressed>((resolve) => {
      gzip(input, { level: LEVEL }, (error, member) => {
        this.spare.push(block);
        resolve(error ? { error } : { member });
      });
    }));
    this.members++;
    this.block = this.spare.pop() ?? Buffer.allocUnsafeSlow(MEMBER_BYTES);
    this.fill = 0;
  }

  private async next(): Promise<void> {
    const done = await this.pending.shift()!;
    if ('error' in done) throw done.error;
    await this.emit(done.member);
  }
}
