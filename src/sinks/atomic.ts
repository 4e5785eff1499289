import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { checkSpace, commitRename } from './faults.js';
import { onInterrupt } from './interrupt.js';
import { OutputError } from './io-error.js';
import { basename, dirname, join } from 'node:path';
import { releaseChunk } from './text-out.js';
import { ThreadHash } from './hash-thread.js';
import { InFlight } from './in-flight.js';
import { DirectFile } from './direct-file.js';
import { GzipMembers } from './gzip-members.js';
import { writeAll } from './write-all.js';

/** What a committed file holds, measured on the bytes written (after compression). */
export interface FileFacts {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Bytes lent to a file to write (a worker's output, in memory shared with it): `release`
 * gives them back once written and hashed. Without it they are the writer's own, and a
 * chunk of its pool goes back to the pool.
 */
export interface Lent {
  readonly bytes: Buffer;
  readonly release?: () => void;
}

/** Makes temporary names unique within a run. */
let serial = 0;

/** Bytes queued for the disk before the converter waits for them. */
const QUEUE_LIMIT = 8 << 20;
/** Bytes of a file hashed on the main thread before its hashing moves to the hash thread. */
const EARLY_LIMIT = 4 << 20;

/**
 * A file written through a temporary sibling and renamed into place on commit, so a failed
 * or interrupted run never leaves a half-written dump under the real name. The SHA-256 and
 * size are taken from the bytes as they go to disk, so the metadata needs no second read.
 * Plain files are written chunk by chunk in order with a queue of up to 8 MiB, so the
 * converter goes on while the disk catches up (a stream's "drain" would make it wait for an
 * empty queue every time). gzip files are compressed 4 MiB at a time on the thread pool
 * (GzipMembers) and are deterministic: zlib writes no file name and a zero mtime in each header.
 */
export class AtomicFile {
  private readonly temp: string;
  private readonly hash = createHash('sha256');
  /**
   * Plain files: hashed here while small (the hash thread takes longer to start than a small
   * file takes to hash), with a copy of their bytes kept; past EARLY_LIMIT the copy goes to
   * the hash thread and the rest follows it there. gzip files: here, as the compressed members pass.
   */
  private readonly threadHash = new ThreadHash();
  private early: Buffer[] | undefined = [];
  private size = 0;
  private failure: Error | undefined;
  /** Plain files: the open handle (or the direct writer), the chain of writes and the bytes waiting in it. */
  private handle: FileHandle | undefined;
  private direct: DirectFile | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly inFlight = new InFlight(QUEUE_LIMIT);
  /** gzip files: the compressor, which hands its members to `handle` (through `chain`, in order). */
  private gzip: GzipMembers | undefined;
  /** Ctrl-C or SIGTERM while the file is open removes the temporary file. */
  private readonly forget: () => void;

  private constructor(readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}${(serial++).toString(36)}`);
    const temp = this.temp;
    this.forget = onInterrupt(() => rmSync(temp, { force: true }));
  }

  /**
   * `direct`: a dump that may run to gigabytes, written past the page cache where the
   * filesystem allows (DirectFile); small files are better served by the cache.
   */
  static async open(path: string, gzip = false, direct = false): Promise<AtomicFile> {
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (err) {
      throw new OutputError(path, err);
    }
    const file = new AtomicFile(path);
    try {
      if (direct && !gzip) file.direct = await DirectFile.open(file.temp);
      // Not wanted, or not to be had on this filesystem: through the page cache (a gzip file is a few percent of its text).
      if (!file.direct) file.handle = await open(file.temp, 'w');
      if (gzip) file.gzip = new GzipMembers((member) => file.member(member));
    } catch (err) {
      file.forget();
      throw new OutputError(path, err);
    }
    return file;
  }

  /** A compressed member, in order: measured, hashed and written. */
  private async member(member: Buffer): Promise<void> {
    this.hash.update(member);
    this.size += member.length;
    await writeAll(this.handle!, member);
  }

  /**
   * Writes a chunk; waits only while more than the queue limit is still unwritten. `release`:
   * the bytes are lent (see Lent), and given back once written and hashed, or once the write
   * has failed.
   */
  async write(chunk: string | Buffer, release?: () => void): Promise<void> {
    if (this.failure) {
      release?.();
      throw this.failure;
    }
    try {
      checkSpace(this.path);
    } catch (err) {
      release?.();
      throw (this.failure = new OutputError(this.path, err));
    }
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    // Once written and hashed (gzip: once copied in), a chunk of the converter's output goes back to its pool, or lent bytes to their lender.
    const done = release ?? (typeof chunk === 'string' ? () => undefined : () => releaseChunk(buf));
    if (this.gzip) {
      const gzip = this.gzip;
      this.chain = this.chain.then(() => gzip.write(buf)).finally(done);
      try {
        await this.chain;
      } catch (err) {
        throw (this.failure ??= new OutputError(this.path, err));
      }
      return;
    }
    this.size += buf.length;
    const { handle, direct } = this;
    this.chain = this.chain.then(() => (direct ? direct.write(buf) : writeAll(handle!, buf)));
    if (this.early && this.size > EARLY_LIMIT) {
      // Sent now, in order, before any later chunk (those are sent once written); a failure shows at the digest.
      for (const copy of this.early) this.threadHash.update(copy, false).catch(() => undefined);
      this.early = undefined;
    }
    const early = this.early;
    if (early) {
      this.hash.update(buf);
      early.push(Buffer.from(buf));
    }
    // A chunk of the pool goes to the hash thread and comes back; lent bytes are hashed where they lie (shared memory), or copied.
    const hashed = early
      ? this.chain
      : this.chain.then(() => this.threadHash.update(buf, !release)).then((back) => {
        if (back) releaseChunk(new Uint8Array(back));
      });
    // Queued until both written and hashed, so neither thread falls behind unbounded.
    const written = Promise.all([this.chain, hashed]).then(() => undefined, (err: Error) => {
      this.failure ??= new OutputError(this.path, err);
    }).finally(early || release ? done : () => undefined);
    await this.inFlight.add(written, buf.length);
    if (this.failure) throw this.failure;
  }

  /** Waits until every chunk written so far is on disk (and hashed). */
  async idle(): Promise<void> {
    await this.inFlight.all();
    if (this.failure) throw this.failure;
  }

  /** Puts the finished file in place; a failure (a full disk at the last write) removes the temporary file. */
  async commit(): Promise<FileFacts> {
    try {
      return await this.finish();
    } catch (err) {
      await this.abort().catch(() => undefined);
      throw new OutputError(this.path, err);
    }
  }

  private async finish(): Promise<FileFacts> {
    if (this.gzip) {
      const gzip = this.gzip;
      await (this.chain = this.chain.then(() => gzip.end()));
      await this.handle!.close();
      await commitRename(this.temp, this.path);
      this.forget();
      return { path: this.path, bytes: this.size, sha256: this.hash.digest('hex') };
    }
    await this.idle();
    // The hash thread takes messages in order: the digest follows every chunk sent before it.
    const sha256 = this.early ? this.hash.digest('hex') : await this.threadHash.digest();
    await (this.direct ? this.direct.close() : this.handle!.close());
    await commitRename(this.temp, this.path);
    this.forget();
    return { path: this.path, bytes: this.size, sha256 };
  }

  async abort(): Promise<void> {
    if (this.gzip) {
      await this.chain.catch(() => undefined);
      await this.gzip.abort();
      await this.handle!.close().catch(() => undefined);
    } else {
      await this.inFlight.all();
      if (!this.early) await this.threadHash.digest().catch(() => undefined);
      await (this.direct ? this.direct.abort() : this.handle!.close()).catch(() => undefined);
    }
    await rm(this.temp, { force: true });
    this.forget();
  }
}

/** Writes a whole text file atomically (metadata, reports). */
export async function writeFileAtomic(path: string, text: string): Promise<FileFacts> {
  const file = await AtomicFile.open(path, path.endsWith('.gz'));
  await file.write(text);
  return file.commit();
}
