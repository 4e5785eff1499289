// A conversion worker (`convert --workers N`): compiles the same plan as the main thread and
// turns the parts of the CSV it is sent into serialised bytes, diagnostics and counts.
import { parentPort, workerData } from 'node:worker_threads';
import { compilePlan, type RowStats } from '../compile/plan.js';
import { decodePieces } from '../csv/decode.js';
import { pushRecord, type CsvEvent } from '../csv/read.js';
import { FastTokenizer, type CsvRecord } from '../csv/tokenize.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadMapping } from '../mapping/load.js';
import { FactsCollector } from '../metadata/facts.js';
import { formatByName } from '../sinks/registry.js';
import type { Serializer } from '../sinks/serializer.js';
import { ByteChunks, takeChunksFrom } from '../sinks/text-out.js';
import { RowRunner, type TripleTarget } from './row-runner.js';
import { emptySummary } from './summary.js';
import { RunValidation } from './validation.js';
import { SlotClaimer, type PartChunk } from './shared-chunks.js';
import type { BatchDone, BatchMessage, WorkerSetup, WorkerState } from './worker-protocol.js';
import type { Term } from '@rdfjs/types';

const setup = workerData as WorkerSetup;
const model = (await loadMapping(setup.mapping)).model!;
const { plan } = compilePlan(model, setup.header, setup.csv);
const summary = emptySummary(setup.mapping, setup.csv);
const stats: RowStats = { subjects: 0, triples: 0, markers: summary.markers, omitted: summary.omitted };
// Its keys stay in memory (Infinity): the main thread merges them, and spills there if many.
const validation = setup.validate ? new RunValidation(model, setup.csv, setup.header, -1, Infinity) : undefined;
const facts = new FactsCollector(model.base);
const formats = setup.formats.map((f) => formatByName(f)!.format);
const slots = new SlotClaimer(setup.slots);
takeChunksFrom(() => slots.claim());

/**
 * One format's bytes, a part at a time. Its serializer continues the main thread's text and
 * is cut at the end of each part, which leaves it as a fresh one would be; it lives for the
 * worker, so its caches of term bytes do too (made again for each part, they were garbage
 * that lived long enough to cost the collector).
 */
class PartTarget implements TripleTarget {
  readonly full = false;
  private readonly out = new ByteChunks();
  constructor(private readonly serializer: Serializer) {
    this.out.text(serializer.cut());
  }
  add(s: Term, p: Term, o: Term): void {
    this.serializer.triple(s, p, o, this.out);
  }
  take(): Buffer[] {
    this.out.text(this.serializer.cut());
    return this.out.take();
  }
  async flush(): Promise<void> {}
  async commit(): Promise<void> {}
  async abort(): Promise<void> {}
}

/**
 * A part's records, a batch at a time, decoded and tokenized in 64 KiB pieces as the one-process
 * reader does; 'irregular' when the fast tokenizer does not decide the part (the run then starts
 * again in one process, so rows converted before it are dropped with the run).
 */
function* recordsOf(bytes: Buffer): Generator<CsvRecord[] | 'irregular'> {
  const tokenizer = new FastTokenizer(model.source.delimiter, model.source.quote);
  tokenizer.recordDelimiter = setup.recordDelimiter;
  const pieces = decodePieces(setup.encoding, bytes);
  let pending = '';
  for (let next = pieces.next(); ;) {
    const chunk = pending + (next.done ? '' : next.value);
    next = pieces.next();
    const last = next.done === true;
    const stop = yield* tokenizer.batches(chunk, last);
    if (stop.irregular) {
      yield 'irregular';
      return;
    }
    if (last) return;
    pending = chunk.slice(stop.pos);
  }
}

const targets = formats.map((f) => new PartTarget(f.create({ prefixes: model.prefixes, graph: model.graph })));
/** The diagnostics of the part being converted. */
let diagnostics: Diagnostic[] = [];
const report = (d: Diagnostic): void => void diagnostics.push(d);
const runner = new RowRunner(plan!, setup.csv, setup.header, [...targets, ...(setup.facts ? [facts] : [])], { summary, stats }, report, validation, undefined);

function convertPart(m: BatchMessage): { done: BatchDone; transfer: ArrayBuffer[] } {
  const none = { kind: 'batch' as const, index: m.index, rows: 0, diagnostics: [], outputs: [] };
  diagnostics = [];
  const events: CsvEvent[] = [];
  let line = m.line;
  let rows = 0;
  for (const records of recordsOf(Buffer.from(m.bytes, 0, m.length))) {
    if (records === 'irregular') {
      for (const t of targets) for (const c of t.take()) slots.free(c);
      return { done: { ...none, irregular: true }, transfer: [] };
    }
    for (const r of records) {
      events.length = 0;
      pushRecord(events, r.cells, setup.header, setup.csv, line);
      line += r.lines;
      for (const ev of events) {
        if (ev.kind === 'row') {
          rows++;
          runner.row(ev.cells, ev.line);
        } else if (ev.kind === 'diagnostic') report(ev.diagnostic);
        else if (ev.kind === 'skipped' && ev.reason === 'ragged') runner.reject('JL201');
        else if (ev.kind === 'skipped') summary.records.blank++;
      }
    }
  }
  const transfer: ArrayBuffer[] = [];
  const outputs = targets.map((t) => t.take().map((b): PartChunk => {
    const slot = slots.slotOf(b);
    if (slot >= 0) return { slot, length: b.length };
    transfer.push(b.buffer as ArrayBuffer);
    return { buffer: b.buffer as ArrayBuffer, length: b.length };
  }));
  return { done: { ...none, irregular: false, rows, diagnostics, outputs }, transfer };
}

function state(): WorkerState {
  return {
    kind: 'state',
    records: { blank: summary.records.blank, converted: summary.records.converted, rejected: summary.records.rejected, filtered: summary.records.filtered },
    rejectedByCode: [...summary.rejectedByCode],
    subjects: stats.subjects,
    triples: stats.triples,
    markers: [...stats.markers],
    omitted: [...stats.omitted],
    ...(validation ? { validation: validation.exportState() } : {}),
    facts: facts.exportState(),
    generated: plan!.generated.exportState(),
  };
}

parentPort!.on('message', (m: BatchMessage | { kind: 'finish' }) => {
  if (m.kind === 'finish') {
    parentPort!.postMessage(state());
    return;
  }
  const { done, transfer } = convertPart(m);
  parentPort!.postMessage(done, transfer);
});
parentPort!.postMessage({ kind: 'ready' });
