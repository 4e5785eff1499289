import { didYouMean } from '../diagnostics/suggest.js';
import type { EmbeddedStore } from '../store/embedded.js';
import { compact } from './table.js';

/**
 * Why a query returned no rows, in words: each IRI it names (written in full or with a prefix)
 * that no triple of the loaded data uses, with the nearest properties and classes that exist.
 */
export function whyNoRows(sparql: string, prefixes: ReadonlyMap<string, string>, store: EmbeddedStore): string[] {
  const own = new Map(prefixes);
  for (const m of sparql.matchAll(/\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>\s]*)>/gi)) own.set(m[1] ?? '', m[2]!);
  // Comments, strings and the prologue hold no terms of the pattern.
  const body = sparql.replace(/#[^\n]*/g, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""').replace(/\bPREFIX\s+[\w.-]*:\s*<[^>]*>/gi, '');
  const names = new Map<string, string>();
  for (const m of body.matchAll(/<([^<>\s"{}|^`\\]+)>/g)) names.set(m[1]!, `<${m[1]}>`);
  for (const m of body.matchAll(/(?<![\w?$:<-])([A-Za-z][\w-]*)?:([A-Za-z_][\w.-]*[\w-]|[A-Za-z_])/g)) {
    const ns = own.get(m[1] ?? '');
    if (ns !== undefined) names.set(ns + m[2], `${m[1] ?? ''}:${m[2]}`);
  }
  const used = (iri: string): boolean => store.ask(`ASK { { <${iri}> ?p ?o } UNION { ?s <${iri}> ?o } UNION { ?s ?p <${iri}> } }`);
  const unused = [...names].filter(([iri]) => !/[\s<>"{}|^`\\]/.test(iri) && !used(iri));
  if (unused.length === 0) return [];
  const known = vocabularyInUse(store, prefixes);
  return unused.map(([, written]) => `${written} is used by no triple of the loaded data.${didYouMean(written, known)}`);
}

/** Properties and classes the data uses, written with the release's prefixes. */
function vocabularyInUse(store: EmbeddedStore, prefixes: ReadonlyMap<string, string>): string[] {
  const iris = store.select('SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } }', { union: true }).map((r) => r['t']!);
  return iris.map((iri) => compact(iri, prefixes));
}
