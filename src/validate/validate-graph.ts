import type { Quad, Term } from '@rdfjs/types';
import { Parser, Store } from 'n3';
import { NS } from '../rdf/ns.js';
import { checkIntegrity } from './check-integrity.js';
import { validateQuads } from './engine.js';
import { storeWithVocabulary, vocabularyQuads, vocabularySize } from './vocab-graph.js';
import type { Violation } from './violation.js';

const SH = 'http://www.w3.org/ns/shacl#';
const IDENTIFIER = `${NS.dcterms}identifier`;

export interface GraphInput {
  readonly name: string;
  readonly text: string;
  readonly format: 'text/turtle' | 'application/n-triples';
}

export interface GraphValidation {
  readonly violations: Violation[];
  readonly triples: number;
}

/**
 * Validates whole graphs (the `validate` command, and small inputs): the 21 integrity
 * constraints on the embedded store with the vocabulary, the SHACL Core shapes with
 * shacl-engine, and the shapes' SHACL-SPARQL business rules as SELECT queries on the store.
 */
export async function validateGraph(inputs: readonly GraphInput[], shapeTexts: readonly string[]): Promise<GraphValidation> {
  const store = storeWithVocabulary();
  for (const input of inputs) store.load(input.text, input.format);
  const triples = store.size - vocabularySize();
  const violations: Violation[] = checkIntegrity(store);
  // Only the shapes of datasets that are in the data: the engine holds the whole graph in
  // memory again, so it is not started at all when no shape applies.
  const present = new Set(store.select(`SELECT DISTINCT ?ds WHERE { ?o <${NS.qb}dataSet> ?ds }`).map((r) => r['ds']!));
  const graphs = shapeTexts.map((t) => new Parser({ format: 'Turtle' }).parse(t));
  const cubeShapes = graphs.filter((quads) => targetsOf(quads).some((ds) => present.has(ds))).flat();
  // Shapes for no dataset (code lists) see everything but the observations, which keeps them cheap.
  const otherShapes = graphs.filter((quads) => targetsOf(quads).length === 0).flat();
  const shapes = [...cubeShapes, ...otherShapes];
  // The engine reads quads parsed by N3.js, not read back from the store: Oxigraph
  // canonicalises literals ("5"^^xsd:nonNegativeInteger comes back as xsd:integer).
  const data: Quad[] = [];
  if (shapes.length > 0) {
    for (const input of inputs) collectQuads(input, cubeShapes.length > 0, data);
    if (otherShapes.length > 0) for (const q of vocabularyQuads({ external: true })) data.push(q);
  }
  const shapeStore = new Store(shapes);
  const ruleOf = (shape: Term | undefined): string => (shape && shapeStore.getObjects(shape, IDENTIFIER, null)[0]?.value) ?? 'shape';
  const engine = shapes.length > 0 ? await validateQuads(data, shapes, { sparqlConstraints: false }) : { results: [], store: new Store() };
  for (const r of engine.results) {
    const one = (p: string) => engine.store.getObjects(r, `${SH}${p}`, null)[0];
    const rule = ruleOf(one('sourceShape'));
    violations.push({
      rule, title: one('sourceConstraintComponent')?.value.replace(SH, 'sh:') ?? 'shape', severity: one('resultSeverity')?.value === `${SH}Warning` ? 'warning' : 'error',
      focus: one('focusNode')?.value ?? '', ...(one('resultPath') ? { path: one('resultPath')!.value } : {}), ...(one('value') ? { value: one('value')!.value } : {}),
      message: one('resultMessage')?.value ?? `${rule} (${one('sourceConstraintComponent')?.value.replace(SH, 'sh:')})`,
    });
  }
  // SPARQL-based constraints (objects of sh:sparql), not the sh:select of SPARQL targets.
  for (const c of shapeStore.getObjects(null, `${SH}sparql`, null)) {
    const query = shapeStore.getObjects(c, `${SH}select`, null)[0]!.value.replace(/\$this/g, '?this');
    const rule = ruleOf(c);
    const title = shapeStore.getObjects(c, `${SH}message`, null)[0]?.value ?? rule;
    for (const row of store.select(query)) violations.push({ rule, title, severity: 'error', focus: row['this'] ?? '', message: title });
  }
  // The same broken rule at the same node may be found by a SPARQL IC and by a shape: report it once.
  const seen = new Set<string>();
  const unique = violations.filter((v) => {
    const id = `${v.rule}\u0001${v.focus}\u0001${v.path ?? ''}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
  return { violations: unique, triples };
}

/** The datasets a shapes graph is for: the sh:hasValue of its qb:dataSet property shape. */
function targetsOf(quads: readonly Quad[]): string[] {
  const datasetShapes = new Set(quads.filter((q) => q.predicate.value === `${SH}path` && q.object.value === `${NS.qb}dataSet`).map((q) => q.subject.value));
  return quads.filter((q) => q.predicate.value === `${SH}hasValue` && datasetShapes.has(q.subject.value)).map((q) => q.object.value);
}

const RDF_TYPE = `${NS.rdf}type`;
const OBSERVATION = `${NS.qb}Observation`;

/**
 * Parses one input into `out`: every quad when cube shapes apply; otherwise only subjects
 * that are not observations (code-list and metadata shapes never look at observations),
 * judged per run of quads with the same subject, as dumps are written.
 */
function collectQuads(input: GraphInput, observations: boolean, out: Quad[]): void {
  let run: Quad[] = [];
  let isObservation = false;
  const end = (): void => {
    // A loop, not push(...run): a million arguments would overflow the call stack.
    if (!isObservation) for (const q of run) out.push(q);
    run = [];
    isObservation = false;
  };
  for (const q of new Parser({ format: input.format === 'text/turtle' ? 'Turtle' : 'N-Triples' }).parse(input.text)) {
    if (observations) {
      out.push(q);
      continue;
    }
    if (run.length > 0 && !run[0]!.subject.equals(q.subject)) end();
    run.push(q);
    if (q.predicate.value === RDF_TYPE && q.object.value === OBSERVATION) isObservation = true;
  }
  end();
}
