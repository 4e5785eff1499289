/**
 * Observation shapes compiled to functions (issue 4): a SHACL engine holds the whole graph,
 * which a million-row cube does not fit, but observation shapes only look at one observation's
 * own triples. Node shapes targeted at a dataset's observations (the SPARQL target the shape
 * generator writes) whose constraints are all in the subset below are compiled once and run
 * on each observation as it is read. A shapes graph with anything else goes to the engine.
 * The results are the engine's: same rule, focus node, path and value (a differential test).
 */
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from '../rdf/factory.js';
import { NS } from '../rdf/ns.js';
import type { Violation } from './violation.js';

const SH = 'http://www.w3.org/ns/shacl#';
const RDF = NS.rdf;
const XSD = NS.xsd;
const IDENTIFIER = `${NS.dcterms}identifier`;
/** Predicates that annotate a shape and change nothing in its validation. */
const ANNOTATIONS = new Set([`${RDF}type`, `${NS.rdfs}label`, `${NS.rdfs}comment`, IDENTIFIER, `${SH}name`, `${SH}description`, `${SH}message`]);
/** The SPARQL target the shape generator writes: the observations of one dataset (group 1). */
export const DATASET_TARGET = /^\s*SELECT\s+[?$]this\s+WHERE\s*\{\s*[?$]this\s+<http:\/\/purl\.org\/linked-data\/cube#dataSet>\s+<([^>\s]+)>\s*\.?\s*\}\s*$/i;

/** An observation's triples by predicate. */
export type Values = ReadonlyMap<string, readonly Term[]>;
type Emit = (v: Omit<Violation, 'focus'>) => void;
/** Checks one focus node's values, reporting results; `conforms` answers without reporting. */
interface Compiled {
  check(values: Values, focus: Term, emit: Emit): void;
}

/** The observation shapes of one dataset, compiled. */
export interface CompiledShape {
  readonly dataset: string;
  validate(focus: string, values: Values): Violation[];
}

/** Compiles the targeted node shapes of one shapes graph, or says it cannot (undefined). */
export function compileShapesGraph(quads: readonly Quad[]): CompiledShape[] | undefined {
  const g = new Graph(quads);
  const targeted = g.subjects(`${SH}target`);
  if (targeted.length === 0 || quads.some((q) => q.predicate.value.startsWith(SH) && /#target(Class|Node|SubjectsOf|ObjectsOf)$/.test(q.predicate.value))) return undefined;
  const out: CompiledShape[] = [];
  for (const shape of targeted) {
    const targets = g.objects(shape, `${SH}target`);
    const dataset = targets.length === 1 ? datasetOf(g, targets[0]!) : undefined;
    const compiled = dataset ? compileNodeShape(g, shape, true) : undefined;
    if (!dataset || !compiled) return undefined;
    out.push({
      dataset,
      validate(focus, values) {
        const found: Violation[] = [];
        const node = DataFactory.namedNode(focus);
        compiled.check(values, node, (v) => found.push({ ...v, focus }));
        return found;
      },
    });
  }
  return out;
}

function datasetOf(g: Graph, target: string): string | undefined {
  if (!g.objects(target, `${RDF}type`).includes(`${SH}SPARQLTarget`)) return undefined;
  const allowed = new Set([`${RDF}type`, `${SH}select`]);
  if (g.predicates(target).some((p) => !allowed.has(p))) return undefined;
  return DATASET_TARGET.exec(g.literal(target, `${SH}select`) ?? '')?.[1];
}

/** A node shape: its property shapes report; sh:node, sh:or, sh:not report at the node. */
function compileNodeShape(g: Graph, shape: string, top: boolean): Compiled | undefined {
  // A shape with a path is a property shape used as a node shape (inside sh:or or sh:not).
  if (g.objects(shape, `${SH}path`).length > 0) return top ? undefined : compilePropertyShape(g, shape);
  const parts: Compiled[] = [];
  const rule = g.literal(shape, IDENTIFIER) ?? 'shape';
  for (const p of g.predicates(shape)) {
    if (ANNOTATIONS.has(p) || (top && (p === `${SH}target` || p === `${SH}sparql`))) continue;
    if (p === `${SH}property`) {
      for (const ps of g.objects(shape, p)) {
        const c = compilePropertyShape(g, ps);
        if (!c) return undefined;
        parts.push(c);
      }
    } else if (p === `${SH}node` || p === `${SH}not`) {
      for (const other of g.objects(shape, p)) {
        const c = compileNodeShape(g, other, false);
        if (!c) return undefined;
        const component = p === `${SH}node` ? 'sh:NodeConstraintComponent' : 'sh:NotConstraintComponent';
        const wanted = p === `${SH}node`;
        // As the engine reports it: a failed sh:node under the nested shape's rule.
        const id = wanted ? g.literal(other, IDENTIFIER) ?? rule : rule;
        parts.push({ check: (values, focus, emit) => {
          if (conforms(c, values, focus) !== wanted) emit({ rule: id, title: component, severity: 'error', value: focus.value, message: `${component} of ${id}` });
        } });
      }
    } else if (p === `${SH}or`) {
      for (const list of g.objects(shape, p)) {
        const members = g.list(list)?.map((m) => compileNodeShape(g, m.value, false));
        if (!members || members.some((m) => !m)) return undefined;
        parts.push({ check: (values, focus, emit) => {
          if (!members.some((m) => conforms(m!, values, focus))) emit({ rule, title: 'sh:OrConstraintComponent', severity: 'error', value: focus.value, message: `sh:OrConstraintComponent of ${rule}` });
        } });
      }
    } else return undefined;
  }
  return { check: (values, focus, emit) => parts.forEach((c) => c.check(values, focus, emit)) };
}

function conforms(c: Compiled, values: Values, focus: Term): boolean {
  let ok = true;
  c.check(values, focus, () => void (ok = false));
  return ok;
}

/** A property shape whose path is one IRI, with the constraint components our shapes use. */
function compilePropertyShape(g: Graph, shape: string): Compiled | undefined {
  const path = g.objects(shape, `${SH}path`);
  if (path.length !== 1 || !g.isIri(shape, `${SH}path`)) return undefined;
  const property = path[0]!;
  const rule = g.literal(shape, IDENTIFIER) ?? 'shape';
  const checks: ((vs: readonly Term[], emit: (component: string, value?: Term) => void) => void)[] = [];
  const num = (p: string): number | undefined => {
    const v = g.literal(shape, `${SH}${p}`);
    return v === undefined ? undefined : Number(v);
  };
  for (const p of g.predicates(shape)) {
    if (ANNOTATIONS.has(p) || p === `${SH}path` || p === `${SH}qualifiedMinCount` || p === `${SH}qualifiedMaxCount`) continue;
    const local = p.startsWith(SH) ? p.slice(SH.length) : '';
    const objects = g.terms(shape, p);
    if (objects.length !== 1) return undefined;
    const term = objects[0]!;
    const object = term.value;
    switch (local) {
      case 'minCount': { const n = num(local)!; checks.push((vs, emit) => void (vs.length < n && emit('MinCount'))); break; }
      case 'maxCount': { const n = num(local)!; checks.push((vs, emit) => void (vs.length > n && emit('MaxCount'))); break; }
      case 'hasValue': checks.push((vs, emit) => void (!vs.some((v) => v.equals(term)) && emit('HasValue'))); break;
      case 'nodeKind': {
        const kind = object.slice(SH.length);
        const ok = (v: Term) => (kind === 'IRI' ? v.termType === 'NamedNode' : kind === 'Literal' ? v.termType === 'Literal' : kind === 'BlankNode' ? v.termType === 'BlankNode'
          : kind === 'BlankNodeOrIRI' ? v.termType !== 'Literal' : kind === 'IRIOrLiteral' ? v.termType !== 'BlankNode' : v.termType !== 'NamedNode');
        checks.push((vs, emit) => vs.forEach((v) => !ok(v) && emit('NodeKind', v)));
        break;
      }
      case 'in': {
        const list = g.list(object);
        if (!list || list.some((m) => m.termType !== 'NamedNode')) return undefined;
        const allowed = new Set(list.map((m) => m.value));
        checks.push((vs, emit) => vs.forEach((v) => !(v.termType === 'NamedNode' && allowed.has(v.value)) && emit('In', v)));
        break;
      }
      case 'datatype': checks.push((vs, emit) => vs.forEach((v) => !wellTyped(v, object) && emit('Datatype', v))); break;
      case 'minInclusive': case 'maxInclusive': case 'minExclusive': case 'maxExclusive': {
        const bound = Number(g.literal(shape, p));
        const test = local === 'minInclusive' ? (n: number) => n >= bound : local === 'maxInclusive' ? (n: number) => n <= bound
          : local === 'minExclusive' ? (n: number) => n > bound : (n: number) => n < bound;
        const component = local[0]!.toUpperCase() + local.slice(1);
        checks.push((vs, emit) => vs.forEach((v) => {
          const n = v.termType === 'Literal' && NUMERIC.has(v.datatype.value) ? Number(v.value) : NaN;
          if (Number.isNaN(n) || !test(n)) emit(component, v);
        }));
        break;
      }
      case 'qualifiedValueShape': {
        const q = g.objects(object, `${SH}in`);
        const extra = g.predicates(object).filter((x) => x !== `${SH}in` && !ANNOTATIONS.has(x));
        const list = q.length === 1 ? g.list(q[0]!) : undefined;
        if (!list || extra.length || list.some((m) => m.termType !== 'NamedNode')) return undefined;
        const allowed = new Set(list.map((m) => m.value));
        const min = num('qualifiedMinCount');
        const max = num('qualifiedMaxCount');
        checks.push((vs, emit) => {
          const n = vs.filter((v) => v.termType === 'NamedNode' && allowed.has(v.value)).length;
          if (min !== undefined && n < min) emit('QualifiedMinCount');
          if (max !== undefined && n > max) emit('QualifiedMaxCount');
        });
        break;
      }
      default: return undefined;
    }
  }
  return {
    check(values, focus, emit) {
      const vs = values.get(property) ?? [];
      for (const c of checks) {
        c(vs, (component, value) => emit({
          rule, title: `sh:${component}ConstraintComponent`, severity: 'error', path: property,
          ...(value ? { value: value.value } : {}), message: `sh:${component}ConstraintComponent of ${rule} on <${focus.value}>`,
        }));
      }
    },
  };
}

const NUMERIC = new Set(['integer', 'decimal', 'double', 'float', 'nonNegativeInteger', 'positiveInteger', 'long', 'int', 'short', 'byte',
  'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'negativeInteger', 'nonPositiveInteger'].map((t) => `${XSD}${t}`));
/** Lexical forms the engine accepts for the datatypes it checks (XSD 1.1 §3.3). */
const LEXICAL: Record<string, RegExp> = {
  [`${XSD}integer`]: /^[+-]?\d+$/,
  [`${XSD}nonNegativeInteger`]: /^(\+?\d+|-0+)$/,
  [`${XSD}decimal`]: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  [`${XSD}double`]: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/,
  [`${XSD}boolean`]: /^(true|false|1|0)$/,
};

function wellTyped(v: Term, datatype: string): boolean {
  if (v.termType !== 'Literal' || v.datatype.value !== datatype) return false;
  const lexical = LEXICAL[datatype];
  return !lexical || lexical.test(v.value);
}

/** The few lookups the compiler needs over a shapes graph. */
class Graph {
  private readonly by = new Map<string, Map<string, Term[]>>();

  constructor(quads: readonly Quad[]) {
    for (const q of quads) {
      const pos = this.by.get(q.subject.value) ?? new Map<string, Term[]>();
      this.by.set(q.subject.value, pos);
      pos.set(q.predicate.value, [...(pos.get(q.predicate.value) ?? []), q.object]);
    }
  }

  subjects(predicate: string): string[] {
    return [...this.by].filter(([, pos]) => pos.has(predicate)).map(([s]) => s);
  }

  predicates(subject: string): string[] {
    return [...(this.by.get(subject)?.keys() ?? [])];
  }

  objects(subject: string, predicate: string): string[] {
    return this.terms(subject, predicate).map((t) => t.value);
  }

  terms(subject: string, predicate: string): readonly Term[] {
    return this.by.get(subject)?.get(predicate) ?? [];
  }

  literal(subject: string, predicate: string): string | undefined {
    return this.by.get(subject)?.get(predicate)?.[0]?.value;
  }

  isIri(subject: string, predicate: string): boolean {
    return this.by.get(subject)?.get(predicate)?.every((t) => t.termType === 'NamedNode') ?? false;
  }

  /** The members of an RDF list, or undefined if it is not a well-formed list. */
  list(head: string): Term[] | undefined {
    const out: Term[] = [];
    for (let node = head, guard = 0; node !== `${RDF}nil`; guard++) {
      const first = this.by.get(node)?.get(`${RDF}first`);
      const rest = this.by.get(node)?.get(`${RDF}rest`);
      if (!first || !rest || first.length !== 1 || rest.length !== 1 || guard > 10_000) return undefined;
      out.push(first[0]!);
      node = rest[0]!.value;
    }
    return out;
  }
}
