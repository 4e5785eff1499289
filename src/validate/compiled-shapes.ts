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
/** What a shape may look up beyond the focus node's own values: the types of a value (sh:class). */
export interface DataGraph {
  types(t: Term): readonly Term[];
}
/** Checks one focus node's values, reporting results; `conforms` answers without reporting. */
export interface Compiled {
  check(values: Values, focus: Term, emit: Emit, graph?: DataGraph): void;
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
    const compiled = dataset ? compileNodeShape(g, shape, true, false) : undefined;
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

/**
 * A node shape: its property shapes report; sh:node, sh:or, sh:not report at the node. With
 * `withGraph`, constraints that look beyond the focus node's values (sh:class) compile too:
 * the caller then gives the data graph to each check.
 */
export function compileNodeShape(g: Graph, shape: string, top: boolean, withGraph: boolean): Compiled | undefined {
  // A shape with a path is a property shape used as a node shape (inside sh:or or sh:not).
  if (g.objects(shape, `${SH}path`).length > 0) return top ? undefined : compilePropertyShape(g, shape, withGraph);
  const parts: Compiled[] = [];
  const rule = g.literal(shape, IDENTIFIER) ?? 'shape';
  for (const p of g.predicates(shape)) {
    if (ANNOTATIONS.has(p) || (top && (TARGETS.has(p) || p === `${SH}sparql`))) continue;
    if (p === `${SH}property`) {
      for (const ps of g.objects(shape, p)) {
        const c = compilePropertyShape(g, ps, withGraph);
        if (!c) return undefined;
        parts.push(c);
      }
    } else if (p === `${SH}node` || p === `${SH}not`) {
      for (const other of g.objects(shape, p)) {
        const c = compileNodeShape(g, other, false, withGraph);
        if (!c) return undefined;
        const component = p === `${SH}node` ? 'sh:NodeConstraintComponent' : 'sh:NotConstraintComponent';
        const wanted = p === `${SH}node`;
        // As the engine reports it: a failed sh:node under the nested shape's rule.
        const id = wanted ? g.literal(other, IDENTIFIER) ?? rule : rule;
        parts.push({ check: (values, focus, emit, graph) => {
          if (conforms(c, values, focus, graph) !== wanted) emit({ rule: id, title: component, severity: 'error', value: focus.value, message: wanted ? `Value does not have shape ${id}` : `Value has shape ${id}` });
        } });
      }
    } else if (p === `${SH}or`) {
      for (const list of g.objects(shape, p)) {
        const members = g.list(list)?.map((m) => compileNodeShape(g, m.value, false, withGraph));
        if (!members || members.some((m) => !m)) return undefined;
        parts.push({ check: (values, focus, emit, graph) => {
          if (!members.some((m) => conforms(m!, values, focus, graph))) emit({ rule, title: 'sh:OrConstraintComponent', severity: 'error', value: focus.value, message: 'Value does not conform to any of the shapes of sh:or' });
        } });
      }
    } else return undefined;
  }
  return { check: (values, focus, emit, graph) => parts.forEach((c) => c.check(values, focus, emit, graph)) };
}

function conforms(c: Compiled, values: Values, focus: Term, graph: DataGraph | undefined): boolean {
  let ok = true;
  c.check(values, focus, () => void (ok = false), graph);
  return ok;
}

const TARGETS = new Set(['target', 'targetClass', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf'].map((t) => `${SH}${t}`));

/** A property shape whose path is one IRI, with the constraint components our shapes use. */
function compilePropertyShape(g: Graph, shape: string, withGraph: boolean): Compiled | undefined {
  const path = g.objects(shape, `${SH}path`);
  if (path.length !== 1 || !g.isIri(shape, `${SH}path`)) return undefined;
  const property = path[0]!;
  const rule = g.literal(shape, IDENTIFIER) ?? 'shape';
  type Report = (component: string, message: string, value?: Term) => void;
  const checks: ((vs: readonly Term[], emit: Report, values: Values, graph: DataGraph | undefined) => void)[] = [];
  const num = (p: string): number | undefined => {
    const v = g.literal(shape, `${SH}${p}`);
    return v === undefined ? undefined : Number(v);
  };
  for (const p of g.predicates(shape)) {
    if (ANNOTATIONS.has(p) || p === `${SH}path` || p === `${SH}qualifiedMinCount` || p === `${SH}qualifiedMaxCount` || p === `${SH}flags`) continue;
    const local = p.startsWith(SH) ? p.slice(SH.length) : '';
    const objects = g.terms(shape, p);
    if (objects.length !== 1) return undefined;
    const term = objects[0]!;
    const object = term.value;
    switch (local) {
      case 'minCount': { const n = num(local)!; checks.push((vs, emit) => void (vs.length < n && emit('MinCount', `Less than ${n} values`))); break; }
      case 'maxCount': { const n = num(local)!; checks.push((vs, emit) => void (vs.length > n && emit('MaxCount', `More than ${n} values`))); break; }
      case 'hasValue': checks.push((vs, emit) => void (!vs.some((v) => v.equals(term)) && emit('HasValue', `Missing expected value <${object}>`))); break;
      case 'nodeKind': {
        const kind = object.slice(SH.length);
        const ok = (v: Term) => (kind === 'IRI' ? v.termType === 'NamedNode' : kind === 'Literal' ? v.termType === 'Literal' : kind === 'BlankNode' ? v.termType === 'BlankNode'
          : kind === 'BlankNodeOrIRI' ? v.termType !== 'Literal' : kind === 'IRIOrLiteral' ? v.termType !== 'BlankNode' : v.termType !== 'NamedNode');
        checks.push((vs, emit) => vs.forEach((v) => !ok(v) && emit('NodeKind', `Value does not have node kind sh:${kind}`, v)));
        break;
      }
      case 'in': {
        const list = g.list(object);
        if (!list || list.some((m) => m.termType !== 'NamedNode')) return undefined;
        const allowed = new Set(list.map((m) => m.value));
        checks.push((vs, emit) => vs.forEach((v) => !(v.termType === 'NamedNode' && allowed.has(v.value)) && emit('In', 'Value is not in the list of allowed values', v)));
        break;
      }
      case 'datatype': checks.push((vs, emit) => vs.forEach((v) => !wellTyped(v, object) && emit('Datatype', `Value does not have datatype <${object}>`, v))); break;
      case 'pattern': {
        const flags = g.literal(shape, `${SH}flags`);
        const regex = new RegExp(object, flags);
        checks.push((vs, emit) => vs.forEach((v) => !regex.test(v.value) && emit('Pattern', `Value does not match pattern "${object}"`, v)));
        break;
      }
      case 'class': {
        // As shacl-engine, the reference: the value's rdf:type is the class (subclasses are resolved in the shapes graph, which has none).
        if (!withGraph || term.termType !== 'NamedNode') return undefined;
        checks.push((vs, emit, _values, graph) => vs.forEach((v) => !graph!.types(v).some((t) => t.equals(term)) && emit('Class', `Value does not have class <${object}>`, v)));
        break;
      }
      case 'lessThanOrEquals': {
        if (term.termType !== 'NamedNode') return undefined;
        checks.push((vs, emit, values) => vs.forEach((v) => {
          for (const other of values.get(object) ?? []) {
            const c = compareTerms(v, other);
            if (c === null || c > 0) emit('LessThanOrEquals', `Value is not less than or equal to value of <${object}>`, v);
          }
        }));
        break;
      }
      case 'minInclusive': case 'maxInclusive': case 'minExclusive': case 'maxExclusive': {
        const bound = Number(g.literal(shape, p));
        const test = local === 'minInclusive' ? (n: number) => n >= bound : local === 'maxInclusive' ? (n: number) => n <= bound
          : local === 'minExclusive' ? (n: number) => n > bound : (n: number) => n < bound;
        const component = local[0]!.toUpperCase() + local.slice(1);
        const words = { minInclusive: 'greater than or equal to', maxInclusive: 'less than or equal to', minExclusive: 'greater than', maxExclusive: 'less than' }[local];
        checks.push((vs, emit) => vs.forEach((v) => {
          const n = v.termType === 'Literal' && NUMERIC.has(v.datatype.value) ? Number(v.value) : NaN;
          if (Number.isNaN(n) || !test(n)) emit(component, `Value is not ${words} ${bound}`, v);
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
          if (min !== undefined && n < min) emit('QualifiedMinCount', `Less than ${min} values conform to the qualified value shape`);
          if (max !== undefined && n > max) emit('QualifiedMaxCount', `More than ${max} values conform to the qualified value shape`);
        });
        break;
      }
      default: return undefined;
    }
  }
  return {
    check(values, _focus, emit, graph) {
      const vs = values.get(property) ?? [];
      for (const c of checks) {
        c(vs, (component, message, value) => emit({
          rule, title: `sh:${component}ConstraintComponent`, severity: 'error', path: property, ...(value ? { value: value.value } : {}), message,
        }), values, graph);
      }
    },
  };
}

const NUMERIC = new Set(['integer', 'decimal', 'double', 'float', 'nonNegativeInteger', 'positiveInteger', 'long', 'int', 'short', 'byte',
  'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'negativeInteger', 'nonPositiveInteger'].map((t) => `${XSD}${t}`));
/** Time zone: Z or ±hh:mm up to 14:00 (XSD 1.1 §3.3.7). */
const TZ = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?';
const DATE = '-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
/** Lexical forms the engine accepts for the datatypes it checks (XSD 1.1 §3.3, as rdf-validation writes them). */
const LEXICAL: Record<string, RegExp> = {
  [`${XSD}integer`]: /^[+-]?\d+$/,
  [`${XSD}nonNegativeInteger`]: /^(\+?\d+|-0+)$/,
  [`${XSD}decimal`]: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  [`${XSD}double`]: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/,
  [`${XSD}boolean`]: /^(true|false|1|0)$/,
  [`${XSD}date`]: new RegExp(`^${DATE}${TZ}$`),
  [`${XSD}dateTime`]: new RegExp(`^${DATE}T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?|(24:00:00(\\.0+)?))${TZ}$`),
  [`${XSD}hexBinary`]: /^([0-9a-fA-F]{2})*$/,
};

const DATES = new Set(['dateTime', 'date', 'gDay', 'gMonthDay', 'gYear', 'gYearMonth'].map((t) => `${XSD}${t}`));
const INTEGERS = new Set(['integer', 'long', 'int', 'byte', 'short', 'negativeInteger', 'nonNegativeInteger', 'nonPositiveInteger', 'positiveInteger',
  'unsignedByte', 'unsignedInt', 'unsignedLong', 'unsignedShort'].map((t) => `${XSD}${t}`));
const DOUBLES = new Set(['double', 'decimal', 'float'].map((t) => `${XSD}${t}`));

/**
 * Orders two literals as shacl-engine does for sh:lessThan(OrEquals) (compareTerms.js, with
 * rdf-literal's values): null when they do not compare (not both literals, one dateTime with a
 * time zone and one without, values of different kinds).
 */
function compareTerms(a: Term, b: Term): number | null {
  if (a.termType !== 'Literal' || b.termType !== 'Literal') return null;
  const zoned = (t: Term & { datatype: Term }): boolean => t.datatype.value === `${XSD}dateTime` && /^.*(((\+|-)\d{2}:\d{2})|Z)$/.test(t.value);
  if (zoned(a) !== zoned(b)) return null;
  const x = jsValue(a);
  const y = jsValue(b);
  if (x.kind !== y.kind) return null;
  if (x.kind === 'string') return (x.v as string).localeCompare(y.v as string);
  return (x.v as number) - (y.v as number);
}

function jsValue(l: Term & { datatype: Term }): { kind: 'number' | 'string' | 'boolean' | 'date'; v: number | string } {
  const dt = l.datatype.value;
  if (INTEGERS.has(dt)) return { kind: 'number', v: parseInt(l.value, 10) };
  if (DOUBLES.has(dt)) return { kind: 'number', v: parseFloat(l.value) };
  if (dt === `${XSD}boolean`) return { kind: 'boolean', v: l.value === 'true' || l.value === '1' ? 1 : 0 };
  if (DATES.has(dt)) {
    const at = dt === `${XSD}gYear` ? `${l.value}-01-01` : dt === `${XSD}gYearMonth` ? `${l.value}-01` : l.value;
    return { kind: 'date', v: new Date(at).getTime() };
  }
  return { kind: 'string', v: l.value };
}

function wellTyped(v: Term, datatype: string): boolean {
  if (v.termType !== 'Literal' || v.datatype.value !== datatype) return false;
  const lexical = LEXICAL[datatype];
  return !lexical || lexical.test(v.value);
}

/** The few lookups the compiler needs over a shapes graph. */
export class Graph {
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
