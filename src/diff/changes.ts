import type { CellState } from './observation.js';

export type ChangeKind = 'added' | 'removed' | 'revised' | 'marker';

/** One observation that differs between the releases, described by its dimension values. */
export interface ObservationChange {
  readonly kind: ChangeKind;
  /** (dimension local name, value) in the key's order. */
  readonly key: readonly (readonly [string, string])[];
  /** The observation IRI in the new release (absent for removed observations). */
  readonly observation?: string;
  readonly before?: CellState;
  readonly after?: CellState;
}

export interface ChangeCounts {
  added: number;
  removed: number;
  /** Published in both with a different value. */
  revised: number;
  /** Same value (or none) but different markers, e.g. [p] → final, [c] → a value. */
  markerChanged: number;
  unchanged: number;
}

/** Codes of one dimension used in one release and not the other. */
export interface CodeUsageChange {
  readonly dimension: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** Concepts of the code lists a dataset carries, by IRI. */
export interface ConceptChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly relabelled: readonly { readonly concept: string; readonly before: string; readonly after: string }[];
}

export type DatasetStatus = 'compared' | 'new' | 'dropped' | 'structure-changed';

export interface DatasetChanges {
  readonly id: string;
  readonly status: DatasetStatus;
  /** Dimension local names (the key's order). */
  readonly dimensions: readonly string[];
  readonly counts: ChangeCounts;
  /** The first few changes of each kind, for the report. */
  readonly examples: readonly ObservationChange[];
  readonly codes: readonly CodeUsageChange[];
  readonly concepts: ConceptChanges;
  /** Structure changes (dimensions added or dropped), when status is structure-changed. */
  readonly structure?: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

/** Everything that changed between two releases. */
export interface ReleaseChanges {
  readonly previous: { readonly dir: string; readonly catalog?: string; readonly version?: string };
  readonly current: { readonly dir: string; readonly catalog?: string; readonly version?: string };
  readonly datasets: readonly DatasetChanges[];
}

export const emptyCounts = (): ChangeCounts => ({ added: 0, removed: 0, revised: 0, markerChanged: 0, unchanged: 0 });

/** Whether a dataset changed at all. */
export const changed = (d: DatasetChanges): boolean =>
  d.status !== 'compared' || d.counts.added + d.counts.removed + d.counts.revised + d.counts.markerChanged > 0 ||
  d.codes.length > 0 || d.concepts.added.length + d.concepts.removed.length + d.concepts.relabelled.length > 0;

export const EMPTY_CONCEPTS: ConceptChanges = { added: [], removed: [], relabelled: [] };

/** A dataset only one of the releases has: all of its observations added, or all removed. */
export function wholeDataset(id: string, status: 'new' | 'dropped', observations: number): DatasetChanges {
  const counts = { ...emptyCounts(), [status === 'new' ? 'added' : 'removed']: observations };
  return { id, status, dimensions: [], counts, examples: [], codes: [], concepts: EMPTY_CONCEPTS };
}
