import { hash53 } from '../rdf/hash.js';
import { PartFiles } from '../validate/part-files.js';

/** Row keys held in memory before the index spills to disk: a few MB of strings. */
export const ROW_KEY_LIMIT = 1 << 14;
const PARTS = 64;
/** Bytes buffered per part before a write. */
const BUFFERED = 1 << 15;

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
    const out: RepeatedKey[] = [];
    for (const records of this.spill.parts()) {
      const firsts = new Map<string, number>();
      for (const [key, at] of records) {
        const first = firsts.get(key);
        if (first === undefined) firsts.set(key, at);
        else out.push({ at, first });
      }
    }
    this.spill = undefined;
    return out.sort((a, b) => a.at - b.at);
  }

  /** Removes the temporary files of a run that stopped before `settle`. */
  dispose(): void {
    this.spill?.remove();
    this.spill = undefined;
  }
}

/** 64 files of (line, key) records, split by the key's hash; within a file in line order. */
class KeySpill {
  private readonly files = new PartFiles('justice-lod-rowkeys-', PARTS);
  private readonly pending: string[][] = [];
  private readonly sizes = new Int32Array(PARTS);

  constructor() {
    for (let p = 0; p < PARTS; p++) this.pending.push([]);
  }

  add(h: number, key: string, line: number): void {
    const p = Math.floor(h / 2 ** 47) & (PARTS - 1);
    // A key with a newline (from a quoted cell) is written as JSON, to stay on one line of the file.
    const record = key.includes('\n') ? `${line}\tj${JSON.stringify(key)}\n` : `${line}\tr${key}\n`;
    this.pending[p]!.push(record);
    this.sizes[p] = this.sizes[p]! + record.length;
    if (this.sizes[p]! >= BUFFERED) this.flush(p);
  }

  private flush(p: number): void {
    this.files.write(p, Buffer.from(this.pending[p]!.join(''), 'utf8'));
    this.pending[p] = [];
    this.sizes[p] = 0;
  }

  /** Each part's records in the order they were added, then the files are gone. */
  *parts(): Generator<[string, number][]> {
    try {
      for (let p = 0; p < PARTS; p++) {
        this.flush(p);
        const records: [string, number][] = [];
        for (const record of this.files.take(p).toString('utf8').split('\n')) {
          if (!record) continue;
          const tab = record.indexOf('\t');
          const key = record[tab + 1] === 'j' ? (JSON.parse(record.slice(tab + 2)) as string) : record.slice(tab + 2);
          records.push([key, Number(record.slice(0, tab))]);
        }
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
