import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { compilePlan, type RowPlan, type RowStats } from '../compile/plan.js';
import { decodeWhole } from '../csv/decode.js';
import { buildHeader } from '../csv/header.js';
import { resolveEncoding } from '../csv/read.js';
import { FastTokenizer, MAX_RECORD, type CsvRecord } from '../csv/tokenize.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code } from '../diagnostics/codes.js';
import type { MappingModel, MarkerCode } from '../mapping/model.js';
import { FactsCollector } from '../metadata/facts.js';
import { FileSink } from '../sinks/sink.js';
import { createSlots, SlotReader } from './shared-chunks.js';
import type { ConvertSummary } from './summary.js';
import { RunValidation, WHOLE_GRAPH_LIMIT } from './validation.js';
import type { TripleTarget } from './row-runner.js';
import type { BatchDone, BatchMessage, WorkerSetup, WorkerState } from './worker-protocol.js';

/** Bytes of CSV per part: about 6,000 sentencing rows, 20 MB of N-Triples. */
const PART = 1 << 20;
/**
 * Shared output chunks (1 MiB) per worker: the parts a worker has converted and not yet had
 * written, some 35 MiB of N-Triples each. Only the slots filled take memory.
 */
const SLOTS = 192;
/** Below this a file is converted in one process (thread start-up would not pay). */
const MIN_BYTES = 16 << 20;

export interface ParallelInput {
  readonly model: MappingModel;
  readonly mapping: string;
  readonly csv: string;
  readonly size: number;
  readonly workers: number;
  readonly validate: boolean;
  readonly formats: readonly string[];
  /** Whether the VoID facts are counted (only when metadata is written). */
  readonly facts: boolean;
  /** The dump files; the facts collector counts beside them. */
  readonly openFiles: () => Promise<TripleTarget[]>;
  readonly progress: { bytesRead: number; rows: number };
}

export interface ParallelOutcome {
  readonly plan: RowPlan;
  readonly header: readonly string[];
  readonly validation?: RunValidation;
  readonly targets: readonly TripleTarget[];
  /** VoID counts of the whole run (header, workers' parts; the trailer is added by the caller). */
  readonly facts: FactsCollector;
  readonly encoding: string;
  /** The plan's diagnostics (column resolution). */
  readonly planDiagnostics: readonly Diagnostic[];
  /** Reading and row diagnostics in file order, then the merged key checks. */
  readonly diagnostics: readonly Diagnostic[];
  /** Adds what the workers counted to the run's summary. */
  readonly count: (summary: ConvertSummary, stats: RowStats) => void;
}

/**
 * `convert --workers N`: the main thread reads the CSV in parts of whole records (cut at a
 * line end outside quotes), the workers convert the parts, and the main thread writes their
 * bytes in file order, so the dump is byte for byte the one a single process writes. The
 * workers' counts, minted codes, VoID facts and key tables are merged at the end; keys seen
 * by two workers are the duplicates (IC-12) no one worker could see. Returns 'fallback' when
 * the file is small or not plain enough to cut safely (title/notes rows below the data,
 * lone CR line ends, a record the fast tokenizer does not decide): then one process runs.
 */
