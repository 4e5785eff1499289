import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceModel } from '../mapping/model.js';
import { decoder, scanUtf8, utf16BomOf, type ResolvedEncoding } from './decode.js';
import { buildHeader } from './header.js';
import { FastTokenizer, MAX_RECORD, RECORD_TOO_LONG, type CsvRecord } from './tokenize.js';

/** What the reader yields, in file order; lines are 0-based (printed 1-based). */
export type CsvEvent =
  | { readonly kind: 'header'; readonly names: readonly string[]; readonly line: number; readonly encoding: ResolvedEncoding }
  | { readonly kind: 'row'; readonly cells: readonly string[]; readonly line: number }
  /** `comment`: a CSVW table's skipped row or comment line, as text (standard mode writes it as rdfs:comment). */
  | { readonly kind: 'skipped'; readonly reason: 'title' | 'blank' | 'notes' | 'ragged'; readonly line: number; readonly comment?: string }
  | { readonly kind: 'diagnostic'; readonly diagnostic: Diagnostic };

export interface CsvProgress {
  bytesRead: number;
  readonly totalBytes: number;
}

export interface ReadOptions {
  readonly path: string;
  readonly progress?: CsvProgress;
}

/**
 * Lines a record spans. csv-parse's `raw` keeps the record's own terminator (all of `\n`,
 * only the `\r` of `\r\n`), and its `info.lines` miscounts CRLF inside quotes, so every
 * `\r\n`, `\n` or lone `\r` in the raw text is counted here; the last record may have none.
 */
function linesIn(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && raw.charCodeAt(i + 1) !== 10) n++;
  }
  return Math.max(1, n);
}

/**
 * Refuses what is not a regular file: a FIFO or a device would block every read (or never
 * end), and a folder cannot be read as a CSV. Throws with a message a diagnostic can show.
 */
export async function regularFile(path: string): Promise<void> {
  const s = await stat(path);
  if (!s.isFile()) throw Object.assign(new Error(s.isDirectory() ? 'it is a folder, not a file' : 'not a regular file (a pipe or a device), which would block the read'), { code: 'ENOTREG' });
  // The kernel's files (/proc/self/environ holds the environment's secrets) are no one's data.
  if (/^\/(proc|sys)\//.test(await realpath(path))) throw Object.assign(new Error('a file of the operating system (/proc, /sys), not data'), { code: 'ENOTREG' });
}

export async function csvSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** A CSVW comment line's (or skipped row's) text: the record joined again, without its prefix. */
function commentText(record: readonly string[], source: SourceModel): string {
  const text = record.join(source.delimiter);
  const prefix = source.commentPrefix ?? '';
  return (prefix && text.startsWith(prefix) ? text.slice(prefix.length) : text).trim();
}

/**
 * Reads a CSV as a stream of located events: title rows, a one- or multi-row header, data
 * rows, and notes below the data. Nothing is dropped without an event: the runner counts
 * every physical record. Ragged rows are reported and skipped; a CSV syntax error ends the
 * read with a located diagnostic instead of a crash.
 */
export async function* readCsv(source: SourceModel, opts: ReadOptions): AsyncGenerator<CsvEvent> {
  for await (const batch of readCsvBatches(source, opts)) yield* batch;
}

