import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileRecord } from './model.js';

/** Size and SHA-256 of a file, streamed. */
export async function hashFile(path: string): Promise<FileRecord> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { path, bytes, sha256: hash.digest('hex') };
}
