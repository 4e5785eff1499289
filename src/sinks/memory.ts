import type { Term } from '@rdfjs/types';
import type { Serializer } from './serializer.js';
import { StringOut } from './text-out.js';

/** Serialises into a string, for previews and tests; same interface as FileSink. */
export class StringSink {
  private readonly out = new StringOut();
  readonly full = false;
  committed = false;

  constructor(private readonly serializer: Serializer) {
    this.out.text(serializer.begin());
  }

  add(s: Term, p: Term, o: Term): void {
    this.serializer.triple(s, p, o, this.out);
  }

  async flush(): Promise<void> {}

  async commit(): Promise<void> {
    this.out.text(this.serializer.end());
    this.committed = true;
  }

  async abort(): Promise<void> {
    await this.commit();
  }

  toString(): string {
    return this.out.value;
  }
}
