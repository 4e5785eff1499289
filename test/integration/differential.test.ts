/**
 * Differential test (issue 4): the streaming observation checks and the graph validation
 * (SPARQL integrity constraints, shacl-engine on the generated shapes, business rules) report
 * the same violations, on every sample and on cubes broken on purpose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { streamCheckGraph } from '../../src/validate/stream-graph.js';
import { validateGraph } from '../../src/validate/validate-graph.js';
import type { Violation } from '../../src/validate/violation.js';
import { convertInMemory } from '../support/run.js';

const root = new URL('../../', import.meta.url).pathname;
const shapes = readdirSync(join(root, 'shapes')).map((f) => readFileSync(join(root, 'shapes', f), 'utf8'));
/** The rules both sides check observation by observation. */
const COMMON = /^(IC-1|IC-11|IC-13|IC-15|IC-16|rule:.*)$/;

const key = (vs: readonly Violation[]) => [...new Set(vs.filter((v) => COMMON.test(v.rule)).map((v) => `${v.rule} ${v.focus}`))].sort();
const count = (vs: readonly Violation[], rule: string) => vs.filter((v) => v.rule === rule).length;

async function both(nt: string) {
  const stream = streamCheckGraph(new Parser({ format: 'N-Triples' }).parse(nt));
  const graph = (await validateGraph([{ name: 'x', text: nt, format: 'application/n-triples' }], shapes)).violations;
  return { stream, graph };
}

describe.each(readdirSync(join(root, 'mappings')).filter((f) => f.endsWith('.yaml')).sort())('sample %s', (file) => {
  it('is valid for both the streaming checks and the graph validation', async () => {
    const { nt } = await convertInMemory(join(root, 'mappings', file), { failOn: 'error' });
    const { stream, graph } = await both(nt);
    expect(stream).toEqual([]);
    expect(graph.map((v) => `${v.rule} ${v.focus} ${v.path ?? ''}`)).toEqual([]);
  });
});

describe('broken cubes', async () => {
  const { nt } = await convertInMemory(join(root, 'mappings', 'proven-reoffending-by-la.yaml'), { failOn: 'error' });
  const J = 'https://w3id.org/justice-lod/def/justice#';
  const OBS = 'https://data.justice.gov.uk/data/proven-reoffending-by-la/obs/2019-2020/K04000001/A';
  const drop = (text: string, pattern: RegExp) => text.split('\n').filter((l) => !pattern.test(l)).join('\n');
  const cases: [string, string, string[]][] = [
    ['a missing dimension (IC-11)', drop(nt, new RegExp(`^<${OBS}/offenders> <http://purl.org/linked-data/sdmx/2009/dimension#refArea>`)), ['IC-11']],
    ['a value with no marker (IC-15)', drop(nt, new RegExp(`^<${OBS}/reoffences> <${J}reoffenceCount>`)), ['IC-15']],
    ['a negative count (range)', nt.replace(`<${OBS}/reoffences> <${J}reoffenceCount> "`, `<${OBS}/reoffences> <${J}reoffenceCount> "-`), ['rule:range']],
    ['reoffenders above offenders', nt.replace(/(<[^>]*K04000001\/A\/reoffenders> <[^>]*reoffenderCount> ")\d+/, '$19999999'), ['rule:reoffenders-le-offenders', 'rule:reoffenders-le-reoffences', 'rule:proportion-matches-counts']],
    ['a second measure on one observation (IC-16)', `${nt}<${OBS}/offenders> <${J}reoffenceCount> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .\n`, ['IC-16']],
    ['a missing unit (IC-13)', drop(nt, new RegExp(`^<${OBS}/offenders> <http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure>`)), ['IC-13']],
    ['two data sets on one observation (IC-1)', `${nt}<${OBS}/offenders> <http://purl.org/linked-data/cube#dataSet> <https://example.org/other> .\n`, ['IC-1']],
  ];

  it.each(cases)('%s: both report the same rules at the same observations', async (_name, broken, rules) => {
    const { stream, graph } = await both(broken);
    expect(key(stream)).toEqual(key(graph));
    for (const rule of rules) expect(key(stream).some((k) => k.startsWith(`${rule} `)), rule).toBe(true);
  });

  it('a duplicated observation: both count one IC-12 violation', async () => {
    const line = nt.split('\n').filter((l) => l.startsWith(`<${OBS}/offenders> `));
    const copy = line.map((l) => l.replace(`${OBS}/offenders>`, `${OBS}/offenders-again>`).replace(/"340208"/, '"1"')).join('\n');
    const { stream, graph } = await both(`${nt}${copy}\n`);
    expect(count(stream, 'IC-12')).toBe(1);
    expect(count(graph, 'IC-12')).toBe(1);
  });
});
