import type { Term } from '@rdfjs/types';
import type { MappingModel } from '../mapping/model.js';
import { markerIri, QB, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import { namedNode } from '../rdf/term.js';
import type { ObservationHook, Triple } from '../run/convert.js';
import { DumpCollector } from './collector.js';
import type { DatasetChanges } from './changes.js';
import { DatasetComparison } from './comparison.js';
import { KeyMaker, REVISED, termKey, ValueDictionary } from './observation.js';
import type { ChangeListener } from './diff-releases.js';
import type { PreviousObservations } from './previous.js';

const OBS_STATUS = namedNode(SDMX_ATTRIBUTE.obsStatus);
const REVISED_MARKER = namedNode(markerIri(REVISED));

/**
 * The release diff inside `convert`: each observation of the new release is compared, as it
 * is produced, with the previous release's table; a revised value gets the `[r]` marker
 * before the observation is written, so no dump has to be rewritten afterwards.
 */
export class Reviser implements ObservationHook {
  private readonly keys: KeyMaker;
  private readonly comparison: DatasetComparison;
  /** The structure and code lists around the observations, read as a dump's would be. */
  private readonly rest = new DumpCollector(new ValueDictionary());
  /** Observations given the [r] marker here. */
  marked = 0;

  constructor(model: MappingModel, private readonly old: PreviousObservations, onChange?: ChangeListener) {
    this.keys = new KeyMaker([...model.cube.dimensions.map((d) => d.property), QB.measureType], old.keys.dict, new Set(model.cube.measures.map((m) => m.property)));
    this.comparison = new DatasetComparison(model.id, old, onChange && ((c) => onChange(model.id, this.keys.dimensions, c)));
  }

  observation(subject: Term, triples: Triple[]): void {
    const obs = this.keys.observationOf(triples);
    if (!obs) return;
    if (this.comparison.see(subject.value, obs, this.keys) === 'revised' && !obs.revisedMarked) {
      triples.push([subject, OBS_STATUS, REVISED_MARKER]);
      this.marked++;
    }
  }

  other(s: Term, p: Term, o: Term): void {
    this.rest.add(s.value, p.value, termKey(o));
  }

  /** Reads the rest of the previous release: what was not seen again was removed. */
  finish(): DatasetChanges {
    const changes = this.comparison.finish(this.rest.finish().concepts, this.keys);
    void this.old.close();
    return changes;
  }

  /** Stops reading the previous release (the conversion failed). */
  close(): Promise<void> {
    return this.old.close();
  }
}
