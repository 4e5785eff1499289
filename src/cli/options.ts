import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InvalidArgumentError } from 'commander';

export const EXIT = { ok: 0, dataErrors: 1, usage: 2 } as const;

export function positiveInt(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return x;
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
