import { MARKER_CODES } from '../mapping/markers.js';
import type { MarkerCode, MarkerTable } from '../mapping/model.js';

const KNOWN = new Set<string>(MARKER_CODES);
/** One or more `[code]` tokens at the end of a cell, after an optional value: `123 [p]`, `[r][e]`. */
const TRAILING = /^(.*?)\s*((?:\[[^\]\s]{1,8}\]\s*)+)$/s;

export type ValueCell =
  | { readonly value: string; readonly markers: readonly MarkerCode[] }
  | { readonly value: undefined; readonly markers: readonly MarkerCode[] }
  | { readonly error: 'JL303'; readonly token: string };

/**
 * Splits a value cell into its value text and its GSS shorthand markers. Whole-cell legacy
 * tokens (`*`, `..`, `-`, ...) come from the mapping's marker table; bracketed codes are the
 * Analysis Function shorthand. The value text is not parsed here.
 */
export function splitMarkers(cell: string, table: MarkerTable): ValueCell {
  const text = cell.trim();
  const legacy = table.get(text);
  if (legacy !== undefined) return legacy.length === 0 ? { value: text, markers: [] } : { value: undefined, markers: legacy };
  if (!text.endsWith(']')) return { value: text, markers: [] };
  const m = TRAILING.exec(text);
  if (!m) return { value: text, markers: [] };
  const markers: MarkerCode[] = [];
  for (const tok of m[2]!.matchAll(/\[([^\]\s]+)\]/g)) {
    const code = tok[1]!.toLowerCase();
    if (!KNOWN.has(code)) return { error: 'JL303', token: `[${tok[1]}]` };
    if (!markers.includes(code as MarkerCode)) markers.push(code as MarkerCode);
  }
  const value = m[1]!.trim();
  return value === '' ? { value: undefined, markers } : { value, markers };
}

/**
 * A value and the marker from a column of its own (long tables), as one cell: `12` + `p` →
 * `12 [p]`, `` + `c` → `[c]`, `` + `*` → `*`; a bracketed marker is kept as it is.
 */
export function withMarker(value: string, marker: string): string {
  const m = marker.trim();
  if (m === '') return value;
  const v = value.trim();
  if (/^(\[[^\]]+\])+$/.test(m)) return v ? `${v} ${m}` : m;
  if (/^[a-z]{1,3}$/i.test(m)) return v ? `${v} [${m}]` : `[${m}]`;
  return v ? `${v} [${m}]` : m;
}
