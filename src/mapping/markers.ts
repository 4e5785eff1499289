import { markerIri } from '../rdf/ns.js';
import type { MarkerCode, MarkerTable } from './model.js';

export const MARKER_CODES: readonly MarkerCode[] = ['c', 'x', 'z', 'low', 'u', 'w', 'e', 'f', 'p', 'r', 'b'];

/** Markers that mean "no value in this cell": the observation is kept, the measure omitted. */
export const SUPPRESSING: ReadonlySet<MarkerCode> = new Set<MarkerCode>(['c', 'x', 'z', 'low']);

/** The same markers as concept IRIs, for the checks that read them from the graph (relaxed IC-15). */
export const SUPPRESSING_IRIS: readonly string[] = [...SUPPRESSING].map(markerIri);

/** Whether an obsStatus IRI suppresses the value ([c], [x], [z], [low]). */
export const isSuppressingIri = (iri: string): boolean => SUPPRESSING_IRI_SET.has(iri);
const SUPPRESSING_IRI_SET = new Set(SUPPRESSING_IRIS);

/** What each marker means, for summaries and `explain`. */
export const MARKER_MEANING: Readonly<Record<MarkerCode, string>> = {
  c: 'confidential (suppressed)',
  x: 'not available',
  z: 'not applicable',
  low: 'low figure (rounds to zero)',
  u: 'low reliability',
  w: 'no or very few cases',
  e: 'estimated',
  f: 'forecast',
  p: 'provisional',
  r: 'revised',
  b: 'break in time series',
};

/**
 * Legacy whole-cell tokens seen in MoJ files (RELEASE-DATA.md §4), mapped as MoJ's own FCSQ
 * pipeline converts them: `*`/`**` → [c], `..`/`-`/`:` → [z], `#REF!`/`.` → [x], `~` → [c]
 * (mojSuppression's default). A mapping can change or disable any of them.
 */
export const DEFAULT_MARKER_TOKENS: MarkerTable = new Map<string, readonly MarkerCode[]>([
  ['*', ['c']],
  ['**', ['c']],
  ['~', ['c']],
  ['..', ['z']],
  ['-', ['z']],
  [':', ['z']],
  ['.', ['x']],
  ['#REF!', ['x']],
]);
