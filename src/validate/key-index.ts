import { KeyTable } from './key-table.js';
import { PartFiles } from './part-files.js';

/** Keys held in memory before the index spills to disk: about 2.5 MB of typed arrays. */
export const KEY_LIMIT = 1 << 16;
const PARTS = 64;
/** Records (hash, line, bits) buffered per part before a write: 32 KiB. */
const BUFFERED = 1365;

/** A key that is a duplicate: seen again at line `at`, first at line `first`. */
export interface KeyDuplicate {
  readonly at: number;
  readonly first: number;
}

/** A key whose observations lack some measures (IC-17). */
export interface KeyShortfall {
  readonly at: number;
  readonly bits: number;
}

/**
 * The observation keys of a run (IC-12, IC-17) in memory that stays flat at any row count.
 * Up to `limit` distinct keys live in a typed-array table and duplicates are found as rows
 * stream by. Beyond it, the table and every later key go to 64 files split by hash, and
 * duplicates are found at the end, one file at a time, reported at their lines all the same.
 * A million-row release thus needs a few MB here, not 70 MB, and five million no more.
 */
export class KeyIndex {
  private table = new KeyTable();
  private spill: Spill | undefined;

  constructor(private readonly limit = KEY_LIMIT) {}

  /** Whether duplicates are now found at the end rather than as rows stream by. */
  get spilled(): boolean {
    return this.spill !== undefined;
  }

  /**
   * Merges a key seen at line `at` with measures `bits` (0: no measure dimension). Returns the
   * first line of the key when this repeats a measure already seen there, else -1 (always -1
   * once spilled: `settle` finds those).
   */
  observe(h: number, at: number, bits: number): number {
    if (this.spill) {
      this.spill.add(h, at, bits);
      return -1;
    }
    const duplicateOf = merge(this.table, h, at, bits);
    if (this.table.size > this.limit) this.startSpill();
    return duplicateOf;
  }

  /** The table as typed arrays (workers: their index never spills, see `limit`). */
  export(): ReturnType<KeyTable['export']> {
    if (this.spill) throw new Error('a spilled key index cannot be exported');
    return this.table.export();
  }

  /**
   * Once every key is in: duplicates not yet reported (spilled runs) and the keys whose
   * measures are not all `full`, each ordered by line. Temporary files are removed.
   */
  settle(full: number): { duplicates: KeyDuplicate[]; shortfalls: KeyShortfall[] } {
    const duplicates: KeyDuplicate[] = [];
    const shortfalls: KeyShortfall[] = [];
    const collect = (t: KeyTable): void => {
      for (let e = 0; e < t.size; e++) if (t.bits(e) !== full) shortfalls.push({ at: t.at(e), bits: t.bits(e) });
    };
    if (!this.spill) collect(this.table);
    else {
      for (const records of this.spill.parts()) {
        const t = new KeyTable();
        for (let i = 0; i < records.length; i += 3) {
          const first = merge(t, records[i]!, records[i + 1]!, records[i + 2]!);
          if (first >= 0) duplicates.push({ at: Math.max(first, records[i + 1]!), first: Math.min(first, records[i + 1]!) });
        }
        collect(t);
      }
      this.spill = undefined;
    }
    const byLine = (a: { at: number }, b: { at: number }): number => a.at - b.at;
    return { duplicates: duplicates.sort(byLine), shortfalls: shortfalls.sort(byLine) };
  }

  /** Removes the temporary files of a run that stopped before `settle`. */
  dispose(): void {
    this.spill?.remove();
    this.spill = undefined;
  }

  private startSpill(): void {
    const spill = new Spill();
    // The table's keys first: every later record of a key then merges into them, in line order.
    const { hashes, firstAt, masks } = this.table.export();
    for (let e = 0; e < hashes.length; e++) spill.add(hashes[e]!, firstAt[e]!, masks[e]!);
    this.spill = spill;
    this.table = new KeyTable();
  }
}

/** Adds or merges one key; the key's first line when `bits` repeats a measure, else -1. */
function merge(t: KeyTable, h: number, at: number, bits: number): number {
  const e = t.find(h);
  if (e < 0) {
    t.add(h, at, bits);
    return -1;
  }
  const mask = t.bits(e);
  const first = t.at(e);
  t.setBits(e, mask | bits);
  if (at < first) t.setAt(e, at);
  return bits === 0 || (mask & bits) !== 0 ? first : -1;
}

/** 64 files of (hash, line, bits) records, split by the hash's top bits. */
class Spill {
  private readonly files = new PartFiles('justice-lod-keys-', PARTS);
  private readonly buffers: Float64Array[] = [];
  private readonly fill = new Int32Array(PARTS);

  constructor() {
    for (let p = 0; p < PARTS; p++) this.buffers.push(new Float64Array(BUFFERED * 3));
  }

  add(h: number, at: number, bits: number): void {
    const p = Math.floor(h / 2 ** 47) & (PARTS - 1);
    const buf = this.buffers[p]!;
    const n = this.fill[p]!;
    buf[n * 3] = h;
    buf[n * 3 + 1] = at;
    buf[n * 3 + 2] = bits;
    this.fill[p] = n + 1;
    if (n + 1 === BUFFERED) this.flush(p);
  }

  private flush(p: number): void {
    this.files.write(p, new Uint8Array(this.buffers[p]!.buffer, 0, this.fill[p]! * 24));
    this.fill[p] = 0;
  }

  /** Each part's records in the order they were added, then the files are gone. */
  *parts(): Generator<Float64Array> {
    try {
      for (let p = 0; p < PARTS; p++) {
        this.flush(p);
        const bytes = this.files.take(p);
        // Copied into an aligned buffer of its own (a file's bytes need not start on 8).
        const records = new Float64Array(bytes.length / 8);
        new Uint8Array(records.buffer).set(bytes);
        yield records;
      }
    } finally {
      this.remove();
    }
  }

  remove(): void {
    this.files.remove();
  }
}
