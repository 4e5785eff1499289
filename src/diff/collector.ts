import { NS, QB, RDF_TYPE } from '../rdf/ns.js';
import { CellTable } from './cell-table.js';
import { CodesUsed, KeyMaker, ValueDictionary, type KeyedObservation } from './observation.js';

const SKOS_PREF_LABEL = `${NS.skos}prefLabel`;
const SKOS_IN_SCHEME = `${NS.skos}inScheme`;
const SKOS_CONCEPT = `${NS.skos}Concept`;

/** The observations of one dataset in one release, by dimension key, and the codes it used. */
export interface ObservationTable {
  readonly keys: KeyMaker;
  readonly cells: CellTable;
  /** Per dimension (the key's order): the value numbers used. */
  readonly used: readonly Set<number>[];
  /** Concepts of the code lists in the dump: IRI → preferred label. */
  readonly concepts: ReadonlyMap<string, string>;
  readonly observations: number;
}

/**
 * Reads a dump's triples in order (subject by subject, as justice-lod writes them) and keeps
 * what a comparison needs: each observation's key, value and markers; the DSD's dimensions
 * and measures; the code-list concepts. Observations are kept as the small numbers of their
 * key and cell in typed arrays (`CellTable`), not as triples: a million take some 60 MB.
 */
export class DumpCollector {
  private readonly dimensions = new Set<string>();
  private readonly measures = new Set<string>();
  private readonly concepts = new Map<string, string>();
  private cells: CellTable | undefined;
  private keys: KeyMaker | undefined;
  private used: CodesUsed | undefined;
  /** Observations read before the structure that names their dimensions (other writers' dumps). */
  private readonly early: (readonly [string, string[]])[] = [];
  /** Observations whose triples did not all come together: merged at the end. */
  private readonly partial = new Map<string, string[]>();
  private subject: string | undefined;
  /** The subject's (predicate, object key) pairs, flat: p, o, p, o, … (no array a triple). */
  private pairs: string[] = [];
  private count = 0;

  /**
   * With `sink`, observations are handed on as they are read instead of kept (the newer side
   * of a comparison); the table then holds only the structure and the concepts.
   */
  constructor(private readonly dict: ValueDictionary, private readonly sink?: (subject: string, obs: KeyedObservation, keys: KeyMaker) => void) {}

  /** The key maker, once an observation has been filed. */
  get keysSoFar(): KeyMaker | undefined {
    return this.keys;
  }

  /** The observations filed so far (undefined before the first). */
  get cellsSoFar(): CellTable | undefined {
    return this.cells;
  }

  add(s: string, p: string, o: string): void {
    if (s !== this.subject) {
      this.endSubject();
      this.subject = s;
    }
    this.pairs.push(p, o);
    if (p === QB.dimension) this.dimensions.add(o);
    else if (p === QB.measure) this.measures.add(o);
  }

  finish(): ObservationTable {
    this.endSubject();
    // Observations met before the structure are filed now that it is known. A dump with no
    // structure at all has none to file (no key), and filing them would put them back here.
    const early = this.early.splice(0);
    if (this.dimensions.size) for (const [s, pairs] of early) this.observation(s, pairs);
    for (const [s, pairs] of this.partial) this.record(s, pairs);
    const keys = this.keyMaker();
    return { keys, cells: this.cells ?? new CellTable(keys.dimensions.length), used: this.used?.sets ?? [], concepts: this.concepts, observations: this.count };
  }

  /** Made once the structure has named the dimensions (an empty one for dumps without a cube). */
  private keyMaker(): KeyMaker {
    if (!this.keys && this.dimensions.size) {
      this.keys = new KeyMaker(this.dimensions, this.dict, this.measures);
      this.used = new CodesUsed(this.keys.dimensions.length);
      this.cells = new CellTable(this.keys.dimensions.length);
    }
    return this.keys ?? new KeyMaker([], this.dict, this.measures);
  }

  private endSubject(): void {
    const s = this.subject;
    if (s === undefined) return;
    const pairs = this.pairs;
    this.pairs = [];
    let isObservation = this.partial.size > 0 && this.partial.has(s);
    let isConcept = false;
    let label: string | undefined;
    for (let i = 0; i < pairs.length; i += 2) {
      const p = pairs[i]!;
      const o = pairs[i + 1]!;
      if (p === QB.dataSet || (p === RDF_TYPE && o === QB.Observation)) isObservation = true;
      else if (p === SKOS_IN_SCHEME || (p === RDF_TYPE && o === SKOS_CONCEPT)) isConcept = true;
      else if (p === SKOS_PREF_LABEL && (label === undefined || o.endsWith('@en'))) label = o;
    }
    if (isConcept && label) this.concepts.set(s, label.slice(1, label.lastIndexOf('"')));
    if (isObservation) this.observation(s, pairs);
  }

  private observation(s: string, pairs: string[]): void {
    const merged = this.partial.get(s);
    if (merged) {
      merged.push(...pairs);
      return;
    }
    if (!this.dimensions.size) {
      this.early.push([s, pairs]);
      return;
    }
    if (!this.record(s, pairs, true)) this.partial.set(s, pairs);
  }

  /**
   * Files one observation; false when its key or cell is incomplete and more triples may
   * follow (`mayWait`). At the end, an observation still without a complete key is left out.
   */
  private record(s: string, pairs: readonly string[], mayWait = false): boolean {
    const keys = this.keyMaker();
    const obs = keys.observation(pairs);
    if (!obs) return !mayWait;
    if (mayWait && obs.value === undefined && obs.markers === '' && !obs.revisedMarked) return false;
    this.count++;
    if (this.sink) this.sink(s, obs, keys);
    else {
      this.cells!.set(obs.ids, obs);
      this.used!.note(obs.ids);
    }
    return true;
  }
}
