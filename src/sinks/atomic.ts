import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** What a committed file holds, measured on the bytes written (after compression). */
export interface FileFacts {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * A file written through a temporary sibling and renamed into place on commit, so a failed
 * or interrupted run never leaves a half-written dump under the real name. The SHA-256 and
 * size are taken from the bytes as they go to disk, so the metadata needs no second read.
 * gzip output is deterministic: Node writes no file name and a zero mtime in the header.
 */
export class AtomicFile {
  private readonly head: Writable;
  private readonly done: Promise<void>;
  private readonly temp: string;
  private readonly hash = createHash('sha256');
  private size = 0;
  private failure: Error | undefined;

  private constructor(readonly path: string, gzip: boolean) {
    this.temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
    const measure = new Transform({
      transform: (chunk: Buffer, _enc, next) => {
        this.hash.update(chunk);
        this.size += chunk.length;
        next(null, chunk);
      },
    });
    const file = createWriteStream(this.temp);
    const stages: NodeJS.ReadWriteStream[] = gzip ? [createGzip({ level: 6 }), measure] : [measure];
    this.head = stages[0] as unknown as Writable;
    this.done = pipeline([...stages, file]);
    this.done.catch((err: Error) => (this.failure = err));
  }

  static async open(path: string, gzip = false): Promise<AtomicFile> {
    await mkdir(dirname(path), { recursive: true });
    return new AtomicFile(path, gzip);
  }

  /** Writes a chunk, waiting only when the stream asks for backpressure. */
  async write(chunk: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.head.write(chunk)) await Promise.race([once(this.head, 'drain'), this.done]);
  }

  async commit(): Promise<FileFacts> {
    this.head.end();
    await this.done;
    await rename(this.temp, this.path);
    return { path: this.path, bytes: this.size, sha256: this.hash.digest('hex') };
  }

  async abort(): Promise<void> {
    this.head.destroy();
    await this.done.catch(() => undefined);
    await rm(this.temp, { force: true });
  }
}

/** Writes a whole text file atomically (metadata, reports). */
export async function writeFileAtomic(path: string, text: string): Promise<FileFacts> {
  const file = await AtomicFile.open(path, path.endsWith('.gz'));
  await file.write(text);
  return file.commit();
}
