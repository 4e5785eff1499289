import type { Term } from '@rdfjs/types';

/** Where a serializer puts its text: as strings, or as bytes cached per term. */
export interface TextOut {
  text(s: string): void;
  bytes(b: Uint8Array): void;
}

export const CHUNK = 1 << 20;

/**
 * Spare 1 MiB chunks, returned once written. Reusing them keeps the garbage collector out of
 * it: a fresh external buffer per MiB of output makes V8 run full collections for memory it
 * does not own.
 */
const spare: Buffer[] = [];

/** Where this thread's chunks come from first (a worker's shared slots), if anywhere. */
let source: (() => Buffer | undefined) | undefined;
/** Spare chunks kept for reuse. */
const SPARE_CHUNKS = 8;

function chunk(size: number): Buffer {
  return size <= CHUNK ? (source?.() ?? spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK)) : Buffer.allocUnsafeSlow(size);
}

/** Takes this thread's 1 MiB chunks from `next` while it has one (a worker's shared slots); undefined: no longer. */
export function takeChunksFrom(next: (() => Buffer | undefined) | undefined): void {
  source = next;
}

/** Gives a chunk (or a view of one) back once its bytes are written and no longer referenced. */
export function releaseChunk(view: Uint8Array): void {
  if (view.byteOffset === 0 && view.buffer.byteLength === CHUNK && spare.length < SPARE_CHUNKS) spare.push(Buffer.from(view.buffer, 0, CHUNK));
}

/** Lets the spare chunks go (before the end-of-run checks, which need memory of their own). */
export function dropSpareChunks(): void {
  spare.length = 0;
}

const EMPTY: Buffer = Buffer.alloc(0);

/**
 * Serialised text gathered as UTF-8 bytes in 1 MiB chunks. Copying a term's cached bytes is
 * several times cheaper than building the line as a string and encoding it at write time.
 */
export class ByteChunks implements TextOut {
  /** Empty until the first bytes: a worker's part takes its chunks only when it fills them. */
  private buf: Buffer = EMPTY;
  private len = 0;
  private done: Buffer[] = [];
  private doneBytes = 0;

  text(s: string): void {
    if (this.len + s.length * 3 > this.buf.length) this.roll(s.length * 3);
    this.len += this.buf.write(s, this.len);
  }

  bytes(b: Uint8Array): void {
    if (this.len + b.length > this.buf.length) this.roll(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Bytes waiting to be taken. */
  get size(): number {
    return this.doneBytes + this.len;
  }

  /** The chunks so far, in order; the next bytes go to a fresh chunk. */
  take(): Buffer[] {
    if (this.len > 0) {
      this.done.push(this.buf.subarray(0, this.len));
      this.doneBytes += this.len;
      // The next bytes take a chunk then (none is held for bytes that may never come).
      this.buf = EMPTY;
      this.len = 0;
    }
    const out = this.done;
    this.done = [];
    this.doneBytes = 0;
    return out;
  }

  private roll(need: number): void {
    if (this.len > 0) {
      this.done.push(this.buf.subarray(0, this.len));
      this.doneBytes += this.len;
      this.buf = chunk(need);
    } else if (need > this.buf.length) this.buf = chunk(need);
    this.len = 0;
  }
}

/** Text gathered as one string (small graphs, previews). */
export class StringOut implements TextOut {
  value = '';
  text(s: string): void {
    this.value += s;
  }
  bytes(b: Uint8Array): void {
    this.value += Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  }
}

const LIMIT = 20_000;

/**
 * A term's serialised bytes, cached by the term object. The plan reuses one object for each
 * predicate, code, period and distinct value, so nearly every lookup hits; the cache is
 * bounded and simply starts again when full.
 */
export class TermBytes {
  private readonly cache = new Map<Term, Buffer>();
  constructor(private readonly make: (t: Term) => string) {}

  get(t: Term): Buffer {
    let b = this.cache.get(t);
    if (b === undefined) {
      b = Buffer.from(this.make(t));
      if (this.cache.size >= LIMIT) this.cache.clear();
      this.cache.set(t, b);
    }
    return b;
  }
}
