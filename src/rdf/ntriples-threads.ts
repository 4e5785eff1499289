import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { BlankNode, NamedNode, Term } from '@rdfjs/types';
import { TermDecoder, type ReaderMessage, type ReaderSetup } from './ntriples-protocol.js';
import type { GzipMember } from './gzip-index.js';

export type OnTriple = (s: NamedNode | BlankNode, p: NamedNode, o: Term) => void;

/** The reader thread's module: only in the built package (the sources, run by the tests, read on the calling thread). */
export const THREAD_MODULE = new URL('./ntriples-thread.js', import.meta.url);
export const threadsAvailable = (): boolean => existsSync(THREAD_MODULE);

/**
 * A reader thread's young generation. What it allocates (a line's strings, a batch's table) is
 * soon garbage; left to grow to V8's default, the two threads' young generations held some
 * 50 MB of a reading's peak RSS, for no speed (measured: 4 MB reads as fast).
 */
const YOUNG_MB = 4;

interface ReaderThread {
  readonly worker: Worker;
  /** [0]: batches this side has handled; [1]: messages the thread has posted. */
  readonly shared: Int32Array;
  /** Where the thread posts, when it is read synchronously (`next`); else its 'message' events. */
  readonly port: MessagePort | undefined;
  /** The thread's terms by the numbers it sends. */
  readonly table: Term[];
}

/**
 * The reader threads of one file and the order their messages are handed on in: parts come in
 * turn from each thread (part k from thread k mod n), so the triples reach `onTriple` in the
 * file's order. Used two ways: by 'message' events (`readNTriplesThreaded`), or synchronously,
 * a batch when asked (`pullNTriples`).
 */
export class ReaderThreads {
  private readonly threads: ReaderThread[];
  private readonly decoder = new TermDecoder();
  private turn = 0;
  private linesBefore = 0;

  constructor(
    private readonly path: string,
    gzip: boolean,
    count: number,
    private readonly size: number,
    partBytes: number,
    synchronous: boolean,
    /** A module run on the triples in the thread (`ThreadConsumer`); its batches go to `handle`'s `onPayload`. */
    consumer?: URL,
    /** An indexed gzip file's members (`gzipMembers`): the parts the threads take turns at. */
    members?: readonly GzipMember[],
  ) {
    this.threads = Array.from({ length: count }, (_, index) => {
      const shared = new SharedArrayBuffer(8);
      const channel = synchronous ? new MessageChannel() : undefined;
      const setup: ReaderSetup = { path, gzip, acks: shared, index, of: count, partBytes, ...(members ? { members } : {}), ...(channel ? { port: channel.port2 } : {}), ...(consumer ? { consumer: consumer.href } : {}) };
      const worker = new Worker(THREAD_MODULE, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB }, ...(channel ? { transferList: [channel.port2] } : {}) });
      return { worker, shared: new Int32Array(shared), port: channel?.port1, table: [] };
    });
  }

  get workers(): readonly Worker[] {
    return this.threads.map((t) => t.worker);
  }

  /** Whose message is to be handed on next. */
  get current(): number {
    return this.turn;
  }

  /**
   * Hands on one message of the thread whose turn it is (decoding its terms, acknowledging
   * it); false when the file is done. Throws a syntax error at its line of the file.
   */
  handle(m: ReaderMessage, onTriple: OnTriple, onBytes?: (bytesRead: number) => void, onPayload?: (payload: unknown) => void): boolean {
    if (m.kind === 'done') return false;
    if (m.kind === 'error') throw new Error(`line ${this.linesBefore + m.line} of ${this.path}: ${m.reason}`);
    if (m.kind === 'failed') throw Object.assign(new Error(m.message), m.code ? { code: m.code } : {});
    const w = this.threads[this.turn]!;
    if (m.payload !== undefined) onPayload!(m.payload);
    else {
      if (m.fresh) w.table.length = 0;
      const { terms, ids, count } = m;
      const table = w.table;
      for (let i = 0; i < terms.length; i += 2) table.push(this.decoder.decode(terms[i]!, terms[i + 1]!));
      for (let i = 0; i < count * 3; i += 3) onTriple(table[ids[i]!] as NamedNode | BlankNode, table[ids[i + 1]!] as NamedNode, table[ids[i + 2]!]!);
    }
    Atomics.add(w.shared, 0, 1);
    Atomics.notify(w.shared, 0);
    // Each thread says how far into the file its part ends (a gzip read as a stream: as it goes).
    if (this.threads.length === 1 || m.lines >= 0) onBytes?.(Math.min(this.size, m.bytes));
    if (m.lines >= 0) {
      // The end of a part: the next is the next thread's.
      this.linesBefore += m.lines;
      this.turn = (this.turn + 1) % this.threads.length;
    }
    return true;
  }

  /**
   * The next message of the thread whose turn it is, waiting for it (synchronous use only);
   * throws after `silenceMs` without one (a thread that died cannot say so while this one waits).
   */
  next(silenceMs: number): ReaderMessage {
    const w = this.threads[this.turn]!;
    const deadline = Date.now() + silenceMs;
    for (;;) {
      // The thread counts a message after posting it: the count is read first, so that a
      // message posted after an empty receive changes it and ends the wait.
      const posted = Atomics.load(w.shared, 1);
      const got = receiveMessageOnPort(w.port!);
      if (got) return got.message as ReaderMessage;
      if (Date.now() > deadline) throw new Error(`the N-Triples reader of ${this.path} stopped answering`);
      Atomics.wait(w.shared, 1, posted, 1_000);
    }
  }

  async terminate(): Promise<void> {
    for (const t of this.threads) t.port?.close();
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
