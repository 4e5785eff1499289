import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipMembers, MEMBER_BYTES } from '../../../src/sinks/gzip-members.js';
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

  it('writes one gzip member per 4 MiB of input, in order, each what zlib makes of that slice', async () => {
    const { bytes, members } = await compress(input, [1 << 20]);
    expect(members).toBe(3);
    const expected = Buffer.concat([0, 1, 2].map((i) => gzipSync(input.subarray(i * MEMBER_BYTES, (i + 1) * MEMBER_BYTES), { level: 6 })));
    expect(bytes.equals(expected)).toBe(true);
    expect(gunzipSync(bytes).equals(input)).toBe(true);
  });

  it('gives the same bytes however the input arrives and however many compress at once', async () => {
    const a = await compress(input, [1 << 20], 4);
    const b = await compress(input, [1, 70_001, 3 << 20, 65_536], 2);
    const c = await compress(input, [MEMBER_BYTES], 1);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(c.bytes.equals(a.bytes)).toBe(true);
  });

  it('makes one member of an empty input, and of an input of exactly one member', async () => {
    const empty = await compress(Buffer.alloc(0), [1]);
    expect(empty.members).toBe(1);
    expect(gunzipSync(empty.bytes).length).toBe(0);
    const one = await compress(input.subarray(0, MEMBER_BYTES), [MEMBER_BYTES]);
    expect(one.members).toBe(1);
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
