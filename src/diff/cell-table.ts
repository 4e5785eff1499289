import { cellOf, type CellState } from './observation.js';

const DELETED = 0xffffffff;
/** Rows (taken or not) before taken ones are dropped: below this the arrays are small anyway. */
const COMPACT_ROWS = 1 << 16;

/**
 * The previous release's cells by dimension key, in typed arrays: each observation is its
 * key's value numbers (one Uint32 per dimension) and the number of its cell among the
 * distinct cells, found through an open-addressing table. About 4·D + 20 bytes an
 * observation (68 for a 12-dimension cube), where a `Map` of key strings took some 150:
 * MoJ's largest releases (8M rows) are compared in a few hundred megabytes. Rows keep their
 * insertion order, which is the order the removed ones are reported in. Rows taken out are
 * dropped from the arrays once they are half of them, so a table that is read only a little
 * ahead of what is taken out of it (`PulledTable`) stays small.
 */
export class CellTable {
  private ids: Uint32Array<ArrayBuffer>;
  private cellIndex = new Uint32Array(1 << 10);
  private cellStates: CellState[] = [];
  /** One object per distinct cell (counts repeat across a release), by markers then value; past a bound, not shared. */
  private readonly distinct = new Map<string, Map<string, number>>();
  private distinctCount = 0;
  /** Row + 1 per bucket (0: empty), and the row's key hash (compared before the key is). */
  private buckets = new Int32Array(1 << 11);
  private bucketHash = new Int32Array(1 << 11);
  private mask = (1 << 11) - 1;
  private rows = 0;
  private deleted = 0;

  constructor(private readonly width: number) {
    this.ids = new Uint32Array((1 << 10) * Math.max(1, width));
  }

  /** Observations in the table (not yet deleted). */
  get size(): number {
    return this.rows - this.deleted;
  }

  /**
   * Files a cell (the value and markers of `cell`) under a key; a key filed again keeps its
   * place and takes the later cell (as `Map.set`). A key taken out is not filed again while its
   * row is kept: it was compared with its first cell (a dump that repeats a key breaks IC-12).
   */
  set(key: readonly number[], cell: CellState): void {
    const at = this.find(key);
    if (at >= 0) {
      if (this.cellIndex[at] !== DELETED) this.cellIndex[at] = this.cellNumber(cell);
      return;
    }
    const c = this.cellNumber(cell);
    if (this.rows === this.cellIndex.length) {
      this.cellIndex = grown(this.cellIndex, this.rows * 2);
      this.ids = grown(this.ids, this.rows * 2 * this.width);
    }
    const row = this.rows++;
    this.ids.set(key, row * this.width);
    this.cellIndex[row] = c;
    if (this.rows * 2 > this.buckets.length) this.rehash(this.buckets.length * 2);
    else this.place(row);
  }

  get(key: readonly number[]): CellState | undefined {
    const at = this.find(key);
    const c = at < 0 ? DELETED : this.cellIndex[at]!;
    return c === DELETED ? undefined : this.cellStates[c];
  }

  /** Takes a key's cell out: its row stays, marked, so that probing passes it, until the rows taken are half of them. */
  take(key: readonly number[]): CellState | undefined {
    const at = this.find(key);
    const c = at < 0 ? DELETED : this.cellIndex[at]!;
    if (c === DELETED) return undefined;
    const cell = this.cellStates[c];
    this.cellIndex[at] = DELETED;
    this.deleted++;
    if (this.deleted * 2 > this.rows && this.rows >= COMPACT_ROWS) this.compact();
    return cell;
  }

  /** The keys and cells left, in the order they were first filed. */
  *entries(): Generator<readonly [number[], CellState]> {
    for (let row = 0; row < this.rows; row++) {
      const c = this.cellIndex[row]!;
      if (c !== DELETED) yield [Array.from(this.ids.subarray(row * this.width, (row + 1) * this.width)), this.cellStates[c]!];
    }
  }

  private cellNumber(cell: CellState): number {
    let byValue = this.distinct.get(cell.markers);
    if (!byValue) this.distinct.set(cell.markers, (byValue = new Map()));
    // (A value is a term key, never empty: '' stands for none.)
    const value = cell.value ?? '';
    let c = byValue.get(value);
    if (c === undefined) {
      // Past this many, cells are not shared (every value its own): the maps would only grow.
      if (this.distinctCount >= 100_000) {
        for (const m of this.distinct.values()) m.clear();
        this.distinctCount = 0;
      }
      byValue.set(value, (c = this.cellStates.length));
      this.distinctCount++;
      this.cellStates.push(cellOf(cell));
    }
    return c;
  }

  private hashOf(key: ArrayLike<number>, from: number): number {
    let h = 0x9e3779b9;
    for (let i = 0; i < this.width; i++) h = Math.imul(h ^ key[from + i]!, 0x85ebca6b) ^ (h >>> 15);
    return h ^ (h >>> 13);
  }

  /** The row holding `key`, or -1. */
  private find(key: readonly number[]): number {
    const { ids, width, buckets, bucketHash } = this;
    const h = this.hashOf(key, 0);
    for (let b = h & this.mask; ; b = (b + 1) & this.mask) {
      const r = buckets[b]!;
      if (r === 0) return -1;
      if (bucketHash[b] !== h) continue;
      const at = (r - 1) * width;
      let i = 0;
      while (i < width && ids[at + i] === key[i]) i++;
      if (i === width) return r - 1;
    }
  }

  private place(row: number): void {
    const h = this.hashOf(this.ids, row * this.width);
    let b = h & this.mask;
    while (this.buckets[b] !== 0) b = (b + 1) & this.mask;
    this.buckets[b] = row + 1;
    this.bucketHash[b] = h;
  }

  /** Drops the rows taken out, keeping the order of the rest, and the cells only they had; the arrays shrink to fit. */
  private compact(): void {
    const { width } = this;
    const live = this.rows - this.deleted;
    const capacity = Math.max(1 << 10, live * 2);
    const ids = new Uint32Array(capacity * Math.max(1, width));
    const cellIndex = new Uint32Array(capacity);
    // Cells numbered again, in the order the rows left have them.
    const renumbered = new Int32Array(this.cellStates.length).fill(-1);
    const cellStates: CellState[] = [];
    let kept = 0;
    for (let row = 0; row < this.rows; row++) {
      const c = this.cellIndex[row]!;
      if (c === DELETED) continue;
      ids.set(this.ids.subarray(row * width, (row + 1) * width), kept * width);
      if (renumbered[c] === -1) {
        renumbered[c] = cellStates.length;
        cellStates.push(this.cellStates[c]!);
      }
      cellIndex[kept++] = renumbered[c]!;
    }
    this.ids = ids;
    this.cellIndex = cellIndex;
    this.cellStates = cellStates;
    this.rows = kept;
    this.deleted = 0;
    // The shared cells' numbers changed: they are found again as they come.
    this.distinct.clear();
    this.distinctCount = 0;
    let buckets = 1 << 11;
    while (buckets < kept * 2) buckets *= 2;
    this.rehash(buckets);
  }

  private rehash(size: number): void {
    this.buckets = new Int32Array(size);
    this.bucketHash = new Int32Array(size);
    this.mask = size - 1;
    for (let row = 0; row < this.rows; row++) this.place(row);
  }
}

function grown(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}
