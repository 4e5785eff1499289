import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdaptivePolicy, CacheAllowance, DirectFile, type WritePolicy } from '../../../src/sinks/direct-file.js';
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

  it('writes a file exactly when the adaptive policy mixes the two ways block by block', async () => {
    const policy = new AdaptivePolicy(2 ** 40, 1);
    const ways: boolean[] = [];
    const watched: WritePolicy = { take: (bytes) => { const c = policy.take(bytes); ways.push(c); return c; }, took: (c, ms) => policy.took(c, ms) };
    const path = join(dir, 'adaptive.bin');
    const file = (await DirectFile.open(path, watched))!;
    const wrote = randomBytes(100 * MiB + 123);
    for (let off = 0; off < wrote.length; off += 3 * MiB + 1) await file.write(wrote.subarray(off, Math.min(off + 3 * MiB + 1, wrote.length)));
    await file.close();
    expect(readFileSync(path).equals(wrote)).toBe(true);
    // The first 64 MiB through the cache, then both ways tried and timed.
    expect(ways.slice(0, 32).every((c) => c)).toBe(true);
    expect(ways.slice(32)).toContain(false);
    expect(policy.costs.cached).toBeGreaterThan(0);
    expect(policy.costs.direct).toBeGreaterThanOrEqual(0);
  });

  describe('the adaptive policy', () => {
    // Times as measured here: the cache 3 ms a block on a good hour and 17 on a bad one; the
    // disk 2.5 ms a block on a good hour, 124 on a bad one.
    const run = (policy: AdaptivePolicy, blocks: number, ms: { cached: number; direct: number }): boolean[] => Array.from({ length: blocks }, () => {
      const c = policy.take(2 * MiB);
      policy.took(c, c ? ms.cached : ms.direct);
      return c;
    });

    it('writes the first 64 MiB through the cache, then tries direct', () => {
      const ways = run(new AdaptivePolicy(2 ** 40, 1), 40, { cached: 1, direct: 1 });
      expect(ways.slice(0, 32)).toEqual(Array(32).fill(true));
      expect(ways[32]).toBe(false);
    });

    it('goes direct while the disk keeps up with the writer, with one block in 16 through the cache', () => {
      const policy = new AdaptivePolicy(2 ** 40, 1);
      run(policy, 40, { cached: 17, direct: 2.5 });
      const ways = run(policy, 160, { cached: 17, direct: 2.5 });
      expect(ways.filter((c) => c)).toHaveLength(10);
    });

    it('goes back through the cache when the disk slows down, and direct again when it recovers', () => {
      const policy = new AdaptivePolicy(2 ** 40, 1);
      run(policy, 100, { cached: 17, direct: 2.5 });
      const slowDisk = run(policy, 200, { cached: 3, direct: 124 });
      expect(slowDisk.slice(-100).filter((c) => !c).length).toBeLessThanOrEqual(7);
      const quickDisk = run(policy, 200, { cached: 17, direct: 2.5 });
      expect(quickDisk.slice(-100).filter((c) => c).length).toBeLessThanOrEqual(7);
    });

    it('stays direct when the disk is slow but the cache slower', () => {
      const policy = new AdaptivePolicy(2 ** 40, 1);
      run(policy, 40, { cached: 17, direct: 2.5 });
      const ways = run(policy, 160, { cached: 120, direct: 100 });
      expect(ways.slice(-100).filter((c) => c).length).toBeLessThanOrEqual(7);
    });

    it('counts a cached write by the share of the machine it takes', () => {
      const costs = (cores: number): { cached: number; direct: number } => {
        const policy = new AdaptivePolicy(2 ** 40, Math.min(1, 2 / cores));
        run(policy, 40, { cached: 20, direct: 100 });
        return policy.costs;
      };
      expect(costs(2).cached).toBeCloseTo(20);
      expect(costs(8).cached).toBeCloseTo(5);
      expect(costs(8).direct).toBeCloseTo(100, 0);
    });

    it('sends nothing more through the cache than it allows', () => {
      const policy = new AdaptivePolicy(10 * MiB, 1);
      const ways = run(policy, 20, { cached: 1, direct: 50 });
      expect(ways.filter((c) => c)).toHaveLength(5);
      expect(ways.slice(5).every((c) => !c)).toBe(true);
    });
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
      // As a failed run does: the other handle is closed too, not left to the collector.
      await file.abort().catch(() => undefined);
    });
  }
});
