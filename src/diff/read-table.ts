import type { ReleaseDump } from '../release/read-release.js';
import { readDump } from '../metadata/read-dump.js';
import { DumpCollector, type ObservationTable } from './collector.js';
import { termKey, type KeyedObservation, type KeyMaker, type ValueDictionary } from './observation.js';

/** Reads a dump into a table of its observations by dimension key (the older side of a comparison). */
export async function readTable(dump: ReleaseDump, dict: ValueDictionary): Promise<ObservationTable> {
  const collector = new DumpCollector(dict);
  await readDump(dump.path, dump.format.format, dump.format.gzip, (q) => collector.add(q.subject.value, q.predicate.value, termKey(q.object)));
  return collector.finish();
}

/** Streams a dump's observations to `sink` (the newer side), returning its structure and concepts. */
export async function streamObservations(dump: ReleaseDump, dict: ValueDictionary, sink: (subject: string, obs: KeyedObservation, keys: KeyMaker) => void): Promise<ObservationTable> {
  const collector = new DumpCollector(dict, sink);
  await readDump(dump.path, dump.format.format, dump.format.gzip, (q) => collector.add(q.subject.value, q.predicate.value, termKey(q.object)));
  return collector.finish();
}
