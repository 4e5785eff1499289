import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LineError, lineParser, parseLines, viewOf, type LineParser } from './ntriples-lines.js';
import { gzipMembers } from './gzip-index.js';
import { PART_BYTES } from './ntriples-protocol.js';
import { THREADED_BYTES, type ThreadedOptions } from './ntriples-reader.js';
import { ReaderThreads, threadsAvailable, type OnTriple } from './ntriples-threads.js';

/**
 * An N-Triples file read as far as its consumer asks, synchronously: for a consumer that
 * needs only the triples up to some point, and works inside code that cannot wait for a
 * stream (the previous release, read as the new release's observations are compared with it).
 */
export interface TriplePuller {
  /** Hands the next triples (a batch, or a chunk's lines) to `onTriple`; false once the file is done. */
  pull(): boolean;
  /** Stops reading; the reader threads end. Also before the end, and more than once. */
  close(): Promise<void>;
}

/** No word from a reader thread for this long: it has died (a thread cannot say so while this one waits). */
const SILENCE_MS = 120_000;
const CHUNK_BYTES = 1 << 20;

/**
 * Opens an N-Triples file (or its gzip) to be read by `pull`: a large or gzipped file by
 * reader threads, which parse ahead (a few batches, no more) while the consumer works; a small
 * one, or any when the threads' module is not there (the sources, in the tests), on this
 * thread a chunk at a time. Triples come in the file's order; a syntax error throws from
 * `pull` with its line.
 */
export function pullNTriples(path: string, gzip: boolean, onTriple: OnTriple, opts: PullOptions = {}): TriplePuller {
  const { threads = 2, minBytes = THREADED_BYTES, partBytes = PART_BYTES, consumer } = opts;
  const size = statSync(path).size;
  // A consumer's batches are its thread's state: one thread reads the file.
  if (threadsAvailable() && (gzip || size >= minBytes)) {
    // A gzip file whose members say their sizes is read as a plain one is, its members the parts.
    const members = gzip ? gzipMembers(path) : undefined;
    return new ThreadPuller(new ReaderThreads(path, gzip, (gzip && !members) || consumer ? 1 : threads, size, partBytes, true, consumer?.module, members), onTriple, consumer?.onPayload);
  }
  return new LocalPuller(path, gzip, onTriple);
}

export interface PullOptions extends ThreadedOptions {
  /**
   * Where the file is read by a thread, the triples go to this module's `ThreadConsumer` in
   * that thread, and `onPayload` gets its batches instead of `onTriple` the triples. (Read on
   * this thread, the triples go to `onTriple`: the caller does the consumer's work itself.)
   */
  readonly consumer?: { readonly module: URL; readonly onPayload: (payload: unknown) => void };
}

class ThreadPuller implements TriplePuller {
  private done = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly set: ReaderThreads,
    private readonly onTriple: OnTriple,
    private readonly onPayload?: (payload: unknown) => void,
  ) {
    // A consumer that never finishes (its run failed) does not keep the process alive.
    for (const w of set.workers) w.unref();
  }

  pull(): boolean {
    if (this.done) return false;
    try {
      if (this.set.handle(this.set.next(SILENCE_MS), this.onTriple, undefined, this.onPayload)) return true;
    } catch (err) {
      void this.close();
      throw err;
    }
    void this.close();
    return false;
  }

  close(): Promise<void> {
    this.done = true;
    return (this.closing ??= this.set.terminate());
  }
}

class LocalPuller implements TriplePuller {
  private readonly parser: LineParser;
  /** The whole of a gzipped file (read this way only where there are no threads: the tests). */
  private readonly inflated: Buffer | undefined;
  private fd: number | undefined;
  private position = 0;
  private carry: Buffer | undefined;
  private done = false;

  constructor(
    private readonly path: string,
    gzip: boolean,
    onTriple: OnTriple,
  ) {
    this.parser = lineParser(onTriple);
    if (gzip) this.inflated = gunzipSync(readFileSync(path));
    else this.fd = openSync(path, 'r');
  }

  pull(): boolean {
    if (this.done) return false;
    try {
      const chunk = this.read();
      if (!chunk) {
        this.done = true;
        this.close();
        // The last line, if the file does not end with a \n.
        if (this.carry) this.parser.line(this.carry, viewOf(this.carry), 0, this.carry.length);
        return false;
      }
      const text = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
      const rest = parseLines(this.parser, text);
      this.carry = rest < text.length ? text.subarray(rest) : undefined;
      return true;
    } catch (err) {
      this.done = true;
      void this.close();
      throw err instanceof LineError ? new Error(`line ${err.line} of ${this.path}: ${err.reason}`) : err;
    }
  }

  close(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    return Promise.resolve();
  }

  /** The next chunk of the file, or undefined at its end. */
  private read(): Buffer | undefined {
    if (this.inflated) {
      const chunk = this.inflated.subarray(this.position, this.position + CHUNK_BYTES);
      this.position += chunk.length;
      return chunk.length ? chunk : undefined;
    }
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    const got = this.fd === undefined ? 0 : readSync(this.fd, buf, 0, CHUNK_BYTES, this.position);
    this.position += got;
    return got ? buf.subarray(0, got) : undefined;
  }
}
