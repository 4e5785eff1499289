import type { ReleaseDump } from '../release/read-release.js';
import { readDump } from '../metadata/read-dump.js';
import { readNTriplesThreaded } from '../rdf/ntriples-reader.js';
import { TermKeys } from '../rdf/term.js';
import { during } from '../run/activity.js';
import { DumpCollector, type ObservationTable } from './collector.js';
import { termKey, type KeyedObservation, type KeyMaker, type ValueDictionary } from './observation.js';

/** Reads a dump into a table of its observations by dimension key (the older side of a comparison). */
export async function readTable(dump: ReleaseDump, dict: ValueDictionary): Promise<ObservationTable> {
  const collector = new DumpCollector(dict);
  await readInto(collector, `reading ${dump.id} of the earlier release`, dump);
  return collector.finish();
}

/** Streams a dump's observations to `sink` (the newer side), returning its structure and concepts. */
export async function streamObservations(dump: ReleaseDump, dict: ValueDictionary, sink: (subject: string, obs: KeyedObservation, keys: KeyMaker) => void): Promise<ObservationTable> {
  const collector = new DumpCollector(dict, sink);
  await readInto(collector, `reading ${dump.id}`, dump);
  return collector.finish();
}

/** Reads a dump's triples into a collector, as a phase of the progress line counted against the VoID count. */
async function readInto(collector: DumpCollector, name: string, dump: ReleaseDump): Promise<void> {
  const total = dump.triples !== undefined ? { total: dump.triples } : {};
  // N-Triples straight from the line reader, without a quad a triple; its equal terms are one
  // object, so each literal's key is made once.
  const keys = new TermKeys();
  await during(name, (a) => {
    if (dump.format.format.name === 'nt') {
      return readNTriplesThreaded(dump.path, dump.format.gzip, (s, p, o) => {
        a.done++;
        collector.add(s.value, p.value, keys.of(o));
      });
    }
    return readDump(dump.path, dump.format.format, dump.format.gzip, (q) => {
      a.done++;
      collector.add(q.subject.value, q.predicate.value, termKey(q.object));
    });
  }, { ...total, unit: 'triples' });
}