export async function convertInParallel(input: ParallelInput): Promise<ParallelOutcome | 'fallback'> {
  const { model, csv } = input;
  const source = model.source;
  // Rows that combine need one table for the whole file: one process.
  if (input.size < MIN_BYTES || source.footer !== undefined || model.aggregation !== undefined || !FastTokenizer.supports(source.delimiter, source.quote)) return 'fallback';
  const resolved = await resolveEncoding(source, csv);
  // A file that cannot be read as declared gets its JL206 from the one-process reader.
  if (!resolved.encoding) return 'fallback';
  // Parts are cut at newline bytes, which UTF-16 spreads over two bytes: one process reads it.
  if (resolved.encoding === 'utf-16le' || resolved.encoding === 'utf-16be') return 'fallback';
  const encoding = resolved.encoding;
  const diagnostics: Diagnostic[] = resolved.diagnostic ? [resolved.diagnostic] : [];
  const fh = await open(csv, 'r');
  try {
    // The title and header records, from the start of the file.
    const head = Buffer.alloc(Math.min(input.size, 4 << 20));
    await fh.read(head, 0, head.length, 0);
    // Decoded as the workers decode their parts; a character cut at the end of the 4 MiB
    // lies in a record the tokenizer leaves unfinished (not final), never in the header.
    const text = decodeWhole(encoding, head);
    const bom = encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const tokenizer = new FastTokenizer(source.delimiter, source.quote);
    const top: CsvRecord[] = [];
    const before = source.skipRows + source.headerRows;
    const stop = tokenizer.parse(text, 0, false, top, before);
    const rd = tokenizer.recordDelimiter;
    if (stop.irregular || top.length < before || (rd !== '\n' && rd !== '\r\n')) return 'fallback';
    const headerLine = top.slice(0, source.skipRows).reduce((n, r) => n + r.lines, 0);
    const built = buildHeader(top.slice(source.skipRows).map((r) => r.cells), source.headerJoin, csv, headerLine);
    const header = built.names;
    diagnostics.push(...built.diagnostics);
    const dataStart = bom + Buffer.byteLength(text.slice(0, stop.pos), encoding === 'utf-8' ? 'utf8' : 'latin1');
    // Small runs are validated as a whole graph, which needs every observation in one place.
    const sample: CsvRecord[] = [];
    const sampled = tokenizer.parse(text, stop.pos, false, sample, 2000);
    const bytesPerRow = Buffer.byteLength(text.slice(stop.pos, sampled.pos)) / Math.max(1, sample.length);
    if ((input.size - dataStart) / bytesPerRow < 5 * WHOLE_GRAPH_LIMIT) return 'fallback';

    const compiled = compilePlan(model, header, csv);
    if (!compiled.plan) return 'fallback';
    const plan = compiled.plan;
    const validation = input.validate ? new RunValidation(model, csv, header, -1) : undefined;
    // Own targets and facts: if the run falls back, the one-process pass starts from nothing.
    const facts = new FactsCollector(model.base);
    const targets = [...(await input.openFiles()), ...(input.facts ? [facts] : [])];
    const abort = () => Promise.all(targets.map((t) => t.abort()));
    for (const q of plan.headerQuads) for (const t of targets) t.add(q.subject, q.predicate, q.object);
    const sinks = targets.filter((t): t is FileSink => t instanceof FileSink);
    for (const s of sinks) s.cut();

    const setup: Omit<WorkerSetup, 'slots'> = { mapping: input.mapping, csv, header, formats: input.formats, validate: input.validate, facts: input.facts, encoding, recordDelimiter: rd };
    let pool: Channel[] = [];
    try {
      pool = await startWorkers(input.workers, setup);
      const run = await convertParts(fh, dataStart, top.reduce((n, r) => n + r.lines, 0), input.size, rd, source.quote.charCodeAt(0), pool, sinks, input.progress);
      if (run === 'irregular') {
        await abort();
        input.progress.bytesRead = 0;
        input.progress.rows = 0;
        return 'fallback';
      }
      for (const d of run) diagnostics.push(d); // not push(...run): a run may reject every row
      const states = await Promise.all(pool.map((w) => w.send<WorkerState>({ kind: 'finish' })));
      for (const s of states) {
        plan.generated.absorb(s.generated);
        facts.absorb(s.facts);
        if (validation && s.validation) for (const d of validation.absorb(s.validation)) diagnostics.push(d);
      }
      return {
        plan, header, targets, facts, encoding, diagnostics, planDiagnostics: compiled.diagnostics,
        ...(validation ? { validation } : {}),
        count: (summary, stats) => {
          summary.records.title += source.skipRows;
          summary.records.header += source.headerRows;
          for (const s of states) {
            summary.records.blank += s.records.blank;
            summary.records.converted += s.records.converted;
            summary.records.rejected += s.records.rejected;
            summary.records.filtered += s.records.filtered;
            for (const [c, n] of s.rejectedByCode) summary.rejectedByCode.set(c as Code, (summary.rejectedByCode.get(c as Code) ?? 0) + n);
            stats.subjects += s.subjects;
            stats.triples += s.triples;
            for (const [m, n] of s.markers) stats.markers.set(m as MarkerCode, (stats.markers.get(m as MarkerCode) ?? 0) + n);
            for (const [m, n] of s.omitted) stats.omitted.set(m, (stats.omitted.get(m) ?? 0) + n);
          }
        },
      };
    } catch (err) {
      // No temporary dump is left behind when a worker or a read fails.
      await abort();
      throw err;
    } finally {
      await Promise.all(pool.map((w) => w.worker.terminate()));
    }
  } finally {
    await fh.close();
  }
}

/** A worker and its replies, which come in the order of the messages sent. */
class Channel {
  private readonly pending: { resolve: (m: unknown) => void; reject: (e: Error) => void }[] = [];
  constructor(readonly worker: Worker, readonly slots: SlotReader) {
    worker.on('message', (m) => this.pending.shift()?.resolve(m));
    worker.on('error', (err) => {
      for (const p of this.pending.splice(0)) p.reject(err);
    });
  }
  send<T>(message: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ resolve: resolve as (m: unknown) => void, reject });
      this.worker.postMessage(message, transfer);
    });
  }
}

async function startWorkers(n: number, common: Omit<WorkerSetup, 'slots'>): Promise<Channel[]> {
  const url = new URL('./worker.js', import.meta.url);
  return Promise.all(Array.from({ length: n }, () => new Promise<Channel>((resolve, reject) => {
    const setup: WorkerSetup = { ...common, slots: createSlots(SLOTS) };
    const w = new Worker(url, { workerData: setup });
    w.once('error', reject);
    w.once('message', () => {
      w.off('error', reject);
      resolve(new Channel(w, new SlotReader(setup.slots)));
    });
  })));
}

/**
 * Reads parts of whole records from `start` and keeps every worker busy with up to two parts;
 * writes the results in file order. A part ends at the last line end after which the count
 * of quote characters since the data began is even, i.e. outside any quoted field.
 */
