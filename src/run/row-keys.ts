import { bucketOf, hash53 } from '../rdf/hash.js';
import { PartFiles } from '../validate/part-files.js';
import { utf8Write } from '../sinks/utf8-buffer.js';

/** Row keys held in memory before the index spills to disk: a few MB of strings. */
export const ROW_KEY_LIMIT = 1 << 14;
const PARTS = 64;
/** Bytes buffered per part before a write. */
const BUFFERED = 1 << 16;

/** A row whose key an earlier row already had: the later line and the first line (0-based). */
export interface RepeatedKey {
  readonly at: number;
  readonly first: number;
}

/**
 * The dimension key of every converted row, compared exactly (IC-12 as rows: a row repeating
 * an earlier row's key is rejected before it writes anything, so no observation ever gets two
 * values). A hash only picks the bucket or the spill file; a repeat is always confirmed on the
 * whole key, so a collision can never reject a row. Up to `limit` keys are answered as rows
 * stream by; beyond that, every key goes to one of 64 files by hash and repeats are found at
 * the end (`settle`), for the caller to reject on a second pass.
 */
export class RowKeys {
  private table = new Map<string, number>();
  private spill: KeySpill | undefined;

  constructor(
    private readonly limit = ROW_KEY_LIMIT,
    /** The hash that sorts keys into spill files (tests force collisions with a constant). */
    private readonly hash: (key: string) => number = hash53,
  ) {}

  /** Whether repeats are now found at the end rather than as rows stream by. */
  get spilled(): boolean {
    return this.spill !== undefined;
  }

  /** Records the key of the row at `line`; the first line of the same key, or -1 (always -1 once spilled). */
  admit(key: string, line: number): number {
    if (this.spill) {
      this.spill.add(this.hash(key), key, line);
      return -1;
    }
    const first = this.table.get(key);
    if (first !== undefined) return first;
    this.table.set(key, line);
    if (this.table.size > this.limit) {
      this.spill = new KeySpill();
      for (const [k, at] of this.table) this.spill.add(this.hash(k), k, at);
      this.table = new Map();
    }
    return -1;
  }

  /** Once every row is in: the repeats not yet reported (spilled runs), by line; temporary files go. */
  settle(): RepeatedKey[] {
    if (!this.spill) return [];
    const out = [...this.spill.repeats()];
    this.spill = undefined;
    return out.sort((a, b) => a.at - b.at);
  }

  /** Removes the temporary files of a run that stopped before `settle`. */
  dispose(): void {
    this.spill?.remove();
    this.spill = undefined;
  }
}

/** 64 files of binary (hash, line, key) records, split by the key's hash; within a file in line order. */
class KeySpill {
  private readonly files = new PartFiles('justice-lod-rowkeys-', PARTS);
  private readonly buffers: Buffer[] = [];
  private readonly fill = new Int32Array(PARTS);
  /** Records in each part, for the size of its table at the end. */
  private readonly counts = new Int32Array(PARTS);

  constructor() {
    for (let p = 0; p < PARTS; p++) this.buffers.push(Buffer.allocUnsafe(BUFFERED));
  }

  /**
   * A record is the hash (float64), the line and the key's byte length (uint32 each), then the
   * key in UTF-8, written straight into the part's buffer: a million spilled keys used to be a
   * million strings (and their join), and a part read back was split into strings again, the
   * largest heap of a run at its end.
   */
  add(h: number, key: string, line: number): void {
    const p = Math.floor(h / 2 ** 47) & (PARTS - 1);
    // At most 3 bytes a UTF-16 unit; a key longer than a buffer gets one of its own.
    const most = HEAD + key.length * 3;
    if (this.fill[p]! + most > this.buffers[p]!.length) {
      this.flush(p);
      if (most > BUFFERED) {
        const own = Buffer.allocUnsafe(most);
        this.files.write(p, own.subarray(0, record(own, 0, h, key, line)));
        this.counts[p]!++;
        return;
      }
    }
    this.fill[p] = record(this.buffers[p]!, this.fill[p]!, h, key, line);
    this.counts[p]!++;
  }

  private flush(p: number): void {
    if (this.fill[p]! > 0) this.files.write(p, this.buffers[p]!.subarray(0, this.fill[p]!));
    this.fill[p] = 0;
  }

  /**
   * Each part's repeats, found with a table of record offsets by hash (no string per key); a
   * repeat is confirmed byte for byte on the whole key. The files are gone afterwards.
   */
  *repeats(): Generator<RepeatedKey> {
    try {
      for (let p = 0; p < PARTS; p++) {
        this.flush(p);
        const bytes = this.files.take(p);
        let size = 16;
        while (size < this.counts[p]! * 2) size *= 2;
        // Offset + 1 of the first record of each distinct key; 0: empty.
        const slots = new Int32Array(size);
        for (let at = 0; at < bytes.length; ) {
          const h = bytes.readDoubleLE(at);
          const end = at + HEAD + bytes.readUInt32LE(at + 12);
          for (let s = bucketOf(h) & (size - 1); ; s = (s + 1) & (size - 1)) {
            const other = slots[s]! - 1;
            if (other < 0) {
              slots[s] = at + 1;
              break;
            }
            const otherEnd = other + HEAD + bytes.readUInt32LE(other + 12);
            if (bytes.readDoubleLE(other) === h && bytes.compare(bytes, other + HEAD, otherEnd, at + HEAD, end) === 0) {
              yield { at: bytes.readUInt32LE(at + 8), first: bytes.readUInt32LE(other + 8) };
              break;
            }
          }
          at = end;
        }
      }
    } finally {
      this.remove();
    }
  }

  remove(): void {
    this.files.remove();
  }
}

/** Bytes before a record's key: hash (8), line (4), key length (4). */
const HEAD = 16;

/** Writes one record at `at`; the offset after it. */
function record(buf: Buffer, at: number, h: number, key: string, line: number): number {
  const n = utf8Write(buf, key, at + HEAD);
  buf.writeDoubleLE(h, at);
  buf.writeUInt32LE(line, at + 8);
  buf.writeUInt32LE(n, at + 12);
  return at + HEAD + n;
}
