import type { Term } from '@rdfjs/types';
import type { Serializer } from './serializer.js';

/** Serialises into a string, for previews and tests; same interface as FileSink. */
export class StringSink {
  private text: string;
  readonly full = false;
  committed = false;

  constructor(private readonly serializer: Serializer) {
    this.text = serializer.begin();
  }

  add(s: Term, p: Term, o: Term): void {
    this.text += this.serializer.triple(s, p, o);
  }

  async flush(): Promise<void> {}

  async commit(): Promise<void> {
    this.text += this.serializer.end();
    this.committed = true;
  }

  async abort(): Promise<void> {
    await this.commit();
  }

  toString(): string {
    return this.text;
  }
}
