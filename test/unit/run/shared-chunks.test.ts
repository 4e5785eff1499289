import { afterEach, describe, expect, it } from 'vitest';
import { createSlots, SlotClaimer, SlotReader, type PartChunk } from '../../../src/run/shared-chunks.js';
import { ByteChunks, CHUNK, takeChunksFrom } from '../../../src/sinks/text-out.js';

afterEach(() => takeChunksFrom(undefined));

describe('shared output chunks (convert --workers)', () => {
  it('hands out the lowest free slot, none when all wait to be written, and a slot again once the reader frees it', () => {
    const slots = createSlots(3);
    const claimer = new SlotClaimer(slots);
    const reader = new SlotReader(slots);
    const [a, b, c] = [claimer.claim()!, claimer.claim()!, claimer.claim()!];
    expect([a, b, c].map((x) => claimer.slotOf(x))).toEqual([0, 1, 2]);
    expect(claimer.claim()).toBeUndefined();
    b.write('shared bytes', 0);
    expect(Buffer.from(reader.view(1, 12)).toString()).toBe('shared bytes');
    reader.release(1);
    const again = claimer.claim()!;
    expect(claimer.slotOf(again)).toBe(1);
    expect(claimer.claim()).toBeUndefined();
    // A chunk of the worker's own memory lies in no slot; freeing it changes nothing.
    const own = Buffer.allocUnsafeSlow(CHUNK);
    expect(claimer.slotOf(own)).toBe(-1);
    claimer.free(own);
    expect(claimer.claim()).toBeUndefined();
    claimer.free(a);
    expect(claimer.slotOf(claimer.claim()!)).toBe(0);
  });

  it('fills slots first, then its own chunks, and the reader lends every byte in order, each slot freed when its bytes are given back', () => {
    const slots = createSlots(2);
    const claimer = new SlotClaimer(slots);
    takeChunksFrom(() => claimer.claim());
    const out = new ByteChunks();
    const lines: string[] = [];
    // About 3.5 MiB of lines, some with multi-byte characters: two slots, then two chunks of its own.
    for (let i = 0; i < 60_000; i++) {
      const line = `<http://example.org/obs/${i}> <http://example.org/p> "${'£é'.repeat(i % 5)}${i}" .\n`;
      lines.push(line);
      if (i % 2) out.text(line);
      else out.bytes(Buffer.from(line));
    }
    const taken = out.take();
    expect(taken.length).toBeGreaterThanOrEqual(4);
    const chunks: PartChunk[] = taken.map((b) => {
      const slot = claimer.slotOf(b);
      return slot >= 0 ? { slot, length: b.length } : { buffer: b.buffer as ArrayBuffer, length: b.length };
    });
    expect(chunks.slice(0, 2).map((c) => 'slot' in c)).toEqual([true, true]);
    expect(chunks.slice(2).every((c) => 'buffer' in c)).toBe(true);
    expect(claimer.claim()).toBeUndefined();

    const reader = new SlotReader(slots);
    const lent = [...reader.lent(chunks)];
    expect(Buffer.concat(lent.map((l) => l.bytes)).toString('utf8')).toBe(lines.join(''));
    // Slot bytes are lent where they lie, with a release; the worker's own buffers are the main thread's now.
    expect(lent.map((l) => l.bytes.buffer instanceof SharedArrayBuffer)).toEqual(chunks.map((c) => 'slot' in c));
    expect(lent.map((l) => l.release !== undefined)).toEqual(chunks.map((c) => 'slot' in c));
    // No slot is free until its bytes are given back.
    expect(claimer.claim()).toBeUndefined();
    lent[1]!.release!();
    expect(claimer.slotOf(claimer.claim()!)).toBe(1);
    expect(claimer.claim()).toBeUndefined();
    lent[0]!.release!();
    expect(claimer.slotOf(claimer.claim()!)).toBe(0);
  });
});
