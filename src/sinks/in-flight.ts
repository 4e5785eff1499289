/**
 * Writes on their way, oldest first, with their bytes: the writer goes on while fewer than
 * `limit` bytes are unwritten, and waits for the oldest beyond. Memory stays bounded whatever
 * the disk's speed, and a fast disk never makes the writer wait.
 */
export class InFlight {
  private readonly queue: { readonly done: Promise<void>; readonly bytes: number }[] = [];
  private queued = 0;

  constructor(private readonly limit: number) {}

  /** Adds a write of `bytes` (its promise should not reject unseen: give it a handler first); waits while more than the limit is on its way. */
  async add(done: Promise<void>, bytes: number): Promise<void> {
    this.push(done, bytes);
    await this.settle();
  }

  /** Adds a write without waiting: the caller waits (`settle`) when `over` says so. */
  push(done: Promise<void>, bytes: number): void {
    this.queue.push({ done, bytes });
    this.queued += bytes;
  }

  /** Whether more than the limit is on its way. */
  get over(): boolean {
    return this.queued > this.limit;
  }

  /** Waits for the oldest writes until no more than the limit is on its way. */
  async settle(): Promise<void> {
    while (this.queued > this.limit) {
      const oldest = this.queue.shift()!;
      await oldest.done;
      this.queued -= oldest.bytes;
    }
  }

  /** Waits for every write so far, and starts counting again. */
  async all(): Promise<void> {
    await Promise.all(this.queue.map((f) => f.done));
    this.queue.length = 0;
    this.queued = 0;
  }
}
