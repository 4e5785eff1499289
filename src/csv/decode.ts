import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

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
 * Decodes bytes to text as a stream. The BOM is dropped by TextDecoder; Windows-1252 uses the
 * WHATWG mapping (0x80–0x9F as curly quotes, € and so on), so `£` (0xA3) survives.
 */
export function decoder(encoding: ResolvedEncoding): Transform {
  const td = new TextDecoder(encoding);
  return new Transform({
    decodeStrings: true,
    readableObjectMode: false,
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      cb(null, td.decode(chunk, { stream: true }));
    },
    flush(cb: TransformCallback) {
      cb(null, td.decode());
    },
  });
}
