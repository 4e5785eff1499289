import type { Quad, Term } from '@rdfjs/types';
import { Parser, Store } from 'n3';
import { NS, RDF_TYPE } from '../rdf/ns.js';
import { hash53 } from '../rdf/hash.js';
import { HashSet53 } from '../rdf/hash-set.js';
import { checkIntegrity } from './check-integrity.js';
import { compileShapesGraph, type CompiledShape } from './compiled-shapes.js';
import type { EngineReport } from './engine.js';
import { EmbeddedStore } from '../store/embedded.js';
import { basename } from 'node:path';
import { doing, during } from '../run/activity.js';
import { vocabularySchemaQuads, vocabularyTexts } from './vocab-graph.js';
import { once, type Violation } from './violation.js';
import { anyFocusNode, ruleNamer, SH, toViolation } from './validate-shapes.js';
import { grouped } from '../diagnostics/numbers.js';
import { unreadable } from './unreadable.js';


export interface GraphInput {
  readonly name: string;
  readonly text: string;
  readonly format: 'text/turtle' | 'application/n-triples';
}

export interface GraphValidation {
  readonly violations: Violation[];
  /** The input's distinct triples (the vocabulary added for the checks not counted). */
  readonly triples: number;
  /** What was checked: a report must never claim a check that did not run. */
  readonly ran: ValidationRun;
}

/** A shapes graph and where it came from (a file, or the mapping it was generated from). */
export interface ShapeSource {
  readonly name: string;
  readonly text: string;
}

/** What one validation ran, for the reports. */
export interface ValidationRun {
  /** The integrity constraints run (IC-1 … IC-21). */
  readonly integrity: readonly string[];
  /** Each shapes graph that ran, over how many focus nodes. */
  readonly shapes: readonly { readonly name: string; readonly focusNodes: number }[];
  /** Data sets in the input that no shapes graph was run for. */
  readonly unshaped: readonly string[];
  /** The SHACL-SPARQL business rules run. */
  readonly rules: readonly string[];
  /** Triples of the shipped vocabulary added because the input lacks them (0: it holds them all). */
  readonly vocabulary: { readonly added: number };
  /** Data sets whose disclosure rules (their mappings' `disclosure:`) were checked. */
  readonly disclosure?: readonly string[];
  /** Of those, the ones whose dominance rules could not be: a dump holds each cell's sum, not its rows. */
  readonly dominanceUnchecked?: readonly string[];
}

export interface GraphOptions {
  /**
   * Above this many observations, observation shapes that compile (compiled-shapes.ts) run on
   * each observation as it is read, not in the engine, which would hold the whole graph.
   */
  readonly wholeGraphLimit?: number;
  /** Shapes for a data set in the input that none of the given shapes graphs is for (its mapping's). */
  readonly shapesFor?: (dataset: string) => Promise<ShapeSource | undefined>;
  /** Observations per data set, where the graph holds a stand-in for them (validate-stream.ts): the counts the report gives. */
  readonly observations?: ReadonlyMap<string, number>;
  /** More checks on the loaded graph (disclosure control), with the data sets they ran for. */
  readonly alsoCheck?: (select: (sparql: string) => Record<string, string>[]) => Promise<{ violations: readonly Violation[]; ran: readonly string[]; dominanceUnchecked: readonly string[] }>;
}

/** Up to this many observations the SHACL engine validates the whole graph. */
export const ENGINE_LIMIT = 20_000;

/**
 * Validates whole graphs (the `validate` command, and small inputs): the 21 integrity
 * constraints on the embedded store with the vocabulary, the SHACL Core shapes with
 * shacl-engine (observation shapes compiled, on large graphs), and the shapes' SHACL-SPARQL
 * business rules as SELECT queries on the store.
 */
