import type { ReleaseDump } from '../release/read-release.js';
import { pullNTriples, type TriplePuller } from '../rdf/ntriples-pull.js';
import { TermKeys } from '../rdf/term.js';
import { DumpCollector, type ObservationTable } from './collector.js';
import type { CellState, KeyMaker, ValueDictionary } from './observation.js';
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

  constructor(dump: ReleaseDump, dict: ValueDictionary) {
    const collector = new DumpCollector(dict);
    const keys = new TermKeys();
    // One reader thread: it parses faster than a conversion makes observations, and a second
    // would only add its memory (some 70 MB).
    this.puller = pullNTriples(dump.path, dump.format.gzip, (s, p, o) => collector.add(s.value, p.value, keys.of(o)), { threads: 1 });
    this.collector = collector;
  }

  get keys(): KeyMaker {
    // Known from the first observation (the structure comes before, in justice-lod's dumps).
    for (;;) {
      const keys = this.table?.keys ?? this.collector.keysSoFar;
      if (keys) return keys;
      this.more();
    }
  }

  take(ids: readonly number[]): CellState | undefined {
    for (;;) {
      const cell = (this.table?.cells ?? this.collector.cellsSoFar)?.take(ids);
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
    if (!this.puller.pull()) this.table = this.collector.finish();
  }
}

/** The previous release's observations of one dataset: pulled as needed from an N-Triples dump, else read whole. */
export async function previousObservations(dump: ReleaseDump, dict: ValueDictionary): Promise<PreviousObservations> {
  return dump.format.format.name === 'nt' ? new PulledTable(dump, dict) : new WholeTable(await readTable(dump, dict));
}
