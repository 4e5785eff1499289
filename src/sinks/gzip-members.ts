import { availableParallelism } from 'node:os';
import { gzip } from 'node:zlib';
import { MEMBER_BYTES, withMemberSize } from '../rdf/gzip-index.js';
/** zlib's default level, as `gzip` and Node's stream use. */
const LEVEL = 6;
/** Members compressing at once: every core, within libuv's four threads (the file's writes share them). */
const IN_FLIGHT = Math.max(2, Math.min(4, availableParallelism()));
const NEWLINE = 10;

type Compressed = { readonly member: Buffer } | { readonly error: Error };

/**
 * gzip as a series of members, compressed on the thread pool several at a time and handed on
 * in order. One stream compresses on one thread: a 3.4 GB N-Triples dump then took as long
 * again as its conversion, the converter waiting for zlib and zlib for the converter. A file
 * of several members is still one gzip file (RFC 1952, 2.2): gzip, zcat and Node's gunzip read
 * it whole.
 *
 * Each member holds whole lines, about 4 MiB of them (it ends at the last line end of its
 * 4 MiB, or goes on to the end of a longer line), and says its own compressed size in its
 * header (src/rdf/gzip-index.ts): a reader can then find every member without inflating any,
 * and parse them on several threads, as it does a plain file's parts. The cuts depend on the
 * text alone, so the same text gives the same file whichever way it arrives (one process or
 * workers).
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
      const n = Math.min(bytes.length - off, this.block.length - this.fill);
      this.block.set(n === bytes.length ? bytes : bytes.subarray(off, off + n), this.fill);
      this.fill += n;
      off += n;
      if (this.fill === this.block.length) await this.send();
    }
  }

  /** Compresses what is left (an empty input still makes one member) and hands on every member. */
  async end(): Promise<void> {
    if (this.fill > 0 || this.members === 0) this.start(this.fill);
    while (this.pending.length > 0) await this.next();
  }

  /** Waits for the compressions on their way, handing nothing on (a failed run). */
  async abort(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }

  /** A full block: its whole lines go; a block of one unfinished line grows until the line ends. */
  private async send(): Promise<void> {
    const cut = this.block.lastIndexOf(NEWLINE) + 1;
    if (cut === 0) {
      const longer = Buffer.allocUnsafeSlow(this.block.length * 2);
      this.block.copy(longer);
      this.block = longer;
      return;
    }
    this.start(cut);
    while (this.pending.length >= this.inFlight) await this.next();
  }

  /** Compresses the first `cut` bytes of the block; the rest starts the next. */
  private start(cut: number): void {
    const block = this.block;
    const input = block.subarray(0, cut);
    const next = this.spare.pop() ?? Buffer.allocUnsafeSlow(MEMBER_BYTES);
    // The rest of the block (part of a line) starts the next one, before this one is compressed.
    const rest = this.fill - cut;
    let into = next;
    if (rest > next.length) {
      this.spare.push(next);
      into = Buffer.allocUnsafeSlow(rest + MEMBER_BYTES);
    }
    block.copy(into, 0, cut, this.fill);
    this.pending.push(new Promise<Compressed>((resolve) => {
      gzip(input, { level: LEVEL }, (error, member) => {
        if (block.length === MEMBER_BYTES) this.spare.push(block);
        resolve(error ? { error } : { member: withMemberSize(member) });
      });
    }));
    this.members++;
    this.block = into;
    this.fill = rest;
  }

  private async next(): Promise<void> {
    const done = await this.pending.shift()!;
    if ('error' in done) throw done.error;
    await this.emit(done.member);
  }
}
