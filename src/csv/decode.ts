import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export type ResolvedEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** The UTF-16 byte order a file's byte-order mark declares, if it starts with one. */
export function utf16Bom(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The first two bytes of a file, for its UTF-16 byte-order mark. */
export async function utf16BomOf(path: string): Promise<'utf-16le' | 'utf-16be' | undefined> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return utf16Bom(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** Where the first byte that is not UTF-8 sits: byte offset and 0-based line. */
export interface InvalidByte {
  readonly offset: number;
  readonly line: number;
  readonly byte: number;
}

/** Bytes at the end of a chunk that may begin a multi-byte sequence finished by the next chunk. */
function incompleteTail(buf: Buffer): number {
  for (let k = 1; k <= Math.min(3, buf.length); k++) {
    const b = buf[buf.length - k]!;
    if ((b & 0xc0) !== 0x80) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > k ? k : 0;
    }
  }
  return 0;
}

/** Offset of the first byte at which a buffer known to be invalid stops being UTF-8 (runs once). */
function firstInvalid(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  // Shrink to the shortest invalid prefix, then step back over the sequence start.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const prefix = buf.subarray(0, mid + 1);
    if (isUtf8(prefix.subarray(0, prefix.length - incompleteTail(prefix)))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const countNewlines = (buf: Buffer, end = buf.length): number => {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
};

/** Streams a file once to find the first byte that is not UTF-8; undefined when it is all UTF-8. */
export async function scanUtf8(path: string): Promise<InvalidByte | undefined> {
  let carry = Buffer.alloc(0);
  let offset = 0;
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const tail = incompleteTail(buf);
    const body = buf.subarray(0, buf.length - tail);
    if (!isUtf8(body)) {
      const at = firstInvalid(body);
      return { offset: offset + at, line: lines + countNewlines(body, at), byte: body[at]! };
    }
    lines += countNewlines(body);
    offset += body.length;
    carry = Buffer.from(buf.subarray(buf.length - tail));
  }
  return carry.length ? { offset, line: lines, byte: carry[0]! } : undefined;
}

/**
 * What Windows-1252 makes of 0x80–0x9F, where it differs from Latin-1: `€`, curly quotes,
 * dashes (the WHATWG Encoding Standard's index; its five unassigned bytes stay C1 controls).
 * Written out, not asked of TextDecoder: outside streaming mode, Node 20's decoder drops
 * these bytes.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

/** Bytes decoded into one string. */
const PIECE = 64 << 10;

/** The text of one chunk and of the end; each decoder keeps what a chunk leaves unfinished. */
interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/**
 * UTF-8 and Windows-1252 are decoded to one-byte strings where the text allows. TextDecoder's
 * streaming mode hands back a two-byte string for any chunk of over a megabyte, whatever its
 * characters, and every cell sliced from it, every key hashed and every IRI built from those
 * cells would then be two-byte too.
 */
function chunkDecoder(encoding: ResolvedEncoding): ChunkDecoder {
  if (encoding === 'utf-8') {
    // The file was found to be UTF-8 when its encoding was resolved; a BOM is dropped, as TextDecoder does.
    const sd = new StringDecoder('utf8');
    let first = true;
    const bomless = (text: string): string => {
      if (!first || text === '') return text;
      first = false;
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    };
    return { write: (chunk) => bomless(sd.write(chunk)), end: () => bomless(sd.end()) };
  }
  if (encoding === 'windows-1252') {
    // One byte, one character: Latin-1, with the 32 characters where Windows-1252 differs put right.
    const text = (chunk: Buffer): string => chunk.toString('latin1').replace(C1, (c: string) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
    return { write: text, end: () => '' };
  }
  const td = new TextDecoder(encoding);
  return { write: (chunk) => td.decode(chunk, { stream: true }), end: () => td.decode() };
}

/**
 * The text of a part of a file (a worker's part, cut at line ends) in pieces of 64 KiB, the
 * stream's pieces: a string of a whole part would be a large object of its own in V8's heap.
 * Each piece ends where its bytes end (a character cut in two goes with the next piece).
 */
export function* decodePieces(encoding: ResolvedEncoding, bytes: Buffer): Generator<string> {
  const text = chunkDecoder(encoding);
  for (let at = 0; at < bytes.length; at += PIECE) yield text.write(bytes.subarray(at, at + PIECE));
  yield text.end();
}

/**
 * The text of a whole buffer (a file's head, a sample): the same decoding as the stream's.
 * Not TextDecoder's one-shot `decode`: in Node 20 it drops the Windows-1252 bytes 0x80–0x9F
 * (`’`, `€`, curly quotes) without a word.
 */
export function decodeWhole(encoding: ResolvedEncoding, bytes: Buffer): string {
  const text = chunkDecoder(encoding);
  return text.write(bytes) + text.end();
}

/**
 * Decodes bytes to text as a stream. The BOM is dropped; Windows-1252 uses the WHATWG mapping
 * (0x80–0x9F as curly quotes, € and so on), so `£` (0xA3) survives.
 *
 * The readable side is in object mode so the strings are handed on as they are: in byte mode
 * a stream turns each pushed string back into UTF-8 bytes, which the reader then decodes a
 * second time (three passes over every byte instead of one).
 */
export function decoder(encoding: ResolvedEncoding): Transform {
  const text = chunkDecoder(encoding);
  return new Transform({
    decodeStrings: true,
    readableObjectMode: true,
    // One read (1 MiB) waiting for the reader, as in byte mode.
    readableHighWaterMark: 1,
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      // In pieces of 64 KiB: a longer string is a large object of its own in V8's heap, made
      // and freed at many times the cost (1 MiB pieces decoded 19 MB in 55–70 ms, 64 KiB in 5–23).
      for (let at = 0; at < chunk.length; at += PIECE) this.push(text.write(chunk.subarray(at, at + PIECE)));
      cb();
    },
    flush(cb: TransformCallback) {
      cb(null, text.end());
    },
  });
}
