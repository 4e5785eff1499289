import { describe, expect, it } from 'vitest';
import { schemeMatcher } from '../../../src/codelists/matcher.js';
import { SCHEMES } from '../../../src/codelists/registry.js';

const match = (scheme: string) => schemeMatcher(SCHEMES.get(scheme)!);
const iriOf = (scheme: string, label: string) => {
  const r = match(scheme)(label);
  return 'iri' in r ? r.iri : r.error;
};
const C = 'https://w3id.org/justice-lod/def/justice/';

describe('code-list matching', () => {
  it('ignores case, &/and, spacing and trailing full stops', () => {
    expect(iriOf('offence-group', 'Theft Offences')).toBe(`${C}offence-group/theft-offences`);
    expect(iriOf('offence-group', 'theft  offences.')).toBe(`${C}offence-group/theft-offences`);
    expect(iriOf('offence-group', 'Criminal damage & arson')).toBe(`${C}offence-group/criminal-damage-and-arson`);
  });

  it('knows the alternative labels of other releases', () => {
    expect(iriOf('offence-group', 'Summary offences excluding motoring')).toBe(`${C}offence-group/summary-non-motoring`);
    expect(iriOf('disposal', 'Total Immediate Custody')).toBe(`${C}disposal/immediate-custody`);
    expect(iriOf('sex', 'Companies, public bodies etc.')).toBe('http://purl.org/linked-data/sdmx/2009/code#sex-N');
    expect(iriOf('court-type', "Magistrates' courts")).toBe(`${C}court-type/magistrates-court`);
  });

  it('ignores a scheme\'s release-specific prefixes', () => {
    expect(iriOf('sentence-length', 'Custody - Life')).toBe(`${C}sentence-length/life`);
    expect(iriOf('sentence-length', 'Custody - More than 3 months and under 6 months')).toBe(`${C}sentence-length/3-to-6-months`);
    expect(iriOf('sentence-length', '12 months')).toBe(`${C}sentence-length/12-months`);
  });

  it('completes labels cut at about 30 characters when only one concept fits', () => {
    expect(iriOf('offence-group', 'Miscellaneous crimes agains')).toBe(`${C}offence-group/miscellaneous-crimes-against-society`);
    expect(iriOf('disposal', 'Conditional Dischar')).toBe(`${C}disposal/conditional-discharge`);
    expect(iriOf('disposal', 'Otherwise Dealt Wit')).toBe(`${C}disposal/otherwise-dealt-with`);
  });

  it('refuses a cut label that fits several concepts, and short prefixes', () => {
    const r = match('disposal')('Committed for');
    expect(r).toEqual({ error: 'ambiguous', candidates: ['Committed for trial', 'Committed for sentence'] });
    expect(match('disposal')('Fin')).toMatchObject({ error: 'unknown' });
  });

  it('names the nearest labels for an unknown label', () => {
    expect(match('offence-group')('Violence agains the persn')).toEqual({ error: 'unknown', candidates: ['Violence against the person'] });
  });

  it('matches by notation too', () => {
    expect(iriOf('offence-group', 'VAP')).toBe(`${C}offence-group/violence-against-the-person`);
  });
});
