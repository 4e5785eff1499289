import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Combiner, Group } from '../compile/combine.js';
import { InFlight } from '../sinks/in-flight.js';
import { utf8Slice, utf8Write } from '../sinks/utf8-buffer.js';

/** Groups held in memory before the table spills to disk (tests lower it): 25,000 groups of a 14-column extract are about 30 MB of heap. */
export const GROUP_LIMIT = 25_000;
const PARTS = 64;
/** Groups handed on at a time. */
const BATCH = 256;

/** A group ready to convert: the merged cells, at the first row's line. */
export interface MergedRow {
  readonly line: number;
  readonly cells: readonly string[];
  /** Rows that made it. */
  readonly rows: number;
  /** The largest rows of each measure a dominance rule reads, largest first. */
  readonly largest?: ReadonlyMap<string, readonly number[]>;
}

/**
 * Rows that share a dimension key, combined as they stream by (`duplicates:`). Sorted input
 * needs no table: a group ends when the key changes. Otherwise groups wait in a table until
 * the end, in first-seen order; beyond `limit` groups the table and every later row go to 64
 * files split by key hash, and each file is combined on its own at the end, so memory stays
 * flat at any row count. Partial groups merge exactly (the combiner keeps sums, not results).
 */
export class Aggregator {
  private readonly table = new Map<string, Group>();
  private current: { key: string; group: Group } | undefined;
  private spill: Spill | undefined;
  /** Rows folded into an earlier row of the same key. */
  merged = 0;
  /** Rows added whose group is not yet handed on (what `finish` has left to do). */
  pending = 0;

  constructor(private readonly combiner: Combiner, private readonly sorted: boolean, private readonly limit = GROUP_LIMIT) {}

  /**
   * Adds a row; in sorted mode returns the group that this row's new key ended. Synchronous
   * (three awaits a row were a tenth of reading a record-level extract): when `full`, the
   * caller waits for `ready` before the next row.
   */
  add(key: string, cells: readonly string[], line: number): MergedRow | undefined {
    this.pending++;
    if (this.sorted) {
      const cur = this.current;
      if (cur && cur.key === key) return this.fold(cur.group, cells);
      this.current = { key, group: this.combiner.start(cells, line) };
      if (!cur) return undefined;
      this.pending -= cur.group.rows;
      return this.result(cur.group);
    }
    if (this.spill) return this.spillRow(key, cells, line);
    const group = this.table.get(key);
    if (group) return this.fold(group, cells);
    this.table.set(key, this.combiner.start(cells, line));
    if (this.table.size > this.limit) this.startSpill();
    return undefined;
  }

  /** Whether the spilled rows on their way to disk are more than their limit: wait for `ready`. */
  get full(): boolean {
    return this.spill?.inFlight.over ?? false;
  }

  /** Waits until no more than the limit of spilled bytes is on its way to disk. */
  async ready(): Promise<void> {
    await this.spill?.inFlight.settle();
  }

  /**
   * Every group not yet handed on, a few hundred at a time: one await per batch, not per group
   * (an await per group and per spilled record was a tenth of a spilled run).
   */
  async *finish(): AsyncGenerator<readonly MergedRow[]> {
    if (this.current) yield [this.result(this.current.group)];
    this.current = undefined;
    if (!this.spill) {
      yield* this.results(this.table.values());
      this.table.clear();
      return;
    }
    await this.flushSpill();
    for (let part = 0; part < PARTS; part++) {
      const groups = new Map<string, Group>();
      for await (const records of recordsOf(this.partFile(part))) {
        for (const r of records) {
          if (r.type === ROW) {
            // A row that came after the table spilled: later than any group of its key so far.
            const seen = groups.get(r.key);
            if (seen) this.fold(seen, r.fields);
            else groups.set(r.key, this.combiner.start(r.fields, r.line));
            continue;
          }
          const g = this.combiner.fromJson(JSON.parse(r.fields[0]!));
          const seen = groups.get(r.key);
          if (!seen) groups.set(r.key, g);
          else {
            const [first, later] = seen.line < g.line ? [seen, g] : [g, seen];
            this.merged += later.rows;
            groups.set(r.key, this.combiner.merge(first, later));
          }
        }
      }
      yield* this.results([...groups.values()].sort((a, b) => a.line - b.line));
    }
    this.close();
  }