/** As `readCsv`, a chunk's events at a time (one await per chunk, not per row: the converter's loop). */
export async function* readCsvBatches(source: SourceModel, opts: ReadOptions): AsyncGenerator<CsvEvent[]> {
  const file = opts.path;
  await regularFile(file);
  const resolved = await resolveEncoding(source, file);
  if (resolved.diagnostic) yield [{ kind: 'diagnostic', diagnostic: resolved.diagnostic }];
  if (!resolved.encoding) return;
  const encoding = resolved.encoding;
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  if (opts.progress) {
    const progress = opts.progress;
    input.on('data', (chunk) => (progress.bytesRead += chunk.length));
  }
  const text = input.pipe(decoder(encoding));
  input.on('error', (err) => text.destroy(err));

  const footer = source.footer === undefined ? undefined : new RegExp(source.footer, 'u');
  const headerRecords: string[][] = [];
  let header: readonly string[] | undefined;
  let headerLine = 0;
  let line = 0;
  let index = 0;
  let inNotes = false;
  try {
    for await (const records of tokenize(text, source.delimiter, source.quote)) {
      const events: CsvEvent[] = [];
      for (const { cells: record, lines } of records) {
        const at = line;
        line += lines;
        const i = index++;
        if (i < source.skipRows) {
          events.push({ kind: 'skipped', reason: 'title', line: at, ...(source.commentPrefix !== undefined ? { comment: commentText(record, source) } : {}) });
          continue;
        }
        // Header rows are titles, whatever they start with (`##0` names a number pattern).
        if (header && source.commentPrefix !== undefined && (record[0] ?? '').startsWith(source.commentPrefix)) {
          events.push({ kind: 'skipped', reason: 'notes', line: at, comment: commentText(record, source) });
          continue;
        }
        if (!header) {
          if (headerRecords.length === 0) headerLine = at;
          headerRecords.push(record);
          if (headerRecords.length < source.headerRows) continue;
          const built = buildHeader(headerRecords, source.headerJoin, file, headerLine);
          for (const d of built.diagnostics) events.push({ kind: 'diagnostic', diagnostic: d });
          header = built.names;
          events.push({ kind: 'header', names: header, line: headerLine, encoding });
          continue;
        }
        if (!inNotes && footer && footer.test((record[0] ?? '').trim())) inNotes = true;
        if (inNotes) {
          events.push({ kind: 'skipped', reason: 'notes', line: at });
          continue;
        }
        pushRecord(events, record, header, file, at);
      }
      yield events;
    }
  } catch (err) {
    input.destroy();
    const e = err as { code?: string; message: string; lines?: number };
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') throw err;
    const message = e.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field that starts in this record is never closed; the file ends inside it, so the rest of the file cannot be read'
      : e.code === 'CSV_MAX_RECORD_SIZE' ? RECORD_TOO_LONG : e.message.replace(/^[^:]*: /, '');
    // `line` is where the failing record starts, which is where a person should look.
    yield [{ kind: 'diagnostic', diagnostic: diagnostic('JL203', message, { span: { file, line } }) }];
    return;
  } finally {
    // Stops reading when the consumer leaves early (preview, header-only reads, --max-errors).
    input.destroy();
    text.destroy();
  }
  if (!header) {
    yield [{ kind: 'diagnostic', diagnostic: diagnostic('JL204', `no header row in ${file} (skipRows ${source.skipRows}, headerRows ${source.headerRows}; the file has ${index} records)`, { span: { file, line: 0 } }) }];
  }
}

/**
 * The encoding a file is read in: the mapping's, or for `auto` UTF-8 unless a byte is not
 * UTF-8 (then Windows-1252, JL202). A file declared UTF-8 with such a byte cannot be read (JL206).
 */
export async function resolveEncoding(source: SourceModel, file: string): Promise<{ encoding?: ResolvedEncoding; diagnostic?: Diagnostic }> {
  // A UTF-16 byte-order mark cannot be mistaken (Excel's "Unicode text" saves files so): it wins.
  const utf16 = await utf16BomOf(file);
  if (utf16) return { encoding: utf16 };
  if (source.encoding === 'windows-1252') return { encoding: 'windows-1252' };
  const bad = await scanUtf8(file);
  if (!bad) return { encoding: 'utf-8' };
  const at = `byte 0x${bad.byte.toString(16).toUpperCase()} at line ${bad.line + 1} is not UTF-8`;
  const span = { span: { file, line: bad.line } };
  if (source.encoding === 'auto') return { encoding: 'windows-1252', diagnostic: diagnostic('JL202', `${at}, so the file is read as Windows-1252`, span) };
  return { diagnostic: diagnostic('JL206', at, span) };
}