export async function validateGraph(inputs: readonly GraphInput[], shapeSources: readonly (string | ShapeSource)[], opts: GraphOptions = {}): Promise<GraphValidation> {
  const store = new EmbeddedStore();
  for (const input of inputs) {
    doing(`loading the graph of ${basename(input.name)}`, () => {
      try {
        store.load(input.text, input.format);
      } catch (err) {
        throw unreadable(input.name, err);
      }
    });
  }
  const triples = store.size;
  // The vocabulary goes in only where the input lacks it: a triple already there is not added again.
  for (const text of vocabularyTexts()) store.load(text, 'text/turtle');
  const vocabulary = { added: store.size - triples };
  const integrity = new Set<string>();
  const violations: Violation[] = doing(`the 21 integrity constraints on ${grouped(triples)} triples`, () => checkIntegrity(store, integrity));
  // Only the shapes of datasets that are in the data: the engine holds the whole graph in
  // memory again, so it is not started at all when no shape applies.
  const present = new Map(store.select(`SELECT ?ds (COUNT(?o) AS ?n) WHERE { ?o <${NS.qb}dataSet> ?ds } GROUP BY ?ds`).map((r) => [r['ds']!, Number(r['n'])]));
  const observationCount = [...present.values()].reduce((a, b) => a + b, 0);
  const sources = shapeSources.map((t, i) => (typeof t === 'string' ? { name: `shapes ${i + 1}`, text: t } : t));
  const parsed = sources.map((t) => ({ name: t.name, quads: parseShapes(t) }));
  const unshaped: string[] = [];
  for (const ds of [...present.keys()].sort()) {
    if (parsed.some((g) => targetsOf(g.quads).includes(ds))) continue;
    const own = await opts.shapesFor?.(ds);
    if (own) parsed.push({ name: own.name, quads: parseShapes(own) });
    else unshaped.push(ds);
  }
  const graphs = parsed.map((g) => g.quads);
  const cubeGraphs = graphs.filter((quads) => targetsOf(quads).some((ds) => present.has(ds)));
  // Shapes for no dataset (code lists) see everything but the observations, which keeps them cheap.
  const otherShapes = graphs.filter((quads) => targetsOf(quads).length === 0).flat();
  const ranShapes = parsed.flatMap((g) => {
    const targets = targetsOf(g.quads);
    if (targets.length === 0) return [{ name: g.name, focusNodes: focusNodes(store, g.quads) }];
    const n = targets.reduce((sum, ds) => sum + (opts.observations?.get(ds) ?? present.get(ds) ?? 0), 0);
    return n > 0 ? [{ name: g.name, focusNodes: n }] : [];
  });
  const large = observationCount > (opts.wholeGraphLimit ?? ENGINE_LIMIT);
  const compiled: CompiledShape[] = [];
  const engineGraphs: Quad[][] = [];
  for (const g of cubeGraphs) {
    const c = large ? compileShapesGraph(g) : undefined;
    if (c) compiled.push(...c);
    else engineGraphs.push(g);
  }
  const cubeShapes = engineGraphs.flat();
  const shapes = [...cubeGraphs.flat(), ...otherShapes];
  // The engine reads quads parsed by N3.js, not read back from the store: Oxigraph
  // canonicalises literals ("5"^^xsd:nonNegativeInteger comes back as xsd:integer).
  const shapeStore = new Store(shapes);
  const ruleOf = ruleNamer(shapeStore);
  const collect = (engine: EngineReport): void => {
    for (const r of engine.results) violations.push(toViolation(engine.store, r, ruleOf));
  };
  if (shapes.length > 0) {
    // Loaded on use: most runs of convert have nothing for the engine to do.
    const shaclEngine: typeof import('./engine.js').shaclEngine = async (...args) => (await import('./engine.js')).shaclEngine(...args);
    const { observations, others } = await splitQuads(inputs, cubeShapes.length > 0, compiled, violations);
    // Observation shapes look at one observation and what it links to: the engine sees the
    // observations in chunks, each with everything else.
    if (cubeShapes.length > 0) {
      const engine = await shaclEngine(cubeShapes, { sparqlConstraints: false });
      await during('the SHACL shapes', async (a) => {
        for (let i = 0; i < observations.length; i += CHUNK) {
          const chunk = observations.slice(i, i + CHUNK).flat();
          for (const q of others) chunk.push(q);
          collect(await engine(chunk));
          a.done = Math.min(observations.length, i + CHUNK);
        }
      }, { total: observations.length, unit: 'observations' });
    }
    // Shapes for no dataset (code lists, metadata) never look at observations.
    if (otherShapes.length > 0) {
      const data = [...others];
      for (const q of vocabularySchemaQuads()) data.push(q);
      // Most cubes use shipped code lists only: with no focus node, the engine is not started.
      if (anyFocusNode(otherShapes, data)) collect(await (await shaclEngine(otherShapes, { sparqlConstraints: false }))(data));
    }
  }
  // SPARQL-based constraints (objects of sh:sparql), not the sh:select of SPARQL targets.
  const rules: string[] = [];
  for (const c of shapeStore.getObjects(null, `${SH}sparql`, null)) {
    const query = shapeStore.getObjects(c, `${SH}select`, null)[0]!.value.replace(/\$this/g, '?this');
    const rule = ruleOf(c);
    rules.push(rule);
    const title = shapeStore.getObjects(c, `${SH}message`, null)[0]?.value ?? rule;
    for (const row of store.select(query)) violations.push({ rule, title, severity: 'error', focus: row['this'] ?? '', message: title });
  }
  const more = opts.alsoCheck ? await opts.alsoCheck((sparql) => store.select(sparql)) : undefined;
  if (more) for (const v of more.violations) violations.push(v);
  // The same broken rule at the same node may be found by a SPARQL IC and by a shape: report it once.
  const unique = once(violations);
  const ran: ValidationRun = { integrity: [...integrity], shapes: ranShapes, unshaped, rules: [...new Set(rules)], vocabulary, ...(more?.ran.length ? { disclosure: more.ran } : {}), ...(more?.dominanceUnchecked.length ? { dominanceUnchecked: more.dominanceUnchecked } : {}) };
  return { violations: unique, triples, ran };
}

