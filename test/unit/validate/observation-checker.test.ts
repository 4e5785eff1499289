/**
 * The streaming checker when the run's key gate has already kept rows with one key apart
 * (`repeats: false`): a row whose observations share one key and cover every measure (a wide
 * row; any row of a one-measure cube) skips the key index, and the checker must still find
 * what the index found before: an observation about no measure of the cube is IC-15 and
 * IC-17, and a key whose measures are spread over rows (a long table) is complete or not.
 */
import { describe, expect, it } from 'vitest';
import { ObservationChecker, type CubeSpec } from '../../../src/validate/stream-checks.js';
import { DataFactory } from '../../../src/rdf/factory.js';
import { QB, RDF_TYPE, SDMX_ATTRIBUTE } from '../../../src/rdf/ns.js';

const { namedNode, literal } = DataFactory;
const EX = 'https://example.org/';
const spec = (measures: string[], repeats: boolean): CubeSpec => ({ dataset: `${EX}ds`, dimensions: [`${EX}area`, `${EX}sex`], measures: new Set(measures), unitRequired: false, repeats });

/** One observation of `area`, `sex`, about `measure` with `value`. */
function observation(n: number, area: string, sex: string, measure: string, value: string) {
  return {
    subject: `${EX}obs/${n}`,
    triples: [
      [RDF_TYPE, namedNode(QB.Observation)],
      [QB.dataSet, namedNode(`${EX}ds`)],
      [`${EX}area`, namedNode(`${EX}${area}`)],
      [`${EX}sex`, namedNode(`${EX}${sex}`)],
      [QB.measureType, namedNode(measure)],
      [measure, literal(value, namedNode('http://www.w3.org/2001/XMLSchema#integer'))],
      [SDMX_ATTRIBUTE.unitMeasure, namedNode(`${EX}num`)],
    ] as const,
  };
}

const rules = (c: ObservationChecker, rows: ReturnType<typeof observation>[]) => rows.flatMap((r, at) => c.checkRow([r], at)).map((v) => v.rule);
/** Each row a group of observations, checked together as a row of a wide table. */
const wideRules = (c: ObservationChecker, rows: ReturnType<typeof observation>[][]) => rows.flatMap((r, at) => c.checkRow(r, at)).map((v) => v.rule);

describe('ObservationChecker behind the key gate', () => {
  const count = `${EX}count`;
  const rows = [observation(1, 'a', 'm', count, '1'), observation(2, 'a', 'f', count, '2'), observation(3, 'b', 'm', count, '3')];

  it('one measure: clean rows leave nothing to settle, and repeats are the gate\'s to report', () => {
    const c = new ObservationChecker(spec([count], false));
    expect(rules(c, [...rows, observation(4, 'a', 'm', count, '9')])).toEqual([]);
    expect(c.settle()).toEqual({ duplicates: [], incomplete: [] });
    expect(c.count).toBe(4);
  });

  it('one measure: an observation about another measure is still IC-15 now and IC-17 at the end', () => {
    const c = new ObservationChecker(spec([count], false));
    expect(rules(c, [...rows, observation(4, 'c', 'm', `${EX}other`, '5')])).toEqual(['IC-15']);
    expect(c.settle().incomplete).toEqual([{ at: 3, present: 0, expected: 1 }]);
  });

  it('two measures: the index still finds a key that lacks one (IC-17)', () => {
    const rate = `${EX}rate`;
    const c = new ObservationChecker(spec([count, rate], false));
    expect(rules(c, [observation(1, 'a', 'm', count, '1'), observation(2, 'a', 'm', rate, '2'), observation(3, 'b', 'm', count, '3')])).toEqual([]);
    expect(c.settle().incomplete).toEqual([{ at: 2, present: 1, expected: 2 }]);
  });

  it('wide rows: a row covering every measure of its key needs nothing later; one short of a measure is IC-17', () => {
    const rate = `${EX}rate`;
    const c = new ObservationChecker(spec([count, rate], false));
    const wide = (n: number, area: string, measures: string[]) => measures.map((m, i) => observation(n * 10 + i, area, 'm', m, String(n)));
    expect(wideRules(c, [wide(1, 'a', [count, rate]), wide(2, 'b', [count]), wide(3, 'c', [rate, count])])).toEqual([]);
    expect(c.settle().incomplete).toEqual([{ at: 1, present: 1, expected: 2 }]);
    expect(c.count).toBe(5);
  });

  it('a row whose observations have different keys: each key on its own', () => {
    const rate = `${EX}rate`;
    const c = new ObservationChecker(spec([count, rate], false));
    // Row 0: key a/m complete, key b/m only its count; row 1 gives b/m its rate.
    const row0 = [observation(1, 'a', 'm', count, '1'), observation(2, 'a', 'm', rate, '1'), observation(3, 'b', 'm', count, '1')];
    expect(wideRules(c, [row0, [observation(4, 'b', 'm', rate, '2')], [observation(5, 'c', 'm', count, '2'), observation(6, 'a', 'f', rate, '2')]])).toEqual([]);
    expect(c.settle().incomplete).toEqual([{ at: 2, present: 1, expected: 2 }, { at: 2, present: 1, expected: 2 }]);
  });

  it('without the gate a repeated key is IC-12, found by the index', () => {
    const c = new ObservationChecker(spec([count], true));
    expect(rules(c, [...rows, observation(4, 'a', 'm', count, '9')])).toEqual(['IC-12']);
  });
});
