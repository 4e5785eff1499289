import { NS } from '../rdf/ns.js';
import type { CellRule, IriTemplate, SubjectRule, Variable } from './model.js';
import type { RawMapping } from './raw.js';

/**
 * Adds a prefix for every code-list namespace the mapping mints or names (`code:age-band/{…}`
 * gives `age-band:`), so Turtle can write `age-band:adults` instead of a full IRI. Names
 * that would clash with a declared prefix are skipped.
 */
export function withDerivedPrefixes(prefixes: ReadonlyMap<string, string>, variables: readonly Variable[], subjects: readonly SubjectRule[]): Map<string, string> {
  const out = new Map(prefixes);
  const taken = new Set(prefixes.values());
  const add = (iri: string): void => {
    const m = /^(.*\/)([a-z][a-z0-9-]*)\/[^/]*$/.exec(iri);
    if (!m || iri.startsWith(NS.geo)) return;
    const ns = `${m[1]}${m[2]}/`;
    if (!taken.has(ns) && !out.has(m[2]!)) {
      out.set(m[2]!, ns);
      taken.add(ns);
    }
  };
  const fromTemplate = (t: IriTemplate): void => {
    const first = t.parts[0];
    if (first?.kind === 'text' && t.parts[1]?.kind === 'ref') add(first.text);
  };
  const fromCell = (rule: CellRule): void => {
    const r = rule.resolver;
    if (r.kind === 'codelist') add(`${NS.code}${r.scheme}/x`);
    if (r.kind === 'generated') add(`${r.conceptBase}x`);
    if (r.kind === 'template') fromTemplate(r.template);
    if (r.kind === 'map') {
      for (const v of r.values.values()) add(v);
      if (r.fallback) fromTemplate(r.fallback);
    }
  };
  for (const v of variables) {
    if (v.rule.kind === 'cell') fromCell(v.rule);
    else if (v.rule.kind === 'firstOf') v.rule.alternatives.forEach(fromCell);
    else if (v.rule.term.termType === 'NamedNode') add(v.rule.term.value);
  }
  for (const s of subjects) for (const t of s.constants.values()) if (t.termType === 'NamedNode') add(t.value);
  return out;
}

export function prefixesOf(raw: RawMapping): Map<string, string> {
  return new Map<string, string>([...Object.entries(NS), ...Object.entries(raw.prefixes ?? {})]);
}

