import type { ReleaseDump } from '../release/read-release.js';
import type { Quad } from '@rdfjs/types';
import { readDump } from '../metadata/read-dump.js';
import { during } from '../run/activity.js';
import { DumpCollector, type ObservationTable } from './collector.js';
import { termKey, type KeyedObservation, type KeyMaker, type ValueDictionary } from './observation.js';

/** Reads a dump into a table of its observations by dimension key (the older side of a comparison). */
export async function readTable(dump: ReleaseDump, dict: ValueDictionary): Promise<ObservationTable> {
  const collector = new DumpCollector(dict);
  await readCounted(`reading ${dump.id} of the earlier release`, dump, (q) => collector.add(q.subject.value, q.predicate.value, termKey(q.object)));
  return collector.finish();
}

/** Reads a dump as a phase of the progress line, counting its triples against the VoID count. */
async function readCounted(name: string, dump: ReleaseDump, onQuad: (q: Quad) => void): Promise<void> {
  await during(name, (a) => readDump(dump.path, dump.format.format, dump.format.gzip, (q) => {
    a.done++;
    onQuad(q);
  }), { ...(dump.triples !== undefined ? { total: dump.triples } : {}), unit: 'triples' });
}

/** Streams a dump's observations to `sink` (the newer side), returning its structure and concepts. */
export async function streamObservations(dump: ReleaseDump, dict: ValueDictionary, sink: (subject: string, obs: KeyedObservation, keys: KeyMaker) => void): Promise<ObservationTable> {
  const collector = new DumpCollector(dict, sink);
  await readCounted(`reading ${dump.id}`, dump, (q) => collector.add(q.subject.value, q.predicate.value, termKey(q.object)));
  return collector.finish();
}
