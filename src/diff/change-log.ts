import { join } from 'node:path';
import { AtomicFile, type FileFacts } from '../sinks/atomic.js';
import type { ObservationChange } from './changes.js';
import { displayValue, localName, markerText } from './observation.js';

const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const FLUSH_AT = 1 << 20;

/** A cell as a statistician reads it: `1,234 [p]`, `[c]`, or empty when absent. */
export function cellText(c: { value?: string; markers: string } | undefined): string {
  if (!c) return '';
  return [c.value !== undefined ? displayValue(c.value) : '', markerText(c.markers)].filter(Boolean).join(' ');
}

/**
 * Every changed observation of a release, one CSV per dataset (`changes/<dataset>.csv`): the
 * kind of change, one column per dimension, the observation IRI, and the cell before and after.
 * Written as the comparison runs, through temporary files renamed on close.
 */
export class ChangeLog {
  private readonly files = new Map<string, { file: Promise<AtomicFile>; buffer: string; pending: Promise<void> }>();

  constructor(private readonly dir: string) {}

  add(dataset: string, dimensions: readonly string[], c: ObservationChange): void {
    let f = this.files.get(dataset);
    if (!f) {
      const head = ['change', ...dimensions.map(localName), 'observation', 'previous value', 'previous markers', 'value', 'markers'];
      f = { file: AtomicFile.open(join(this.dir, `${dataset}.csv`)), buffer: `${head.map(csvCell).join(',')}\n`, pending: Promise.resolve() };
      this.files.set(dataset, f);
    }
    const cells = [c.kind, ...c.key.map(([, v]) => displayValue(v)), c.observation ?? '', valueOf(c.before), markersOf(c.before), valueOf(c.after), markersOf(c.after)];
    f.buffer += `${cells.map(csvCell).join(',')}\n`;
    if (f.buffer.length > FLUSH_AT) this.flush(f);
  }

  /** Writes what is buffered and renames every file into place. */
  async close(): Promise<FileFacts[]> {
    const out: FileFacts[] = [];
    for (const f of this.files.values()) {
      this.flush(f);
      await f.pending;
      out.push(await (await f.file).commit());
    }
    return out;
  }

  async abort(): Promise<void> {
    for (const f of this.files.values()) await (await f.file).abort();
  }

  private flush(f: { file: Promise<AtomicFile>; buffer: string; pending: Promise<void> }): void {
    const chunk = f.buffer;
    f.buffer = '';
    f.pending = f.pending.then(async () => (await f.file).write(chunk));
  }
}

const valueOf = (c: ObservationChange['before']): string => (c?.value !== undefined ? displayValue(c.value) : '');
const markersOf = (c: ObservationChange['before']): string => markerText(c?.markers ?? '');
