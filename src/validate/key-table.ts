import { bucketOf } from '../rdf/hash.js';
/**
 * A set of 53-bit key hashes, each with the line it was first seen at and a bitmask of the
 * measures seen, in typed arrays: an open-addressing table of hashes pointing at entries kept
 * in insertion order. A million keys take about 36 MB here, against some 80 MB and a
 * slower lookup in a `Map<number, number>` (a hash above 2³¹ is a heap number per entry).
 */
export class KeyTable {
  /** hash + 1 per bucket (0: empty); a 53-bit hash + 1 is still exact in a double. */
  private buckets = new Float64Array(1 << 12);
  /** Entry index per bucket. */
  private entryOf = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  private firstAt = new Float64Array(1 << 10);
  private masks = new Int32Array(1 << 10);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The entry holding `h`, or -1. */
  find(h: number): number {
    const stored = h + 1;
    for (let b = bucketOf(h) & this.mask; ; b = (b + 1) & this.mask) {
      const x = this.buckets[b]!;
      if (x === stored) return this.entryOf[b]!;
      if (x === 0) return -1;
    }
  }

  /** Adds a key known to be absent; returns its entry. */
  add(h: number, at: number, bits: number): number {
    if (this.count === this.firstAt.length) {
      this.firstAt = grown(this.firstAt, this.count * 2);
      this.masks = grown(this.masks, this.count * 2);
    }
    const entry = this.count++;
    this.firstAt[entry] = at;
    this.masks[entry] = bits;
    if (this.count * 2 > this.buckets.length) this.rehash(this.buckets.length * 2);
    this.place(h + 1, entry);
    return entry;
  }

  at(entry: number): number {
    return this.firstAt[entry]!;
  }
  setAt(entry: number, at: number): void {
    this.firstAt[entry] = at;
  }
  bits(entry: number): number {
    return this.masks[entry]!;
  }
  setBits(entry: number, bits: number): void {
    this.masks[entry] = bits;
  }

  /** Hashes, first lines and masks in entry order (plain typed arrays, for another thread). */
  export(): { hashes: Float64Array; firstAt: Float64Array; masks: Int32Array } {
    const hashes = new Float64Array(this.count);
    for (let b = 0; b < this.buckets.length; b++) if (this.buckets[b] !== 0) hashes[this.entryOf[b]!] = this.buckets[b]! - 1;
    return { hashes, firstAt: this.firstAt.slice(0, this.count), masks: this.masks.slice(0, this.count) };
  }

  private place(stored: number, entry: number): void {
    let b = bucketOf(stored - 1) & this.mask;
    while (this.buckets[b] !== 0) b = (b + 1) & this.mask;
    this.buckets[b] = stored;
    this.entryOf[b] = entry;
  }

  private rehash(size: number): void {
    const { buckets, entryOf } = this;
    this.buckets = new Float64Array(size);
    this.entryOf = new Int32Array(size);
    this.mask = size - 1;
    for (let b = 0; b < buckets.length; b++) if (buckets[b] !== 0) this.place(buckets[b]!, entryOf[b]!);
  }
}

function grown<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
