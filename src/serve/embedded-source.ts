import { Worker } from 'node:worker_threads';
import { QueryFailed, iriRef, type DataSource } from './source.js';

interface Job {
  readonly message: { sparql?: string; format?: string; describe?: string };
  readonly timeoutMs: number;
  readonly resolve: (text: string) => void;
  readonly reject: (err: Error) => void;
}

/**
 * The release in the embedded store, in a thread of its own. Queries queue and run one at a
 * time; one that outlives its time-out ends the thread (the only way to stop Oxigraph
 * mid-query) and a new thread loads the release again while the queue waits.
 */
export class EmbeddedSource implements DataSource {
  private worker: Worker | undefined;
  private ready: Promise<number> | undefined;
  private readonly queue: Job[] = [];
  private busy = false;
  private nextId = 0;
  private closed = false;
  /** Triples loaded, once the first thread is ready. */
  triples = 0;

  constructor(private readonly dir: string, private readonly previous: readonly { readonly dir: string; readonly catalog: string }[] = []) {}

  /** Loads the release; rejects with the reason when it cannot (too large, unreadable). */
  async start(): Promise<number> {
    this.ready = new Promise<number>((resolve, reject) => {
      const url = new URL('./store-worker.js', import.meta.url);
      const w = new Worker(url, { workerData: { dir: this.dir, previous: this.previous } });
      this.worker = w;
      w.once('message', (m: { ready?: boolean; triples?: number; error?: string }) => {
        if (m.error) reject(new Error(m.error));
        else resolve((this.triples = m.triples ?? 0));
      });
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`the store thread stopped (exit ${code})`)));
    });
    return this.ready;
  }

  run(sparql: string, format: string, timeoutMs: number): Promise<string> {
    return this.enqueue({ sparql, format }, timeoutMs);
  }

  describe(iri: string): Promise<string> {
    iriRef(iri);
    return this.enqueue({ describe: iri }, 30_000);
  }

  private enqueue(message: Job['message'], timeoutMs: number): Promise<string> {
    if (this.closed) return Promise.reject(new QueryFailed('the server is stopping', 503));
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ message, timeoutMs, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    const job = this.queue.shift();
    if (!job) return;
    this.busy = true;
    try {
      await this.ready;
      job.resolve(await this.once(job));
    } catch (err) {
      job.reject(err as Error);
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  private once(job: Job): Promise<string> {
    const w = this.worker!;
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        w.off('message', onMessage);
        // Ending the thread is the only way to stop the query; a new one loads the release.
        void w.terminate();
        if (!this.closed) this.start().catch(() => undefined);
        reject(new QueryFailed(`the query took longer than ${job.timeoutMs / 1000} s and was stopped`, 504));
      }, job.timeoutMs);
      const onMessage = (m: { id: number; text?: string; error?: string }): void => {
        if (m.id !== id) return;
        clearTimeout(timer);
        w.off('message', onMessage);
        if (m.error !== undefined) reject(new QueryFailed(m.error, 400));
        else resolve(m.text!);
      };
      w.on('message', onMessage);
      w.postMessage({ id, ...job.message });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new QueryFailed('the server is stopping', 503));
    await this.worker?.terminate();
  }
}
