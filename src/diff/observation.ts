import type { Term } from '@rdfjs/types';
import { NS, QB, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import { termKey } from '../rdf/term.js';

export { termKey };

/** The lexical form of a termKey literal, for reports; an IRI's local name otherwise. */
export function displayValue(key: string): string {
  if (key.startsWith('"')) return key.slice(1, key.lastIndexOf('"'));
  return localName(key);
}

export const localName = (iri: string): string => iri.slice(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1) || iri;

const MARKER_PREFIX = NS.af;
const OBS_STATUS = SDMX_ATTRIBUTE.obsStatus;
/** The GSS marker a converter adds to a revised observation; ignored when markers are compared. */
export const REVISED = 'r';

/** The marker code of an obsStatus value (`c` for af-obs-marker#c), or the IRI for others. */
export const markerCode = (statusIri: string): string => (statusIri.startsWith(MARKER_PREFIX) ? statusIri.slice(MARKER_PREFIX.length) : statusIri);

/**
 * What a release said about one cell: the measure value (termKey) if published, and its
 * markers (sorted codes, `[r]` left out so that marking revisions is not itself a change).
 */
export interface CellState {
  readonly value?: string;
  readonly markers: string;
}

/** Only the cell of an observation (its value and markers), as a table keeps it. */
export const cellOf = (o: CellState): CellState => ({ markers: o.markers, ...(o.value !== undefined ? { value: o.value } : {}) });

/** The value numbers used, per dimension of a key; a number repeated from the key before is not looked up again. */
export class CodesUsed {
  readonly sets: Set<number>[];
  private readonly last: Int32Array;
  constructor(width: number) {
    this.sets = Array.from({ length: width }, () => new Set<number>());
    this.last = new Int32Array(width).fill(-1);
  }
  note(ids: readonly number[]): void {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === this.last[i]) continue;
      this.last[i] = id;
      this.sets[i]!.add(id);
    }
  }
}

/** Markers as printed: `[p][r]`; markers other than the GSS ones by their local name. */
export const markerText = (markers: string): string => (markers ? markers.split(' ').map((m) => `[${m.startsWith('http') ? localName(m) : m}]`).join('') : '');

/** Dimension values are few; each gets a small number so that keys stay short in memory. */
export class ValueDictionary {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

/** An observation as (predicate, object key) pairs, in the order they were written. */
export type Pairs = readonly (readonly [string, string])[];

/** The parts of an observation the comparison needs; undefined if its key is incomplete. */
export interface KeyedObservation extends CellState {
  /** The key: its value numbers, per dimension. */
  readonly ids: readonly number[];
  readonly revisedMarked: boolean;
}

/** Roles of predicates in `KeyMaker` other than a dimension's (whose role is its position, ≥ 0). */
const STATUS = -1;
const MEASURE = -2;
/** qb:measureType where the structure does not list it as a dimension. */
const MEASURE_TYPE = -3;

/**
 * Builds the dimension key of observations of one cube: the values of its dimensions
 * (qb:measureType included) in a fixed order, each as a dictionary number.
 */
export class KeyMaker {
  readonly dimensions: readonly string[];
  /** Per predicate that matters: a dimension's position, or STATUS, MEASURE, MEASURE_TYPE (one lookup a triple). */
  private readonly roles = new Map<string, number>();
  private readonly measureTypeAt: number;
  // The observation being read: one at a time, from begin() to end().
  private key: number[] = [];
  private statuses: string[] | undefined;
  private measureType: string | undefined;
  private measured: [string, string][] | undefined;
  /** Per dimension, the value and number of the observation before (neighbours share most). */
  private readonly lastValue: (string | undefined)[];
  private readonly lastId: number[];