/** The distinct focus nodes of a shapes graph's targets (class, subjects-of, objects-of, nodes). */
/** A shapes graph's quads; a syntax error names the shapes file (JL605). */
function parseShapes(source: ShapeSource): Quad[] {
  try {
    return new Parser({ format: 'Turtle' }).parse(source.text);
  } catch (err) {
    throw unreadable(`shapes file ${source.name}`, err);
  }
}

function focusNodes(store: EmbeddedStore, quads: readonly Quad[]): number {
  const nodes = new Set<string>();
  const add = (query: string): void => store.select(query).forEach((r) => nodes.add(r['x']!));
  for (const q of quads) {
    const o = q.object.value;
    if (q.object.termType !== 'NamedNode') continue;
    if (q.predicate.value === `${SH}targetClass`) add(`SELECT DISTINCT ?x WHERE { ?x a/<${NS.rdfs}subClassOf>* <${o}> }`);
    else if (q.predicate.value === `${SH}targetSubjectsOf`) add(`SELECT DISTINCT ?x WHERE { ?x <${o}> [] }`);
    else if (q.predicate.value === `${SH}targetObjectsOf`) add(`SELECT DISTINCT ?x WHERE { [] <${o}> ?x }`);
    else if (q.predicate.value === `${SH}targetNode`) nodes.add(o);
  }
  return nodes.size;
}

/** The datasets a shapes graph is for: the sh:hasValue of its qb:dataSet property shape. */
function targetsOf(quads: readonly Quad[]): string[] {
  const datasetShapes = new Set(quads.filter((q) => q.predicate.value === `${SH}path` && q.object.value === `${NS.qb}dataSet`).map((q) => q.subject.value));
  return quads.filter((q) => q.predicate.value === `${SH}hasValue` && datasetShapes.has(q.subject.value)).map((q) => q.object.value);
}

