import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipMembers, MEMBER_BYTES, withMemberSize } from '../../../src/rdf/gzip-index.js';
import { GzipMembers } from '../../../src/sinks/gzip-members.js';
import { tempDir } from '../../support/tmp.js';

/** Seeded N-Triples-like text: compressible, but not one repeated line. */
function text(bytes: number): Buffer {
  const out = Buffer.allocUnsafe(bytes);
  let seed = 7;
  let at = 0;
  while (at < bytes) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    at += out.write(`<https://example.org/obs/${seed % 100_000}> <https://example.org/p${seed % 13}> "${seed % 977}" .\n`, at);
  }
  return out;
}

/** Everything a GzipMembers hands on, given `input` in pieces of the sizes `pieces` cycles through. */
async function compress(input: Buffer, pieces: readonly number[], inFlight?: number): Promise<{ bytes: Buffer; members: number }> {
  const members: Buffer[] = [];
  const gz = new GzipMembers(async (m) => void members.push(Buffer.from(m)), inFlight);
  for (let off = 0, i = 0; off < input.length; i++) {
    const n = Math.min(pieces[i % pieces.length]!, input.length - off);
    const piece = Buffer.from(input.subarray(off, off + n));
    await gz.write(piece);
    piece.fill(0); // the caller may reuse its bytes as soon as write returns
    off += n;
  }
  await gz.end();
  return { bytes: Buffer.concat(members), members: members.length };
}

describe('GzipMembers', () => {
  const input = text(2 * MEMBER_BYTES + 123_457);

  it('writes members of whole lines, about 4 MiB each, each what zlib makes of them with its size in its header', async () => {
    const { bytes, members } = await compress(input, [1 << 20]);
    // Where the members end: at the last line end of each full 4 MiB.
    const slices: Buffer[] = [];
    let start = 0;
    while (input.length - start >= MEMBER_BYTES) {
      const cut = input.subarray(start, start + MEMBER_BYTES).lastIndexOf(10) + 1;
      slices.push(input.subarray(start, start + cut));
      start += cut;
    }
    if (start < input.length) slices.push(input.subarray(start));
    expect(members).toBe(3);
    expect(slices).toHaveLength(3);
    const expected = Buffer.concat(slices.map((slice) => withMemberSize(gzipSync(slice, { level: 6 }))));
    expect(bytes.equals(expected)).toBe(true);
    expect(gunzipSync(bytes).equals(input)).toBe(true);
    // The index finds them from their headers alone.
    const file = join(tempDir('jlod-gzip-'), 'x.nt.gz');
    writeFileSync(file, bytes);
    const index = gzipMembers(file)!;
    expect(index.map((m) => m.size)).toEqual(slices.map((slice) => withMemberSize(gzipSync(slice, { level: 6 })).length));
    for (const [i, m] of index.entries()) expect(gunzipSync(bytes.subarray(m.offset, m.offset + m.size)).equals(slices[i]!)).toBe(true);
  });

  it('makes a member as long as a line longer than 4 MiB, and ends every member at a line end', async () => {
    const long = Buffer.concat([text(3 << 20), Buffer.from(`"${"x".repeat(9 << 20)}"\n`), text(20 << 20)]);
    const { bytes } = await compress(long, [1 << 20, 12_345]);
    expect(gunzipSync(bytes).equals(long)).toBe(true);
    const file = join(tempDir('jlod-gzip-'), 'long.nt.gz');
    writeFileSync(file, bytes);
    const texts = gzipMembers(file)!.map((m) => gunzipSync(bytes.subarray(m.offset, m.offset + m.size)));
    expect(texts.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...texts.map((t) => t.length))).toBeGreaterThan(9 << 20);
    // Every member but the last (the text itself ends mid-line) ends at a line end.
    for (const t of texts.slice(0, -1)) expect(t.at(-1)).toBe(10);
  });

  it('is not an indexed file when a member does not say its size', () => {
    const file = join(tempDir('jlod-gzip-'), 'plain.nt.gz');
    writeFileSync(file, Buffer.concat([withMemberSize(gzipSync('a\n')), gzipSync('b\n')]));
    expect(gzipMembers(file)).toBeUndefined();
    writeFileSync(file, withMemberSize(gzipSync('a\n')).subarray(0, 20));
    expect(gzipMembers(file)).toBeUndefined();
  });

  it('gives the same bytes however the input arrives and however many compress at once', async () => {
    const a = await compress(input, [1 << 20], 4);
    const b = await compress(input, [1, 70_001, 3 << 20, 65_536], 2);
    const c = await compress(input, [MEMBER_BYTES], 1);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(c.bytes.equals(a.bytes)).toBe(true);
  });

  it('makes one member of an empty input, and of whole lines under 4 MiB', async () => {
    const empty = await compress(Buffer.alloc(0), [1]);
    expect(empty.members).toBe(1);
    expect(gunzipSync(empty.bytes).length).toBe(0);
    const lines = input.subarray(0, input.subarray(0, MEMBER_BYTES).lastIndexOf(10) + 1);
    const one = await compress(lines, [1 << 20]);
    expect(one.members).toBe(1);
    expect(gunzipSync(one.bytes).equals(lines)).toBe(true);
  });

  it('is read whole by gzip itself (several members are one file)', async () => {
    const { bytes } = await compress(input, [1 << 20]);
    const file = join(tempDir('jlod-gzip-'), 'x.nt.gz');
    writeFileSync(file, bytes);
    const out = execFileSync('gzip', ['-dc', file], { maxBuffer: 64 << 20 });
    expect(out.equals(input)).toBe(true);
  });

  it('passes on a failure to hand a member on, and abort then waits for the rest', async () => {
    const gz = new GzipMembers(() => Promise.reject(new Error('disk full')), 2);
    await expect((async () => {
      await gz.write(input);
      await gz.end();
    })()).rejects.toThrow('disk full');
    await expect(gz.abort()).resolves.toBeUndefined();
  });
});
