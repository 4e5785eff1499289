/**
 * Every label that RELEASE-DATA.md §1.3 records for MoJ's sentencing releases (2007–2024, in
 * every spelling and code numbering seen) matches its shipped code list: the lists follow the
 * releases, not the other way round.
 */
import { describe, expect, it } from 'vitest';
import { schemeMatcher } from '../../../src/codelists/matcher.js';
import { SCHEMES } from '../../../src/codelists/registry.js';
import { cleanLabel } from '../../../src/compile/labels.js';
import { policeForceArea } from '../../../src/compile/geography.js';

const lists: Record<string, string[]> = {
  'offence-type': ['01: Indictable only', '02: Triable Either Way', '02: Triable either way', '03: Summary non-motoring', '04: Summary motoring', '05: Not known'],
  'offence-group': ['01: Violence against the person', '02: Sexual offences', '03: Robbery', '04: Theft Offences', '04: Theft offences', '05: Criminal damage and arson', '06: Drug offences', '07: Possession of weapons', '08: Public order offences', '09: Miscellaneous crimes against society', '09: Miscellaneous crimes agains', '10: Fraud Offences', '11: Summary non-motoring', '12: Summary motoring', '13: Not known', '11 Summary offences excluding motoring', '12 Summary motoring offences', '10 Fraud offences'],
  sex: ['01: Male', '02: Female', '03: Other (companies, public bodies, etc)', '03: Companies, public bodies etc.', '04: Not known', '01: Female', '02: Male', '1 Male', '2 Female', '3 Unknown'],
  'age-band': ['01: Children', '01: Juveniles', '02: Young adults', '03: Adults', '04: Companies, public bodies etc.', '05: Not known'],
  ethnicity: ['01: White', '02: Black', '03: Asian', '04: Mixed', '05: Chinese and other', '06: Not stated', 'N/A'],
  'court-type': ['01: Crown Court', '02: Magistrates Court', 'Crown Court', 'Magistrates Court'],
  'defendant-type': ['01: Person', '02: Companies, public bodies etc.'],
  disposal: ['04: Withdrawn', '08: Committed for trial', '10: Absolute discharge', '11: Conditional discharge', '12: Fine', '13: Community sentence', '14: Suspended sentence', '15: Immediate custody', '16: Otherwise dealt with', '17: Compensation', '01: Immediate Custody', '02: Suspended Sentence', '03: Community Sentence', '04: Fine', '05: Absolute Discharge', '06: Conditional Dischar', '07: Compensation', '08: Otherwise Dealt Wit', '07: Total Immediate custody', '06: Total Immediate Custody', '04: Total Community sentence', '05: Suspended Sentence'],
  'sentence-length': ['01: Up to and including 1 month', '02: Over 1 month and up to and including 2 months', '03: Over 2 months and up to and including 3 months', '04: Over 3 months to less than 6 months', '05: 6 months', '06: Over 6 months and up to and including 9 months', '07: Over 9 months to less than 12 months', '08: 12 months', '09: Over 12 months and up to and including 18 months', '10: Over 18 months and up to and including 2 years', '11: Over 2 years and up to and including 3 years', '12: Over 3 years to less than 4 years', '13: 4 Years', '14: Over 4 years and up to and including 5 years', '15: Over 5 years and up to and including 6 years', '16: Over 6 years and up to and including 7 years', '17: Over 7 years and up to and including 8 years', '18: Over 8 years and up to and including 9 years', '19: Over 9 years and up to and including 10 years', '20: Over 10 years and up to and including 15 years', '21: Over 15 years and less than life', '22: Imprisonment for public protection', '23: Life sentence', 'Custody - Up to and including 1 month', 'Custody - More than 3 months and under 6 months', '23: Custody - Life', 'N/A'],
  'fine-band': ['01: Up to and including £25', '02: Over £25 and up to £50', '03: Over £50 and up to £100', '04: Over £100 and up to £150', '05: Over £150 and up to £200', '06: Over £200 and up to £250', '07: Over £250 and up to £300', '08: Over £300 and up to £500', '09: Over £500 and up to £750', '10: Over £750 and up to £1,000', '11: Over £1,000 and up to £2,500', '12: Over £2,500 and up to £5,000', '13: Over £5,000 and up to £10,000', '14: Over £10,000', 'N/A'],
};

describe('shipped code lists against the labels MoJ releases use', () => {
  it.each(Object.entries(lists))('%s knows every label', (id, labels) => {
    const match = schemeMatcher(SCHEMES.get(id)!);
    expect(labels.filter((l) => !('iri' in match(cleanLabel(l, true).label)))).toEqual([]);
  });

  it('police force areas: the 43 MoJ spellings and the ONS variants', () => {
    const names = ['Avon and Somerset', 'Bedfordshire', 'Cambridgeshire', 'Cheshire', 'City of London', 'Cleveland', 'Cumbria', 'Derbyshire', 'Devon and Cornwall', 'Dorset', 'Durham', 'Dyfed-Powys', 'Essex', 'Gloucestershire', 'Greater Manchester', 'Gwent', 'Hampshire', 'Hertfordshire', 'Humberside', 'Kent', 'Lancashire', 'Leicestershire', 'Lincolnshire', 'Merseyside', 'Metropolitan Police', 'Norfolk', 'North Wales', 'North Yorkshire', 'Northamptonshire', 'Northumbria', 'Nottinghamshire', 'South Wales', 'South Yorkshire', 'Staffordshire', 'Suffolk', 'Surrey', 'Sussex', 'Thames Valley', 'Warwickshire', 'West Mercia', 'West Midlands', 'West Yorkshire', 'Wiltshire', 'Devon & Cornwall', 'London, City of'];
    expect(names.filter((n) => !('gss' in policeForceArea(n)))).toEqual([]);
  });
});
