import { describe, expect, it } from 'vitest';
import { DumpCollector } from '../../../src/diff/collector.js';
import { DatasetComparison } from '../../../src/diff/comparison.js';
import { WholeTable } from '../../../src/diff/previous.js';
import { KeyMaker, ValueDictionary, type Pairs } from '../../../src/diff/observation.js';
import { markerIri, NS, QB, RDF_TYPE, SDMX_ATTRIBUTE } from '../../../src/rdf/ns.js';

const J = NS.justice;
const AREA = `${NS['sdmx-dimension']}refArea`;
const PERIOD = `${J}cohortPeriod`;
const COUNT = `${J}offenderCount`;
const int = (n: string): string => `"${n}"^^${NS.xsd}integer`;
const dec = (n: string): string => `"${n}"^^${NS.xsd}decimal`;

/** An observation's pairs: area, period, measure, and optional value and markers. */
function obs(area: string, period: string, value?: string, ...markers: string[]): Pairs {
  return [
    [RDF_TYPE, QB.Observation], [QB.dataSet, 'urn:ds'], [AREA, `${NS.geo}${area}`], [PERIOD, `${NS.period}year/${period}`],
    [QB.measureType, COUNT], ...(value ? [[COUNT, value] as const] : []), ...markers.map((m) => [SDMX_ATTRIBUTE.obsStatus, markerIri(m)] as const),
  ];
}

/** The old release as a collector reads it: the structure first, then observations. */
function table(dict: ValueDictionary, observations: [string, Pairs][]) {
  const c = new DumpCollector(dict);
  for (const d of [AREA, PERIOD, QB.measureType]) c.add('urn:ds/structure/c', QB.dimension, d);
  c.add('urn:ds/structure/m', QB.measure, COUNT);
  for (const [s, pairs] of observations) for (const [p, o] of pairs) c.add(s, p, o);
  return c.finish();
}

describe('comparing a dataset between releases', () => {
  const dict = new ValueDictionary();
  const old = table(dict, [
    ['o1', obs('E06000001', '2020', int('10'))],
    ['o2', obs('E06000002', '2020', dec('1.50'))],
    ['o3', obs('E06000003', '2020', int('7'), 'p')],
    ['o4', obs('E06000004', '2020', undefined, 'c')],
    ['o5', obs('E06000005', '2020', int('5'), 'r')],
    ['o6', obs('W06000001', '2020', int('3'))],
  ]);
  const keys = new KeyMaker([AREA, PERIOD, QB.measureType], dict, new Set([COUNT]));
  const cmp = new DatasetComparison('ds', new WholeTable(old));
  const see = (s: string, pairs: Pairs) => cmp.see(s, keys.observation(pairs.flat())!, keys);

  it('classifies each observation by its dimension key', () => {
    expect(see('n1', obs('E06000001', '2020', int('12')))).toBe('revised');
    expect(see('n2', obs('E06000002', '2020', dec('1.5')))).toBe('unchanged'); // the same number
    expect(see('n3', obs('E06000003', '2020', int('7')))).toBe('marker'); // [p] → final
    expect(see('n4', obs('E06000004', '2020', int('4')))).toBe('marker'); // [c] → a value
    expect(see('n5', obs('E06000005', '2020', int('5')))).toBe('unchanged'); // an old [r] is not a change
    expect(see('n7', obs('E06000007', '2021', int('1')))).toBe('added');
    const done = cmp.finish(new Map());
    expect(done.counts).toEqual({ added: 1, removed: 1, revised: 1, markerChanged: 2, unchanged: 2 });
    expect(done.examples.find((c) => c.kind === 'removed')!.key).toEqual([['refArea', `${NS.geo}W06000001`], ['cohortPeriod', `${NS.period}year/2020`], ['measureType', COUNT]]);
    expect(done.codes).toEqual([
      { dimension: 'refArea', added: ['E06000007'], removed: ['W06000001'] },
      { dimension: 'cohortPeriod', added: ['2021'], removed: [] },
    ]);
  });

  it('reports a changed structure instead of matching keys that mean different things', () => {
    const d2 = new ValueDictionary();
    const before = table(d2, [['o1', obs('E06000001', '2020', int('10'))]]);
    const wider = new KeyMaker([AREA, PERIOD, QB.measureType, `${J}sex`], d2, new Set([COUNT]));
    const c = new DatasetComparison('ds', new WholeTable(before));
    expect(c.see('n1', wider.observation([...obs('E06000001', '2020', int('10')), [`${J}sex`, 'urn:male']].flat())!, wider)).toBe('added');
    const done = c.finish(new Map());
    expect(done.status).toBe('structure-changed');
    expect(done.structure).toEqual({ added: ['sex'], removed: [] });
    expect(done.counts.removed).toBe(1);
  });

  it('reads observations whose triples are split across the dump, and ones before the structure', () => {
    const d3 = new ValueDictionary();
    const c = new DumpCollector(d3);
    const [first, ...rest] = obs('E06000001', '2020', int('10'));
    c.add('early', RDF_TYPE, QB.Observation);
    for (const [p, o] of obs('E06000009', '2020', int('2')).slice(1)) c.add('early', p, o);
    for (const d of [AREA, PERIOD, QB.measureType]) c.add('urn:s', QB.dimension, d);
    c.add('split', first![0], first![1]);
    c.add('split', rest[0]![0], rest[0]![1]);
    c.add('other', RDF_TYPE, QB.Observation);
    for (const [p, o] of rest.slice(1)) c.add('split', p, o);
    const t = c.finish();
    expect(t.observations).toBe(2);
    expect([...t.cells.entries()].map(([, x]) => x.value).sort()).toEqual([int('10'), int('2')]);
  });

  it('finishes a dump whose observations come with no structure (another tool\'s), filing none of them', () => {
    // Before: each such observation was put back in the list being read, and finish never ended.
    for (const sink of [undefined, () => undefined]) {
      const c = new DumpCollector(new ValueDictionary(), sink);
      for (const s of ['urn:o/1', 'urn:o/2']) {
        c.add(s, RDF_TYPE, QB.Observation);
        c.add(s, AREA, 'E06000001');
      }
      const t = c.finish();
      expect(t.observations).toBe(0);
      expect(t.keys.dimensions).toEqual([]);
    }
  });

  it('keeps the code-list concepts with their labels', () => {
    const c = new DumpCollector(new ValueDictionary());
    c.add('urn:c1', RDF_TYPE, `${NS.skos}Concept`);
    c.add('urn:c1', `${NS.skos}prefLabel`, '"Adults"@en');
    c.add('urn:s', `${NS.skos}prefLabel`, '"Not a concept"@en');
    expect([...c.finish().concepts]).toEqual([['urn:c1', 'Adults']]);
  });
});
