import { NS } from '../../rdf/ns.js';
import type { SchemeDef } from '../model.js';

const J = NS.justice;
const leg = (path: string): string => `${NS.leg}${path}`;

/** MoJ offence groups, aligned with police recorded crime (VOCABULARY.md §3.4). */
export const offenceGroup: SchemeDef = {
  id: 'offence-group',
  label: 'Offence groups',
  definition: 'The offence groups used in MoJ criminal justice statistics, aligned with police recorded crime offence groups.',
  conceptClass: `${J}OffenceGroup`,
  concepts: [
    { slug: 'all-offences', notation: 'ALL', label: 'All offences' },
    { slug: 'violence-against-the-person', notation: 'VAP', label: 'Violence against the person', broader: 'all-offences' },
    { slug: 'sexual-offences', notation: 'SEX', label: 'Sexual offences', altLabels: ['Sexual'], broader: 'all-offences' },
    { slug: 'robbery', notation: 'ROB', label: 'Robbery', broader: 'all-offences' },
    { slug: 'theft-offences', notation: 'THF', label: 'Theft offences', altLabels: ['Theft'], broader: 'all-offences' },
    { slug: 'criminal-damage-and-arson', notation: 'CDA', label: 'Criminal damage and arson', broader: 'all-offences' },
    { slug: 'drug-offences', notation: 'DRG', label: 'Drug offences', altLabels: ['Drug'], broader: 'all-offences' },
    { slug: 'possession-of-weapons', notation: 'POW', label: 'Possession of weapons', altLabels: ['Possession of weapons offences'], broader: 'all-offences' },
    { slug: 'public-order-offences', notation: 'PUB', label: 'Public order offences', altLabels: ['Public order'], broader: 'all-offences' },
    { slug: 'miscellaneous-crimes-against-society', notation: 'MCS', label: 'Miscellaneous crimes against society', broader: 'all-offences' },
    { slug: 'fraud-offences', notation: 'FRD', label: 'Fraud offences', altLabels: ['Fraud'], broader: 'all-offences' },
    { slug: 'summary-non-motoring', notation: 'SNM', label: 'Summary non-motoring', altLabels: ['Summary offences excluding motoring'], broader: 'all-offences' },
    { slug: 'summary-motoring', notation: 'SMO', label: 'Summary motoring', altLabels: ['Summary motoring offences'], broader: 'all-offences' },
    { slug: 'other', notation: 'OTH', label: 'Other', broader: 'all-offences' },
    { slug: 'not-known', notation: 'UNK', label: 'Not known', altLabels: ['Offence not recorded'], broader: 'all-offences' },
  ],
};

/** Offence type, that is the mode of trial. */
export const offenceType: SchemeDef = {
  id: 'offence-type',
  label: 'Offence types (mode of trial)',
  definition: 'Whether an offence can be tried only on indictment, either way, or only summarily.',
  conceptClass: `${J}OffenceType`,
  concepts: [
    { slug: 'all-offence-types', notation: 'ALL', label: 'All offence types' },
    { slug: 'indictable-only', notation: 'IND', label: 'Indictable only', broader: 'all-offence-types' },
    { slug: 'triable-either-way', notation: 'TEW', label: 'Triable either way', broader: 'all-offence-types' },
    { slug: 'summary-non-motoring', notation: 'SNM', label: 'Summary non-motoring', broader: 'all-offence-types' },
    { slug: 'summary-motoring', notation: 'SMO', label: 'Summary motoring', broader: 'all-offence-types' },
    { slug: 'not-known', notation: 'UNK', label: 'Not known', broader: 'all-offence-types' },
  ],
};

/**
 * Detailed offences seen in MoJ files, by Home Office offence code, linked to the
 * legislation that creates them where there is one (common-law offences have none).
 */
export const offence: SchemeDef = {
  id: 'offence',
  label: 'Offences',
  definition: 'Detailed offences as published in MoJ outcomes-by-offence data; notation is the Home Office offence code.',
  conceptClass: `${J}Offence`,
  concepts: [
    { slug: 'murder', notation: '1', label: 'Murder' },
    { slug: 'theft-from-shops', notation: '46', label: 'Theft from shops', legislation: [leg('ukpga/1968/60/section/1')] },
    { slug: 'burglary-in-a-dwelling', notation: '28', label: 'Burglary in a dwelling', legislation: [leg('ukpga/1968/60/section/9')] },
    { slug: 'common-assault-and-battery', notation: '105', label: 'Common assault and battery', legislation: [leg('ukpga/1988/33/section/39')] },
    { slug: 'assault-of-an-emergency-worker', notation: '8.22', label: 'Assault of an emergency worker', legislation: [leg('ukpga/2018/23/section/1')] },
    { slug: 'possession-of-article-with-blade-or-point', notation: '10D', label: 'Possession of article with blade or point', legislation: [leg('ukpga/1988/33/section/139')] },
    { slug: 'causing-fear-or-provocation-of-violence-summary', notation: '125B', label: 'Causing fear or provocation of violence - summary', legislation: [leg('ukpga/1986/64/section/4')] },
    { slug: 'driving-a-motor-vehicle-under-the-influence-of-drink-or-drugs', notation: '803A', label: 'Driving a motor vehicle under the influence of drink or drugs (MOT)', legislation: [leg('ukpga/1988/52/section/5')] },
    { slug: 'possession-of-a-controlled-drug-class-b', notation: '92D.2', label: 'Possession of a controlled drug - Class B', legislation: [leg('ukpga/1971/38/section/5')] },
    { slug: 'fraud-by-false-representation', notation: '53C', label: 'Fraud by false representation', legislation: [leg('ukpga/2006/35/section/2')] },
    { slug: 'failing-to-surrender-to-bail', notation: '83.2', label: 'Failing to surrender to bail', legislation: [leg('ukpga/1976/63/section/6')] },
  ],
};
