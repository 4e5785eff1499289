import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { LineError, lineParser, parseLines, viewOf, type LineParser } from './ntriples-lines.js';
import { gzipMembers, MEMBER_BYTES } from './gzip-index.js';
import { PART_BYTES, type ReaderMessage } from './ntriples-protocol.js';
import { ReaderThreads, threadsAvailable, type OnTriple } from './ntriples-threads.js';

/**
 * Reads an N-Triples file (or its gzip) line by line and hands each triple to `onTriple` as
 * RDF/JS terms, several times faster than N3.js's stream parser on the dumps `convert` writes
 * (`lineParser`). A syntax error names its line and N3.js's reason.
 */
export async function readNTriples(path: string, gzip: boolean, onTriple: OnTriple, onBytes?: (bytesRead: number) => void): Promise<void> {
  try {
    await parseFile(path, gzip, lineParser(onTriple), onBytes);
  } catch (err) {
    throw err instanceof LineError ? new Error(`line ${err.line} of ${path}: ${err.reason}`) : err;
  }
}

/** Streams a file (or its gzip) through `parser`, a line at a time; throws its `LineError`. */
export async function parseFile(path: string, gzip: boolean, parser: LineParser, onBytes?: (bytesRead: number) => void): Promise<void> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) input.on('data', () => onBytes(input.bytesRead));
  const stream = gzip ? input.pipe(createGunzip()) : input;
  input.on('error', (err) => stream.destroy(err));
  // A line split between two chunks is joined; the rest are read where they lie.
  let carry: Buffer | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    if (carry) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, nl)]);
      carry = undefined;
      parser.line(joined, viewOf(joined), 0, joined.length);
      from = nl + 1;
    }
    from = parseLines(parser, chunk, from);
    if (from < chunk.length) carry = chunk.subarray(from);
  }
  if (carry) parser.line(carry, viewOf(carry), 0, carry.length);
}

/** Below this size a file is read on this thread: starting threads costs more than it saves. */
export const THREADED_BYTES = 64 << 20;

export interface ThreadedOptions {
  /** Reader threads for a plain file or an indexed gzip (another gzip has one). */
  readonly threads?: number;
  /** Files smaller than this are read on this thread. */
  readonly minBytes?: number;
  readonly partBytes?: number;
}

/**
 * `readNTriples` with the reading and parsing on threads of their own, so that a consumer with
 * work of its own per triple (validate's checks) runs beside them: a plain file is read in
 * parts of `PART_BYTES` by two threads taking turns, a gzip file written by this tool a member
 * at a time the same way (src/rdf/gzip-index.ts), another gzip by one thread; the triples
 * reach `onTriple` in the file's order. Equal terms are the same object (within a bound), as
 * `readNTriples` gives them. Small files, and the sources run untranspiled (as in the tests,
 * where the thread's module is not there), are read on this thread.
 */
export async function readNTriplesThreaded(path: string, gzip: boolean, onTriple: OnTriple, onBytes?: (bytesRead: number) => void, opts: ThreadedOptions = {}): Promise<void> {
  const { threads = 2, minBytes = THREADED_BYTES, partBytes = PART_BYTES } = opts;
  const size = statSync(path).size;
  // A gzip file whose members say their sizes is read as a plain one is, its members the parts;
  // its text is some MEMBER_BYTES a member.
  const members = gzip && threadsAvailable() ? gzipMembers(path) : undefined;
  if (!threadsAvailable() || (members ? members.length * MEMBER_BYTES : size) < minBytes) return readNTriples(path, gzip, onTriple, onBytes);
  const set = new ReaderThreads(path, gzip, gzip && !members ? 1 : threads, size, partBytes, false, undefined, members);
  const queues = set.workers.map(() => [] as ReaderMessage[]);
  try {
    await new Promise<void>((resolve, rejectWith) => {
      let stopped = false;
      const reject = (err: Error): void => {
        stopped = true;
        rejectWith(err);
      };
      /** Hands on what the thread whose turn it is has sent, in order; false when the file is done. */
      const drain = (): boolean => {
        for (let m = queues[set.current]!.shift(); m; m = queues[set.current]!.shift()) if (!set.handle(m, onTriple, onBytes)) return false;
        return true;
      };
      set.workers.forEach((worker, i) => {
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`the N-Triples reader stopped (exit code ${code})`)));
        worker.on('message', (m: ReaderMessage) => {
          if (stopped) return;
          queues[i]!.push(m);
          try {
            if (!drain()) resolve();
          } catch (err) {
            reject(err as Error);
          }
        });
      });
    });
  } finally {
    await set.terminate();
  }
}
