import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { ReleaseDump } from '../release/read-release.js';

/** Bytes per upload request: large enough to be fast, small enough to retry cheaply. */
export const CHUNK_BYTES = 16 << 20;

/**
 * An N-Triples dump as chunks of whole lines, read as a stream (gzip too): no
 * whole-file buffer. Each chunk is a valid document of its own, so it can be sent and retried
 * alone. Counts the triples on the way.
 */
export async function* lineChunks(dump: ReleaseDump, bytes = CHUNK_BYTES): AsyncGenerator<{ data: Buffer; triples: number }> {
  const input = createReadStream(dump.path);
  const stream = dump.format.gzip ? input.pipe(createGunzip()) : input;
  let pending: Buffer[] = [];
  let size = 0;
  for await (const piece of stream as AsyncIterable<Buffer>) {
    pending.push(piece);
    size += piece.length;
    if (size < bytes) continue;
    const all = Buffer.concat(pending);
    const end = all.lastIndexOf(0x0a) + 1;
    if (end === 0) continue;
    yield { data: all.subarray(0, end), triples: lines(all.subarray(0, end)) };
    pending = [all.subarray(end)];
    size = pending[0]!.length;
  }
  const rest = Buffer.concat(pending);
  if (rest.length > 0) yield { data: rest, triples: lines(rest) };
}

/** Statements in a line-based dump chunk: lines that are neither blank nor comments. */
function lines(b: Buffer): number {
  let n = 0;
  let start = 0;
  for (let i = b.indexOf(0x0a); i !== -1; i = b.indexOf(0x0a, start)) {
    if (isStatement(b, start, i)) n++;
    start = i + 1;
  }
  if (isStatement(b, start, b.length)) n++;
  return n;
}

function isStatement(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    return c !== 0x23; // '#'
  }
  return false;
}
