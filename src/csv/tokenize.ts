/** One CSV record and the physical lines it spans (quoted line breaks included). */
export interface CsvRecord {
  readonly cells: string[];
  readonly lines: number;
}

/** Where a `parse` call stopped: all whole records before `pos` were returned. */
export interface TokenizeStop {
  readonly pos: number;
  /** Input the fast path does not decide (stray quotes, mixed line ends): hand it to csv-parse. */
  readonly irregular: boolean;
}

/** Records handed on at a time by `batches`. */
export const RECORD_BATCH = 512;
/**
 * The longest record read (characters): far beyond any real row (a spreadsheet cell holds at
 * most 32,767 characters), and short of what would make the reader rescan a growing record
 * for minutes. Past it the file is not a CSV, or a line end is missing.
 */
export const MAX_RECORD = 16 << 20;
/** What a record past MAX_RECORD is told. */
export const RECORD_TOO_LONG = `no record ends within ${MAX_RECORD >> 20} MiB of this line (a line end is missing, or the file is not a CSV), so the rest of the file cannot be read`;

const CR = 13;
const LF = 10;

/**
 * The fast path of CSV reading, about four times quicker than csv-parse on MoJ files: a
 * record with no quote is one `split`; a quoted record is scanned field by field. It decides
 * only well-formed input, where every parser agrees (RFC 4180 quoting, one kind of line end).
 * On anything else — a quote inside an unquoted field, text after a closing quote, a line end
 * other than the file's first — it stops at the start of that record and says so, and the
 * reader hands the rest of the file to csv-parse, whose relaxed rules and errors then apply.
 * Record delimiters are discovered as csv-parse does: the first line end outside quotes.
 */
export class FastTokenizer {
  /** The file's record delimiter, once seen. */
  recordDelimiter: '\r\n' | '\n' | '\r' | undefined;

  /** A text found free of other line ends from `cleanFrom` on (parsed in batches, it is scanned once). */
  private cleanText = '';
  private cleanFrom = 0;

  constructor(private readonly delimiter: string, private readonly quote: string) {}

  /** True when the dialect is one the fast path can read at all. */
  static supports(delimiter: string, quote: string): boolean {
    const bad = (c: string) => c.length !== 1 || c === '\r' || c === '\n';
    return !bad(delimiter) && !bad(quote) && delimiter !== quote;
  }

  /**
   * Appends the whole records of `text` from `pos` to `out` (at most `maxRecords`). Without
   * `final`, a record that may continue in the next chunk is left for then.
   */
  parse(text: string, pos: number, final: boolean, out: CsvRecord[], maxRecords = Infinity): TokenizeStop {
    const n = text.length;
    const limit = out.length + maxRecords;
    let stray: boolean | undefined;
    let quoteAt = -2;
    while (pos < n && out.length < limit) {
      const rd = this.recordDelimiter;
      if (rd === undefined) {
        // The first record names the file's line end: the first \r\n, \n or \r outside quotes.
        const cr = text.indexOf('\r', pos);
        const lf = text.indexOf('\n', pos);
        const at = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
        const q = text.indexOf(this.quote, pos);
        if (q !== -1 && (at === -1 || q < at)) {
          const r = this.quoted(text, pos, final);
          if (r === 'wait') break;
          if (r === 'irregular') return { pos, irregular: true };
          out.push(r.record);
          pos = r.next;
          continue;
        }
        if (at === -1) {
          if (!final) break;
          out.push({ cells: text.slice(pos).split(this.delimiter), lines: 1 });
          pos = n;
          continue;
        }
        if (text.charCodeAt(at) === LF) this.recordDelimiter = '\n';
        else if (at + 1 < n) this.recordDelimiter = text.charCodeAt(at + 1) === LF ? '\r\n' : '\r';
        else if (final) this.recordDelimiter = '\r';
        else break;
        continue;
      }
      // Whether a line end of another kind than the file's occurs: then lines are checked.
      // Known clean from an earlier position of the same text: clean from here too (batches).
      if (stray === undefined && text === this.cleanText && pos >= this.cleanFrom) stray = false;
      if (stray === undefined) {
        stray = rd === '\r\n' ? hasLoneCrOrLf(text, pos) : text.indexOf(rd === '\n' ? '\r' : '\n', pos) !== -1;
        if (!stray) {
          this.cleanText = text;
          this.cleanFrom = pos;
        }
      }
      let end = text.indexOf(rd, pos);
      if (end === -1) {
        if (!final) break;
        end = n;
      }
      // In a lone-CR file, a \r\n is one line end of another kind, not a \r and a blank line.
      if (rd === '\r' && end < n) {
        if (end + 1 === n && !final) break;
        if (text.charCodeAt(end + 1) === LF) return { pos, irregular: true };
      }
      if (quoteAt !== -1 && quoteAt < pos) quoteAt = text.indexOf(this.quote, pos);
      if (quoteAt === -1 || quoteAt >= end) {
        const line = detached(text.slice(pos, end));
        if (stray && (line.includes('\r') || line.includes('\n'))) return { pos, irregular: true };
        out.push({ cells: line.split(this.delimiter), lines: 1 });
        pos = end === n ? n : end + rd.length;
        continue;
      }
      const r = this.quoted(text, pos, final);
      if (r === 'wait') break;
      if (r === 'irregular') return { pos, irregular: true };
      out.push(r.record);
      pos = r.next;
    }
    return { pos, irregular: false };
  }

