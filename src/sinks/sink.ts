import type { Term } from '@rdfjs/types';
import { AtomicFile, type FileFacts } from './atomic.js';
import type { OutputFormat } from './registry.js';
import type { Serializer, SerializerOptions } from './serializer.js';

const CHUNK = 256 * 1024;

/**
 * A serializer bound to an atomic output file. Text is gathered into large chunks and
 * written with backpressure; `commit` renames the finished file into place, `abort` removes it.
 */
export class FileSink {
  private buffer = '';
  /** Size and SHA-256 of the committed file. */
  facts: FileFacts | undefined;
  private constructor(readonly format: OutputFormat, private readonly serializer: Serializer, private readonly file: AtomicFile) {}

  static async open(path: string, format: OutputFormat, opts: SerializerOptions): Promise<FileSink> {
    const sink = new FileSink(format, format.format.create(opts), await AtomicFile.open(path, format.gzip));
    sink.buffer = sink.serializer.begin();
    return sink;
  }

  get path(): string {
    return this.file.path;
  }

  add(s: Term, p: Term, o: Term): void {
    this.buffer += this.serializer.triple(s, p, o);
  }

  /** True when enough text is waiting that the caller should `await flush()`. */
  get full(): boolean {
    return this.buffer.length >= CHUNK;
  }

  async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk !== '') await this.file.write(chunk);
  }

  async commit(): Promise<void> {
    this.buffer += this.serializer.end();
    await this.flush();
    this.facts = await this.file.commit();
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}
