/**
 * convert checks a cube's structure (with a stand-in per code used) by evaluating the
 * integrity constraints and the code-list shapes directly (structure-checks.ts); the SPARQL
 * forms on the embedded store and the SHACL engine are the reference. Both must find the same
 * violations on valid and broken cubes, on random mutations of them, and on every golden case.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { DataFactory } from '../../../src/rdf/factory.js';
import { quadToNTriples } from '../../../src/rdf/term.js';
import { EmbeddedStore } from '../../../src/store/embedded.js';
import { checkIntegrity } from '../../../src/validate/check-integrity.js';
import { CODE_LIST_SHAPES } from '../../../src/validate/code-list-shapes.js';
import { checkIntegrityDirect } from '../../../src/validate/integrity-direct.js';
import { checkStructure } from '../../../src/validate/structure-checks.js';
import { TripleIndex } from '../../../src/rdf/triple-index.js';
import { validateGraph } from '../../../src/validate/validate-graph.js';
import type { Violation } from '../../../src/validate/violation.js';
import { BROKEN, PREFIXES, VALID } from '../../support/cube-constraints.js';

const root = new URL('../../../', import.meta.url).pathname;
const external = readFileSync(join(root, 'vocab/external.ttl'), 'utf8');
const parse = (turtle: string): Quad[] => new Parser({ format: 'Turtle' }).parse(turtle);

/**
 * A violation as both must report it. Blank nodes have no shared name; IC-12 and IC-17 name
 * any one observation of a group (SPARQL's SAMPLE), so only their counts compare.
 */
function comparable(violations: readonly Violation[], blanks: ReadonlySet<string>): string[] {
  const term = (v: string | undefined): string => (v === undefined ? '' : blanks.has(v) ? '_' : v);
  return violations.map((v) => (/^IC-1[27]$/.test(v.rule)
    ? `${v.rule} ${v.title} = ${v.value}`
    : `${v.rule} ${v.title} <${term(v.focus)}> ${term(v.path)} = ${term(v.value)}`)).sort();
}

/** Blank node labels as each side names them (N3.js in the index, Oxigraph in the store). */
function blankLabels(quads: readonly Quad[], store?: EmbeddedStore): Set<string> {
  const out = new Set<string>();
  for (const q of quads) for (const t of [q.subject, q.object]) if (t.termType === 'BlankNode') out.add(t.value);
  for (const r of store?.select('SELECT DISTINCT ?b WHERE { { ?b ?p ?o } UNION { ?s ?p ?b } FILTER isBlank(?b) }') ?? []) out.add(r['b']!);
  return out;
}

function bothIntegrity(quads: readonly Quad[]): { store: string[]; direct: string[] } {
  const context = parse(external);
  const store = new EmbeddedStore();
  store.load([...context, ...quads].map(quadToNTriples).join(''), 'application/n-triples');
  const fromStore = checkIntegrity(store);
  const index = new TripleIndex([...context, ...quads]);
  const fromIndex = checkIntegrityDirect(index);
  const blanks = blankLabels([...context, ...quads], store);
  return { store: [...new Set(comparable(fromStore, blanks))], direct: [...new Set(comparable(fromIndex, blanks))] };
}

async function bothStructure(quads: readonly Quad[]): Promise<{ engine: string[]; direct: string[] }> {
  const text = quads.map(quadToNTriples).join('');
  const { violations } = await validateGraph([{ name: 'input', text, format: 'application/n-triples' }], [CODE_LIST_SHAPES]);
  const direct = checkStructure(quads);
  // The store's blank node names: the engine reports on N3.js's, the ICs on Oxigraph's.
  const store = new EmbeddedStore();
  store.load(text, 'application/n-triples');
  const blanks = blankLabels(quads, store);
  for (const v of violations) if (v.focus.startsWith('n3-') || /^[a-z0-9]{16,}$/.test(v.focus)) blanks.add(v.focus);
  return { engine: [...new Set(comparable(violations, blanks))], direct: [...new Set(comparable(direct, blanks))] };
}

/** More cubes than the one-rule cases: a collection code list, slices done right, an inverse hierarchy. */
const EXTRA: [string, string][] = [
  ['collection', `${VALID.replace('ex:sex rdfs:range skos:Concept ; qb:codeList ex:sexes .', 'ex:sex rdfs:range skos:Concept ; qb:codeList ex:coll .')}
    ex:coll a skos:Collection ; skos:member ex:sub . ex:sub skos:member ex:m .`],
  ['slices', `${VALID} ex:dsd qb:sliceKey ex:sk . ex:sk a qb:SliceKey ; qb:componentProperty ex:area .
    ex:ds qb:slice ex:sl . ex:sl qb:sliceStructure ex:sk ; ex:area ex:a1 ; qb:observation ex:o1, ex:o2 .`],
  ['inverse hierarchy', `${VALID.replace('qb:parentChildProperty skos:narrower', 'qb:parentChildProperty [ owl:inverseOf skos:broader ]').replace('skos:narrower ex:m, ex:f .', '.')}
    ex:f skos:broader ex:all . ex:m skos:broader ex:all .`],
];

