import { describe, expect, it } from 'vitest';
import { cleanLabel, labelKey } from '../../../src/compile/labels.js';

describe('cleanLabel', () => {
  it.each([
    ['01: Violence against the person', 'Violence against the person', '01'],
    ['  13: Community sentence ', 'Community sentence', '13'],
    ['04 Theft Offences', 'Theft Offences', '04'],
    ['2 Female', 'Female', '2'],
    ['10B: Possession', 'Possession', '10B'],
    ['8.22 Assault of an emergency worker', 'Assault of an emergency worker', '8.22'],
    ['92D.2 Possession of a controlled drug', 'Possession of a controlled drug', '92D.2'],
    ['b. Violence Against the Person', 'Violence Against the Person', 'b.'],
    ['13: 4 Years', '4 Years', '13'],
  ])('strips the code prefix of %j', (raw, label, code) => expect(cleanLabel(raw, true)).toEqual({ label, code }));

  it.each(['2019', '25+', '2010 Q2 (Apr-Jun)', 'Kent', '18-20', '12 months', '10 to 14', '4 years'])('leaves %j alone', (raw) => expect(cleanLabel(raw, true)).toEqual({ label: raw }));

  it('keeps the prefix when asked, and folds or keeps spacing', () => {
    expect(cleanLabel('01: Male', false)).toEqual({ label: '01: Male' });
    expect(cleanLabel(' a \r\n b ', false)).toEqual({ label: 'a b' });
    expect(cleanLabel(' a \r\n b ', false, true)).toEqual({ label: 'a \r\n b' });
  });
});

describe('labelKey', () => {
  it('ignores case, & versus and, spacing and trailing punctuation', () => {
    expect(labelKey('Devon & Cornwall')).toBe(labelKey('devon and  cornwall'));
    expect(labelKey('Companies, public bodies etc.')).toBe(labelKey('COMPANIES, PUBLIC BODIES ETC'));
  });
});
