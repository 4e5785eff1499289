import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of large dumps on a helper thread. Hashing a 3.4 GB N-Triples dump costs the main
 * thread about 2 s, a tenth of a conversion; the chunks already leave the main thread once
 * written, so they go on to this thread (moved, not copied) and come back to be reused.
 * One thread serves every open file; it keeps the process alive only while it has work.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.digest) {
    const h = hashes.get(m.id) ?? createHash('sha256');
    hashes.delete(m.id);
    parentPort.postMessage({ digest: h.digest('hex') });
    return;
  }
  let h = hashes.get(m.id);
  if (!h) hashes.set(m.id, (h = createHash('sha256')));
  h.update(new Uint8Array(m.buffer, m.offset, m.length));
  if (m.shared) parentPort.postMessage({});
  else parentPort.postMessage({ buffer: m.buffer }, [m.buffer]);
});
`;

interface Reply {
  readonly buffer?: ArrayBuffer;
  readonly digest?: string;
}

let worker: Worker | undefined;
let nextId = 0;
/** The thread answers each message in turn, so replies come in the order of `waiting`. */
const waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];

function thread(): Worker {
  if (worker) return worker;
  // CommonJS source; no inherited flags, which could make it a module (`node --input-type=module`).
  const w = new Worker(SOURCE, { eval: true, execArgv: [] });
  w.unref();
  w.on('message', (r: Reply) => {
    const wait = waiting.shift();
    if (waiting.length === 0) w.unref();
    wait?.resolve(r);
  });
  w.on('error', (err) => {
    for (const wait of waiting.splice(0)) wait.reject(err);
    worker = undefined;
  });
  worker = w;
  return w;
}

/** One file's SHA-256, computed on the hash thread from the chunks it is given, in order. */
export class ThreadHash {
  private readonly id = nextId++;

  private send(message: object, transfer: ArrayBuffer[]): Promise<Reply> {
    const w = thread();
    if (waiting.length === 0) w.ref();
    return new Promise<Reply>((resolve, reject) => {
      waiting.push({ resolve, reject });
      w.postMessage({ ...message, id: this.id }, transfer);
    });
  }

  /**
   * Hashes the bytes of `view`. With `handOver`, the caller gives up the view's whole buffer
   * (it is detached meanwhile) and gets it back when done; a view that does not start its own
   * buffer, or a small one that may lie in Node's shared pool, is copied instead. A view of
   * shared memory is hashed where it lies: the caller keeps it unchanged until this resolves.
   */
  async update(view: Uint8Array, handOver: boolean): Promise<ArrayBuffer | undefined> {
    if (view.buffer instanceof SharedArrayBuffer) {
      await this.send({ buffer: view.buffer, offset: view.byteOffset, length: view.length, shared: true }, []);
      return undefined;
    }
    const owned = handOver && view.byteOffset === 0 && view.buffer instanceof ArrayBuffer && view.buffer.byteLength > Buffer.poolSize;
    const data = owned ? view : Uint8Array.from(view);
    const reply = await this.send({ buffer: data.buffer, offset: 0, length: data.length }, [data.buffer as ArrayBuffer]);
    return owned ? reply.buffer : undefined;
  }

  async digest(): Promise<string> {
    return (await this.send({ digest: true }, [])).digest!;
  }
}