const OBSERVATION = `${NS.qb}Observation`;

/** Observations per engine run: small enough for the engine, large enough to amortise it. */
const CHUNK = 10_000;

/**
 * Reads the inputs as runs of quads with the same subject, as dumps are written: a subject
 * with a run typed qb:Observation is an observation, the rest is everything else. Compiled
 * shapes check each observation as it is read, in one pass and bounded memory. Observations
 * are gathered in memory only for the engine (`keep`), or when one is written in several
 * places (a hand-written file), to be checked whole.
 */
async function splitQuads(inputs: readonly GraphInput[], keep: boolean, compiled: readonly CompiledShape[], out: Violation[]): Promise<{ observations: Quad[][]; others: Quad[] }> {
  let split = false;
  if (compiled.length > 0) {
    const seen = new HashSet53();
    const otherSubjects = new HashSet53();
    const others: Quad[] = [];
    const found: Violation[] = [];
    await readRuns(inputs, (run, isObservation) => {
      const h = hash53(run[0]!.subject.value);
      if (seen.has(h) || (isObservation && otherSubjects.has(h))) split = true;
      if (isObservation) {
        seen.add(h);
        if (!split) check(compiled, run, found);
      } else {
        otherSubjects.add(h);
        for (const q of run) others.push(q); // a loop: push(...run) could overflow the stack
      }
    });
    if (!split) {
      for (const v of found) out.push(v);
      if (!keep) return { observations: [], others };
    }
  }
  const bySubject = new Map<string, { quads: Quad[]; observation: boolean }>();
  await readRuns(inputs, (run, isObservation) => {
    const earlier = bySubject.get(run[0]!.subject.value);
    if (!earlier) bySubject.set(run[0]!.subject.value, { quads: run, observation: isObservation });
    else {
      for (const q of run) earlier.quads.push(q);
      earlier.observation ||= isObservation;
    }
  });
  const observations: Quad[][] = [];
  const others: Quad[] = [];
  for (const { quads, observation } of bySubject.values()) {
    if (!observation) for (const q of quads) others.push(q);
    else {
      if (split) check(compiled, quads, out);
      if (keep) observations.push(quads);
    }
  }
  return { observations, others };
}

async function readRuns(inputs: readonly GraphInput[], onRun: (run: Quad[], isObservation: boolean) => void): Promise<void> {
  for (const input of inputs) {
    let run: Quad[] = [];
    let isObservation = false;
    const end = (): void => {
      onRun(run, isObservation);
      run = [];
      isObservation = false;
    };
    // The callback form streams (asynchronously): no array of the whole file's quads is built.
    await new Promise<void>((resolve, reject) => {
      new Parser({ format: input.format === 'text/turtle' ? 'Turtle' : 'N-Triples' }).parse(input.text, (err, q) => {
        if (err) return reject(err);
        if (!q) return resolve();
        if (run.length > 0 && !run[0]!.subject.equals(q.subject)) end();
        run.push(q);
        if (q.predicate.value === RDF_TYPE && q.object.value === OBSERVATION) isObservation = true;
      });
    });
    if (run.length > 0) end();
  }
}

function check(compiled: readonly CompiledShape[], run: readonly Quad[], out: Violation[]): void {
  const values = new Map<string, Term[]>();
  for (const q of run) {
    const list = values.get(q.predicate.value);
    if (list) list.push(q.object);
    else values.set(q.predicate.value, [q.object]);
  }
  const datasets = values.get(QB_DATASET) ?? [];
  for (const shape of compiled) {
    if (datasets.some((d) => d.value === shape.dataset)) for (const v of shape.validate(run[0]!.subject.value, values)) out.push(v);
  }
}

const QB_DATASET = `${NS.qb}dataSet`;
