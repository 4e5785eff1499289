import type { FileHandle } from 'node:fs/promises';

/**
 * fs writes may be partial: loops until the whole buffer is written, at `position` when given
 * (direct writes, which go at block offsets), else at the file's current position.
 */
export async function writeAll(handle: FileHandle, bytes: Uint8Array, position?: number): Promise<void> {
  for (let off = 0; off < bytes.length; ) off += (await handle.write(bytes, off, bytes.length - off, position === undefined ? null : position + off)).bytesWritten;
}
