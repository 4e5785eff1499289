import type { Quad, Term } from '@rdfjs/types';
import { RDF_TYPE } from '../rdf/ns.js';
import { termKey } from '../rdf/term.js';
import type { TripleIndex } from '../rdf/triple-index.js';
import { compileNodeShape, Graph, type Compiled } from './compiled-shapes.js';
import type { Violation } from './violation.js';

const SH = 'http://www.w3.org/ns/shacl#';

/**
 * Node shapes with class, node, subjects-of or objects-of targets (a release's metadata
 * shapes), compiled: the SHACL engine and its libraries take about 0.13 s to load and run on
 * a metadata file of a few hundred triples. Undefined when any part does not compile (SPARQL
 * targets or constraints, other constraint components, paths that are not one IRI): the
 * engine then validates. Focus nodes as shacl-engine finds them: a class target is the
 * class's own instances (it resolves subclasses in the shapes graph only, where ours have none).
 */
export function compileTargetedShapes(quads: readonly Quad[]): ((data: TripleIndex) => Violation[]) | undefined {
  if (quads.some((q) => q.predicate.value === `${SH}target` || q.predicate.value === `${SH}sparql`)) return undefined;
  const g = new Graph(quads);
  const kinds = ['targetClass', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf'] as const;
  const shapes = [...new Set(kinds.flatMap((k) => g.subjects(`${SH}${k}`)))];
  const compiled: { classes: readonly string[]; targets: Record<(typeof kinds)[number], readonly Term[]>; check: Compiled }[] = [];
  for (const shape of shapes) {
    const check = compileNodeShape(g, shape, true, true);
    if (!check) return undefined;
    const targets = Object.fromEntries(kinds.map((k) => [k, g.terms(shape, `${SH}${k}`)])) as Record<(typeof kinds)[number], readonly Term[]>;
    // A node shape is also a class target of itself (SHACL §2.1.3.3), as the engine reads it.
    const classes = [...targets.targetClass.map((c) => c.value), ...(g.objects(shape, RDF_TYPE).includes(`${SH}NodeShape`) ? [shape] : [])];
    compiled.push({ classes, targets, check });
  }
  return (data) => {
    const out: Violation[] = [];
    const graph = { types: (t: Term) => data.objects(t, RDF_TYPE) };
    for (const { classes, targets, check } of compiled) {
      const focus = new Map<string, Term>();
      const add = (t: Term): void => void (focus.has(termKey(t)) || focus.set(termKey(t), t));
      for (const c of classes) data.instances(c).forEach(add);
      targets.targetNode.forEach(add);
      for (const p of targets.targetSubjectsOf) for (const [s] of data.pairsOf(p.value)) add(s);
      for (const p of targets.targetObjectsOf) for (const [, o] of data.pairsOf(p.value)) add(o);
      for (const node of focus.values()) check.check(data.valuesOf(node), node, (v) => out.push({ ...v, focus: node.value }), graph);
    }
    return out;
  };
}

