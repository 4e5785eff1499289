import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderText, toJson } from '../diagnostics/render.js';
import { rel } from './format.js';

const TEXT_LIMIT = 50;

/** Writes diagnostics as text to stderr, the first 50 in full and a count of the rest. */
export function printDiagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>, quietInfo = false): void {
  const shown = ds.filter((d) => !(quietInfo && d.severity === 'info'));
  for (const d of shown.slice(0, TEXT_LIMIT)) process.stderr.write(`${renderText(d, { sources, path: rel })}\n`);
  if (shown.length > TEXT_LIMIT) {
    process.stderr.write(`… and ${shown.length - TEXT_LIMIT} more; use --diagnostics json for all of them\n`);
  }
}

export const diagnosticsJson = (ds: readonly Diagnostic[]): Record<string, unknown>[] => ds.map(toJson);