const PREDICATES = [
  'http://purl.org/linked-data/cube#dimension', 'http://purl.org/linked-data/cube#measure', 'http://purl.org/linked-data/cube#attribute',
  'http://purl.org/linked-data/cube#componentProperty', 'http://purl.org/linked-data/cube#dataSet', 'http://purl.org/linked-data/cube#structure',
  'http://purl.org/linked-data/cube#codeList', 'http://purl.org/linked-data/cube#measureType', 'http://purl.org/linked-data/cube#componentRequired',
  'http://purl.org/linked-data/cube#sliceStructure', 'http://purl.org/linked-data/cube#observation', 'http://purl.org/linked-data/cube#hierarchyRoot',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/2000/01/rdf-schema#range',
  'http://www.w3.org/2004/02/skos/core#inScheme', 'http://www.w3.org/2004/02/skos/core#narrower', 'http://www.w3.org/2004/02/skos/core#broader',
  'http://www.w3.org/2004/02/skos/core#notation', 'http://www.w3.org/2004/02/skos/core#prefLabel', 'http://www.w3.org/2004/02/skos/core#member',
];

/** A seeded generator (mulberry32): the same mutants on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One to three random edits: drop a triple, change a predicate, move an object, copy a subject. */
function mutate(quads: readonly Quad[], rnd: () => number): Quad[] {
  const out = [...quads];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rnd() * out.length);
    const q = out[i]!;
    const kind = Math.floor(rnd() * 4);
    if (kind === 0) out.splice(i, 1);
    else if (kind === 1) out[i] = DataFactory.quad(q.subject, DataFactory.namedNode(pick(PREDICATES)), q.object);
    else if (kind === 2) out[i] = DataFactory.quad(q.subject, q.predicate, pick(out).object);
    else {
      const copy = DataFactory.namedNode(`http://example.org/copy${e}`);
      for (const x of out.filter((x) => x.subject.equals(q.subject))) out.push(DataFactory.quad(copy, x.predicate, x.object));
    }
  }
  return out;
}

describe('the structure checks, evaluated directly', () => {
  const cubes: [string, string][] = [['valid', VALID], ...BROKEN, ...EXTRA];

  it.each(cubes)('find what the SPARQL integrity constraints find: %s', (_name, turtle) => {
    const { store, direct } = bothIntegrity(parse(PREFIXES + turtle));
    expect(direct).toEqual(store);
  });

  it('find what the SPARQL integrity constraints find on 150 random mutations of the cubes', () => {
    const rnd = random(19);
    let broken = 0;
    for (let n = 0; n < 150; n++) {
      const [name, turtle] = cubes[n % cubes.length]!;
      const mutant = mutate(parse(PREFIXES + turtle), rnd);
      const { store, direct } = bothIntegrity(mutant);
      expect(direct, `${name}, mutant ${n}:\n${mutant.map(quadToNTriples).join('')}`).toEqual(store);
      if (store.length > 0) broken++;
    }
    // The mutations do break things: the comparison is not between two empty lists.
    expect(broken).toBeGreaterThan(75);
  });

  it('find what validateGraph with the code-list shapes finds, on broken code lists and their mutations', async () => {
    const codeLists = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <http://example.org/> .
      ex:s a skos:ConceptScheme ; rdfs:label "S" ; skos:hasTopConcept ex:a, "lit" .
      ex:a a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "A"@en, "Aa"@en-GB ; skos:notation "1" .
      ex:b a skos:Concept ; skos:inScheme ex:s, "s" ; skos:prefLabel "B"@cy ; skos:notation "2", "3" .
      ex:c a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "C"@EN ; skos:notation "1" ; skos:broader ex:elsewhere .
      ex:d a ex:Special ; skos:inScheme ex:s . ex:Special rdfs:subClassOf skos:Concept . ex:e a skos:Concept, skos:Concept ; skos:prefLabel "E"@en ; skos:inScheme ex:s ; skos:notation 3 .
      ex:t a skos:ConceptScheme .`;
    const seed = parse(codeLists);
    const first = await bothStructure(seed);
    expect(first.engine.length).toBeGreaterThan(8);
    expect(first.direct).toEqual(first.engine);
    const rnd = random(7);
    for (let n = 0; n < 25; n++) {
      const mutant = mutate(seed, rnd);
      const { engine, direct } = await bothStructure(mutant);
      expect(direct, `mutant ${n}:\n${mutant.map(quadToNTriples).join('')}`).toEqual(engine);
    }
  });

  const casesDir = join(root, 'test/cases/convert');
  const dumps = readdirSync(casesDir).filter((d) => existsSync(join(casesDir, d, 'expected.nt')));
  it.each(dumps)('find what validateGraph with the code-list shapes finds on golden case %s', async (dir) => {
    const quads = new Parser({ format: 'N-Triples' }).parse(readFileSync(join(casesDir, dir, 'expected.nt'), 'utf8'));
    const { engine, direct } = await bothStructure(quads);
    expect(direct).toEqual(engine);
  });
});
