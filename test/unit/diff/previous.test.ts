import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as srcComparison from '../../../src/diff/comparison.js';
import * as srcObservation from '../../../src/diff/observation.js';
import * as srcPrevious from '../../../src/diff/previous.js';
import * as srcReadTable from '../../../src/diff/read-table.js';
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
    `<urn:code/adult> <${RDF_TYPE}> <${NS.skos}Concept> .`,
    `<urn:code/adult> <${NS.skos}prefLabel> "Adult"@en .`,
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

/** The diff's modules: from the sources (a dump read on this thread), or from the build (read by a thread). */
interface Lib {
  readonly comparison: typeof srcComparison;
  readonly observation: typeof srcObservation;
  readonly previous: typeof srcPrevious;
  readonly readTable: typeof srcReadTable;
}
const dist = (m: string): string => new URL(`../../../dist/diff/${m}.js`, import.meta.url).href;
const libs: [string, () => Promise<Lib>][] = [
  ['read on this thread', async () => ({ comparison: srcComparison, observation: srcObservation, previous: srcPrevious, readTable: srcReadTable })],
  // `npm test` builds dist/ first; the reader thread and its consumer run from there.
  ['read by a thread that makes the observations (the build)', async () => ({
    comparison: await import(dist('comparison')), observation: await import(dist('observation')), previous: await import(dist('previous')), readTable: await import(dist('read-table')),
  })],
];

/** The new release: observations `order` of the old keys (some revised), and keys the old one lacks. */
function compare(lib: Lib, old: srcPrevious.PreviousObservations, dict: srcObservation.ValueDictionary, order: readonly number[]) {
  const keys = new lib.observation.KeyMaker([AREA, PERIOD, QB.measureType], dict, new Set([COUNT]));
  const cmp = new lib.comparison.DatasetComparison('ds', old);
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
  for (const [how, load] of libs) {
    for (const [what, order] of orders) {
      it(`finds what the whole table finds (${how}): ${what}`, async () => {
        const lib = await load();
        const previous = dump(count);
        const whole = new lib.observation.ValueDictionary();
        const expected = compare(lib, new lib.previous.WholeTable(await lib.readTable.readTable(previous, whole)), whole, order);
        const dict = new lib.observation.ValueDictionary();
        const pulled = new lib.previous.PulledTable(previous, dict, { minBytes: 0 });
        const got = compare(lib, pulled, dict, order);
        await pulled.close();
        // Which side made the observations: the reader thread's batches arrived, or the triples did.
        expect((pulled as unknown as { received?: object }).received !== undefined).toBe(how.includes('by a thread'));
        expect(got.kinds).toEqual(expected.kinds);
        expect(got.changes).toEqual(expected.changes);
        expect(got.changes.counts.removed).toBeGreaterThan(0);
        expect(got.kinds).toContain('revised');
        // The code list's concept came through: the new release (no concepts) removed it.
        expect(JSON.stringify(got.changes)).toContain('urn:code/adult');
      });
    }
  }
});
