import { bucketOf } from './hash.js';

/** A set of hashes, as `hash53` gives them, read by membership only. */
export interface HashLookup {
  has(h: number): boolean;
  readonly size: number;
}

/**
 * A set of 53-bit hashes (`hash53`) in one typed array with open addressing: 16 bytes a member
 * at most, where a `Set<number>` takes about 50 (a hash above 2³¹ is a heap number of its
 * own). A release's every subject is such a set: 1M observations are 16 MB, not 50 MB, and
 * MoJ's 8M-row releases 128 MB.
 */
export class HashSet53 implements HashLookup {
  /** h + 1 per bucket (0: empty); a 53-bit hash + 1 is still exact in a double. */
  private buckets = new Float64Array(1 << 10);
  private mask = (1 << 10) - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(h: number): void {
    const stored = h + 1;
    for (let b = bucketOf(h) & this.mask; ; b = (b + 1) & this.mask) {
      const x = this.buckets[b]!;
      if (x === stored) return;
      if (x === 0) {
        this.buckets[b] = stored;
        if (++this.count * 2 > this.buckets.length) this.rehash(this.buckets.length * 2);
        return;
      }
    }
  }

  has(h: number): boolean {
    const stored = h + 1;
    for (let b = bucketOf(h) & this.mask; ; b = (b + 1) & this.mask) {
      const x = this.buckets[b]!;
      if (x === stored) return true;
      if (x === 0) return false;
    }
  }

  /** The members, in no particular order. */
  values(): number[] {
    const out: number[] = [];
    for (const x of this.buckets) if (x !== 0) out.push(x - 1);
    return out;
  }

  private rehash(size: number): void {
    const old = this.buckets;
    this.buckets = new Float64Array(size);
    this.mask = size - 1;
    this.count = 0;
    for (const x of old) if (x !== 0) this.add(x - 1);
  }
}
