import { relative } from 'node:path';
import { grouped } from '../diagnostics/numbers.js';

export const n = grouped;
export const plural = (x: number, one: string, many = `${one}s`): string => `${n(x)} ${x === 1 ? one : many}`;
export const rel = (p: string): string => {
  const r = relative(process.cwd(), p);
  return r.startsWith('..') || r === '' ? p : r;
};

export function bytes(x: number): string {
  if (x < 1024) return `${x} B`;
  if (x < 1024 * 1024) return `${(x / 1024).toFixed(1)} kB`;
  return `${(x / 1024 / 1024).toFixed(1)} MB`;
}
