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

/**
 * Turtle's PN_PREFIX: a letter first, then letters, digits, `_`, `-` or `.`, not ending in a
 * dot (the Unicode ranges of the grammar as one class). Anything else would be written into
 * the Turtle and TriG dumps as a line no parser reads.
 */
const PN_PREFIX = /^[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]([\w\-.\u00B7\u00C0-\uFFFD]*[\w\-\u00B7\u00C0-\uFFFD])?$/u;

/** Reports each declared prefix whose name Turtle cannot write (its namespace is checked as every IRI is). */
export function checkPrefixes(raw: RawMapping, error: (code: 'JL105', message: string, path: readonly string[], key: boolean, hint?: string) => void): void {
  for (const name of Object.keys(raw.prefixes ?? {})) {
    if (!PN_PREFIX.test(name)) error('JL105', `prefix name ${JSON.stringify(name)} cannot be written in Turtle`, ['prefixes', name], true, 'A prefix name starts with a letter and holds letters, digits, _, - or . (not at the end): for example `ons`, `moj-codes`.');
  }
}
