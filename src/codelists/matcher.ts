import { labelKey } from '../compile/labels.js';
import { closest } from '../diagnostics/suggest.js';
import type { ConceptDef, SchemeDef } from './model.js';
import { conceptIri } from './registry.js';

export interface Matched {
  readonly concept: ConceptDef;
  readonly iri: string;
}

export type MatchResult = Matched | { readonly error: 'unknown' | 'ambiguous'; readonly candidates: readonly string[] };

/** Labels shorter than this are never completed from a prefix: `Fin` must not become `Fine`. */
const MIN_TRUNCATED = 12;

/**
 * Matches a cleaned cell label to a concept of a scheme: by preferred or alternative label,
 * ignoring case, `&`/`and`, spacing and the scheme's ignorable prefixes; then by notation;
 * then, for labels cut short by the release (`Miscellaneous crimes agains`), by the one
 * concept whose label starts with it. Ambiguous and unknown labels name the candidates.
 */
export function schemeMatcher(scheme: SchemeDef): (label: string) => MatchResult {
  const byKey = new Map<string, Matched>();
  const keys: [string, Matched][] = [];
  const strip = (scheme.ignorePrefixes ?? []).map((p) => labelKey(p));
  // Labels arrive already cleaned (code prefix stripped by the cell rule); concept labels have none.
  const keyOf = (label: string): string => {
    let k = labelKey(label);
    for (const p of strip) if (k.startsWith(p)) k = k.slice(p.length).trim();
    return k;
  };
  for (const concept of scheme.concepts) {
    const m: Matched = { concept, iri: conceptIri(scheme, concept) };
    for (const label of [concept.label, ...(concept.altLabels ?? [])]) {
      const k = keyOf(label);
      if (!byKey.has(k)) byKey.set(k, m);
      keys.push([k, m]);
    }
  }
  const byNotation = new Map(scheme.concepts.map((c) => [c.notation.toLowerCase(), { concept: c, iri: conceptIri(scheme, c) }]));
  const labels = scheme.concepts.map((c) => c.label);
  return (label) => {
    const k = keyOf(label);
    const hit = byKey.get(k) ?? byNotation.get(k);
    if (hit) return hit;
    if (k.length >= MIN_TRUNCATED) {
      const found = new Map<string, Matched>();
      for (const [key, m] of keys) if (key.startsWith(k)) found.set(m.iri, m);
      if (found.size === 1) return [...found.values()][0]!;
      if (found.size > 1) return { error: 'ambiguous', candidates: [...found.values()].map((m) => m.concept.label) };
    }
    return { error: 'unknown', candidates: closest(label, labels) };
  };
}
