import { NS, QB, SDMX_ATTRIBUTE } from '../rdf/ns.js';

export { termKey } from '../rdf/term.js';

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

/** Adds the value numbers of an observation's key to the per-dimension sets of codes used. */
export function noteUses(used: readonly Set<number>[], obs: KeyedObservation): void {
  // The numbers as the key was made (splitting the key again cost more than making it).
  for (let i = 0; i < obs.ids.length; i++) used[i]!.add(obs.ids[i]!);
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

/**
 * Builds the dimension key of observations of one cube: the values of its dimensions
 * (qb:measureType included) in a fixed order, each as a dictionary number.
 */
export class KeyMaker {
  readonly dimensions: readonly string[];
  private readonly position: ReadonlyMap<string, number>;
  constructor(dimensions: Iterable<string>, readonly dict: ValueDictionary, readonly measures: ReadonlySet<string> = new Set()) {
    // A fixed order whatever order the structure lists them in; the measure last, as people read it.
    this.dimensions = [...new Set(dimensions)].sort((a, b) => Number(a === QB.measureType) - Number(b === QB.measureType) || (a < b ? -1 : a > b ? 1 : 0));
    this.position = new Map(this.dimensions.map((d, i) => [d, i]));
  }

  observation(pairs: Pairs): KeyedObservation | undefined {
    const key: number[] = new Array<number>(this.dimensions.length).fill(-1);
    let statuses: string[] | undefined;
    let measureType: string | undefined;
    const measured: [string, string][] = [];
    for (let n = 0; n < pairs.length; n++) {
      const [p, o] = pairs[n]!;
      const i = this.position.get(p);
      if (i !== undefined) key[i] = this.dict.id(o);
      if (p === QB.measureType) measureType = o;
      else if (p === OBS_STATUS) (statuses ??= []).push(markerCode(o));
      else if (this.measures.has(p)) measured.push([p, o]);
    }
    for (let i = 0; i < key.length; i++) if (key[i] === -1) return undefined;
    // With qb:measureType, the value is the object of the measure it names (declared or not).
    const values = measureType === undefined ? measured : this.measures.has(measureType) ? measured.filter(([p]) => p === measureType) : pairs.filter(([p]) => p === measureType);
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
