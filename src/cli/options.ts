import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { ConvertResult } from '../run/convert.js';

export const EXIT = { ok: 0, dataErrors: 1, usage: 2 } as const;

/** A conversion's exit code: 1 for data errors (nothing written), 2 for mapping or I/O errors. */
export function exitCode(result: ConvertResult): number {
  if (result.status === 'ok') return EXIT.ok;
  return result.status === 'failed' ? EXIT.dataErrors : EXIT.usage;
}

export function positiveInt(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return x;
}

export function nonNegativeInt(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 0) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return x;
}

/** A whole number within bounds: a value that makes no sense (a negative delay, a week-long wait) is refused. */
export function intIn(min: number, max: number, unit = '') {
  return (value: string): number => {
    const x = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isInteger(x) || x < min || x > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}${unit}`);
    return x;
  };
}

export function choice<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

/** Mapping arguments may be files or folders (every .yaml/.yml inside, in name order). */
export async function expandMappings(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const s = await stat(arg).catch(() => undefined);
    if (s?.isDirectory()) {
      const names = (await readdir(arg)).filter((f) => ['.yaml', '.yml'].includes(extname(f))).sort();
      out.push(...names.map((f) => join(arg, f)));
    } else out.push(arg);
  }
  return out;
}

export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}

export function httpUrl(value: string): string {
  if (!/^https?:\/\/[^\s<>"{}|\\^`]+$/.test(value)) throw new InvalidArgumentError('expected an http(s) URL');
  return value.endsWith('/') ? value : `${value}/`;
}
