import { resolve } from 'node:path';
import { splitMarkers } from '../csv/markers.js';
import { readCsv } from '../csv/read.js';
import { DEFAULT_MARKER_TOKENS } from '../mapping/markers.js';
import type { MarkerCode, SourceModel } from '../mapping/model.js';
import { parseNumber } from '../compile/number.js';
import type { Dialect } from './dialect.js';

/** Distinct values kept per column; beyond it a column is surely not a small code list. */
const DISTINCT_LIMIT = 5_000;

/** What the cells of one column look like. */
export interface ColumnProfile {
  readonly name: string;
  readonly index: number;
  /** Distinct trimmed cells (up to DISTINCT_LIMIT), with how often each occurs. */
  readonly values: Map<string, number>;
  /** More distinct values than were kept. */
  overflow: boolean;
  blank: number;
  /** Cells that read as numbers, possibly with markers; `decimal` when some have a fraction. */
  numbers: number;
  decimal: boolean;
  /** Cells that are only markers ([c], *, ..), by marker. */
  readonly markers: Map<MarkerCode, number>;
  /** Cells that are neither blank, nor numbers, nor markers. */
  text: number;
}

export interface TableProfile {
  readonly source: SourceModel;
  readonly header: readonly string[];
  readonly columns: readonly ColumnProfile[];
  readonly rows: number;
  /** All rows were read (false: the first `limit` only). */
  readonly complete: boolean;
}

/** Reads up to `limit` data rows and profiles every column. */
export async function profileTable(path: string, dialect: Dialect, limit: number, footer?: string): Promise<TableProfile> {
  const source: SourceModel = {
    path: resolve(path), encoding: 'auto', delimiter: dialect.delimiter, quote: '"', skipRows: dialect.skipRows, headerRows: 1, headerJoin: ' ',
    ...(footer !== undefined ? { footer } : {}), span: { file: path, line: 0 },
  };
  let header: readonly string[] = [];
  let columns: ColumnProfile[] = [];
  let rows = 0;
  let complete = true;
  for await (const ev of readCsv(source, { path: source.path })) {
    if (ev.kind === 'header') {
      header = ev.names;
      columns = header.map((name, index) => ({ name, index, values: new Map(), overflow: false, blank: 0, numbers: 0, decimal: false, markers: new Map(), text: 0 }));
    } else if (ev.kind === 'row') {
      if (rows >= limit) {
        complete = false;
        break;
      }
      rows++;
      for (const c of columns) note(c, ev.cells[c.index] ?? '');
    }
  }
  return { source, header, columns, rows, complete };
}

function note(c: ColumnProfile, raw: string): void {
  const cell = raw.trim();
  if (!c.overflow) {
    c.values.set(cell, (c.values.get(cell) ?? 0) + 1);
    if (c.values.size > DISTINCT_LIMIT) c.overflow = true;
  }
  if (cell === '') {
    c.blank++;
    return;
  }
  const split = splitMarkers(cell, DEFAULT_MARKER_TOKENS);
  if ('error' in split) {
    c.text++;
    return;
  }
  if (split.value === undefined) {
    for (const m of split.markers) c.markers.set(m, (c.markers.get(m) ?? 0) + 1);
    return;
  }
  const n = parseNumber(split.value, { datatype: 'decimal', percent: false });
  if ('error' in n) c.text++;
  else {
    c.numbers++;
    if (!/\.0$/.test(n.lexical)) c.decimal = true;
  }
}
