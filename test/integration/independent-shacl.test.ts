/**
 * Issue 17, point 3: the generated shapes mean what the README says, whichever engine runs
 * them. Every named shape of every shipped mapping's shapes is run on its own (targeted at the
 * observations) through shacl-engine, the engine justice-lod uses, and through
 * rdf-validate-shacl, an independent implementation, on a valid observation of the mapping's
 * sample and on broken copies of it; both must give the same verdict on every pair. The IC-16
 * shape ("no other measure") must fail as soon as any second measure is present, on a cube of
 * five measures.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import datasetFactory from '@rdfjs/dataset';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../../src/mapping/load.js';
import type { MappingModel } from '../../src/mapping/model.js';
import { shapesTurtle } from '../../src/validate/shapes.js';
import { validateQuads } from '../../src/validate/engine.js';
import { DataFactory } from '../../src/rdf/factory.js';
import { convertInMemory } from '../support/run.js';

const root = new URL('../../', import.meta.url).pathname;
const SH = 'http://www.w3.org/ns/shacl#';
const QB = 'http://purl.org/linked-data/cube#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const IDENTIFIER = 'http://purl.org/dc/terms/identifier';
const STATUS = 'http://purl.org/linked-data/sdmx/2009/attribute#obsStatus';
const namedNode = (v: string) => DataFactory.namedNode(v);
const literal = (v: string, dt?: ReturnType<typeof namedNode>) => DataFactory.literal(v, dt);
const quad = (s: Quad['subject'], p: Quad['predicate'], o: Quad['object']) => DataFactory.quad(s, p, o);

interface Cube {
  readonly model: MappingModel;
  readonly shapes: Quad[];
  /** One observation per measure, as the sample converts it. */
  readonly observations: Map<string, Quad[]>;
}

const cubes = new Map<string, Cube>();

beforeAll(async () => {
  for (const f of readdirSync(join(root, 'mappings')).filter((x) => x.endsWith('.yaml')).sort()) {
    const { model } = await loadMapping(join(root, 'mappings', f));
    if (!model || model.linkset) continue;
    const { nt } = await convertInMemory(join(root, 'mappings', f));
    const bySubject = new Map<string, Quad[]>();
    for (const q of new Parser({ format: 'N-Triples' }).parse(nt)) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
    const observations = new Map<string, Quad[]>();
    for (const quads of bySubject.values()) {
      const measure = quads.find((q) => q.predicate.value === `${QB}measureType`)?.object.value;
      if (measure && !observations.has(measure) && quads.some((q) => q.predicate.value === measure)) observations.set(measure, quads);
    }
    cubes.set(model.id, { model, shapes: new Parser({ format: 'Turtle' }).parse(shapesTurtle(model)), observations });
  }
}, 240_000);

/** The named shapes (each with a rule id) of a shapes graph, without the observation shape that gathers them. */
function namedShapes(shapes: readonly Quad[]): { ids: Map<string, string>; rest: Quad[] } {
  const gathering = new Set(shapes.filter((q) => q.predicate.value === `${SH}target`).map((q) => q.subject.value));
  const ids = new Map(shapes.filter((q) => q.predicate.value === IDENTIFIER && !gathering.has(q.subject.value)).map((q) => [q.subject.value, q.object.value]));
  // SHACL-SPARQL rules are run as queries by justice-lod (and compared elsewhere); Core only here.
  const sparql = new Set(shapes.filter((q) => q.predicate.value === `${SH}select`).map((q) => q.subject.value));
  return { ids, rest: shapes.filter((q) => !gathering.has(q.subject.value) && !sparql.has(q.subject.value)) };
}

/** The observations each engine finds in breach of one shape, targeted at every qb:Observation of the data. */
async function failing(rest: readonly Quad[], shape: string, data: readonly Quad[]): Promise<{ engine: string[]; independent: string[] }> {
  const shapes = [...rest, quad(namedNode(shape), namedNode(`${SH}targetClass`), namedNode(`${QB}Observation`))];
  const report = await validateQuads(data, shapes, { sparqlConstraints: false });
  const engine = report.results.map((r) => report.store.getObjects(r, `${SH}focusNode`, null)[0]!.value);
  const validator = new SHACLValidator(datasetFactory.dataset(shapes));
  const independent = (await validator.validate(datasetFactory.dataset([...data]))).results.map((r) => r.focusNode!.value);
  return { engine: [...new Set(engine)].sort(), independent: [...new Set(independent)].sort() };
}

/** Each case's observation under a subject of its own, so one run of an engine checks them all. */
function renamed(cases: readonly [string, Quad[]][]): Quad[] {
  return cases.flatMap(([name, qs]) => qs.map((q) => quad(namedNode(`${q.subject.value}#${encodeURIComponent(name)}`), q.predicate, q.object)));
}

