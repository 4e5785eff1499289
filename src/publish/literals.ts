/**
 * Round-trip check of literals after an upload. Some stores rewrite what they are given
 * (Virtuoso keeps "P1Y"^^xsd:duration as "12", "3.0"^^xsd:decimal as "3"), so a count of
 * triples can match while values do not. Compared per graph: the literals by datatype, and
 * a sample of literals (the first of each datatype and property) by lexical form and datatype.
 */
import type { Literal, Quad } from '@rdfjs/types';
import { readDump } from '../metadata/read-dump.js';
import { NS } from '../rdf/ns.js';
import { termToNTriples } from '../rdf/term.js';
import type { ReleaseDump } from '../release/read-release.js';

const LANG_STRING = `${NS.rdf}langString`;
/** Literals sampled per datatype and property: enough to see a rewrite, few enough for one query. */
const SAMPLE_PER_KIND = 8;

export interface LocalLiterals {
  /** Datatype IRI (rdf:langString for a language-tagged string) → literals. */
  readonly byDatatype: Map<string, number>;
  readonly sample: Quad[];
}

/** Tallies and samples the literals of a dump as it is read. */
export async function localLiterals(dump: ReleaseDump): Promise<LocalLiterals> {
  const byDatatype = new Map<string, number>();
  const sample: Quad[] = [];
  const sampled = new Map<string, number>();
  await readDump(dump.path, dump.format.format, dump.format.gzip, (q) => {
    if (q.object.termType !== 'Literal') return;
    const dt = datatypeOf(q.object);
    byDatatype.set(dt, (byDatatype.get(dt) ?? 0) + 1);
    const kind = `${dt} ${q.predicate.value}`;
    const n = sampled.get(kind) ?? 0;
    if (n < SAMPLE_PER_KIND && q.subject.termType === 'NamedNode') {
      sampled.set(kind, n + 1);
      sample.push(q);
    }
  });
  return { byDatatype, sample };
}

const datatypeOf = (l: Literal): string => (l.language ? LANG_STRING : l.datatype.value);

/** The SPARQL to count a graph's literals by datatype (language-tagged ones as rdf:langString, as SPARQL 1.1 says). */
export const countQuery = (graph: string): string => `SELECT ?dt (COUNT(?o) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o FILTER (isLiteral(?o)) } BIND (IF(LANG(?o) != "", <${LANG_STRING}>, DATATYPE(?o)) AS ?dt) } GROUP BY ?dt`;

/** The SPARQL to read back the sampled subjects' and properties' objects. */
export const sampleQuery = (graph: string, sample: readonly Quad[]): string =>
  `SELECT ?s ?p ?o WHERE { VALUES (?s ?p) { ${[...new Set(sample.map((q) => `(${termToNTriples(q.subject)} ${termToNTriples(q.predicate)})`))].join(' ')} } GRAPH <${graph}> { ?s ?p ?o } }`;

/** One binding of SPARQL JSON results. */
export type Binding = Record<string, { type: string; value: string; datatype?: string; 'xml:lang'?: string } | undefined>;

/** What came back altered: per datatype, how many and one example; empty when everything matches. */
export function alterations(local: LocalLiterals, counts: readonly Binding[], sampleRows: readonly Binding[]): string[] {
  const remote = new Map(counts.map((b) => [b['dt']?.value ?? LANG_STRING, Number(b['n']?.value ?? 0)]));
  const back = new Map<string, string[]>();
  for (const b of sampleRows) {
    const o = b['o'];
    if (!b['s'] || !b['p'] || !o) continue;
    const key = `${b['s'].value} ${b['p'].value}`;
    const form = o.type === 'uri' ? `<${o.value}>` : `"${o.value}"${o['xml:lang'] ? `@${o['xml:lang'].toLowerCase()}` : `^^${o.datatype ?? `${NS.xsd}string`}`}`;
    back.set(key, [...(back.get(key) ?? []), form]);
  }
  const problems = new Map<string, { altered: number; example?: string }>();
  const note = (dt: string, altered: number, example?: string): void => {
    const p = problems.get(dt) ?? { altered: 0 };
    p.altered += altered;
    p.example ??= example;
    problems.set(dt, p);
  };
  for (const q of local.sample) {
    const l = q.object as Literal;
    const dt = datatypeOf(l);
    const sent = `"${l.value}"${l.language ? `@${l.language.toLowerCase()}` : `^^${dt}`}`;
    const got = back.get(`${q.subject.value} ${q.predicate.value}`) ?? [];
    if (!got.includes(sent)) note(dt, 1, `${short(sent)} came back as ${got.length ? got.map(short).join(', ') : 'nothing'}`);
  }
  for (const [dt, n] of local.byDatatype) {
    const m = remote.get(dt) ?? 0;
    if (m !== n) note(dt, 0, `${n} ${short(dt)} literals were sent, ${m} are there`);
  }
  return [...problems].map(([dt, p]) => `${short(dt)}${p.altered ? ` (${p.altered} of the ${local.sample.filter((q) => datatypeOf(q.object as Literal) === dt).length} read back)` : ''}: ${p.example}`);
}

const short = (s: string): string => s.replace(NS.xsd, 'xsd:').replace(NS.rdf, 'rdf:');