  /** Groups' results in batches of BATCH. */
  private *results(groups: Iterable<Group>): Generator<MergedRow[]> {
    let batch: MergedRow[] = [];
    for (const g of groups) {
      batch.push(this.result(g));
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** Removes the spill files (also after a failed run). */
  close(): void {
    if (!this.spill) return;
    this.spill.cleanUp();
    process.off('exit', this.spill.cleanUp);
    this.spill = undefined;
  }

  private fold(group: Group, cells: readonly string[]): undefined {
    this.combiner.add(group, cells);
    this.merged++;
    return undefined;
  }

  private result(group: Group): MergedRow {
    const largest = this.combiner.largest(group);
    return { line: group.line, cells: this.combiner.cells(group), rows: group.rows, ...(largest ? { largest } : {}) };
  }

  private startSpill(): void {
    const dir = mkdtempSync(join(tmpdir(), 'justice-lod-groups-'));
    const cleanUp = (): void => rmSync(dir, { recursive: true, force: true });
    this.spill = {
      dir, cleanUp,
      buffers: Array.from({ length: PARTS }, () => Buffer.allocUnsafeSlow(PART_BUFFER)),
      fill: new Int32Array(PARTS),
      spare: [],
      chains: Array.from({ length: PARTS }, () => Promise.resolve()),
      inFlight: new InFlight(SPILL_QUEUE),
    };
    process.once('exit', cleanUp);
    // Every part has its file, so a file gone at the end is a fault, not an empty part.
    for (let i = 0; i < PARTS; i++) writeFileSync(this.partFile(i), '');
    for (const [key, g] of this.table) this.toPart(GROUP, key, 0, [JSON.stringify(this.combiner.toJson(g))]);
    this.table.clear();
  }

  /**
   * A row after the table spilled, as its cells (not a group as JSON): most rows of a large
   * extract go this way. Its bytes go straight into its part's buffer: as strings (a line a
   * row, waiting for its part's turn) they lived long enough to reach the old generation, a
   * hundred MB of garbage between collections and a fifth of the run in the collector.
   */
  private spillRow(key: string, cells: readonly string[], line: number): undefined {
    return this.toPart(ROW, key, line, cells);
  }

  private toPart(type: number, key: string, line: number, fields: readonly string[]): undefined {
    const i = hashOf(key) % PARTS;
    const spill = this.spill!;
    // At most 3 bytes a UTF-16 unit.
    let most = RECORD_HEAD + 4 + key.length * 3;
    for (let f = 0; f < fields.length; f++) most += 4 + fields[f]!.length * 3;
    if (spill.fill[i]! + most > spill.buffers[i]!.length) {
      this.writePart(i);
      // A record larger than a part's buffer gets a buffer of its own.
      if (most > PART_BUFFER) spill.buffers[i] = Buffer.allocUnsafeSlow(most);
    }
    spill.fill[i] = encodeRecord(spill.buffers[i]!, spill.fill[i]!, type, line, key, fields);
    return undefined;
  }

  private async flushSpill(): Promise<void> {
    for (let i = 0; i < PARTS; i++) this.writePart(i);
    await Promise.all(this.spill!.chains);
  }

  /**
   * Appends a part's buffer to its file in the background (one chain a part keeps its
   * records in order) and gives the part a spare buffer: the conversion waited on every
   * append before, idle a seventh of the run. The append joins `inFlight`: past SPILL_QUEUE
   * bytes on their way, the caller waits (`full`, `ready`); a failed write fails that wait.
   */
  private writePart(i: number): void {
    const spill = this.spill!;
    const n = spill.fill[i]!;
    if (n === 0) return;
    const buf = spill.buffers[i]!;
    spill.buffers[i] = spill.spare.pop() ?? Buffer.allocUnsafeSlow(PART_BUFFER);
    spill.fill[i] = 0;
    const file = this.partFile(i);
    const done = spill.chains[i]!.then(() => appendFile(file, buf.subarray(0, n))).then(() => {
      if (buf.length === PART_BUFFER && spill.spare.length < PARTS) spill.spare.push(buf);
    });
    spill.chains[i] = done;
    // Seen by the waits of `inFlight` or by flushSpill; this handler only keeps Node from calling it unhandled.
    done.catch(() => undefined);
    spill.inFlight.push(done, n);
  }

  private partFile(i: number): string {
    return join(this.spill!.dir, String(i));
  }
}

/** The temporary files of a spilled table, and the appends on their way. */
interface Spill {
  readonly dir: string;
  readonly cleanUp: () => void;
  /** Each part's records waiting to be appended, and how many bytes of it they fill. */
  readonly buffers: Buffer[];
  readonly fill: Int32Array;
  /** Buffers whose append is done, to be filled again. */
  readonly spare: Buffer[];
  /** Each part's last append. */
  readonly chains: Promise<void>[];
  /** Appends on their way (at most SPILL_QUEUE bytes). */
  readonly inFlight: InFlight;
}

/** Spilled bytes on their way to disk before the conversion waits. */
const SPILL_QUEUE = 8 << 20;
/** Bytes a part gathers before they are appended to its file. */
const PART_BUFFER = 64 << 10;

/** A spilled row: key, then its cells. */
const ROW = 1;
/** A group of the table as it spilled: key, then the combiner's JSON. */
const GROUP = 2;

/**
 * A spill record: its byte length (uint32, this included), type (uint8), line and field
 * count (uint32 each), the key's and each field's length in UTF-16 units (uint32 each), then
 * the key and fields as one UTF-8 text. Lengths rather than separators: any cell (line
 * breaks, control characters) goes as it is. One text, one native call a record each way:
 * a call per cell was a tenth of the run. (Cells are decoded text: they never hold a lone
 * surrogate, which UTF-8 could not carry.)
 */
const RECORD_HEAD = 13;

/** Writes one record at `at` (the buffer has room); the offset after it. */
function encodeRecord(buf: Buffer, at: number, type: number, line: number, key: string, fields: readonly string[]): number {
  let text = key;
  buf.writeUInt32LE(key.length, at + RECORD_HEAD);
  for (let f = 0; f < fields.length; f++) {
    text += fields[f]!;
    buf.writeUInt32LE(fields[f]!.length, at + RECORD_HEAD + 4 + 4 * f);
  }
  const start = at + RECORD_HEAD + 4 + 4 * fields.length;
  const end = start + utf8Write(buf, text, start);
  buf.writeUInt32LE(end - at, at);
  buf[at + 4] = type;
  buf.writeUInt32LE(line, at + 5);
  buf.writeUInt32LE(fields.length, at + 9);
  return end;
}

interface SpillRecord {
  readonly type: number;
  readonly line: number;
  readonly key: string;
  readonly fields: string[];
}

function decodeRecord(buf: Buffer, at: number): SpillRecord {
  const count = buf.readUInt32LE(at + 9);
  const start = at + RECORD_HEAD + 4 + 4 * count;
  const text = utf8Slice(buf, start, at + buf.readUInt32LE(at));
  let o = buf.readUInt32LE(at + RECORD_HEAD);
  const key = text.slice(0, o);
  const fields = new Array<string>(count);
  for (let f = 0; f < count; f++) {
    const n = buf.readUInt32LE(at + RECORD_HEAD + 4 + 4 * f);
    fields[f] = text.slice(o, o + n);
    o += n;
  }
  return { type: buf[at + 4]!, line: buf.readUInt32LE(at + 5), key, fields };
}

/** FNV-1a over the key's UTF-16 units: spreads keys evenly over the parts. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Bytes of a spill file read at a time. */
const READ_SIZE = 4 << 20;

/**
 * The records of a spill file, BATCH at a time, read a few MB at a time (a part of a very
 * large extract is tens of MB; read whole, it was the run's memory peak). A record larger than
 * a read (a megabyte cell) grows the buffer to hold it.
 */
async function* recordsOf(path: string): AsyncGenerator<SpillRecord[]> {
  const file = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(READ_SIZE);
    let have = 0;
    for (;;) {
      const { bytesRead } = await file.read(buf, have, buf.length - have, null);
      have += bytesRead;
      let start = 0;
      let records: SpillRecord[] = [];
      while (have - start >= 4) {
        const size = buf.readUInt32LE(start);
        if (have - start < size) break;
        records.push(decodeRecord(buf, start));
        start += size;
        if (records.length === BATCH) {
          yield records;
          records = [];
        }
      }
      if (records.length > 0) yield records;
      if (bytesRead === 0) {
        if (start < have) throw new Error(`${path}: a spill file ends inside a record`);
        return;
      }
      buf.copy(buf, 0, start, have);
      have -= start;
      const size = have >= 4 ? buf.readUInt32LE(0) : 0;
      if (size > buf.length) buf = Buffer.concat([buf.subarray(0, have), Buffer.allocUnsafe(size - have)]);
    }
  } finally {
    await file.close();
  }
}
