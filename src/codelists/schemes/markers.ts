import { NS } from '../../rdf/ns.js';
import type { SchemeDef } from '../model.js';

/**
 * The Analysis Function shorthand markers (VOCABULARY.md §3.6), reusing the concepts csvcubed
 * publishes (af-obs-marker); `[b]` is not among them, so it is SDMX's obsStatus-B (break).
 * This is a local copy so that outputs validate offline.
 */
export const obsMarker: SchemeDef = {
  id: 'obs-marker',
  label: 'Observation markers (GSS shorthand)',
  definition: 'Why an observation has no value, or how its value should be read: the Analysis Function shorthand symbols.',
  conceptClass: `${NS.skos}Concept`,
  concepts: [
    { slug: 'c', notation: 'c', label: 'confidential', definition: 'Suppressed: its disclosure would give away confidential information.', iri: `${NS.af}c` },
    { slug: 'x', notation: 'x', label: 'not available', definition: 'Not available: it was not collected.', iri: `${NS.af}x` },
    { slug: 'z', notation: 'z', label: 'not applicable', definition: 'Not applicable: values in this category cannot exist.', iri: `${NS.af}z` },
    { slug: 'low', notation: 'low', label: 'a low figure but not a real zero', definition: 'Appears to be zero when rounded, but is not a true zero.', iri: `${NS.af}low` },
    { slug: 'high', notation: 'high', label: 'a high figure but not a real 100%', definition: 'Appears to be 100% when rounded, but is not a true 100%.', iri: `${NS.af}high` },
    { slug: 'u', notation: 'u', label: 'low reliability', definition: 'The observation is of low quality.', iri: `${NS.af}u` },
    { slug: 'w', notation: 'w', label: 'none recorded', definition: 'The observation has a true zero value.', iri: `${NS.af}w` },
    { slug: 'e', notation: 'e', label: 'estimated', definition: 'The observation is an estimate.', iri: `${NS.af}e` },
    { slug: 'f', notation: 'f', label: 'forecast', definition: 'A calculated future value rather than an observed one.', iri: `${NS.af}f` },
    { slug: 'p', notation: 'p', label: 'provisional', definition: 'Not yet final, or expected to be revised.', iri: `${NS.af}p` },
    { slug: 'r', notation: 'r', label: 'revised', definition: 'Revised since it was first published.', iri: `${NS.af}r` },
    { slug: 'b', notation: 'b', label: 'break in time series', definition: 'A break in the time series: not comparable with earlier periods.', iri: `${NS['sdmx-code']}obsStatus-B` },
  ],
};
