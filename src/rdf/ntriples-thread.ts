// A reader thread of `readNTriplesThreaded`: it reads and parses its parts of an N-Triples file
// (the members of a gzip file that says their sizes; all of another gzip file) and sends the
// triples as numbers into a table of the terms it has sent, a part's batches in order, each
// part's last one with its line count.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parentPort, workerData } from 'node:worker_threads';
import type { Term } from '@rdfjs/types';
import { LineError, lineParser, parseLines, viewOf } from './ntriples-lines.js';
import { parseFile } from './ntriples-reader.js';
import { BATCH, encodeTerm, IN_FLIGHT, TABLE_LIMIT, type ReaderBatch, type ReaderMessage, type ReaderSetup, type ThreadConsumer } from './ntriples-protocol.js';
import type { GzipMember } from './gzip-index.js';

const { path, gzip, acks, index, of, partBytes, members, port, consumer: consumerModule } = workerData as ReaderSetup;
const consumer: ThreadConsumer | undefined = consumerModule ? ((await import(consumerModule)) as { createConsumer(): ThreadConsumer }).createConsumer() : undefined;
/** [0]: batches the main thread has handled; [1]: messages posted (for a main thread that waits on it). */
const acked = new Int32Array(acks);
const out = port ?? parentPort!;
/** A term as this thread numbers it: `tid` in the table of generation `gen`. */
type Numbered = Term & { gen?: number; tid?: number };
let gen = 0;
let size = 0;
let ids = new Int32Array(BATCH * 3);
let count = 0;
let terms: string[] = [];
let fresh = false;
let sent = 0;
let bytes = 0;

const post = (m: ReaderMessage, transfer: ArrayBuffer[] = []): void => {
  out.postMessage(m, transfer);
  Atomics.add(acked, 1, 1);
  Atomics.notify(acked, 1);
};

const NO_IDS = new Int32Array(0);

/** Sends the batch; `lines` ≥ 0 ends a part; `last` after the whole file (a consumer's last batch). */
function flush(lines: number, last = false): void {
  if (consumer) {
    const { payload, transfer } = consumer.take(last);
    post({ kind: 'batch', ids: NO_IDS, count: 0, terms: [], fresh: false, lines, bytes, payload }, [...transfer]);
  } else {
    const batch: ReaderBatch = { kind: 'batch', ids, count, terms, fresh, lines, bytes };
    post(batch, [ids.buffer as ArrayBuffer]);
    ids = new Int32Array(BATCH * 3);
  }
  sent++;
  count = 0;
  terms = [];
  fresh = false;
  // The main thread checks what it is sent: a few batches ahead, no more (bounded memory).
  for (let a = Atomics.load(acked, 0); sent - a >= IN_FLIGHT; a = Atomics.load(acked, 0)) Atomics.wait(acked, 0, a, 1_000);
}

// The parser hands out the same object for the same term: its number is kept on it, for the
// table it was sent in (a lookup per term would cost this thread a sixth of its time).
const id = (t: Numbered, subject = false): number => {
  if (t.gen === gen) return t.tid!;
  t.gen = gen;
  encodeTerm(t, terms, subject);
  return (t.tid = size++);
};

const parser = lineParser(consumer ? (s, p, o) => {
  consumer.triple(s, p, o);
  if (consumer.full) flush(-1);
} : (s, p, o) => {
  // A new table between batches, so that a batch's numbers are of one table.
  if (size >= TABLE_LIMIT && count === 0) {
    gen++;
    size = 0;
    fresh = true;
  }
  const at = count * 3;
  ids[at] = id(s, true);
  ids[at + 1] = id(p);
  ids[at + 2] = id(o);
  if (++count === BATCH) flush(-1);
});

/** The buffer parts are read into. */
let part: Buffer | undefined;

/** The lines that start in bytes [from, to) of the file, and the rest of the last of them. */
function readPart(fd: number, fileSize: number, from: number, to: number): void {
  const base = Math.max(0, from - 1);
  // One buffer for all the parts (a new one each time made garbage the collector was slow to
  // return: some 20 MB of a reading's peak); the parser lets go of the last part's first.
  parser.release();
  if (!part || part.length < to - base + (1 << 16)) part = Buffer.allocUnsafe(to - base + (1 << 16));
  let buf = part;
  let length = readSync(fd, buf, 0, to - base, base);
  // More until the line that holds byte to - 1 ends (or the file does).
  const ended = (): boolean => buf.subarray(0, length).indexOf(10, Math.max(0, to - 1 - base)) >= 0;
  while (base + length < fileSize && !ended()) {
    if (length === buf.length) buf = part = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
    const got = readSync(fd, buf, length, buf.length - length, base + length);
    if (got === 0) break;
    length += got;
  }
  buf = buf.subarray(0, length);
  const view = viewOf(buf);
  // A line starts here if it is the file's first or follows a \n.
  let at = from === 0 ? 0 : buf.indexOf(10) + 1;
  if (from > 0 && at === 0) return;
  while (at < to - base && at < length) {
    let nl = buf.indexOf(10, at);
    if (nl < 0) nl = length;
    parser.line(buf, view, at, nl);
    at = nl + 1;
  }
}

/** The lines of one member of an indexed gzip file: whole lines, inflated here. */
function readMember(fd: number, m: GzipMember): void {
  parser.release();
  if (!part || part.length < m.size) part = Buffer.allocUnsafe(m.size + (1 << 16));
  let got = 0;
  while (got < m.size) {
    const n = readSync(fd, part, got, m.size - got, m.offset + got);
    if (n === 0) throw new Error(`${path} ends inside a gzip member`);
    got += n;
  }
  const text = gunzipSync(part.subarray(0, m.size));
  // The last member's last line may have no \n.
  const rest = parseLines(parser, text);
  if (rest < text.length) parser.line(text, viewOf(text), rest, text.length);
}

try {
  if (members) {
    const fd = openSync(path, 'r');
    for (let k = index; k < members.length; k += of) {
      parser.lineNumber = 0;
      readMember(fd, members[k]!);
      bytes = members[k]!.offset + members[k]!.size;
      flush(parser.lineNumber, consumer !== undefined && k + of >= members.length);
    }
    closeSync(fd);
  } else if (gzip) {
    await parseFile(path, gzip, parser, (b) => void (bytes = b));
    flush(parser.lineNumber, true);
  } else {
    const fd = openSync(path, 'r');
    const fileSize = fstatSync(fd).size;
    for (let k = index; k * partBytes < fileSize; k += of) {
      parser.lineNumber = 0;
      readPart(fd, fileSize, k * partBytes, Math.min(fileSize, (k + 1) * partBytes));
      bytes = Math.min(fileSize, (k + 1) * partBytes);
      flush(parser.lineNumber, consumer !== undefined && (k + of) * partBytes >= fileSize);
    }
    // An empty file has no part: a consumer still sends its (empty) last batch.
    if (consumer && fileSize === 0) flush(0, true);
    closeSync(fd);
  }
  post({ kind: 'done' });
} catch (err) {
  if (err instanceof LineError) post({ kind: 'error', line: err.line, reason: err.reason });
  else post({ kind: 'failed', message: (err as Error).message, ...((err as NodeJS.ErrnoException).code ? { code: (err as NodeJS.ErrnoException).code! } : {}) });
}
// Kept alive until the main thread ends it: it may still be handing on another thread's
// parts, and an exit before then (its 'exit' event) would pass this thread's last message.
parentPort!.on('message', () => undefined);
