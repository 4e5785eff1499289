import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rmSync } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { checkSpace, commitRename } from './faults.js';
import { onInterrupt } from './interrupt.js';
import { OutputError } from './io-error.js';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { releaseChunk } from './text-out.js';
import { ThreadHash } from './hash-thread.js';
import { InFlight } from './in-flight.js';
import { DirectFile } from './direct-file.js';
import { writeAll } from './write-all.js';

/** What a committed file holds, measured on the bytes written (after compression). */
export interface FileFacts {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
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
 * empty queue every time). gzip output goes through zlib's stream and is deterministic: Node
 * writes no file name and a zero mtime in the header.
 */
export class AtomicFile {
  private readonly temp: string;
  private readonly hash = createHash('sha256');
  /**
   * Plain files: hashed here while small (the hash thread takes longer to start than a small
   * file takes to hash), with a copy of their bytes kept; past EARLY_LIMIT the copy goes to
   * the hash thread and the rest follows it there. gzip files: here, as the compressor's bytes pass.
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
  /** gzip files: the compressor's stream and the pipeline's end. */
  private head: Writable | undefined;
  private done: Promise<void> | undefined;
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
      if (gzip) file.openGzip();
      else {
        if (direct) file.direct = await DirectFile.open(file.temp);
        // Not wanted, or not to be had on this filesystem: through the page cache.
        if (!file.direct) file.handle = await open(file.temp, 'w');
      }
    } catch (err) {
      file.forget();
      throw new OutputError(path, err);
    }
    return file;
  }

  private openGzip(): void {
    const measure = new Transform({
      transform: (chunk: Buffer, _enc, next) => {
        this.hash.update(chunk);
        this.size += chunk.length;
        next(null, chunk);
      },
    });
    const gzip = createGzip({ level: 6 });
    this.head = gzip;
    this.done = pipeline([gzip, measure, createWriteStream(this.temp)]);
    this.done.catch((err: Error) => (this.failure = new OutputError(this.path, err)));
  }

  /** Writes a chunk; waits only while more than the queue limit is still unwritten. */
  async write(chunk: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    try {
      checkSpace(this.path);
    } catch (err) {
      throw (this.failure = new OutputError(this.path, err));
    }
    if (this.head) {
      if (!this.head.write(chunk)) await Promise.race([once(this.head, 'drain'), this.done]);
      return;
    }
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.size += buf.length;
    const { handle, direct } = this;
    // A chunk of the converter's output is hashed once on disk (or copied for a direct write), then goes back to its pool.
    const reuse = typeof chunk !== 'string';
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
    const hashed = early
      ? this.chain.then(() => {
        if (reuse) releaseChunk(buf);
      })
      : this.chain.then(() => this.threadHash.update(buf, reuse)).then((back) => {
        if (back) releaseChunk(new Uint8Array(back));
      });
    // Queued until both written and hashed, so neither thread falls behind unbounded.
    const done = Promise.all([this.chain, hashed]).then(() => undefined, (err: Error) => {
      this.failure ??= new OutputError(this.path, err);
    });
    await this.inFlight.add(done, buf.length);
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
    if (this.head) {
      this.head.end();
      await this.done;
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
    if (this.head) {
      this.head.destroy();
      await this.done!.catch(() => undefined);
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
