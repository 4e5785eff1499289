import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectFile } from '../../../src/sinks/direct-file.js';
import { tempDir } from '../../support/tmp.js';

const dir = tempDir('jlod-direct-');
const MiB = 1 << 20;

/** Writes `total` random bytes in pieces of the given sizes (cycled) and reads the file back. */
async function roundTrip(name: string, total: number, pieces: readonly number[]): Promise<{ wrote: Buffer; read: Buffer }> {
  const path = join(dir, name);
  const file = await DirectFile.open(path);
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

  it('truncates an existing file it opens', async () => {
    await roundTrip('again.bin', 5 * MiB, [MiB]);
    const { wrote, read } = await roundTrip('again.bin', 100, [100]);
    expect(read.equals(wrote)).toBe(true);
  });

  it('is not used when JUSTICE_LOD_DIRECT_IO=0', async () => {
    process.env.JUSTICE_LOD_DIRECT_IO = '0';
    expect(await DirectFile.open(join(dir, 'off.bin'))).toBeUndefined();
  });

  it('reports a failing write at the next write or at close, not as an unhandled rejection', async () => {
    const file = (await DirectFile.open(join(dir, 'fails.bin')))!;
    // A closed handle makes the next block's write fail (EBADF) in the background.
    await (file as unknown as { handle: { close(): Promise<void> } }).handle.close();
    const attempt = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) await file.write(Buffer.alloc(MiB));
      await file.close();
    };
    await expect(attempt()).rejects.toMatchObject({ code: 'EBADF' });
  });
});
