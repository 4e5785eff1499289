import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';

/**
 * A file written through a temporary sibling and renamed into place on commit, so a failed
 * or interrupted run never leaves a half-written dump under the real name.
 */
export class AtomicFile {
  private readonly stream: WriteStream;
  private readonly temp: string;
  private failure: Error | undefined;

  private constructor(readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
    this.stream = createWriteStream(this.temp);
    this.stream.on('error', (err) => (this.failure = err));
  }

  static async open(path: string): Promise<AtomicFile> {
    await mkdir(dirname(path), { recursive: true });
    const file = new AtomicFile(path);
    await once(file.stream, 'open');
    return file;
  }

  /** Writes a chunk, waiting only when the stream asks for backpressure. */
  async write(chunk: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
    await rename(this.temp, this.path);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
  }
}
