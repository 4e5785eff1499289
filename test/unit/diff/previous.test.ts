import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetComparison } from '../../../src/diff/comparison.js';
import { KeyMaker, ValueDictionary } from '../../../src/diff/observation.js';
import { PulledTable, WholeTable, type PreviousObservations } from '../../../src/diff/previous.js';
import { readTable } from '../../../src/diff/read-table.js';
import type { ReleaseDump } from '../../../src/release/read-release.js';
import { NS, QB, RDF_TYPE, SDMX_ATTRIBUTE, markerIri } from '../../../src/rdf/ns.js';
import { formatByPath } from '../../../src/sinks/registry.js';
import { tempDir } from '../../support/tmp.js';

const J = NS.justice;
const AREA = `${NS['sdmx-dimension']}refArea`;
const PERIOD = `${J}cohortPeriod`;
const COUNT = `${J}offenderCount`;
const XSD_INT = `${NS.xsd}integer`;
const area = (i: number): string => `${NS.geo}E0600${String(i % 300).padStart(4, '0')}`;
const period = (i: number): string => `${NS.period}year/${2000 + Math.floor(i / 300)}`;

/** A previous release's dump of `count` observations: the structure first, as justice-lod writes it. */
function dump(count: number): ReleaseDump {
  const lines = [
    ...[AREA, PERIOD, QB.measureType].map((d) => `<urn:ds/structure/c> <${QB.dimension}> <${d}> .`),
    `<urn:ds/structure/m> <${QB.measure}> <${COUNT}> .`,
  ];
  for (let i = 0; i < count; i++) {
    const s = `<urn:ds/obs/${i}>`;
    lines.push(`${s} <${RDF_TYPE}> <${QB.Observation}> .`, `${s} <${QB.dataSet}> <urn:ds> .`, `${s} <${AREA}> <${area(i)}> .`, `${s} <${PERIOD}> <${period(i)}> .`, `${s} <${QB.measureType}> <${COUNT}> .`);
    if (i % 10 === 3) lines.push(`${s} <${SDMX_ATTRIBUTE.obsStatus}> <${markerIri('c')}> .`);
    else lines.push(`${s} <${COUNT}> "${i % 50}"^^<${XSD_INT}> .`);
  }
  const path = join(tempDir(), 'previous.nt');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { id: 'ds', graph: 'urn:g', path, format: formatByPath(path)!, bytes: 0 };
}

/** The new release: observations `order` of the old keys (some revised), and keys the old one lacks. */
function compare(old: PreviousObservations, dict: ValueDictionary, order: readonly number[]) {
  const keys = new KeyMaker([AREA, PERIOD, QB.measureType], dict, new Set([COUNT]));
  const cmp = new DatasetComparison('ds', old);
  const kinds: string[] = [];
  for (const i of order) {
    const value = `"${i % 97 === 0 ? 1_000 + i : i % 50}"^^${XSD_INT}`;
    const obs = keys.observation([AREA, area(i), PERIOD, period(i), QB.measureType, COUNT, COUNT, value])!;
    kinds.push(cmp.see(`urn:new/${i}`, obs, keys));
  }
  return { kinds, changes: cmp.finish(new Map(), keys) };
}

describe('the previous release pulled as the comparison asks', () => {
  const count = 6_000;
  const orders: [string, number[]][] = [
    ['the same order, with keys the old release lacks at the end', [...Array.from({ length: count }, (_, i) => i).filter((i) => i % 13 !== 5), count, count + 1]],
    ['another order: reversed, one key new at the start', [count + 7, ...Array.from({ length: count }, (_, i) => count - 1 - i).filter((i) => i % 17 !== 2)]],
    ['a key twice in the new release', [0, 1, 2, 2, 3]],
  ];
  for (const [what, order] of orders) {
    it(`finds what the whole table finds: ${what}`, async () => {
      const previous = dump(count);
      const whole = new ValueDictionary();
      const expected = compare(new WholeTable(await readTable(previous, whole)), whole, order);
      const dict = new ValueDictionary();
      const pulled = new PulledTable(previous, dict);
      const got = compare(pulled, dict, order);
      await pulled.close();
      expect(got.kinds).toEqual(expected.kinds);
      expect(got.changes).toEqual(expected.changes);
      expect(got.changes.counts.removed).toBeGreaterThan(0);
      expect(got.kinds).toContain('revised');
    });
  }
});
