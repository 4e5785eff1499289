import type { ReleaseFolder } from './release-folder.js';
import { grouped } from '../diagnostics/numbers.js';
import type { DataSource } from './source.js';
import type { Spaces } from './spaces.js';

/** What every page is built from: the release's data, where its IRIs live, and its folder. */
export interface Site {
  readonly source: DataSource;
  readonly spaces: Spaces;
  readonly folder: ReleaseFolder;
}

/** A page to render: its template under views/ and what the template reads. */
export interface Page {
  readonly template: string;
  readonly title: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** 404 when the page says that nothing is here. */
  readonly status?: number;
}

/** Bytes as people read them: 811,533 → "793 KB". */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let n = bytes / 1024;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${n >= 100 ? Math.round(n) : n.toFixed(1)} ${units[u]}`;
}

/** A date or time from the metadata as people read it: "24 April 2025". */
export function day(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A number as people read it (thousands grouped), or the text as it is when not a plain number. */
export function figure(value: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  const [int, frac] = value.split('.');
  return `${grouped(Number(int))}${frac !== undefined ? `.${frac}` : ''}`;
}
