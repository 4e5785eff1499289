import type { Quad, Term } from '@rdfjs/types';
import type { Store } from 'n3';
import { DataFactory } from '../rdf/factory.js';
import { parseRdf } from '../rdf/n3-parser.js';
import { NS, RDF_TYPE } from '../rdf/ns.js';
import { TripleIndex } from '../rdf/triple-index.js';
import { compileTargetedShapes } from './compiled-targets.js';
import type { GraphInput } from './validate-graph.js';
import { vocabularySchemaQuads } from './vocab-graph.js';
import { once, type Violation } from './violation.js';

export const SH = 'http://www.w3.org/ns/shacl#';
const IDENTIFIER = `${NS.dcterms}identifier`;

/**
 * SHACL Core shapes alone on a small graph that holds no cube (a release's metadata): no
 * store, no integrity constraints, and `context` (say, the vocabulary's classes and
 * properties) beside the data. Shapes with SPARQL-based constraints go through `validateGraph`.
 * Shapes that compile (compiled-targets.ts) run without the engine; `engine: true` forces it
 * (the tests' reference).
 */
export async function validateShapes(input: GraphInput, shapesText: string, context: readonly Quad[] = vocabularySchemaQuads(), opts: { engine?: boolean } = {}): Promise<Violation[]> {
  const shapes = parseRdf(shapesText);
  if (shapes.some((q) => q.predicate.value === `${SH}sparql`)) throw new Error('validateShapes: SPARQL-based constraints need validateGraph');
  const data: Quad[] = parseRdf(input.text, input.format === 'text/turtle' ? 'Turtle' : 'N-Triples');
  for (const q of context) data.push(q);
  const compiled = opts.engine ? undefined : compileTargetedShapes(shapes);
  if (compiled) return once(compiled(new TripleIndex(data)));
  if (!anyFocusNode(shapes, data)) return [];
  const { Store } = await import('n3');
  const ruleOf = ruleNamer(new Store(shapes));
  const { shaclEngine } = await import('./engine.js');
  const report = await (await shaclEngine(shapes, { sparqlConstraints: false }))(data);
  return once(report.results.map((r) => toViolation(report.store, r, ruleOf)));
}

/** The rule id a shape carries (dcterms:identifier), or 'shape'. */
export function ruleNamer(shapes: Store): (shape: Term | undefined) => string {
  return (shape) => (shape && shapes.getObjects(shape, IDENTIFIER, null)[0]?.value) ?? 'shape';
}

/** Whether some node of `data` is a target of the shapes (class with its subclasses, node, subjects-of, objects-of). */
export function anyFocusNode(shapes: readonly Quad[], data: readonly Quad[]): boolean {
  const classes = new Set<string>();
  const nodes = new Set<string>();
  const subjectsOf = new Set<string>();
  const objectsOf = new Set<string>();
  for (const q of shapes) {
    const p = q.predicate.value;
    if (p === `${SH}targetClass`) classes.add(q.object.value);
    else if (p === `${SH}targetNode`) nodes.add(q.object.value);
    else if (p === `${SH}targetSubjectsOf`) subjectsOf.add(q.object.value);
    else if (p === `${SH}targetObjectsOf`) objectsOf.add(q.object.value);
    // An implicit class target (a shape that is also a class) or a SPARQL target: assume there is work.
    else if (p === `${SH}target` || (p === RDF_TYPE && q.object.value === `${NS.rdfs}Class`)) return true;
  }
  // Subclasses, to a fixed point: the vocabulary's schema is small.
  for (let grew = classes.size > 0; grew; ) {
    grew = false;
    for (const q of data) if (q.predicate.value === `${NS.rdfs}subClassOf` && classes.has(q.object.value) && !classes.has(q.subject.value)) {
      classes.add(q.subject.value);
      grew = true;
    }
  }
  return data.some((q) => (q.predicate.value === RDF_TYPE && classes.has(q.object.value)) || nodes.has(q.subject.value) || nodes.has(q.object.value) || subjectsOf.has(q.predicate.value) || objectsOf.has(q.predicate.value));
}

/** One sh:ValidationResult of the engine's report as a Violation. */
export function toViolation(report: Store, r: Term, ruleOf: (shape: Term | undefined) => string): Violation {
  const one = (p: string) => report.getObjects(r, `${SH}${p}`, null)[0];
  const component = one('sourceConstraintComponent')?.value.replace(SH, 'sh:');
  // A failed sh:node is the nested shape's rule (the observation shape only gathers them).
  // shacl-engine names the nested shape only in its message ("Value does not have shape <…>").
  const named = component === 'sh:NodeConstraintComponent' ? /shape <?([^<>\s]+)>?$/.exec(one('resultMessage')?.value ?? '')?.[1] : undefined;
  const nested = named ? ruleOf(DataFactory.namedNode(named)) : 'shape';
  const rule = nested !== 'shape' ? nested : ruleOf(one('sourceShape'));
  return {
    rule, title: component ?? 'shape', severity: one('resultSeverity')?.value === `${SH}Warning` ? 'warning' : 'error',
    focus: one('focusNode')?.value ?? '', ...(one('resultPath') ? { path: one('resultPath')!.value } : {}), ...(one('value') ? { value: one('value')!.value } : {}),
    message: one('resultMessage')?.value ?? `${rule} (${component})`,
  };
}
