import { NS } from '../../rdf/ns.js';
import type { SchemeDef } from '../model.js';

const J = NS.justice;
const SENTENCING_ACT = `${NS.leg}ukpga/2020/17`;

/** Court outcomes and sentence disposals (also the index disposal of reoffending cohorts). */
export const disposal: SchemeDef = {
  id: 'disposal',
  label: 'Disposals and court outcomes',
  definition: 'Outcomes of criminal proceedings: sentences, and the outcomes short of a sentence.',
  conceptClass: `${J}Disposal`,
  concepts: [
    { slug: 'all-outcomes', notation: 'ALL', label: 'All outcomes' },
    { slug: 'absolute-discharge', notation: 'AD', label: 'Absolute discharge', broader: 'all-outcomes', legislation: [SENTENCING_ACT] },
    { slug: 'conditional-discharge', notation: 'CD', label: 'Conditional discharge', broader: 'all-outcomes', legislation: [SENTENCING_ACT] },
    { slug: 'fine', notation: 'FINE', label: 'Fine', broader: 'all-outcomes', legislation: [SENTENCING_ACT] },
    { slug: 'community-sentence', notation: 'COM', label: 'Community sentence', altLabels: ['Total community sentence', 'Community order'], broader: 'all-outcomes', legislation: [SENTENCING_ACT] },
    { slug: 'suspended-sentence', notation: 'SUS', label: 'Suspended sentence', altLabels: ['Suspended sentence order'], broader: 'all-outcomes', legislation: [SENTENCING_ACT] },
    { slug: 'immediate-custody', notation: 'CUS', label: 'Immediate custody', altLabels: ['Total immediate custody'], broader: 'all-outcomes', legislation: [SENTENCING_ACT] },
    { slug: 'compensation', notation: 'CMP', label: 'Compensation', altLabels: ['Compensation (primary disposal)'], broader: 'all-outcomes', legislation: [SENTENCING_ACT] },
    { slug: 'otherwise-dealt-with', notation: 'ODW', label: 'Otherwise dealt with', broader: 'all-outcomes' },
    { slug: 'caution', notation: 'CAU', label: 'Caution', broader: 'all-outcomes' },
    { slug: 'withdrawn', notation: 'WDN', label: 'Withdrawn', broader: 'all-outcomes' },
    { slug: 'dismissed', notation: 'DIS', label: 'Dismissed', broader: 'all-outcomes' },
    { slug: 'committed-for-trial', notation: 'CFT', label: 'Committed for trial', broader: 'all-outcomes' },
    { slug: 'committed-for-sentence', notation: 'CFS', label: 'Committed for sentence', broader: 'all-outcomes' },
  ],
};

const band = (slug: string, notation: string, label: string, altLabels: string[] = []) =>
  ({ slug, notation, label, altLabels, broader: 'all-lengths' });

