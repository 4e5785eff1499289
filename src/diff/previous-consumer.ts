// Run in the reader thread of the previous release's N-Triples dump (`PulledTable`): the
// dump's triples become observations there, and the main thread receives them as numbers.
import type { Term } from '@rdfjs/types';
import type { ThreadConsumer } from '../rdf/ntriples-protocol.js';
import { TermKeys } from '../rdf/term.js';
import { DumpCollector } from './collector.js';
import { ValueDictionary, type KeyedObservation, type KeyMaker } from './observation.js';

/** Observations a batch. */
const OBSERVATIONS = 4096;

/**
 * Observations of the previous release, numbered by this thread's dictionary. The main thread
 * numbers `values` on from the last batch's into its own dictionary, and files each key.
 */
export interface ObservationBatch {
  /** With the first observations (or at the end of a dump without them): the cube's dimensions in key order, and its measures. */
  readonly cube?: { readonly dimensions: readonly string[]; readonly measures: readonly string[] };
  /** This thread's dictionary values from the last batch's on. */
  readonly values: readonly string[];
  readonly count: number;
  /** `count` keys of `width` value numbers each. */
  readonly ids: Int32Array;
  readonly width: number;
  /** Per observation, its measure value ('' for none, as no term key is empty) and markers. */
  readonly cells: readonly string[];
  readonly markers: readonly string[];
  /** Only in the last batch: the code lists' concepts (IRI, label) and the observations read. */
  readonly end?: { readonly concepts: readonly (readonly [string, string])[]; readonly observations: number };
}

export function createConsumer(): ThreadConsumer {
  const dict = new ValueDictionary();
  const termKeys = new TermKeys();
  let cube: ObservationBatch['cube'];
  let cubeSent = false;
  let valuesSent = 0;
  let width = 0;
  let ids = new Int32Array(0);
  let count = 0;
  let cells: string[] = [];
  let markers: string[] = [];
  const file = (_s: string, obs: KeyedObservation, keys: KeyMaker): void => {
    if (!cube) {
      cube = { dimensions: keys.dimensions, measures: [...keys.measures] };
      width = keys.dimensions.length;
      ids = new Int32Array(OBSERVATIONS * width);
    }
    if ((count + 1) * width > ids.length) {
      const more = new Int32Array(Math.max(ids.length * 2, (count + 1) * width));
      more.set(ids);
      ids = more;
    }
    ids.set(obs.ids, count * width);
    cells.push(obs.value ?? '');
    markers.push(obs.markers);
    count++;
  };
  const collector = new DumpCollector(dict, file);
  return {
    triple(s: Term, p: Term, o: Term): void {
      collector.add(s.value, p.value, termKeys.of(o));
    },
    get full(): boolean {
      return count >= OBSERVATIONS;
    },
    take(last: boolean) {
      let end: ObservationBatch['end'];
      if (last) {
        // Observations whose triples were apart, or came before the structure, are filed now.
        const table = collector.finish();
        end = { concepts: [...table.concepts], observations: table.observations };
        cube ??= { dimensions: table.keys.dimensions, measures: [...table.keys.measures] };
      }
      const batch: ObservationBatch = {
        ...(cube && !cubeSent ? { cube } : {}),
        values: dict.values.slice(valuesSent),
        count,
        ids: ids.slice(0, count * width),
        width,
        cells,
        markers,
        ...(end ? { end } : {}),
      };
      cubeSent ||= cube !== undefined;
      valuesSent = dict.values.length;
      count = 0;
      cells = [];
      markers = [];
      return { payload: batch, transfer: [batch.ids.buffer as ArrayBuffer] };
    },
  };
}
