import { VOCABULARY_ID } from '../release/bundle.js';
import type { ReleaseDump } from '../release/read-release.js';
import { mentionedIris } from './form.js';

/**
 * Triples the embedded store holds safely: its WebAssembly memory stops at 4 GiB, and about
 * 14M triples took 3.95 GiB when measured, so the budget leaves room for the query itself.
 */
export const TRIPLE_BUDGET = 12_000_000;

/** Bytes per triple by dump format, to estimate a dump the metadata does not count. */
const BYTES_PER_TRIPLE: Readonly<Record<string, number>> = { nt: 200, nq: 240, ttl: 50, trig: 55, jsonld: 55 };
const GZIP_RATIO = 8;

export function estimateTriples(d: ReleaseDump): number {
  if (d.triples !== undefined) return d.triples;
  const bytes = d.bytes * (d.format.gzip ? GZIP_RATIO : 1);
  return Math.ceil(bytes / (BYTES_PER_TRIPLE[d.format.format.name] ?? 50));
}

export type LoadPlan =
  | { readonly kind: 'all'; readonly dumps: readonly ReleaseDump[]; readonly triples: number }
  | { readonly kind: 'some'; readonly dumps: readonly ReleaseDump[]; readonly triples: number; readonly left: readonly ReleaseDump[] }
  | { readonly kind: 'too-large'; readonly triples: number; readonly needed: number };

/**
 * What to load for a query: everything when it fits; otherwise the datasets named by
 * `--dataset` or whose IRI or graph the query mentions, with the small shared ones
 * (vocabulary, metadata); otherwise nothing, and the caller says why.
 */
export function planLoad(dumps: readonly ReleaseDump[], sparql: string, only: readonly string[] = [], budget = TRIPLE_BUDGET): LoadPlan {
  const total = dumps.reduce((a, d) => a + estimateTriples(d), 0);
  const chosen = only.length > 0 ? dumps.filter((d) => only.includes(d.id)) : dumps;
  if (only.length === 0 && total <= budget) return { kind: 'all', dumps, triples: total };
  const iris = mentionedIris(sparql);
  const shared = (d: ReleaseDump) => d.id === VOCABULARY_ID || d.id === 'metadata';
  const needed = only.length > 0 ? [...chosen, ...dumps.filter((d) => shared(d) && !chosen.includes(d))]
    : dumps.filter((d) => shared(d) || (d.dataset && iris.has(d.dataset)) || iris.has(d.graph));
  const triples = needed.reduce((a, d) => a + estimateTriples(d), 0);
  const cubes = needed.filter((d) => !shared(d));
  if (cubes.length === 0 || triples > budget) return { kind: 'too-large', triples: total, needed: triples };
  return { kind: 'some', dumps: needed, triples, left: dumps.filter((d) => !needed.includes(d)) };
}
