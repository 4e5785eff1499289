import type { Lent } from '../sinks/atomic.js';
import { CHUNK } from '../sinks/text-out.js';

/**
 * A worker's output chunks, in memory shared with the main thread. A worker fills a chunk
 * and names it in its reply; the main thread writes and hashes the bytes where they lie, then
 * marks the slot free for the worker to fill again (a copy into a chunk of the main thread's
 * own cost it a copy of the whole dump). Moving each MiB across
 * instead (transferred ArrayBuffers) made every thread count the memory as external and run
 * full collections for it: the main thread ran 41 for a 15 MB heap, and two workers cost 1.4×
 * the CPU of one process (measured at 300k rows).
 */
export interface ChunkSlots {
  readonly data: SharedArrayBuffer;
  /** One Int32 per slot: 0 free, 1 being filled or waiting to be written. */
  readonly state: SharedArrayBuffer;
}

/** A run of output bytes: in a shared slot, or (when every slot waits to be written) in a buffer of the worker's, moved across. */
export type PartChunk = { readonly slot: number; readonly length: number } | { readonly buffer: ArrayBuffer; readonly length: number };

export function createSlots(count: number): ChunkSlots {
  return { data: new SharedArrayBuffer(count * CHUNK), state: new SharedArrayBuffer(count * 4) };
}

/** The worker's side: hands out free slots, lowest first (so few pages are ever touched). */
export class SlotClaimer {
  private readonly state: Int32Array;
  constructor(private readonly slots: ChunkSlots) {
    this.state = new Int32Array(slots.state);
  }

  /** A free slot, now the worker's, or undefined when every one waits to be written. */
  claim(): Buffer | undefined {
    for (let i = 0; i < this.state.length; i++) {
      if (Atomics.load(this.state, i) === 0) {
        Atomics.store(this.state, i, 1);
        return Buffer.from(this.slots.data, i * CHUNK, CHUNK);
      }
    }
    return undefined;
  }

  /** The slot a chunk lies in, or -1 for a chunk of the worker's own memory. */
  slotOf(chunk: Uint8Array): number {
    return chunk.buffer === this.slots.data ? chunk.byteOffset / CHUNK : -1;
  }

  /** Gives back slots the worker filled but will not send (a part it could not convert). */
  free(chunk: Uint8Array): void {
    const slot = this.slotOf(chunk);
    if (slot >= 0) Atomics.store(this.state, slot, 0);
  }
}

/** The main thread's side: a slot's bytes, and its release once they are copied. */
export class SlotReader {
  private readonly state: Int32Array;
  constructor(private readonly slots: ChunkSlots) {
    this.state = new Int32Array(slots.state);
  }

  view(slot: number, length: number): Uint8Array {
    return new Uint8Array(this.slots.data, slot * CHUNK, length);
  }

  release(slot: number): void {
    Atomics.store(this.state, slot, 0);
  }

  /**
   * A part's chunks, lent one at a time as they are asked for: a slot's bytes where they lie,
   * with the release that frees the slot once they are written and hashed; a buffer moved
   * across is the main thread's own.
   */
  *lent(chunks: readonly PartChunk[]): Generator<Lent> {
    for (const chunk of chunks) {
      if ('buffer' in chunk) yield { bytes: Buffer.from(chunk.buffer, 0, chunk.length) };
      else yield { bytes: Buffer.from(this.slots.data, chunk.slot * CHUNK, chunk.length), release: () => this.release(chunk.slot) };
    }
  }
}
