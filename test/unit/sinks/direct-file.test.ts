import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheAllowance, DirectFile } from '../../../src/sinks/direct-file.js';
import { tempDir } from '../../support/tmp.js';

const dir = tempDir('jlod-direct-');
const MiB = 1 << 20;

/**
 * Writes `total` random bytes in pieces of the given sizes (cycled) and reads the file back;
 * every block direct unless `cached` bytes of page-cache allowance are given.
 */
async function roundTrip(name: string, total: number, pieces: readonly number[], cached = 0): Promise<{ wrote: Buffer; read: Buffer }> {
  const path = join(dir, name);
  const file = await DirectFile.open(path, new CacheAllowance(cached));
  expect(file, 'this filesystem takes direct writes').toBeDefined();
  const wrote = randomBytes(total);
  for (let off = 0, i = 0; off < total; i++) {
    const n = Math.min(pieces[i % pieces.length]!, total - off);
    await file!.write(wrote.subarray(off, off + n));
    off += n;
  }
  await file!.close();
  return { wrote, read: readFileSync(path) };
}

describe('DirectFile', () => {
  afterEach(() => {
    delete process.env.JUSTICE_LOD_DIRECT_IO;
  });

  // Around the 4 KiB alignment, the 2 MiB block and the four blocks in flight: each size must
  // come back exactly, the last partial block padded to whole pages and cut, the probe's page cut off.
  for (const total of [0, 1, 4095, 4096, 4097, 2 * MiB - 1, 2 * MiB, 2 * MiB + 1, 8 * MiB + 12_345, 21 * MiB + 7]) {
    it(`writes ${total} bytes exactly, in pieces of uneven sizes`, async () => {
      const { wrote, read } = await roundTrip(`f-${total}.bin`, total, [1, 4096, 1000, 3 * MiB, 65_537]);
      expect(read.length).toBe(total);
      expect(read.equals(wrote)).toBe(true);
    });
  }

  it('writes a piece larger than every block in flight together', async () => {
    const { wrote, read } = await roundTrip('one-piece.bin', 19 * MiB + 3, [19 * MiB + 3]);
    expect(read.equals(wrote)).toBe(true);
  });

  // The first blocks through the page cache, the rest direct, on two handles of one file: the
  // switch may fall on a block boundary, inside the last partial block, or not come at all.
  for (const [total, cached] of [[9 * MiB + 5, 4 * MiB], [4 * MiB + 100, 4 * MiB], [4 * MiB + 100, 5 * MiB], [3 * MiB, 64 * MiB], [0, MiB]] as const) {
    it(`writes ${total} bytes exactly with ${cached} bytes of them allowed through the page cache`, async () => {
      const { wrote, read } = await roundTrip(`mixed-${total}-${cached}.bin`, total, [4096, 1 << 20, 77], cached);
      expect(read.length).toBe(total);
      expect(read.equals(wrote)).toBe(true);
    });
  }

  it('takes the allowance block by block, shared between the files of a run', async () => {
    const allowance = new CacheAllowance(3 * MiB);
    const first = (await DirectFile.open(join(dir, 'share-1.bin'), allowance))!;
    await first.write(Buffer.alloc(2 * MiB, 1));
    await first.close();
    // One 2 MiB block taken; the next file finds 1 MiB left, too little for a block.
    expect(allowance.take(2 * MiB)).toBe(false);
    expect(allowance.take(MiB)).toBe(true);
    expect(allowance.take(1)).toBe(false);
  });

  it('truncates an existing file it opens', async () => {
    await roundTrip('again.bin', 5 * MiB, [MiB]);
    const { wrote, read } = await roundTrip('again.bin', 100, [100]);
    expect(read.equals(wrote)).toBe(true);
  });

  it('is not used when JUSTICE_LOD_DIRECT_IO=0', async () => {
    process.env.JUSTICE_LOD_DIRECT_IO = '0';
    expect(await DirectFile.open(join(dir, 'off.bin'))).toBeUndefined();
  });

  // The direct handle, or the ordinary one while the cache allowance lasts.
  for (const [which, cached] of [['handle', 0], ['cached', 64 * MiB]] as const) {
    it(`reports a failing write (${which === 'handle' ? 'direct' : 'through the cache'}) at the next write or at close, not as an unhandled rejection`, async () => {
      const file = (await DirectFile.open(join(dir, `fails-${which}.bin`), new CacheAllowance(cached)))!;
      // A closed handle makes the next block's write fail (EBADF) in the background.
      await (file as unknown as Record<string, { close(): Promise<void> }>)[which]!.close();
      const attempt = async (): Promise<void> => {
        for (let i = 0; i < 10; i++) await file.write(Buffer.alloc(MiB));
        await file.close();
      };
      await expect(attempt()).rejects.toMatchObject({ code: 'EBADF' });
    });
  }
});
