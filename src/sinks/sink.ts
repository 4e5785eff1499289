import type { Term } from '@rdfjs/types';
import { AtomicFile, type FileFacts, type Lent } from './atomic.js';
import type { OutputFormat } from './registry.js';
import type { Serializer, SerializerOptions } from './serializer.js';
import { ByteChunks } from './text-out.js';

const CHUNK = 2 << 20;

/**
 * A serializer bound to an atomic output file. Bytes are gathered into large chunks and
 * written with backpressure; `commit` renames the finished file into place, `abort` removes it.
 */
export class FileSink {
  private readonly out = new ByteChunks();
  /** Size and SHA-256 of the committed file. */
  facts: FileFacts | undefined;
  private constructor(readonly format: OutputFormat, private readonly serializer: Serializer, private readonly file: AtomicFile) {}

  static async open(path: string, format: OutputFormat, opts: SerializerOptions): Promise<FileSink> {
    const sink = new FileSink(format, format.format.create(opts), await AtomicFile.open(path, format.gzip, true));
    sink.out.text(sink.serializer.begin());
    return sink;
  }

  get path(): string {
    return this.file.path;
  }

  add(s: Term, p: Term, o: Term): void {
    this.serializer.triple(s, p, o, this.out);
  }

  /** True when enough text is waiting that the caller should `await flush()`. */
  get full(): boolean {
    return this.out.size >= CHUNK;
  }

  /** Closes the statement in progress: bodies serialised elsewhere follow (workers). */
  cut(): void {
    this.out.text(this.serializer.cut());
  }

  /** Appends text serialised elsewhere (a worker's part), after what is waiting here; each chunk is taken when its turn comes. */
  async append(chunks: Iterable<Lent>): Promise<void> {
    await this.flush();
    for (const chunk of chunks) await this.file.write(chunk.bytes, chunk.release);
  }

  async flush(): Promise<void> {
    for (const chunk of this.out.take()) await this.file.write(chunk);
  }

  /** Everything so far on disk: the write queue and its chunks are free. */
  async drain(): Promise<void> {
    await this.flush();
    await this.file.idle();
  }

  async commit(): Promise<void> {
    this.out.text(this.serializer.end());
    await this.flush();
    this.facts = await this.file.commit();
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}
