/**
 * CSVW dialects (W3C "Model for Tabular Data" §8): how a CSV file's text becomes rows of cells
 * — delimiter, quote and escape, comment prefix, rows to skip, header rows, blank rows, columns
 * to skip, trimming. A parser of its own: the dialect is the spec's, and comments are kept
 * (they become rdfs:comment on the table). Pure.
 */

export interface Dialect {
  readonly commentPrefix: string | null;
  readonly delimiter: string;
  readonly doubleQuote: boolean;
  readonly encoding: string;
  readonly header: boolean;
  readonly headerRowCount: number;
  readonly lineTerminators: readonly string[];
  readonly quoteChar: string | null;
  readonly skipBlankRows: boolean;
  readonly skipColumns: number;
  readonly skipInitialSpace: boolean;
  readonly skipRows: number;
  readonly trim: boolean | 'start' | 'end';
}

export const DEFAULT_DIALECT: Dialect = {
  commentPrefix: '#', delimiter: ',', doubleQuote: true, encoding: 'utf-8', header: true, headerRowCount: 1,
  lineTerminators: ['\r\n', '\n'], quoteChar: '"', skipBlankRows: false, skipColumns: 0, skipInitialSpace: false, skipRows: 0, trim: true,
};

export interface SourceRow {
  /** The row's line in the file (1-based), as `#row=` fragments count them. */
  readonly sourceNumber: number;
  readonly cells: readonly string[];
}

export interface ParsedTable {
  /** The header rows' cells, by column: the titles the file gives. */
  readonly titles: readonly string[][];
  readonly rows: readonly SourceRow[];
  /** Comment lines (without the prefix): notes on the table. */
  readonly comments: readonly string[];
  /** The line of the (first) header row. */
  readonly headerLine?: number;
  /** Cells in the widest header row, empty ones included (`titles` has none for an empty cell). */
  readonly headerWidth: number;
}

/** Splits text into records with their starting line numbers, honouring quotes. */
function records(text: string, d: Dialect): { line: number; cells: string[]; raw: string }[] {
  const out: { line: number; cells: string[]; raw: string }[] = [];
  const q = d.quoteChar;
  const terminators = [...d.lineTerminators].sort((a, b) => b.length - a.length);
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const startLine = line;
    const start = i;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let wasQuoted = false;
    let ended = false;
    while (i < text.length) {
      const c = text[i]!;
      if (quoted) {
        if (c === '\n') line++;
        if (!d.doubleQuote && c === '\\' && i + 1 < text.length) {
          cell += text[i + 1];
          i += 2;
          continue;
        }
        if (c === q) {
          if (d.doubleQuote && text[i + 1] === q) {
            cell += q;
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        cell += c;
        i++;
        continue;
      }
      const term = terminators.find((t) => text.startsWith(t, i));
      if (term) {
        i += term.length;
        line++;
        ended = true;
        break;
      }
      if (text.startsWith(d.delimiter, i)) {
        cells.push(finish(cell, wasQuoted, d));
        cell = '';
        wasQuoted = false;
        i += d.delimiter.length;
        continue;
      }
      if (q && c === q && (cell === '' || (d.skipInitialSpace && cell.trim() === ''))) {
        quoted = true;
        wasQuoted = true;
        cell = '';
        i++;
        continue;
      }
      if (!d.doubleQuote && c === '\\' && i + 1 < text.length) {
        cell += text[i + 1];
        i += 2;
        continue;
      }
      cell += c;
      i++;
    }
    cells.push(finish(cell, wasQuoted, d));
    out.push({ line: startLine, cells, raw: text.slice(start, ended ? i : i) });
  }
  return out;
}

function finish(cell: string, quoted: boolean, d: Dialect): string {
  if (quoted) return cell;
  let c = d.skipInitialSpace ? cell.replace(/^ +/, '') : cell;
  if (d.trim === true) c = c.trim();
  else if (d.trim === 'start') c = c.replace(/^\s+/, '');
  else if (d.trim === 'end') c = c.replace(/\s+$/, '');
  return c;
}

/** The table a file holds under a dialect: header titles, data rows with their line numbers, comments. */
export function parseTable(text: string, d: Dialect): ParsedTable {
  const comments: string[] = [];
  const titles: string[][] = [];
  const rows: SourceRow[] = [];
  let skipped = 0;
  let headers = 0;
  let headerLine: number | undefined;
  let headerWidth = 0;
  for (const r of records(text.replace(/^\uFEFF/, ''), d)) {
    if (skipped < d.skipRows) {
      skipped++;
      if (d.commentPrefix && r.raw.startsWith(d.commentPrefix)) comments.push(r.raw.slice(d.commentPrefix.length).trim());
      else if (r.raw.trim() !== '') comments.push(r.raw.trim());
      continue;
    }
    const cells = r.cells.slice(d.skipColumns);
    // Header rows are read as they are (the suite's number-pattern tests have titles such as `##0`).
    if (headers < (d.header ? d.headerRowCount : 0)) {
      headers++;
      headerLine ??= r.line;
      headerWidth = Math.max(headerWidth, cells.length);
      cells.forEach((c, j) => {
        if (c.trim() === '') return;
        (titles[j] ??= []).push(c);
      });
      continue;
    }
    if (d.commentPrefix && r.raw.startsWith(d.commentPrefix)) {
      comments.push(r.raw.slice(d.commentPrefix.length).replace(/[\r\n]+$/, '').trim());
      continue;
    }
    if (d.skipBlankRows && cells.every((c) => c === '')) continue;
    rows.push({ sourceNumber: r.line, cells });
  }
  return { titles, rows, comments, headerWidth, ...(headerLine !== undefined ? { headerLine } : {}) };
}