/** A data record as a row event, or as a blank or ragged skip (also used by the workers). */
export function pushRecord(events: CsvEvent[], record: string[], header: readonly string[], file: string, at: number): void {
  let cells = record;
  if (cells.length === header.length && cells[0]!.trim() !== '') {
    events.push({ kind: 'row', cells, line: at });
    return;
  }
  if (record.every((c) => c.trim() === '')) {
    events.push({ kind: 'skipped', reason: 'blank', line: at });
    return;
  }
  if (cells.length > header.length && cells.slice(header.length).every((c) => c.trim() === '')) cells = cells.slice(0, header.length);
  if (cells.length !== header.length) {
    events.push({ kind: 'diagnostic', diagnostic: diagnostic('JL201', `row has ${cells.length} cells but the header has ${header.length}`, { span: { file, line: at }, cell: { columnName: header[Math.min(cells.length, header.length) - 1] ?? '', value: cells[cells.length - 1] ?? '' } }) });
    events.push({ kind: 'skipped', reason: 'ragged', line: at });
    return;
  }
  events.push({ kind: 'row', cells, line: at });
}

/**
 * Records with the lines each spans: the fast tokenizer while the input is regular, then
 * csv-parse (relaxed quotes and column counts) from the first record it does not decide.
 */
async function* tokenize(text: AsyncIterable<string | Buffer>, delimiter: string, quote: string): AsyncGenerator<CsvRecord[]> {
  const chunks = text[Symbol.asyncIterator]();
  let rest = '';
  if (FastTokenizer.supports(delimiter, quote)) {
    const fast = new FastTokenizer(delimiter, quote);
    let pending = '';
    /** Whether the unfinished record holds no line end: then it cannot end before the next one read. */
    let lineless = true;
    for (;;) {
      const next = await chunks.next();
      const piece = next.done ? '' : String(next.value);
      const chunk = pending + piece;
      // No line end in the record nor in what was read: nothing can end yet, so it is not
      // scanned again (scanned with every chunk, a record of megabytes took seconds each).
      if (!next.done && lineless && !hasLineEnd(piece)) {
        pending = chunk;
        if (pending.length > MAX_RECORD) throw recordTooLong();
        continue;
      }
      const stop = yield* fast.batches(chunk, next.done === true);
      if (stop.irregular) {
        // A finished iterator stays finished: csv-parse then reads `rest` alone.
        rest = chunk.slice(stop.pos);
        break;
      }
      if (next.done) return;
      pending = chunk.slice(stop.pos);
      lineless = !hasLineEnd(pending);
      // A record that goes on past its line ends (a quote never closed) is scanned again with each chunk: bounded.
      if (pending.length > MAX_RECORD) throw recordTooLong();
    }
  }
  yield* slowTokenize(rest, chunks, delimiter, quote);
}

/** The fast path's record past MAX_RECORD, as csv-parse reports its own (`max_record_size`). */
const recordTooLong = (): Error => Object.assign(new Error(RECORD_TOO_LONG), { code: 'CSV_MAX_RECORD_SIZE' });

const hasLineEnd = (s: string): boolean => s.includes('\n') || s.includes('\r');

/**
 * csv-parse on `head` and then the remaining chunks. Every line end outside quotes ends a
 * record, whichever kind it is: files edited on two systems mix CRLF, LF and lone CR, and a
 * reader that knew only the first kind would join rows (and misnumber every line after).
 */
async function* slowTokenize(head: string, chunks: AsyncIterator<string | Buffer>, delimiter: string, quote: string): AsyncGenerator<CsvRecord[]> {
  // Loaded on use: most files take the fast tokenizer, and csv-parse is ten modules to load.
  const { parse } = await import('csv-parse');
  const parser = parse({
    delimiter,
    quote,
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD,
  });
  const feed = async (): Promise<void> => {
    if (head !== '' && !parser.write(head)) await once(parser, 'drain');
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      if (!parser.write(next.value)) await once(parser, 'drain');
    }
    parser.end();
  };
  feed().catch((err: Error) => parser.destroy(err));
  let batch: CsvRecord[] = [];
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    batch.push({ cells: record, lines: linesIn(raw) });
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Reads only as far as the header: for `check`, which validates column names without converting. */
export async function readHeader(source: SourceModel, path: string): Promise<{ names?: readonly string[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  for await (const ev of readCsv(source, { path })) {
    if (ev.kind === 'diagnostic') diagnostics.push(ev.diagnostic);
    if (ev.kind === 'header') return { names: ev.names, diagnostics };
  }
  return { diagnostics };
}
