import { NS } from '../../rdf/ns.js';
import type { SchemeDef } from '../model.js';

const J = NS.justice;

export const courtType: SchemeDef = {
  id: 'court-type',
  label: 'Court types',
  definition: 'Types of criminal court in England and Wales.',
  conceptClass: `${J}CourtType`,
  concepts: [
    { slug: 'all-courts', notation: 'ALL', label: 'All courts' },
    { slug: 'magistrates-court', notation: 'MC', label: "Magistrates' court", altLabels: ['Magistrates Court', "Magistrates' courts", 'Magistrates courts'], broader: 'all-courts' },
    { slug: 'crown-court', notation: 'CC', label: 'Crown Court', altLabels: ['Crown Courts'], broader: 'all-courts' },
    { slug: 'youth-court', notation: 'YC', label: 'Youth court', altLabels: ['Youth courts'], broader: 'all-courts' },
  ],
};

export const caseType: SchemeDef = {
  id: 'case-type',
  label: 'Case types',
  definition: 'Types of criminal case, as used in court timeliness and caseload statistics.',
  conceptClass: `${J}CaseType`,
  concepts: [
    { slug: 'all-cases', notation: 'ALL', label: 'All cases' },
    { slug: 'for-trial', notation: 'TRL', label: 'For trial', altLabels: ['Trial'], broader: 'all-cases' },
    { slug: 'committed-for-sentence', notation: 'CFS', label: 'Committed for sentence', broader: 'all-cases' },
    { slug: 'appeal', notation: 'APL', label: 'Appeal', altLabels: ['Appeals'], broader: 'all-cases' },
    { slug: 'summary', notation: 'SUM', label: 'Summary', broader: 'all-cases' },
    { slug: 'either-way', notation: 'EW', label: 'Either way', altLabels: ['Triable either way'], broader: 'all-cases' },
    { slug: 'indictable-only', notation: 'IND', label: 'Indictable only', broader: 'all-cases' },
  ],
};

export const timelinessStage: SchemeDef = {
  id: 'timeliness-stage',
  label: 'Timeliness stages',
  definition: 'Stages of a criminal case whose duration court timeliness statistics measure.',
  conceptClass: `${J}TimelinessStage`,
  concepts: [
    { slug: 'all-stages', notation: 'ALL', label: 'All stages', definition: 'The case as a whole, for counts of completed defendants.' },
    { slug: 'offence-to-charge', notation: 'O-C', label: 'Offence to charge', broader: 'all-stages' },
    { slug: 'charge-to-first-listing', notation: 'C-FL', label: 'Charge to first listing', altLabels: ['Charge to first list'], broader: 'all-stages' },
    { slug: 'first-listing-to-completion', notation: 'FL-CO', label: 'First listing to completion', altLabels: ['First list to completion'], broader: 'all-stages' },
    { slug: 'offence-to-completion', notation: 'O-CO', label: 'Offence to completion', broader: 'all-stages' },
    { slug: 'receipt-to-completion', notation: 'R-CO', label: 'Receipt to completion', broader: 'all-stages' },
  ],
};