  constructor(dimensions: Iterable<string>, readonly dict: ValueDictionary, readonly measures: ReadonlySet<string> = new Set()) {
    // A fixed order whatever order the structure lists them in; the measure last, as people read it.
    this.dimensions = [...new Set(dimensions)].sort((a, b) => Number(a === QB.measureType) - Number(b === QB.measureType) || (a < b ? -1 : a > b ? 1 : 0));
    this.dimensions.forEach((d, i) => this.roles.set(d, i));
    for (const m of measures) if (!this.roles.has(m)) this.roles.set(m, MEASURE);
    if (!this.roles.has(OBS_STATUS)) this.roles.set(OBS_STATUS, STATUS);
    if (!this.roles.has(QB.measureType)) this.roles.set(QB.measureType, MEASURE_TYPE);
    this.measureTypeAt = this.dimensions.indexOf(QB.measureType);
    this.lastValue = this.dimensions.map(() => undefined);
    this.lastId = this.dimensions.map(() => -1);
  }

  /**
   * An observation from its (predicate, object key) pairs laid flat: predicate, object key,
   * predicate, … (as `DumpCollector` keeps them); undefined if its key is incomplete.
   */
  observation(flat: readonly string[]): KeyedObservation | undefined {
    this.begin();
    for (let n = 0; n < flat.length; n += 2) this.add(flat[n]!, flat[n + 1]!);
    return this.end(() => Array.from({ length: flat.length / 2 }, (_, n) => [flat[2 * n]!, flat[2 * n + 1]!] as const));
  }

  /** The same from a subject's triples as `convert` makes them (object keys made only where needed). */
  observationOf(triples: readonly (readonly [Term, Term, Term])[]): KeyedObservation | undefined {
    this.begin();
    for (let n = 0; n < triples.length; n++) this.add(triples[n]![1].value, triples[n]![2]);
    return this.end(() => triples.map(([, p, o]) => [p.value, termKey(o)] as const));
  }

  private begin(): void {
    this.key = new Array<number>(this.dimensions.length).fill(-1);
    this.statuses = undefined;
    this.measureType = undefined;
    this.measured = undefined;
  }

  private add(p: string, o: string | Term): void {
    const role = this.roles.get(p);
    if (role === undefined) return;
    const value = typeof o === 'string' ? o : termKey(o);
    if (role >= 0) {
      if (value !== this.lastValue[role]) {
        this.lastValue[role] = value;
        this.lastId[role] = this.dict.id(value);
      }
      this.key[role] = this.lastId[role]!;
      if (role === this.measureTypeAt) this.measureType = value;
    } else if (role === STATUS) (this.statuses ??= []).push(markerCode(value));
    else if (role === MEASURE) (this.measured ??= []).push([p, value]);
    else this.measureType = value;
  }

  private end(all: () => Pairs): KeyedObservation | undefined {
    const { key, statuses, measureType } = this;
    for (let i = 0; i < key.length; i++) if (key[i] === -1) return undefined;
    const measured = this.measured ?? [];
    // With qb:measureType, the value is the object of the measure it names (declared or not).
    const values = measureType === undefined ? measured : this.measures.has(measureType) ? measured.filter(([p]) => p === measureType) : all().filter(([p]) => p === measureType);
    const value = values.length === 1 ? values[0]![1] : values.length ? values.map(([p, o]) => `${localName(p)}=${o}`).sort().join(' ') : undefined;
    const revisedMarked = statuses?.includes(REVISED) ?? false;
    const markers = statuses ? statuses.filter((s) => s !== REVISED).sort().join(' ') : '';
    return { ids: key, markers, revisedMarked, ...(value !== undefined ? { value } : {}) };
  }

  /** The dimension values of a key, as (dimension local name, value) for reports. */
  describe(ids: readonly number[]): [string, string][] {
    return ids.map((id, i) => [localName(this.dimensions[i]!), this.dict.values[id]!]);
  }
}

const NUMERIC = /^"([^"]*)"\^\^http:\/\/www\.w3\.org\/2001\/XMLSchema#(integer|decimal|double|float|long|int|short|nonNegativeInteger|positiveInteger)$/;

/** Two published values are the same number (1.50 = 1.5), or the same term. */
export function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  const x = NUMERIC.exec(a);
  const y = NUMERIC.exec(b);
  return !!x && !!y && Number(x[1]) === Number(y[1]);
}
