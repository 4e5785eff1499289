import { describe, expect, it } from 'vitest';
import { decodePieces, decodeWhole, decoder, type ResolvedEncoding } from '../../../src/csv/decode.js';

/** Decodes `bytes` fed in reads of the given sizes (cycled), as the file stream would. */
async function decode(encoding: ResolvedEncoding, bytes: Buffer, reads: readonly number[]): Promise<string[]> {
  const d = decoder(encoding);
  const pieces: string[] = [];
  d.on('data', (s: string) => pieces.push(s));
  const ended = new Promise((resolve) => d.on('end', resolve));
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = reads[i % reads.length]!;
    d.write(bytes.subarray(at, at + n));
    at += n;
  }
  d.end();
  await ended;
  return pieces;
}

/** The WHATWG decoding, from TextDecoder in streaming mode (Node 20 answers "" for 0x80–0x9F outside it). */
const reference = (encoding: string, bytes: Uint8Array): string => new TextDecoder(encoding).decode(bytes, { stream: true }) + new TextDecoder(encoding).decode();

describe('decoder', () => {
  it('reads every byte of Windows-1252 as the WHATWG index does (0x80–0x9F included)', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = (await decode('windows-1252', all, [7, 100])).join('');
    expect(text).toBe(reference('windows-1252', all));
    expect(text.slice(0x80, 0x80 + 4)).toBe('€\u0081‚ƒ');
    expect(text.charAt(0xa3)).toBe('£');
  });

  it('reads UTF-8 split anywhere, even inside a character, and drops the byte-order mark', async () => {
    const body = 'Year,Area,Note\n2024,Ynys Môn,£1,000 – “quoted”\n'.repeat(5000);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]);
    for (const reads of [[1], [2, 3], [1 << 20], [65_535, 3]]) {
      expect((await decode('utf-8', bytes, reads)).join(''), String(reads)).toBe(body);
    }
  });

  it('hands a read of a megabyte on in strings of at most 64 KiB', async () => {
    const bytes = Buffer.from('a,b,c\n'.repeat(200_000));
    const pieces = await decode('utf-8', bytes, [1 << 20]);
    expect(pieces.join('')).toBe(bytes.toString('latin1'));
    expect(Math.max(...pieces.map((p) => p.length))).toBe(64 << 10);
  });

  it('reads UTF-16 as TextDecoder does', async () => {
    const bytes = Buffer.from('\ufeffYear,Count\n2024,£3\n', 'utf16le');
    expect((await decode('utf-16le', bytes, [3])).join('')).toBe('Year,Count\n2024,£3\n');
  });

  it('decodes a worker\'s part in 64 KiB pieces to the text of the whole, characters cut at a piece\'s end included', () => {
    // Three-byte and two-byte characters on every offset, so some straddle each 64 KiB boundary.
    const text = Array.from({ length: 40_000 }, (_, i) => `${i},${'€£'.repeat(i % 3)}\n`).join('');
    const bytes = Buffer.from(text, 'utf8');
    const pieces = [...decodePieces('utf-8', bytes)];
    expect(pieces.length).toBe(Math.ceil(bytes.length / 65_536) + 1);
    expect(pieces.join('')).toBe(text);
    expect(pieces.join('')).toBe(decodeWhole('utf-8', bytes));
    const cp1252 = Buffer.from([0x93, 0x80, 0x94, 0x0a]);
    expect([...decodePieces('windows-1252', cp1252)].join('')).toBe('\u201c€\u201d\n');
  });
});
