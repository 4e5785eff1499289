import type { Term } from '@rdfjs/types';
import { count, type RowPlan, type RowResult, type RowStats } from '../compile/plan.js';
import type { CellFailure } from '../compile/outcome.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code, Severity } from '../diagnostics/codes.js';
import type { ConvertSummary } from './summary.js';
import type { RunValidation } from './validation.js';
import type { Aggregator, MergedRow } from './aggregate.js';
import type { RowKeys } from './row-keys.js';
import type { MarkerCode } from '../mapping/model.js';
import { NS, SDMX_ATTRIBUTE } from '../rdf/ns.js';

/**
 * How a run keeps rows with one key apart: the keys so far, and on a second pass the lines
 * found (at the end of the first) to repeat an earlier line's key, with that line.
 */
export interface KeyGate {
  readonly keys: RowKeys;
  readonly repeats?: ReadonlyMap<number, number>;
}

/** Where triples go: files (FileSink), byte buffers (workers) or memory (preview). */
export interface TripleTarget {
  add(s: Term, p: Term, o: Term): void;
  readonly full: boolean;
  flush(): Promise<void>;
  /** Waits until what was written so far has left memory (files); optional. */
  drain?(): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** A triple as the row loop hands it on. */
export type Triple = [Term, Term, Term];

/**
 * Sees each observation's triples just before they are written, and may add to them (the
 * release diff marks revised observations `[r]`); sees the other triples (structure, code
 * lists) as they pass.
 */
export interface ObservationHook {
  observation(subject: Term, triples: Triple[]): void;
  other(s: Term, p: Term, o: Term): void;
}

/** What the row loop counts into; one per run (or per worker, merged at the end). */
export interface RowCounts {
  readonly summary: ConvertSummary;
  readonly stats: RowStats;
}

/**
 * One data row at a time: materialise, check, write or reject, report — the same in one
 * process and in each worker. Rows are atomic: a row with a failure writes nothing.
 */
export class RowRunner {
  private readonly buffered: Triple[] = [];
  /** A triple of a converted row: to every target, and to the checks. */
  private readonly write = (s: Term, p: Term, o: Term): void => {
    for (const t of this.targets) t.add(s, p, o);
    this.validation?.add(s, p, o);
  };
  private readonly buffer = (s: Term, p: Term, o: Term): void => void this.buffered.push([s, p, o]);
  /** The line of the row being materialised, for the key gate. */
  private line = 0;
  private readonly admit = (key: string): number => this.gate!.repeats?.get(this.line) ?? this.gate!.keys.admit(key, this.line);

  constructor(
    private readonly plan: RowPlan,
    private readonly csv: string,
    private readonly header: readonly string[],
    private readonly targets: readonly TripleTarget[],
    private readonly counts: RowCounts,
    private readonly report: (d: Diagnostic) => void,
    private readonly validation: RunValidation | undefined,
    private readonly hook: ObservationHook | undefined,
    /** Rows with one key are rejected as rows (IC-12); none for linksets and rows that combine. */
    private readonly gate?: KeyGate,
  ) {}

  /** A rejected row, counted under its first problem. */
  reject(code: Code): void {
    this.counts.summary.records.rejected++;
    count(this.counts.summary.rejectedByCode, code);
  }

  /** Converts one row; false when it was rejected. */
  row(cells: readonly string[], line: number): boolean {
    if (this.filtered(cells)) return true;
    this.line = line;
    if (this.rejected(this.materialize(cells, this.gate ? this.admit : undefined), line)) return false;
    if (this.validation) for (const d of this.validation.endRow(line, cells)) this.report(d);
    return true;
  }

  /**
   * A row of a mapping whose rows with one key combine: checked and counted now, written when
   * its group is complete (`emit`). False when it was rejected.
   */
  group(cells: readonly string[], line: number, aggregator: Aggregator): boolean {
    if (this.filtered(cells)) return true;
    const result = this.plan.resolve(cells);
    if (this.rejected(result, line)) return false;
    const ended = aggregator.add(result.key, cells, line);
    if (ended) this.emit(ended);
    return true;
  }

  /**
   * Writes a combined group at its first row's line. Its rows were checked one by one, so
   * warnings are not repeated; should the combined row fail, its rows count as rejected.
   */
  emit(group: MergedRow): void {
    const result = this.materialize(group.cells);
    if (result.failures.length > 0) {
      const records = this.counts.summary.records;
      records.converted -= group.rows;
      records.rejected += group.rows;
      count(this.counts.summary.rejectedByCode, result.failures[0]!.code, group.rows);
      for (const f of result.failures) this.report(this.toDiagnostic(f, group.line));
      return;
    }
    if (this.validation) for (const d of this.validation.endRow(group.line, group.cells, group.largest)) this.report(d);
  }

  /** A row the mapping's `filter:` leaves out, counted. */
  private filtered(cells: readonly string[]): boolean {
    if (this.plan.keep(cells)) return false;
    this.counts.summary.records.filtered++;
    return true;
  }

  /** Reports a row's warnings and failures; counts it as rejected or converted. */
  private rejected(result: RowResult, line: number): boolean {
    for (const w of result.warnings) this.report(this.toDiagnostic(w, line));
    if (result.failures.length === 0) {
      this.counts.summary.records.converted++;
      return false;
    }
    this.reject(result.failures[0]!.code);
    for (const f of result.failures) this.report(this.toDiagnostic(f, line));
    return true;
  }

  /** Writes a row's triples, or nothing when it fails. */
  private materialize(cells: readonly string[], admit?: (key: string) => number): RowResult {
    const { hook, buffered } = this;
    // With a hook, a row's triples wait until the row is known to be whole.
    const result = this.plan.materialize(cells, hook ? this.buffer : this.write, this.counts.stats, admit, this.line);
    if (hook && buffered.length) {
      if (result.failures.length === 0) {
        // What the hook adds (the release diff's [r]) is in the dumps, so it is in the counts too.
        throughHook(buffered, hook, this.tally, this.write);
      }
      buffered.length = 0;
    }
    return result;
  }

  /** Counts a triple the hook added: one more triple, and its marker if it is one. */
  private readonly tally = ([, p, o]: Triple): void => {
    const stats = this.counts.stats;
    stats.triples++;
    if (p.value === SDMX_ATTRIBUTE.obsStatus && o.value.startsWith(NS.af)) count(stats.markers, o.value.slice(NS.af.length) as MarkerCode);
  };

  private toDiagnostic(f: CellFailure, line: number, severity?: Severity): Diagnostic {
    // A row-level failure (a repeated key) blames no one cell.
    const cell = f.column < 0 ? {} : { cell: { columnName: this.header[f.column] ?? `column ${f.column + 1}`, value: f.value } };
    return diagnostic(f.code, f.message, { span: { file: this.csv, line }, ...cell, ...(severity ? { severity } : {}) });
  }
}

/** A row's triples, subject by subject, through the hook (which may add to each group; `added` sees what it adds), to `write`. */
function throughHook(row: Triple[], hook: ObservationHook, added: (t: Triple) => void, write: (s: Term, p: Term, o: Term) => void): void {
  // Fixed before the hook adds to the row (a row of one subject, the usual, is passed whole).
  const n = row.length;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && (row[i]![0] === row[start]![0] || row[i]![0].equals(row[start]![0]))) continue;
    const group = start === 0 && i === n ? row : row.slice(start, i);
    const size = group.length;
    hook.observation(group[0]![0], group);
    for (let k = size; k < group.length; k++) added(group[k]!);
    for (const [s, p, o] of group) write(s, p, o);
    start = i;
  }
}
