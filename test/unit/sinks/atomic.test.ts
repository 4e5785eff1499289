import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipMembers } from '../../../src/rdf/gzip-index.js';
import { AtomicFile } from '../../../src/sinks/atomic.js';
import { ByteChunks } from '../../../src/sinks/text-out.js';
import { tempDir } from '../../support/tmp.js';

const dir = tempDir('jlod-atomic-');

describe('AtomicFile', () => {
  it.each([false, true])('reports the size and SHA-256 of the bytes on disk, hashed on the helper thread, chunks and strings in order (direct writes: %s)', async (direct) => {
    const path = join(dir, `big-${direct}.nt`);
    const file = await AtomicFile.open(path, false, direct);
    // The temporary folder's filesystem (ext4 or tmpfs here) takes O_DIRECT.
    expect((file as unknown as { direct?: object }).direct !== undefined).toBe(direct);
    const out = new ByteChunks();
    // 40 MB through pooled 1 MiB chunks (handed to the hash thread and back), with strings between.
    for (let i = 0; i < 200_000; i++) {
      out.text(`<http://example.org/obs/${i}> <http://example.org/p> "${'é'.repeat(i % 7)}${i}" .\n`);
      if (i % 50_000 === 0) {
        for (const chunk of out.take()) await file.write(chunk);
        await file.write(`# after row ${i}\n`);
      }
    }
    for (const chunk of out.take()) await file.write(chunk);
    expect(existsSync(path)).toBe(false);
    const facts = await file.commit();
    const bytes = readFileSync(path);
    expect(facts.bytes).toBe(bytes.length);
    expect(facts.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.toString('utf8')).toContain('# after row 150000\n<http://example.org/obs/150001>');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes gzip files of several members that gunzip to every byte, with the size and SHA-256 of the compressed file', async () => {
    const path = join(dir, 'big.nt.gz');
    const file = await AtomicFile.open(path, true, true);
    const out = new ByteChunks();
    const lines: string[] = [];
    // About 14 MB: four members of 4 MiB, the chunks of the pool going back to it once copied in.
    for (let i = 0; i < 200_000; i++) {
      const line = `<http://example.org/obs/${i}> <http://example.org/p> "${'é'.repeat(i % 7)}${i}" .\n`;
      lines.push(line);
      out.text(line);
      if (i % 50_000 === 0) for (const chunk of out.take()) await file.write(chunk);
    }
    for (const chunk of out.take()) await file.write(chunk);
    const facts = await file.commit();
    const bytes = readFileSync(path);
    expect(facts.bytes).toBe(bytes.length);
    expect(facts.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(gunzipSync(bytes).toString('utf8')).toBe(lines.join(''));
    // Four members or more, each found by the size in its header.
    expect(gzipMembers(path)!.length).toBeGreaterThanOrEqual(4);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it.each([['plain', false], ['direct', true], ['gzip', true]] as const)('writes and hashes lent bytes where they lie, and gives each back only once written and hashed (%s)', async (kind, direct) => {
    // A worker's slots: three MiB of shared memory, refilled as soon as each is given back.
    const path = join(dir, `lent-${kind}.nt${kind === 'gzip' ? '.gz' : ''}`);
    const file = await AtomicFile.open(path, kind === 'gzip', direct);
    const slot = 1 << 20;
    const shared = new SharedArrayBuffer(3 * slot);
    const free = [0, 1, 2];
    let wake: () => void = () => undefined;
    const parts: string[] = [];
    for (let k = 0; k < 24; k++) {
      while (free.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const s = free.shift()!;
      const view = Buffer.from(shared, s * slot, slot);
      let text = '';
      for (let i = 0, bytes = 0; bytes < slot - 400; i++) {
        const line = `<http://example.org/part/${k}/${i}> <http://example.org/p> "${k}·${i}" .\n`;
        text += line;
        bytes += Buffer.byteLength(line);
      }
      const length = view.write(text);
      parts.push(text);
      await file.write(view.subarray(0, length), () => {
        // Overwritten at once, as a worker would: bytes still wanted would show the X's.
        view.fill('X');
        free.push(s);
        wake();
      });
    }
    const facts = await file.commit();
    expect(free.sort()).toEqual([0, 1, 2]);
    const bytes = readFileSync(path);
    expect(facts.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((kind === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8')).toBe(parts.join(''));
  });

  it('leaves no gzip file behind when aborted', async () => {
    const path = join(dir, 'gone.nt.gz');
    const file = await AtomicFile.open(path, true, true);
    await file.write('<a:b> <a:c> <a:d> .\n'.repeat(600_000));
    await file.abort();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.gone'))).toEqual([]);
  });

  it.each([false, true])('leaves nothing behind when aborted (direct writes: %s)', async (direct) => {
    const path = join(dir, 'gone.nt');
    const file = await AtomicFile.open(path, false, direct);
    await file.write('<a:b> <a:c> <a:d> .\n'.repeat(300_000));
    await file.abort();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.gone'))).toEqual([]);
  });
});
