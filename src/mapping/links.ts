import { DCTERMS, NS, RDF_TYPE, RDFS, XSD } from '../rdf/ns.js';
import type { CellRule, ConstTerm, HeaderTriple, SubjectRule, Variable } from './model.js';
import type { RawAlternative, RawLink } from './raw.js';

type Path = readonly (string | number)[];

/** What the normaliser lends this stage: reading a cell rule and expanding an IRI, each located. */
export interface LinkHelpers {
  cellRule(spec: RawAlternative & { readonly column: string }, path: Path): CellRule | undefined;
  iri(text: string, path: Path): string | undefined;
  span(path: Path): Variable['span'];
  error(message: string, path: Path): void;
}

/**
 * `links:` — a lookup table (local authority → police force area, court → region) written as
 * plain links: per row and link, `subject property object`, both read from cells. No cube:
 * the dataset is a void:Linkset naming its link predicates.
 */
export function normalizeLinks(links: Readonly<Record<string, RawLink>>, h: LinkHelpers): { variables: Variable[]; subjects: SubjectRule[]; predicates: string[] } {
  const variables: Variable[] = [];
  const subjects: SubjectRule[] = [];
  const predicates: string[] = [];
  for (const [key, link] of Object.entries(links)) {
    const path = ['links', key];
    const predicate = h.iri(link.property, [...path, 'property']);
    const from = h.cellRule(link.subject, [...path, 'subject']);
    const to = h.cellRule(link.object, [...path, 'object']);
    if (!predicate || !from || !to) continue;
    // A link joins two things: a cell read as text would make a literal subject or object.
    const literal = ([['subject', from], ['object', to]] as const).filter(([, r]) => r.resolver.kind === 'literal');
    for (const [end] of literal) h.error(`link '${key}' reads its ${end} as text; a link joins IRIs: read the cell with codeList, geography, values or iri`, [...path, end]);
    if (literal.length) continue;
    const [s, o] = [`${key}.subject`, `${key}.object`];
    variables.push({ name: s, role: 'attribute', rule: from, span: h.span([...path, 'subject']) }, { name: o, role: 'attribute', rule: to, span: h.span([...path, 'object']) });
    subjects.push({
      id: key, subjectVariable: s, constants: new Map(),
      subject: { source: `{${s}}`, parts: [], span: h.span(path) },
      triples: [{ predicate, object: { kind: 'variable', name: o } }],
    });
    if (!predicates.includes(predicate)) predicates.push(predicate);
  }
  return { variables, subjects, predicates };
}

/** The header of a linkset: what it is, its title, and the predicates its links use. */
export function linksetHeader(dataset: string, predicates: readonly string[], title?: string, description?: string): HeaderTriple[] {
  const named = (value: string): ConstTerm => ({ termType: 'NamedNode', value });
  const text = (value: string): ConstTerm => ({ termType: 'Literal', value, datatype: XSD.string, language: 'en' });
  const out: HeaderTriple[] = [{ subject: dataset, predicate: RDF_TYPE, object: named(`${NS.void}Linkset`) }];
  if (title) out.push({ subject: dataset, predicate: RDFS.label, object: text(title) }, { subject: dataset, predicate: DCTERMS.title, object: text(title) });
  if (description) out.push({ subject: dataset, predicate: DCTERMS.description, object: text(description) });
  for (const p of predicates) out.push({ subject: dataset, predicate: `${NS.void}linkPredicate`, object: named(p) });
  return out;
}
