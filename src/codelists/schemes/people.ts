import { NS } from '../../rdf/ns.js';
import type { SchemeDef } from '../model.js';

const J = NS.justice;
const SDMX = NS['sdmx-code'];

/** Sex reuses the SDMX codes (VOCABULARY.md §6.2); this scheme adds MoJ's spellings. */
export const sex: SchemeDef = {
  id: 'sex',
  label: 'Sex',
  definition: 'Sex as recorded in MoJ statistics, using the SDMX sex codes. Companies and public bodies are "not applicable".',
  conceptClass: `${NS.skos}Concept`,
  concepts: [
    { slug: 'sex-T', notation: 'T', label: 'Total', altLabels: ['All', 'Persons', 'All persons'], iri: `${SDMX}sex-T` },
    { slug: 'sex-M', notation: 'M', label: 'Male', altLabels: ['Males', 'Men'], broader: 'sex-T', iri: `${SDMX}sex-M` },
    { slug: 'sex-F', notation: 'F', label: 'Female', altLabels: ['Females', 'Women'], broader: 'sex-T', iri: `${SDMX}sex-F` },
    { slug: 'sex-U', notation: 'U', label: 'Not known', altLabels: ['Not specified or unknown', 'Unknown', 'Not stated'], broader: 'sex-T', iri: `${SDMX}sex-U` },
    {
      slug: 'sex-N', notation: 'N', label: 'Not applicable', broader: 'sex-T', iri: `${SDMX}sex-N`,
      altLabels: ['Companies, public bodies etc.', 'Other (companies, public bodies, etc)', 'Companies, public bodies, etc'],
    },
  ],
};

export const ageBand: SchemeDef = {
  id: 'age-band',
  label: 'Age bands',
  definition: 'Age groups of defendants and offenders at the time of the outcome (SDMX CL_AGE-style notations).',
  conceptClass: `${J}AgeBand`,
  concepts: [
    { slug: 'all-ages', notation: '_T', label: 'All ages' },
    { slug: 'children', notation: 'Y10T17', label: 'Children', altLabels: ['Juveniles', 'Children (10-17)'], definition: 'Aged 10 to 17.', broader: 'all-ages' },
    { slug: 'young-adults', notation: 'Y18T20', label: 'Young adults', altLabels: ['Young adults (18-20)'], definition: 'Aged 18 to 20.', broader: 'all-ages' },
    { slug: 'adults', notation: 'Y_GE21', label: 'Adults', altLabels: ['Adults (21+)'], definition: 'Aged 21 and over.', broader: 'all-ages' },
    { slug: 'companies', notation: 'NAP', label: 'Companies, public bodies etc.', altLabels: ['Other (companies, public bodies, etc)'], broader: 'all-ages' },
    { slug: 'not-known', notation: 'UNK', label: 'Not known', broader: 'all-ages' },
  ],
};

export const ethnicity: SchemeDef = {
  id: 'ethnicity',
  label: 'Ethnic groups',
  definition: 'Ethnic group (5+1 groups) as recorded in MoJ court data.',
  conceptClass: `${J}EthnicGroup`,
  concepts: [
    { slug: 'all-ethnic-groups', notation: 'ALL', label: 'All ethnic groups' },
    { slug: 'white', notation: 'W', label: 'White', broader: 'all-ethnic-groups' },
    { slug: 'black', notation: 'B', label: 'Black', altLabels: ['Black or Black British'], broader: 'all-ethnic-groups' },
    { slug: 'asian', notation: 'A', label: 'Asian', altLabels: ['Asian or Asian British'], broader: 'all-ethnic-groups' },
    { slug: 'mixed', notation: 'M', label: 'Mixed', broader: 'all-ethnic-groups' },
    { slug: 'chinese-and-other', notation: 'O', label: 'Chinese and other', altLabels: ['Chinese or other', 'Other'], broader: 'all-ethnic-groups' },
    { slug: 'not-stated', notation: 'NS', label: 'Not stated', altLabels: ['Not recorded', 'Unknown'], broader: 'all-ethnic-groups' },
    { slug: 'not-applicable', notation: 'NA', label: 'Not applicable', altLabels: ['N/A'], broader: 'all-ethnic-groups' },
  ],
};

export const defendantType: SchemeDef = {
  id: 'defendant-type',
  label: 'Defendant types',
  definition: 'Whether the defendant is a person or an organisation.',
  conceptClass: `${J}DefendantType`,
  concepts: [
    { slug: 'all-defendants', notation: 'ALL', label: 'All defendants' },
    { slug: 'person', notation: 'P', label: 'Person', broader: 'all-defendants' },
    { slug: 'company', notation: 'C', label: 'Companies, public bodies etc.', altLabels: ['Company', 'Other (companies, public bodies, etc)'], broader: 'all-defendants' },
  ],
};

/** Reoffending cohorts: adults and juveniles (children). */
export const cohortType: SchemeDef = {
  id: 'cohort-type',
  label: 'Reoffending cohort types',
  definition: 'The cohort of a proven reoffending measure: adult or juvenile offenders released from custody, given a court order or a caution.',
  conceptClass: `${J}ReoffendingCohortType`,
  concepts: [
    { slug: 'all-offenders', notation: 'ALL', label: 'All offenders', altLabels: ['All'] },
    { slug: 'adult', notation: 'A', label: 'Adult', altLabels: ['Adults', 'Adult offenders'], broader: 'all-offenders' },
    { slug: 'juvenile', notation: 'J', label: 'Juvenile', altLabels: ['Juveniles', 'Children', 'Juvenile offenders'], broader: 'all-offenders' },
  ],
};
