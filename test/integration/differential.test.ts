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

/** Every finding as rule, focus, path and value: what the engine and the compiled shapes must agree on. */
const findings = (vs: readonly Violation[]) => [...new Set(vs.map((v) => `${v.rule} ${v.focus} ${v.path ?? ''} ${v.value ?? ''}`))].sort();

/** The SHACL engine on the whole graph, and the compiled observation shapes (as on large graphs). */
async function engineAndCompiled(text: string, format: 'application/n-triples' | 'text/turtle' = 'application/n-triples') {
  const input = [{ name: 'x', text, format }];
  const engine = (await validateGraph(input, shapes)).violations;
  const compiled = (await validateGraph(input, shapes, { wholeGraphLimit: 0 })).violations;
  return { engine: findings(engine), compiled: findings(compiled) };
}

describe.each(readdirSync(join(root, 'mappings')).filter((f) => f.endsWith('.yaml')).sort())('sample %s', (file) => {
  it('is valid for both the streaming checks and the graph validation', async () => {
    const { nt } = await convertInMemory(join(root, 'mappings', file), { failOn: 'error' });
    const { stream, graph } = await both(nt);
    expect(stream).toEqual([]);
    expect(graph.map((v) => `${v.rule} ${v.focus} ${v.path ?? ''}`)).toEqual([]);
    expect((await validateGraph([{ name: 'x', text: nt, format: 'application/n-triples' }], shapes, { wholeGraphLimit: 0 })).violations).toEqual([]);
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

  it('an observation dropped from its key: both count one IC-17 violation', async () => {
    const { stream, graph } = await both(drop(nt, new RegExp(`^<${OBS}/offenders> `)));
    expect(count(stream, 'IC-17')).toBe(1);
    expect(count(graph, 'IC-17')).toBe(1);
    expect(stream.find((v) => v.rule === 'IC-17')!.focus).toMatch(new RegExp(`^${OBS}/`));
  });

  it.each(cases)('%s: the compiled observation shapes report what the SHACL engine reports', async (_name, broken) => {
    const { engine, compiled } = await engineAndCompiled(broken);
    expect(compiled).toEqual(engine);
    expect(engine.length).toBeGreaterThan(0);
  });

  it('wrong datatypes, two values for a dimension, a literal for a code: engine and compiled shapes agree', async () => {
    let broken = nt.replace(`<${OBS}/offenders> <${J}offenderCount> "340208"^^<http://www.w3.org/2001/XMLSchema#integer>`, `<${OBS}/offenders> <${J}offenderCount> "340208"^^<http://www.w3.org/2001/XMLSchema#string>`);
    broken += `<${OBS}/reoffences> <http://purl.org/linked-data/sdmx/2009/dimension#refArea> <http://statistics.data.gov.uk/id/statistical-geography/W92000004> .\n`;
    broken += `<${OBS}/reoffenders> <http://purl.org/linked-data/sdmx/2009/dimension#refArea> "K04000001" .\n`;
    broken += `<${OBS}/proportion> <${J}proportionReoffending> "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n`;
    const { engine, compiled } = await engineAndCompiled(broken);
    expect(compiled).toEqual(engine);
    for (const rule of ['IC-11', 'rule:range']) expect(engine.some((f) => f.startsWith(`${rule} `)), rule).toBe(true);
  });

  it('a Turtle file whose observation is written in two places: checked whole', async () => {
    const lines = nt.split('\n');
    const moved = lines.filter((l) => l.startsWith(`<${OBS}/offenders> <http://purl.org/linked-data/sdmx/2009/dimension#refArea>`));
    const text = `${lines.filter((l) => !moved.includes(l)).join('\n')}\n${moved.join('\n')}\n`;
    const { engine, compiled } = await engineAndCompiled(text, 'text/turtle');
    expect(compiled).toEqual(engine);
    expect(engine).toEqual([]);
  });

  it('a duplicated observation: both count one IC-12 violation', async () => {
    const line = nt.split('\n').filter((l) => l.startsWith(`<${OBS}/offenders> `));
    const copy = line.map((l) => l.replace(`${OBS}/offenders>`, `${OBS}/offenders-again>`).replace(/"340208"/, '"1"')).join('\n');
    const { stream, graph } = await both(`${nt}${copy}\n`);
    expect(count(stream, 'IC-12')).toBe(1);
    expect(count(graph, 'IC-12')).toBe(1);
  });
});
