import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { decodeWhole, scanUtf8, utf16Bom, type ResolvedEncoding } from '../csv/decode.js';

/** How a CSV is written, as far as its first lines tell. */
export interface Dialect {
  readonly encoding: ResolvedEncoding;
  /** The first byte that is not UTF-8, when the file is read as Windows-1252. */
  readonly invalidByte?: { readonly line: number; readonly byte: number };
  readonly bom: boolean;
  readonly delimiter: string;
  readonly skipRows: number;
  /** The title rows above the header, for the mapping's comments. */
  readonly titles: readonly string[];
  /** The first cell of the first notes row below the data (narrower than the table), if any. */
  readonly notesStart?: string;
}

const DELIMITERS = [',', ';', '\t', '|'];
const HEAD_BYTES = 1 << 16;
const HEAD_LINES = 40;

/**
 * Finds the encoding (BOM, UTF-8, else Windows-1252), the delimiter (the one that splits the
 * first lines into the most equal records) and the title rows above the header (records with
 * fewer cells than the table's width).
 */
export async function detectDialect(path: string): Promise<Dialect> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(HEAD_BYTES);
  const { bytesRead } = await fh.read(head, 0, HEAD_BYTES, 0);
  await fh.close();
  const bytes = head.subarray(0, bytesRead);
  const utf16 = utf16Bom(bytes);
  const bom = utf16 !== undefined || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  const invalid = bom ? undefined : await scanUtf8(path);
  const encoding: ResolvedEncoding = utf16 ?? (invalid ? 'windows-1252' : 'utf-8');
  let text = decodeWhole(encoding, bytes);
  // The last line may be cut by the 64 KB window: leave it out.
  if (bytesRead === HEAD_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  const lines = text.split(/\r\n|\n|\r/).slice(0, HEAD_LINES).join('\n');

  let best = { delimiter: ',', width: 0, rows: -1, records: [] as string[][] };
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      records = parse(lines, { delimiter, relax_column_count: true, relax_quotes: true }) as string[][];
    } catch {
      continue;
    }
    const widths = new Map<number, number>();
    for (const r of records) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    // The table's width: the most common record width of two cells or more (titles and notes have one).
    const [width, rows] = [...widths].filter(([w]) => w >= 2).sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    if (width >= 2 && (rows > best.rows || (rows === best.rows && width > best.width))) best = { delimiter, width, rows, records };
  }
  // Title rows (blank ones too, as the reader counts them): records above the first one as
  // wide as the table with more than one cell filled.
  const titles: string[] = [];
  for (const r of best.records) {
    if (r.length >= best.width && r.filter((c) => c.trim() !== '').length > 1) break;
    titles.push(r.filter((c) => c.trim() !== '').join(' '));
  }
  const notesStart = await trailingNotes(path, bytesRead === HEAD_BYTES ? undefined : text, encoding, best.delimiter, best.width);
  return {
    encoding, bom, delimiter: best.delimiter, skipRows: titles.length, titles, ...(notesStart ? { notesStart } : {}),
    ...(invalid ? { invalidByte: { line: invalid.line, byte: invalid.byte } } : {}),
  };
}

/**
 * Notes below the data: the trailing records (from the last 64 KB) narrower than the table,
 * after the last full one. Returns the first cell of the first of them.
 */
async function trailingNotes(path: string, whole: string | undefined, encoding: ResolvedEncoding, delimiter: string, width: number): Promise<string | undefined> {
  let text = whole;
  if (text === undefined) {
    const fh = await open(path, 'r');
    const size = (await fh.stat()).size;
    // UTF-16 is read from an even offset, so its two-byte units stay whole.
    const odd = encoding.startsWith('utf-16') && (size - Math.min(HEAD_BYTES, size)) % 2 === 1 ? 1 : 0;
    const tail = Buffer.alloc(Math.min(HEAD_BYTES, size) - odd);
    await fh.read(tail, 0, tail.length, size - tail.length);
    await fh.close();
    text = decodeWhole(encoding, tail);
    text = text.slice(text.search(/\r\n|\n|\r/) + 1);
  }
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  } catch {
    return undefined;
  }
  let first: string | undefined;
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.length >= width && r.filter((c) => c.trim() !== '').length > 1) break;
    first = r.find((c) => c.trim() !== '')?.trim() ?? first;
  }
  return first;
}
