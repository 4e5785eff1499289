import { readRelease, releaseIdentity, type ReleaseDump } from '../release/read-release.js';
import type { DatasetChanges, ObservationChange, ReleaseChanges } from './changes.js';
import { emptyCounts, EMPTY_CONCEPTS } from './changes.js';
import { DatasetComparison } from './comparison.js';
import { ValueDictionary } from './observation.js';
import { readTable, streamObservations } from './read-table.js';

export type ChangeListener = (dataset: string, dimensions: readonly string[], change: ObservationChange) => void;

/** The dumps of a release folder by dataset id, without the catalogue's metadata. */
export function datasetDumps(dir: string): Map<string, ReleaseDump> {
  return new Map(readRelease(dir).filter((d) => d.id !== 'metadata').map((d) => [d.id, d]));
}

/**
 * Compares two release folders dataset by dataset: the older one's observations are read into
 * a table by dimension key, the newer one's streamed past it. Datasets only in the older
 * release are reported as dropped, only in the newer one as new.
 */
export async function diffReleases(oldDir: string, newDir: string, onChange?: ChangeListener): Promise<ReleaseChanges> {
  const before = datasetDumps(oldDir);
  const after = datasetDumps(newDir);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const datasets: DatasetChanges[] = [];
  for (const id of ids) {
    const dict = new ValueDictionary();
    const old = before.has(id) ? await readTable(before.get(id)!, dict) : undefined;
    const now = after.get(id);
    if (!now) {
      datasets.push({ id, status: 'dropped', dimensions: [], counts: { ...emptyCounts(), removed: old!.observations }, examples: [], codes: [], concepts: EMPTY_CONCEPTS });
      continue;
    }
    const comparison = new DatasetComparison(id, old, onChange && ((c) => onChange(id, comparison.dimensions, c)));
    const table = await streamObservations(now, dict, (s, obs, keys) => comparison.see(s, obs, keys));
    datasets.push(comparison.finish(table.concepts, table.keys));
  }
  return { previous: releaseIdentity(oldDir), current: releaseIdentity(newDir), datasets };
}
