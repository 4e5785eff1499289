import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderText, toJson } from '../diagnostics/render.js';
import { rel } from './format.js';

const TEXT_LIMIT = 50;

/**
 * Writes diagnostics as text to stderr, the first 50 in full and a count of the rest. `found`:
 * how many the run found, when it kept fewer (a run keeps about --max-errors of each kind and
 * counts the rest in its summary).
 */
export function printDiagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>, quietInfo = false, found = ds.length): void {
  const shown = ds.filter((d) => !(quietInfo && d.severity === 'info'));
  for (const d of shown.slice(0, TEXT_LIMIT)) process.stderr.write(`${renderText(d, { sources, path: rel })}\n`);
  const dropped = found - ds.length;
  if (shown.length > TEXT_LIMIT) {
    process.stderr.write(`… and ${shown.length - TEXT_LIMIT} more; use --diagnostics json for ${dropped > 0 ? `the ${ds.length.toLocaleString('en-GB')} kept` : 'all of them'}\n`);
  }
  if (dropped > 0) process.stderr.write(`… and ${dropped.toLocaleString('en-GB')} more found and counted in the summary but not kept; raise --max-errors to keep more\n`);
}

/** How many diagnostics a run found, kept or not (its summary counts them all). */
export const foundIn = (summary: { readonly diagnosticsBySeverity: { readonly error: number; readonly warning: number; readonly info: number } } | undefined): number | undefined =>
  summary ? summary.diagnosticsBySeverity.error + summary.diagnosticsBySeverity.warning + summary.diagnosticsBySeverity.info : undefined;

export const diagnosticsJson = (ds: readonly Diagnostic[]): Record<string, unknown>[] => ds.map(toJson);
