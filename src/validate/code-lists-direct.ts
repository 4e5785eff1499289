import type { Term } from '@rdfjs/types';
import { NS } from '../rdf/ns.js';
import type { TripleIndex } from '../rdf/triple-index.js';
import type { Violation } from './violation.js';

const skos = (local: string): string => `${NS.skos}${local}`;

/**
 * The code-list shapes (code-list-shapes.ts) evaluated directly: the property shapes on the
 * schemes and concepts of `data` (the input without its observations), as the SHACL engine
 * reports them; and the two SHACL-SPARQL
 * rules on `all` (the input with the whole vocabulary), as validate-graph runs them. A test
 * holds this to the engine's results.
 */
export function checkCodeListsDirect(data: TripleIndex, all: TripleIndex): Violation[] {
  const out: Violation[] = [];
  const shape = (rule: string, component: string, focus: Term, path: string, value?: Term): void => {
    out.push({ rule, title: `sh:${component}ConstraintComponent`, severity: 'error', focus: focus.value, path, ...(value ? { value: value.value } : {}), message: `${rule} (${component})` });
  };
  const count = (rule: string, focus: Term, path: string, min: number, max = Infinity): void => {
    const n = data.objects(focus, path).length;
    if (n < min) shape(rule, 'MinCount', focus, path);
    if (n > max) shape(rule, 'MaxCount', focus, path);
  };
  const iris = (rule: string, focus: Term, path: string): void => {
    for (const v of data.objects(focus, path)) if (v.termType !== 'NamedNode') shape(rule, 'NodeKind', focus, path, v);
  };
  for (const scheme of targets(data, skos('ConceptScheme'))) {
    count('codelist:scheme-label', scheme, `${NS.rdfs}label`, 1);
    count('codelist:scheme-top-concept', scheme, skos('hasTopConcept'), 1);
    iris('codelist:scheme-top-concept', scheme, skos('hasTopConcept'));
  }
  for (const concept of targets(data, skos('Concept'))) {
    const english = data.objects(concept, skos('prefLabel')).filter((l) => l.termType === 'Literal' && /^en(-|$)/i.test(l.language)).length;
    if (english < 1) shape('codelist:one-english-label', 'QualifiedMinCount', concept, skos('prefLabel'));
    if (english > 1) shape('codelist:one-english-label', 'QualifiedMaxCount', concept, skos('prefLabel'));
    count('codelist:one-notation', concept, skos('notation'), 1, 1);
    count('codelist:in-scheme', concept, skos('inScheme'), 1);
    iris('codelist:in-scheme', concept, skos('inScheme'));
  }
  const rule = (id: string, message: string, focus: Term): void => void out.push({ rule: id, title: message, severity: 'error', focus: focus.value, message });
  for (const [concept, notation] of all.pairsOf(skos('notation'))) {
    const shared = all.subjects(skos('notation'), notation).filter((other) => !other.equals(concept));
    if (all.objects(concept, skos('inScheme')).some((s) => shared.some((other) => all.has(other, skos('inScheme'), s)))) {
      rule('codelist:notation-unique', 'two concepts of one scheme share a notation', concept);
    }
  }
  for (const [concept, broader] of all.pairsOf(skos('broader'))) {
    if (all.objects(concept, skos('inScheme')).some((s) => !all.has(broader, skos('inScheme'), s))) {
      rule('codelist:broader-in-scheme', 'a broader concept outside the concept\'s scheme', concept);
    }
  }
  return out;
}

/**
 * A class target's focus nodes. shacl-engine, the reference, follows rdfs:subClassOf in the
 * shapes graph only (resolveClasses.js), where the code-list shapes declare none: so do these.
 */
const targets = (g: TripleIndex, cls: string): readonly Term[] => g.instances(cls);
