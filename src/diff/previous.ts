import { DiagnosedError } from '../diagnostics/diagnostic.js';
import type { ReleaseDump } from '../release/read-release.js';
import { pullNTriples, type TriplePuller } from '../rdf/ntriples-pull.js';
import { TermKeys } from '../rdf/term.js';
import { DumpCollector, type ObservationTable } from './collector.js';
import { CellTable } from './cell-table.js';
import { CodesUsed, KeyMaker, type CellState, type ValueDictionary } from './observation.js';
import type { ObservationBatch } from './previous-consumer.js';
import { readTable } from './read-table.js';

/** The older side of a comparison, as the comparison uses it: each key's cell taken out once, then what is left. */
export interface PreviousObservations {
  /** The previous release's key maker: its dimensions and its dictionary of values. */
  readonly keys: KeyMaker;
  /** The cell filed under a key, taken out; undefined if the previous release has none (or it was taken). */
  take(ids: readonly number[]): CellState | undefined;
  /** The whole dump read: the cells not taken (in dump order), the codes used, the concepts. */
  rest(): ObservationTable;
  /** Stops reading (a run that failed); the table is not used after. */
  close(): Promise<void>;
}

/** A table read whole beforehand. */
export class WholeTable implements PreviousObservations {
  constructor(private readonly table: ObservationTable) {}
  get keys(): KeyMaker {
    return this.table.keys;
  }
  take(ids: readonly number[]): CellState | undefined {
    return this.table.cells.take(ids);
  }
  rest(): ObservationTable {
    return this.table;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The previous release's N-Triples dump read as far as the comparison has asked for, and no
 * further: a key not yet read is looked for in what comes next (reader threads parse a few
 * batches ahead). A release in the same order as the one before (its rows revised, new ones
 * after) is compared holding only the read-ahead, and its reading runs beside the conversion
 * instead of before it; a key the previous release does not have reads the rest of it, after
 * which the table is what `readTable` makes.
 */
export class PulledTable implements PreviousObservations {
  private readonly collector: DumpCollector;
  private readonly puller: TriplePuller;
  private table: ObservationTable | undefined;
  /** Read by a thread: the observations it has sent, filed here (else the collector files them). */
  private received: ReceivedObservations | undefined;

  /** `minBytes`: the size from which a thread reads the dump (tests lower it). */
  constructor(dump: ReleaseDump, private readonly dict: ValueDictionary, opts: { readonly minBytes?: number } = {}) {
    const collector = new DumpCollector(dict);
    const keys = new TermKeys();
    // One reader thread: it parses faster than a conversion makes observations, and a second
    // would only add its memory (some 70 MB). It also makes the observations (a third of the
    // main thread's work in a release with a previous one): only their numbers come across.
    const consumer = { module: CONSUMER, onPayload: (batch: unknown) => this.receive(batch as ObservationBatch) };
    this.puller = pullNTriples(dump.path, dump.format.gzip, (s, p, o) => collector.add(s.value, p.value, keys.of(o)), { threads: 1, consumer, ...opts });
    this.collector = collector;
  }

  get keys(): KeyMaker {
    // Known from the first observation (the structure comes before, in justice-lod's dumps).
    for (;;) {
      const keys = this.table?.keys ?? this.received?.keys ?? this.collector.keysSoFar;
      if (keys) return keys;
      this.more();
    }
  }

  take(ids: readonly number[]): CellState | undefined {
    for (;;) {
      const cell = (this.table?.cells ?? this.received?.cells ?? this.collector.cellsSoFar)?.take(ids);
      if (cell || this.table) return cell;
      this.more();
    }
  }

  rest(): ObservationTable {
    while (!this.table) this.more();
    return this.table;
  }

  close(): Promise<void> {
    return this.puller.close();
  }

  private more(): void {
    if (this.pull()) return;
    const r = this.received;
    if (!r) this.table = this.collector.finish();
    else {
      const keys = r.keys ?? new KeyMaker([], this.dict);
      this.table = { keys, cells: r.cells ?? new CellTable(keys.dimensions.length), used: r.used?.sets ?? [], concepts: r.concepts, observations: r.observations };
    }
  }

  /** Reads on; false at the end. A damaged dump is the comparison's failure (JL705), wherever it is met. */
  private pull(): boolean {
    try {
      return this.puller.pull();
    } catch (err) {
      throw cannotCompare(err);
    }
  }

  /** A batch of the reader thread's observations: its value numbers made this thread's, each key filed. */
  private receive(batch: ObservationBatch): void {
    const r: ReceivedObservations = (this.received ??= { map: [], concepts: new Map(), observations: 0 });
    for (const v of batch.values) r.map.push(this.dict.id(v));
    if (batch.cube && !r.keys) {
      const { dimensions, measures } = batch.cube;
      r.keys = new KeyMaker(dimensions, this.dict, new Set(measures));
      // Only a cube's observations are filed (as the collector does).
      if (dimensions.length) {
        r.cells = new CellTable(dimensions.length);
        r.used = new CodesUsed(dimensions.length);
      }
    }
    if (batch.end) {
      r.concepts = new Map(batch.end.concepts);
      r.observations = batch.end.observations;
    }
    const { cells, used } = r;
    if (!cells || !used) return;
    const { ids, width, markers } = batch;
    const key = new Array<number>(width);
    for (let n = 0; n < batch.count; n++) {
      for (let d = 0; d < width; d++) key[d] = r.map[ids[n * width + d]!]!;
      const value = batch.cells[n]!;
      cells.set(key, value === '' ? { markers: markers[n]! } : { value, markers: markers[n]! });
      used.note(key);
    }
  }
}

/** Where the reader thread's consumer lives (compiled beside this module). */
const CONSUMER = new URL('./previous-consumer.js', import.meta.url);

/** The previous release's observations as the reader thread sent them, filed by this thread's numbers. */
interface ReceivedObservations {
  /** The thread's value numbers → this thread's. */
  readonly map: number[];
  keys?: KeyMaker;
  cells?: CellTable;
  used?: CodesUsed;
  concepts: ReadonlyMap<string, string>;
  observations: number;
}

/** The previous release's observations of one dataset: pulled as needed from an N-Triples dump, else read whole. */
export async function previousObservations(dump: ReleaseDump, dict: ValueDictionary): Promise<PreviousObservations> {
  if (dump.format.format.name === 'nt') return new PulledTable(dump, dict);
  try {
    return new WholeTable(await readTable(dump, dict));
  } catch (err) {
    throw cannotCompare(err);
  }
}

/** JL705 for a dump of the older release that cannot be read: its message names the file and, for a syntax error, the line. */
function cannotCompare(err: unknown): DiagnosedError {
  return err instanceof DiagnosedError ? err : new DiagnosedError('JL705', `cannot compare: ${(err as Error).message}`);
}
