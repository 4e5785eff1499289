import { describe, expect, it } from 'vitest';
import { gssCode, policeForceArea } from '../../../src/compile/geography.js';
import { POLICE_FORCE_AREAS } from '../../../src/reference/police-force-areas.js';

describe('policeForceArea', () => {
  it('knows all 43 areas, in England (E23) and Wales (W15)', () => {
    expect(POLICE_FORCE_AREAS).toHaveLength(43);
    expect(POLICE_FORCE_AREAS.filter((p) => p.gss.startsWith('W15'))).toHaveLength(4);
    for (const p of POLICE_FORCE_AREAS) expect(policeForceArea(p.name)).toEqual({ gss: p.gss });
  });

  it.each([
    ['Devon & Cornwall', 'E23000035'], ['Avon & Somerset', 'E23000036'], ['London, City of', 'E23000034'],
    ['CITY OF LONDON', 'E23000034'], ['Dyfed Powys', 'W15000004'], ['Metropolitan Police Service', 'E23000001'],
    ['Kent Police', 'E23000032'], ['Avon and Somerset Constabulary', 'E23000036'], ['e23000013', 'E23000013'],
  ])('%s → %s', (name, gss) => expect(policeForceArea(name)).toEqual({ gss }));

  it('reports unknown names and codes that are not police force areas', () => {
    expect(policeForceArea('Atlantis')).toMatchObject({ error: 'JL305' });
    expect(policeForceArea('E23000040')).toMatchObject({ error: 'JL306' });
    expect(policeForceArea('E06000001')).toMatchObject({ error: 'JL306' });
  });
});

describe('gssCode', () => {
  it('checks the shape and the entity type', () => {
    expect(gssCode(' e06000001 ')).toEqual({ gss: 'E06000001' });
    expect(gssCode('E0600001')).toMatchObject({ error: 'JL306' });
    expect(gssCode('E23000001', ['E06', 'E09'])).toMatchObject({ error: 'JL306' });
    expect(gssCode('W06000015', ['E06', 'W06'])).toEqual({ gss: 'W06000015' });
  });
});
