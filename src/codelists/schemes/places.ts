import { NS } from '../../rdf/ns.js';
import { POLICE_FORCE_AREAS } from '../../reference/police-force-areas.js';
import { slugify } from '../../rdf/iri.js';
import type { SchemeDef } from '../model.js';

/**
 * The 43 police force areas. Concepts are the statistics.data.gov.uk GSS IRIs themselves,
 * so observations link straight to ONS geography; "Not known" is a local concept.
 */
export const policeForceArea: SchemeDef = {
  id: 'police-force-area',
  label: 'Police force areas of England and Wales',
  definition: 'The 43 police force areas (GSS entity E23 in England, W15 in Wales), 2016 vintage names, and "Not known".',
  conceptClass: `${NS.justice}PoliceForceArea`,
  concepts: [
    { slug: 'all', notation: 'K04000001', label: 'England and Wales', iri: `${NS.geo}K04000001` },
    ...POLICE_FORCE_AREAS.map((p) => ({
      slug: slugify(p.name),
      notation: p.gss,
      label: p.name,
      altLabels: p.altNames,
      broader: 'all',
      iri: `${NS.geo}${p.gss}`,
    })),
    { slug: 'not-known', notation: 'UNK', label: 'Not known', altLabels: ['special/miscellaneous and unknown police forces'], broader: 'all' },
  ],
};
