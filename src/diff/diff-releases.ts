import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Code } from '../diagnostics/codes.js';
import { datasetDumps, dumpOfFile, releaseIdentity, type ReleaseDump } from '../release/read-release.js';
import { formatByPath } from '../sinks/registry.js';
import { wholeDataset, type DatasetChanges, type ObservationChange, type ReleaseChanges } from './changes.js';
import { DatasetComparison } from './comparison.js';
import { ValueDictionary } from './observation.js';
import { previousObservations } from './previous.js';
import { readTable, streamObservations } from './read-table.js';

export type ChangeListener = (dataset: string, dimensions: readonly string[], change: ObservationChange) => void;

/** Why a folder cannot be compared, as a diagnostic's code and message. */
export interface NotComparable {
  readonly code: Extract<Code, 'JL702' | 'JL705'>;
  readonly message: string;
}

/** A release folder's dumps by dataset id, when they can be compared (not JSON-LD only). */
export function comparableDumps(dir: string): Map<string, ReleaseDump> | NotComparable {
  const dumps = existsSync(dir) && statSync(dir).isDirectory() ? new Map(datasetDumps(dir).map((d) => [d.id, d])) : undefined;
  if (!dumps?.size) return { code: 'JL702', message: `${dir}: ${existsSync(dir) ? 'no RDF dumps in this folder' : 'no such folder'}` };
  const jsonOnly = [...dumps.values()].filter((d) => d.format.name.startsWith('jsonld'));
  if (jsonOnly.length) return { code: 'JL705', message: `${dir}: only JSON-LD dumps for ${jsonOnly.map((d) => d.id).join(', ')}` };
  return dumps;
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/**
 * One dump compared with another as one data set, filed under `id` on both sides (two dumps
 * of it may be named differently); in a release folder, its entry there.
 */
function singleDump(path: string, id: string): Map<string, ReleaseDump> | NotComparable {
  const format = formatByPath(path);
  if (!format) return { code: 'JL705', message: `${path}: not an RDF dump (.nt .ttl .nq .trig, optionally .gz)` };
  if (format.format.name.startsWith('jsonld')) return { code: 'JL705', message: `${path}: a JSON-LD dump, which diffs do not read` };
  return new Map([[id, { ...dumpOfFile(path, format), id }]]);
}

/**
 * Compares two release folders dataset by dataset: the older one's observations are read into
 * a table by dimension key, the newer one's streamed past it. Datasets only in the older
 * release are reported as dropped, only in the newer one as new.
 */
export async function diffReleases(oldDir: string, newDir: string, onChange?: ChangeListener): Promise<ReleaseChanges | NotComparable> {
  // Two dump files: one data set, named as the newer one is.
  const files = [isFile(oldDir), isFile(newDir)];
  if (files[0] !== files[1]) return { code: 'JL702', message: `${files[0] ? oldDir : newDir} is a file and ${files[0] ? newDir : oldDir} is not: compare two release folders, or two dumps` };
  const single = files[0] ? basename(newDir).replace(/\.[^/]*$/, '') : '';
  const before = files[0] ? singleDump(oldDir, single) : comparableDumps(oldDir);
  if (!(before instanceof Map)) return before;
  const after = files[1] ? singleDump(newDir, single) : comparableDumps(newDir);
  if (!(after instanceof Map)) return after;
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const datasets: DatasetChanges[] = [];
  for (const id of ids) {
    const dict = new ValueDictionary();
    const now = after.get(id);
    if (!now) {
      datasets.push(wholeDataset(id, 'dropped', (await readTable(before.get(id)!, dict)).observations));
      continue;
    }
    // The older dump is read as the newer one's observations ask for it (see PulledTable).
    const old = before.has(id) ? await previousObservations(before.get(id)!, dict) : undefined;
    try {
      const comparison = new DatasetComparison(id, old, onChange && ((c) => onChange(id, comparison.dimensions, c)));
      const table = await streamObservations(now, dict, (s, obs, keys) => comparison.see(s, obs, keys));
      datasets.push(comparison.finish(table.concepts, table.keys));
    } finally {
      await old?.close();
    }
  }
  return { previous: releaseIdentity(oldDir), current: releaseIdentity(newDir), datasets };
}