async function convertParts(
  fh: import('node:fs/promises').FileHandle, start: number, firstLine: number, size: number, rd: string, quote: number,
  pool: Channel[], sinks: readonly FileSink[], progress: { bytesRead: number; rows: number },
): Promise<Diagnostic[] | 'irregular'> {
  const diagnostics: Diagnostic[] = [];
  const waiting = new Map<number, { done: BatchDone; from: Channel }>();
  const busy = new Map<Channel, Promise<void>[]>(pool.map((w) => [w, []]));
  let next = 0;
  let written = 0;
  let irregular = false;
  let offset = start;
  let line = firstLine;
  let carry = Buffer.alloc(0);
  let queue: Promise<void> = Promise.resolve();
  /** Parts sent and not yet written, at most: two a worker, and two done waiting for their turn to be written. */
  const ahead = 2 * pool.length + 2;

  const writeReady = async (): Promise<void> => {
    for (let next = waiting.get(written); next; next = waiting.get(written)) {
      const { done, from } = next;
      waiting.delete(written);
      written++;
      if (done.irregular) irregular = true;
      if (irregular) continue;
      for (const d of done.diagnostics) diagnostics.push(d);
      progress.rows += done.rows;
      for (let i = 0; i < sinks.length; i++) await sinks[i]!.append(from.slots.lent(done.outputs[i]!));
    }
  };
  /** Parts sent and not yet converted, by index. */
  const converting = new Map<number, Promise<void>>();
  const dispatch = async (bytes: Buffer, at: number): Promise<void> => {
    // A part converted but not yet written holds its output (N-Triples: some 30 MB): the
    // workers run ahead of the writes by a few parts, no more, however slow the disk (they
    // ran on unbounded, and a run on a busy disk peaked above 1 GB). The oldest part not
    // written is waited for: converted, or written.
    while (next - written >= ahead) await (converting.get(written) ?? queue);
    // The least busy worker; wait for one of its parts when all have two.
    let worker = pool[0]!;
    for (const w of pool) if (busy.get(w)!.length < busy.get(worker)!.length) worker = w;
    const mine = busy.get(worker)!;
    if (mine.length >= 2) await mine[0];
    const index = next++;
    // A buffer of its own from the start (moved, not copied); else the part is copied out.
    const own = bytes.byteOffset === 0 && bytes.buffer instanceof ArrayBuffer && bytes.buffer.byteLength > Buffer.poolSize;
    const ab = own ? (bytes.buffer as ArrayBuffer) : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    const message: BatchMessage = { kind: 'batch', index, line: at, bytes: ab, length: bytes.length };
    const p: Promise<void> = worker.send<BatchDone>(message, [ab]).then((done) => {
      mine.splice(mine.indexOf(p), 1);
      converting.delete(done.index);
      waiting.set(done.index, { done, from: worker });
      queue = queue.then(writeReady);
    });
    mine.push(p);
    converting.set(index, p);
  };

  while (offset < size || carry.length > 0) {
    if (irregular) break;
    // The record cut off at the end of the last part, then the next bytes: read in place, and
    // moved to the worker whole (concatenating and slicing copied every part twice more).
    const want = Math.min(PART, size - offset);
    const whole = Buffer.allocUnsafeSlow(carry.length + want);
    carry.copy(whole, 0);
    const { bytesRead } = want ? await fh.read(whole, carry.length, want, offset) : { bytesRead: 0 };
    offset += bytesRead;
    progress.bytesRead = offset;
    const buf = whole.subarray(0, carry.length + bytesRead);
    const last = offset >= size;
    const end = last ? buf.length : cutPoint(buf, quote);
    if (end <= 0) {
      carry = Buffer.from(buf);
      // A record without end: one process reads it, and says so (JL203), without copying it over and over here.
      if (carry.length > MAX_RECORD) {
        irregular = true;
        break;
      }
      if (last) break;
      continue;
    }
    const part = buf.subarray(0, end);
    carry = Buffer.from(buf.subarray(end));
    const lf = countByte(part, 10);
    // Line numbers come from counting \n: a CR of another kind would shift them.
    if (countByte(part, 13) !== (rd === '\r\n' ? lf : 0)) {
      irregular = true;
      break;
    }
    await dispatch(part, line);
    line += lf;
  }
  // Every part sent: wait for the workers, then for the writes.
  for (const ps of busy.values()) await Promise.all([...ps]);
  await queue;
  return irregular ? 'irregular' : diagnostics;
}

/** Just after the last \n with an even number of quote bytes before it; 0 if none. */
function cutPoint(buf: Buffer, quote: number): number {
  const quotes: number[] = [];
  for (let i = buf.indexOf(quote); i !== -1; i = buf.indexOf(quote, i + 1)) quotes.push(i);
  for (let nl = buf.lastIndexOf(10); nl !== -1; nl = buf.lastIndexOf(10, nl - 1)) {
    let lo = 0;
    let hi = quotes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (quotes[mid]! < nl) lo = mid + 1;
      else hi = mid;
    }
    if (lo % 2 === 0) return nl + 1;
  }
  return 0;
}

function countByte(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i !== -1; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}
