import type { ObservationTable } from './collector.js';
import type { PreviousObservations } from './previous.js';
import { emptyCounts, EMPTY_CONCEPTS, type ChangeKind, type CodeUsageChange, type ConceptChanges, type DatasetChanges, type DatasetStatus, type ObservationChange } from './changes.js';
import { cellOf, CodesUsed, displayValue, localName, sameValue, type KeyMaker, type KeyedObservation } from './observation.js';

/** Examples kept per kind of change for the report; the change log lists them all. */
export const EXAMPLES_PER_KIND = 10;

/**
 * Compares one dataset's observations, as the new release produces them one by one, with the
 * previous release's table. Seen keys are taken out of the table, so what is left at the end
 * was removed, and memory falls as the run goes.
 */
export class DatasetComparison {
  readonly counts = emptyCounts();
  private readonly examples: ObservationChange[] = [];
  private readonly perKind = new Map<ChangeKind, number>();
  private used: CodesUsed | undefined;
  private comparable = true;
  private keys: KeyMaker | undefined;

  constructor(
    readonly id: string,
    private readonly old: PreviousObservations | undefined,
    private readonly onChange?: (c: ObservationChange) => void,
  ) {}

  /** The new release's key maker (its dimensions), fixed by the first observation. */
  private start(keys: KeyMaker): void {
    this.keys = keys;
    this.used = new CodesUsed(keys.dimensions.length);
    this.comparable = !this.old || sameList(this.old.keys.dimensions, keys.dimensions);
  }

  /** Files one observation of the new release; returns how it changed. */
  see(subject: string, obs: KeyedObservation, keys: KeyMaker): ChangeKind | 'unchanged' {
    if (this.keys !== keys) this.start(keys);
    this.used!.note(obs.ids);
    if (!this.old) {
      this.counts.added++;
      return 'added';
    }
    const before = this.comparable ? this.old.take(obs.ids) : undefined;
    let kind: ChangeKind | 'unchanged';
    if (!before) kind = 'added';
    else if (before.value !== undefined && obs.value !== undefined && !sameValue(before.value, obs.value)) kind = 'revised';
    else if (before.markers !== obs.markers || (before.value === undefined) !== (obs.value === undefined)) kind = 'marker';
    else kind = 'unchanged';
    if (kind === 'unchanged') this.counts.unchanged++;
    else this.note({ kind, key: keys.describe(obs.ids), observation: subject, ...(before ? { before } : {}), after: cellOf(obs) });
    return kind;
  }

  finish(newConcepts: ReadonlyMap<string, string>, keys?: KeyMaker): DatasetChanges {
    if (!this.keys && keys) this.start(keys);
    if (!this.old) return this.result('new', [], EMPTY_CONCEPTS);
    const old = this.old.rest();
    for (const [key, before] of old.cells.entries()) this.note({ kind: 'removed', key: old.keys.describe(key), before });
    const status: DatasetStatus = this.comparable ? 'compared' : 'structure-changed';
    return {
      ...this.result(status, this.codeChanges(old), conceptChanges(old.concepts, newConcepts)),
      ...(this.comparable ? {} : { structure: { added: minus(this.dimensions, old.keys.dimensions).map(localName), removed: minus(old.keys.dimensions, this.dimensions).map(localName) } }),
    };
  }

  /** The dimensions of the key (full IRIs): the new release's once known, else the old one's. */
  get dimensions(): readonly string[] {
    return this.keys?.dimensions ?? this.old?.keys.dimensions ?? [];
  }

  private note(c: ObservationChange): void {
    this.counts[c.kind === 'marker' ? 'markerChanged' : c.kind]++;
    const n = this.perKind.get(c.kind) ?? 0;
    if (n < EXAMPLES_PER_KIND) {
      this.examples.push(c);
      this.perKind.set(c.kind, n + 1);
    }
    this.onChange?.(c);
  }

  private result(status: DatasetStatus, codes: CodeUsageChange[], concepts: ConceptChanges): DatasetChanges {
    return { id: this.id, status, dimensions: this.dimensions.map(localName), counts: { ...this.counts }, examples: this.examples, codes, concepts };
  }

  /** Codes used in one release and not the other, per dimension both releases have. */
  private codeChanges(old: ObservationTable): CodeUsageChange[] {
    const out: CodeUsageChange[] = [];
    const values = old.keys.dict.values;
    this.dimensions.forEach((dim, i) => {
      const j = old.keys.dimensions.indexOf(dim);
      if (j < 0) return;
      const before = old.used[j]!;
      const now = this.used?.sets[i] ?? new Set<number>();
      const added = [...now].filter((v) => !before.has(v)).map((v) => displayValue(values[v]!)).sort();
      const removed = [...before].filter((v) => !now.has(v)).map((v) => displayValue(values[v]!)).sort();
      if (added.length || removed.length) out.push({ dimension: localName(dim), added, removed });
    });
    return out;
  }
}

/** Concepts added, removed or relabelled between two code-list maps. */
export function conceptChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ConceptChanges {
  const added = [...after.keys()].filter((c) => !before.has(c)).sort();
  const removed = [...before.keys()].filter((c) => !after.has(c)).sort();
  const relabelled = [...after].filter(([c, l]) => before.has(c) && before.get(c) !== l).map(([concept, l]) => ({ concept, before: before.get(concept)!, after: l }));
  return { added, removed, relabelled: relabelled.sort((a, b) => a.concept.localeCompare(b.concept)) };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));
