import type { DisclosureCounts } from '../disclosure/run.js';
import type { DatasetFacts } from '../metadata/facts.js';
import type { Code } from '../diagnostics/codes.js';
import type { MarkerCode } from '../mapping/model.js';
import { recordedTime } from '../metadata/clock.js';

/** Every physical CSV record ends up in exactly one of these counters. */
export interface RecordCounts {
  title: number;
  header: number;
  blank: number;
  notes: number;
  converted: number;
  rejected: number;
  /** Data rows the mapping's `filter:` left out. */
  filtered: number;
  /** Converted rows folded into an earlier row with the same dimension key (`duplicates:`). */
  merged: number;
  /** Records after a stop (too many errors, CSV syntax error) that were not read. */
  unread: boolean;
}

export interface OutputFile {
  readonly path: string;
  readonly format: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ConvertSummary {
  readonly mapping: string;
  readonly csv: string;
  encoding?: string;
  readonly records: RecordCounts;
  readonly rejectedByCode: Map<Code, number>;
  readonly diagnosticsBySeverity: { error: number; warning: number; info: number };
  subjects: number;
  triples: number;
  readonly markers: Map<MarkerCode, number>;
  readonly omitted: Map<string, number>;
  outputs: OutputFile[];
  /** `--format csvw`: the CSVW table group's files (format `csvw` for its metadata document, `csv` for a table). */
  tables?: OutputFile[];
  /** Violations by rule when validation ran (IC-n, rule:…); undefined with --no-validate. */
  validation?: Map<string, number>;
  /** Whether validation covered the whole graph (small runs) or the observations and the structure. */
  wholeGraph?: boolean;
  /** What disclosure control found, when the mapping has `disclosure:` and validation ran. */
  disclosure?: DisclosureCounts;
  written: boolean;
  /** A lookup table written as links: no observations, no Data Cube checks. */
  linkset?: boolean;
  /** A CSVW table: rows make subjects of any kind, and there is no Data Cube to check. */
  csvw?: boolean;
  /** What VoID says of the written graph; set when files were written. */
  facts?: DatasetFacts;
  /** When the run started and ended (for PROV). */
  started: Date;
  ended?: Date;
  durationMs: number;
}

export function emptySummary(mapping: string, csv: string): ConvertSummary {
  return {
    mapping, csv,
    records: { title: 0, header: 0, blank: 0, notes: 0, converted: 0, rejected: 0, filtered: 0, merged: 0, unread: false },
    rejectedByCode: new Map(),
    diagnosticsBySeverity: { error: 0, warning: 0, info: 0 },
    subjects: 0, triples: 0, markers: new Map(), omitted: new Map(), outputs: [], written: false, started: recordedTime(), durationMs: 0,
  };
}

/** Data rows read = converted + rejected + filtered; all records = that plus title, header, blank, notes. */
export const dataRows = (r: RecordCounts): number => r.converted + r.rejected + r.filtered;
export const allRecords = (r: RecordCounts): number => r.title + r.header + r.blank + r.notes + dataRows(r);
