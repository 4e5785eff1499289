import { mkdtempSync, rmSync } from 'node:fs';
import { appendFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Combiner, Group } from '../compile/combine.js';
import { InFlight } from '../sinks/in-flight.js';

/** Groups held in memory before the table spills to disk (tests lower it). */
export const GROUP_LIMIT = 50_000;
const PARTS = 64;

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

  constructor(private readonly combiner: Combiner, private readonly sorted: boolean, private readonly limit = GROUP_LIMIT) {}

  /** Adds a row; in sorted mode returns the group that this row's new key ended. */
  async add(key: string, cells: readonly string[], line: number): Promise<MergedRow | undefined> {
    if (this.sorted) {
      const cur = this.current;
      if (cur && cur.key === key) return this.fold(cur.group, cells);
      this.current = { key, group: this.combiner.start(cells, line) };
      return cur && this.result(cur.group);
    }
    if (this.spill) return this.spillRow(key, cells, line);
    const group = this.table.get(key);
    if (group) return this.fold(group, cells);
    this.table.set(key, this.combiner.start(cells, line));
    if (this.table.size > this.limit) await this.startSpill();
    return undefined;
  }

  /** Every group not yet handed on. */
  async *finish(): AsyncGenerator<MergedRow> {
    if (this.current) yield this.result(this.current.group);
    this.current = undefined;
    if (!this.spill) {
      for (const g of this.table.values()) yield this.result(g);
      this.table.clear();
      return;
    }
    await this.flushSpill();
    for (let part = 0; part < PARTS; part++) {
      const groups = new Map<string, Group>();
      for await (const text of linesOf(this.partFile(part))) {
        if (text.startsWith(ROW)) {
          // A row that came after the table spilled: later than any group of its key so far.
          const [key, line, ...cells] = text.slice(1).split(SEP).map(unescapeField);
          const seen = groups.get(key!);
          if (seen) this.fold(seen, cells);
          else groups.set(key!, this.combiner.start(cells, Number(line)));
          continue;
        }
        const [key, json] = JSON.parse(text) as [string, unknown];
        const g = this.combiner.fromJson(json);
        const seen = groups.get(key);
        if (!seen) groups.set(key, g);
        else {
          const [first, later] = seen.line < g.line ? [seen, g] : [g, seen];
          this.merged += later.rows;
          groups.set(key, this.combiner.merge(first, later));
        }
      }
      for (const g of [...groups.values()].sort((a, b) => a.line - b.line)) yield this.result(g);
    }
    this.close();
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

  private async startSpill(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'justice-lod-groups-'));
    const cleanUp = (): void => rmSync(dir, { recursive: true, force: true });
    this.spill = { dir, pending: Array.from({ length: PARTS }, () => []), cleanUp, chains: Array.from({ length: PARTS }, () => Promise.resolve()), inFlight: new InFlight(SPILL_QUEUE) };
    process.once('exit', cleanUp);
    for (const [key, g] of this.table) await this.toSpill(key, g);
    this.table.clear();
  }

  private async toSpill(key: string, group: Group): Promise<undefined> {
    return this.toPart(key, JSON.stringify([key, this.combiner.toJson(group)]));
  }

  /**
   * A row after the table spilled, as its cells (not a group as JSON): most rows of a large
   * extract go this way, and JSON of a one-row group cost a third of the run in
   * `JSON.stringify`, `JSON.parse` and the garbage they made.
   */
  private spillRow(key: string, cells: readonly string[], line: number): Promise<undefined> {
    let text = `${ROW}${escapeField(key)}${SEP}${line}`;
    for (const c of cells) text += SEP + escapeField(c);
    return this.toPart(key, text);
  }

  private async toPart(key: string, text: string): Promise<undefined> {
    const i = hashOf(key) % PARTS;
    const part = this.spill!.pending[i]!;
    part.push(text);
    if (part.length >= 512) await this.writePart(i);
    return undefined;
  }

  private async flushSpill(): Promise<void> {
    for (let i = 0; i < PARTS; i++) await this.writePart(i);
    await Promise.all(this.spill!.chains);
  }

  /**
   * Appends a part's waiting lines to its file in the background (one chain a part keeps its
   * lines in order): the conversion waited on every append before, idle a seventh of the run.
   * At most SPILL_QUEUE bytes are on their way; a failed write fails the next wait.
   */
  private async writePart(i: number): Promise<void> {
    const spill = this.spill!;
    const part = spill.pending[i]!;
    const text = part.length ? `${part.join('\n')}\n` : '';
    part.length = 0;
    const file = this.partFile(i);
    const done = spill.chains[i]!.then(() => appendFile(file, text));
    spill.chains[i] = done;
    // Seen by the waits of `inFlight` or by flushSpill; this handler only keeps Node from calling it unhandled.
    done.catch(() => undefined);
    await spill.inFlight.add(done, text.length);
  }

  private partFile(i: number): string {
    return join(this.spill!.dir, `${i}.jsonl`);
  }
}

/** The temporary files of a spilled table, and the appends on their way. */
interface Spill {
  readonly dir: string;
  /** Lines waiting to be appended, by part. */
  readonly pending: string[][];
  readonly cleanUp: () => void;
  /** Each part's last append. */
  readonly chains: Promise<void>[];
  /** Appends on their way (at most SPILL_QUEUE bytes). */
  readonly inFlight: InFlight;
}

/** Spilled text on its way to disk before the conversion waits. */
const SPILL_QUEUE = 16 << 20;

/** A spill line that holds one row: `R`, then key, line and cells split by SEP. (Group lines are JSON: `[`.) */
const ROW = 'R';
const SEP = '\u0001';
/** SEP, line breaks and the escape itself, escaped, so that any cell survives a spill line. */
const SPECIAL = /[\\\u0001\n\r]/;
const EVERY_SPECIAL = new RegExp(SPECIAL.source, 'g');
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\u0001': '\\1', '\n': '\\n', '\r': '\\r' };
const UNESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '1': '\u0001', n: '\n', r: '\r' };
const escapeField = (s: string): string => (SPECIAL.test(s) ? s.replace(EVERY_SPECIAL, (c) => ESCAPES[c]!) : s);
const unescapeField = (s: string): string => (s.includes('\\') ? s.replace(/\\([\\1nr])/g, (_, c: string) => UNESCAPES[c]!) : s);

/** FNV-1a over the key's UTF-16 units: spreads keys evenly over the parts. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Bytes of a spill file read at a time. */
const READ_SIZE = 4 << 20;

/**
 * The lines of a spill file, read a few MB at a time (a part of a very large extract is tens
 * of MB; read whole, it was the run's memory peak). Several times quicker than a line reader;
 * a spill line never holds a line break (escaped).
 */
async function* linesOf(path: string): AsyncGenerator<string> {
  const file = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(READ_SIZE);
    let have = 0;
    for (;;) {
      if (have === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      const { bytesRead } = await file.read(buf, have, buf.length - have, null);
      have += bytesRead;
      // Searched within what was read: the bytes past it are left from the read before.
      const read = buf.subarray(0, have);
      let start = 0;
      for (let end = read.indexOf(10, start); end !== -1; end = read.indexOf(10, start)) {
        yield read.toString('utf8', start, end);
        start = end + 1;
      }
      if (bytesRead === 0) {
        if (start < have) yield buf.toString('utf8', start, have);
        return;
      }
      buf.copy(buf, 0, start, have);
      have -= start;
    }
  } finally {
    await file.close();
  }
}