  /**
   * The whole records of `text`, RECORD_BATCH at a time, returning where it stopped. A few
   * hundred at a time die young, in the scavenger, instead of a whole chunk's worth living
   * long enough to be promoted (and collected again in the old space).
   */
  *batches(text: string, final: boolean): Generator<CsvRecord[], TokenizeStop> {
    let stop: TokenizeStop = { pos: 0, irregular: false };
    for (;;) {
      const out: CsvRecord[] = [];
      stop = this.parse(text, stop.pos, final, out, RECORD_BATCH);
      if (out.length) yield out;
      if (out.length < RECORD_BATCH || stop.irregular) return stop;
    }
  }

  /** A record with quoted fields, scanned field by field from `pos`. */
  private quoted(text: string, pos: number, final: boolean): { record: CsvRecord; next: number } | 'wait' | 'irregular' {
    const { delimiter, quote } = this;
    const d = delimiter.charCodeAt(0);
    const q = quote.charCodeAt(0);
    const n = text.length;
    const rd0 = this.recordDelimiter?.charCodeAt(0) ?? LF;
    const cells: string[] = [];
    let lines = 1;
    let i = pos;
    for (;;) {
      if (i < n && text.charCodeAt(i) === q) {
        // Quoted field: "" is one quote; line breaks inside count as lines.
        let value = '';
        let from = i + 1;
        let close: number;
        for (;;) {
          close = text.indexOf(quote, from);
          if (close === -1) return final ? 'irregular' : 'wait';
          if (close + 1 < n && text.charCodeAt(close + 1) === q) {
            value += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          if (close + 1 === n && !final) return 'wait';
          value += text.slice(from, close);
          break;
        }
        lines += breaks(text, i + 1, close);
        cells.push(value);
        i = close + 1;
      } else {
        // Unquoted field: up to the next delimiter or record end; a quote inside is irregular.
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === d || c === rd0 || c === CR || c === LF) break;
          if (c === q) return 'irregular';
        }
        cells.push(text.slice(i, j));
        i = j;
      }
      if (i === n) {
        if (!final) return 'wait';
        return { record: { cells: cells.map(detached), lines }, next: n };
      }
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      if (c !== CR && c !== LF) return 'irregular';
      if (this.recordDelimiter === undefined) {
        // Still the first record: this line end is the file's.
        if (c === CR && i + 1 === n && !final) return 'wait';
        this.recordDelimiter = c === LF ? '\n' : text.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
      }
      const rd = this.recordDelimiter;
      if (rd === '\r' && c === CR) {
        if (i + 1 === n && !final) return 'wait';
        if (text.charCodeAt(i + 1) === LF) return 'irregular';
      }
      if (text.startsWith(rd, i)) return { record: { cells: cells.map(detached), lines }, next: i + rd.length };
      if (rd === '\r\n' && c === CR && i + 1 === n && !final) return 'wait';
      return 'irregular';
    }
  }
}

/**
 * A copy of `s` that does not keep alive the text it was sliced from. V8 makes a slice of a
 * long string a view of it: a cell kept by a cache (a distinct label, a first use, a group's
 * cells) would keep its whole megabyte chunk of decoded CSV, and a column whose new values
 * keep coming down a large file then held the file (1.4 GB at 1M rows). Concatenated and
 * sliced again, the text is flattened into a string of its own: one row's bytes, copied once.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** Line breaks in text[from, to): \r\n, \n and a lone \r each count once. */
function breaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/** For \r\n files: whether a \r or \n stands alone somewhere from `pos` on. */
function hasLoneCrOrLf(text: string, pos: number): boolean {
  for (let i = text.indexOf('\r', pos); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) return true;
  for (let i = text.indexOf('\n', pos); i !== -1; i = text.indexOf('\n', i + 1)) if (text.charCodeAt(i - 1) !== CR) return true;
  return false;
}