/** Broken copies of an observation of `measure`: each breaks one thing a shape checks. */
function mutations(obs: readonly Quad[], measure: string, others: readonly string[], dimensions: readonly string[]): [string, Quad[]][] {
  const s = obs[0]!.subject;
  const value = obs.find((q) => q.predicate.value === measure)!;
  const without = (p: string) => obs.filter((q) => q.predicate.value !== p);
  const add = (...qs: Quad[]) => [...obs, ...qs];
  const lit = (v: string, dt: string) => literal(v, namedNode(dt));
  const out: [string, Quad[]][] = [
    ['valid', [...obs]],
    ['no value, no marker', without(measure)],
    ['no value, suppressed', [...without(measure), quad(s, namedNode(STATUS), namedNode('https://w3id.org/justice-lod/def/marker#suppressed'))]],
    ['value as a plain string', [...without(measure), quad(s, value.predicate, literal(value.object.value))]],
    ['value negative', [...without(measure), quad(s, value.predicate, lit(`-${value.object.value}`, (value.object as { datatype: { value: string } }).datatype.value))]],
    ['two values', add(quad(s, value.predicate, lit('7', (value.object as { datatype: { value: string } }).datatype.value)))],
    ['no dimension', without(dimensions[0]!)],
    ['dimension as a literal', [...without(dimensions[0]!), quad(s, namedNode(dimensions[0]!), literal('E23000032'))]],
    ['measure type not a measure', [...without(`${QB}measureType`), quad(s, namedNode(`${QB}measureType`), namedNode('https://example.org/not-a-measure'))]],
    ['two data sets', add(quad(s, namedNode(`${QB}dataSet`), namedNode('https://example.org/other')))],
  ];
  for (const [i, other] of others.entries()) {
    out.push([`a second measure (${i + 1} of ${others.length})`, add(quad(s, namedNode(other), lit('1', `${XSD}integer`)))]);
  }
  if (others.length > 1) out.push(['every other measure too', add(...others.map((o) => quad(s, namedNode(o), lit('1', `${XSD}integer`))))]);
  return out;
}

describe('generated shapes, run by shacl-engine and by rdf-validate-shacl', () => {
  it('covers every shipped cube mapping, one of them with five measures', () => {
    expect(cubes.size).toBeGreaterThanOrEqual(8);
    expect([...cubes.values()].some((c) => c.model.cube.measures.length >= 5)).toBe(true);
  });

  it('give the same verdict for every named shape on valid and broken observations of every cube', async () => {
    let checked = 0;
    const disagreements: string[] = [];
    for (const [id, cube] of cubes) {
      const { ids, rest } = namedShapes(cube.shapes);
      const measures = [...new Set(cube.model.cube.measures.map((m) => m.property))];
      const dimensions = cube.model.cube.dimensions.map((d) => d.property);
      const cases = [...cube.observations].slice(0, 2).flatMap(([measure, obs]) => mutations(obs, measure, measures.filter((m) => m !== measure), dimensions));
      const data = renamed(cases);
      for (const shape of ids.keys()) {
        const f = await failing(rest, shape, data);
        checked += cases.length;
        if (JSON.stringify(f.engine) !== JSON.stringify(f.independent)) disagreements.push(`${id} ${shape.split('#')[1]}: shacl-engine fails ${f.engine.map((x) => x.split('#').pop())}, rdf-validate-shacl ${f.independent.map((x) => x.split('#').pop())}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 240_000);

  it('IC-16 fails as soon as any second measure is present, on a cube with five measures, in both engines', async () => {
    const cube = [...cubes.values()].find((c) => c.model.cube.measures.length >= 5)!;
    const { ids, rest } = namedShapes(cube.shapes);
    const measures = [...new Set(cube.model.cube.measures.map((m) => m.property))];
    const [measure, obs] = [...cube.observations][0]!;
    const single = [...ids].find(([shape, rule]) => rule === 'IC-16' && shape.endsWith(`#single-${cube.model.cube.measures.find((m) => m.property === measure)!.key}`))![0];
    const others = measures.filter((m) => m !== measure);
    expect(others.length).toBeGreaterThanOrEqual(4);
    const cases = mutations(obs, measure, others, cube.model.cube.dimensions.map((d) => d.property)).filter(([n]) => n === 'valid' || n.includes('measure'));
    const f = await failing(rest, single, renamed(cases));
    const expected = cases.filter(([n]) => n !== 'valid' && n !== 'measure type not a measure').map(([n]) => `${obs[0]!.subject.value}#${encodeURIComponent(n)}`).sort();
    expect(expected.length).toBe(others.length + 1);
    expect(f.engine).toEqual(expected);
    expect(f.independent).toEqual(expected);
  });
});