/** Custodial sentence length bands (2019 data tool, 23 bands), with the 2017–21 spellings. */
export const sentenceLength: SchemeDef = {
  id: 'sentence-length',
  label: 'Custodial sentence length bands',
  definition: 'Bands of the length of an immediate custodial sentence.',
  conceptClass: `${J}SentenceLengthBand`,
  ignorePrefixes: ['Custody - '],
  concepts: [
    { slug: 'all-lengths', notation: 'ALL', label: 'All sentence lengths' },
    band('up-to-1-month', 'M0-1', 'Up to and including 1 month'),
    band('1-to-2-months', 'M1-2', 'Over 1 month and up to and including 2 months', ['More than 1 month and up to and including 2 months']),
    band('2-to-3-months', 'M2-3', 'Over 2 months and up to and including 3 months', ['More than 2 months and up to and including 3 months']),
    band('3-to-6-months', 'M3-6', 'Over 3 months to less than 6 months', ['More than 3 months and under 6 months']),
    band('6-months', 'M6', '6 months'),
    band('6-to-9-months', 'M6-9', 'Over 6 months and up to and including 9 months', ['More than 6 months and up to and including 9 months']),
    band('9-to-12-months', 'M9-12', 'Over 9 months to less than 12 months', ['More than 9 months and under 12 months']),
    band('12-months', 'M12', '12 months'),
    band('12-to-18-months', 'M12-18', 'Over 12 months and up to and including 18 months', ['More than 12 months and up to and including 18 months']),
    band('18-months-to-2-years', 'M18-Y2', 'Over 18 months and up to and including 2 years', ['More than 18 months and up to and including 2 years']),
    band('2-to-3-years', 'Y2-3', 'Over 2 years and up to and including 3 years', ['More than 2 years and up to and including 3 years']),
    band('3-to-4-years', 'Y3-4', 'Over 3 years to less than 4 years', ['More than 3 years and under 4 years']),
    band('4-years', 'Y4', '4 years'),
    band('4-to-5-years', 'Y4-5', 'Over 4 years and up to and including 5 years', ['More than 4 years and up to and including 5 years']),
    band('5-to-6-years', 'Y5-6', 'Over 5 years and up to and including 6 years', ['More than 5 years and up to 6 years']),
    band('6-to-7-years', 'Y6-7', 'Over 6 years and up to and including 7 years', ['More than 6 years and up to 7 years']),
    band('7-to-8-years', 'Y7-8', 'Over 7 years and up to and including 8 years', ['More than 7 years and up to 8 years']),
    band('8-to-9-years', 'Y8-9', 'Over 8 years and up to and including 9 years', ['More than 8 years and up to 9 years']),
    band('9-to-10-years', 'Y9-10', 'Over 9 years and up to and including 10 years', ['More than 9 years and up to 10 years']),
    band('10-to-15-years', 'Y10-15', 'Over 10 years and up to and including 15 years', ['More than 10 years and up to and including 15 years']),
    band('over-15-years', 'Y15-L', 'Over 15 years and less than life', ['More than 15 years and less than life']),
    band('ipp', 'IPP', 'Imprisonment for public protection'),
    band('life', 'LIFE', 'Life sentence', ['Life']),
    band('not-applicable', 'NA', 'Not applicable', ['N/A']),
  ],
};

/** MoJ's 14 fine amount bands (`01: Up to and including £25` … `14: Over £10,000`), as the 2009–2019 court outcomes release writes them (Windows-1252 £). */
export const fineBand: SchemeDef = {
  id: 'fine-band',
  label: 'Fine amount bands',
  definition: 'Bands of the amount of a fine, in pounds sterling.',
  conceptClass: `${J}FineAmountBand`,
  concepts: [
    { slug: 'all-amounts', notation: 'ALL', label: 'All fine amounts' },
    { slug: 'up-to-25', notation: 'F0-25', label: 'Up to and including £25', broader: 'all-amounts' },
    { slug: '25-to-50', notation: 'F25-50', label: 'Over £25 and up to £50', broader: 'all-amounts' },
    { slug: '50-to-100', notation: 'F50-100', label: 'Over £50 and up to £100', broader: 'all-amounts' },
    { slug: '100-to-150', notation: 'F100-150', label: 'Over £100 and up to £150', broader: 'all-amounts' },
    { slug: '150-to-200', notation: 'F150-200', label: 'Over £150 and up to £200', broader: 'all-amounts' },
    { slug: '200-to-250', notation: 'F200-250', label: 'Over £200 and up to £250', broader: 'all-amounts' },
    { slug: '250-to-300', notation: 'F250-300', label: 'Over £250 and up to £300', broader: 'all-amounts' },
    { slug: '300-to-500', notation: 'F300-500', label: 'Over £300 and up to £500', broader: 'all-amounts' },
    { slug: '500-to-750', notation: 'F500-750', label: 'Over £500 and up to £750', broader: 'all-amounts' },
    { slug: '750-to-1000', notation: 'F750-1000', label: 'Over £750 and up to £1,000', broader: 'all-amounts' },
    { slug: '1000-to-2500', notation: 'F1000-2500', label: 'Over £1,000 and up to £2,500', broader: 'all-amounts' },
    { slug: '2500-to-5000', notation: 'F2500-5000', label: 'Over £2,500 and up to £5,000', broader: 'all-amounts' },
    { slug: '5000-to-10000', notation: 'F5000-10000', label: 'Over £5,000 and up to £10,000', broader: 'all-amounts' },
    { slug: 'over-10000', notation: 'F10000-', label: 'Over £10,000', broader: 'all-amounts' },
    { slug: 'not-applicable', notation: 'NA', label: 'Not applicable', altLabels: ['N/A'], broader: 'all-amounts' },
  ],
};
