import { CODES } from './codes.js';
import type { Diagnostic, Span } from './diagnostic.js';

/** `file:line:column`, 1-based, as editors and terminals link it. */
export function formatSpan(span: Span, path: (file: string) => string = (f) => f): string {
  const col = span.column === undefined ? '' : `:${span.column + 1}`;
  return `${path(span.file)}:${span.line + 1}${col}`;
}

export interface TextOptions {
  /** Source texts by file, to show the offending line under mapping diagnostics. */
  readonly sources?: ReadonlyMap<string, string>;
  readonly hints?: boolean;
  /** How to print file paths (the CLI prints them relative to the working folder). */
  readonly path?: (file: string) => string;
}

/** One diagnostic as readable text: location, severity, code, message, the CSV cell, the hint. */
export function renderText(d: Diagnostic, opts: TextOptions = {}): string {
  const where = d.span ? `${formatSpan(d.span, opts.path)}: ` : '';
  const lines = [`${where}${d.severity} ${d.code}: ${d.message}`];
  if (d.cell) lines.push(`  column "${d.cell.columnName}", value ${JSON.stringify(d.cell.value)}`);
  const frame = d.span && opts.sources ? codeFrame(d.span, opts.sources.get(d.span.file)) : undefined;
  if (frame) lines.push(frame);
  if (opts.hints !== false) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

function codeFrame(span: Span, text: string | undefined): string | undefined {
  if (text === undefined || span.column === undefined) return undefined;
  const line = text.split(/\r?\n/)[span.line];
  if (line === undefined) return undefined;
  const width = Math.max(1, (span.endLine === span.line ? (span.endColumn ?? span.column + 1) : line.length) - span.column);
  const gutter = `  ${span.line + 1} | `;
  // A very long line is shown around the place, not whole (a frame is a pointer, not a dump).
  const start = span.column > FRAME_CHARS / 2 ? span.column - 20 : 0;
  const shown = `${start > 0 ? '…' : ''}${line.slice(start, start + FRAME_CHARS)}${line.length > start + FRAME_CHARS ? '…' : ''}`;
  const pad = span.column - start + (start > 0 ? 1 : 0);
  return `${gutter}${shown}\n${' '.repeat(gutter.length + pad)}${'^'.repeat(Math.min(width, 60))}`;
}

/** Characters of a source line a code frame shows. */
const FRAME_CHARS = 160;

/** The JSON form: one object per diagnostic, 1-based positions, stable keys. */
export function toJson(d: Diagnostic): Record<string, unknown> {
  return {
    code: d.code,
    severity: d.severity,
    title: CODES[d.code].title,
    message: d.message,
    ...(d.span
      ? {
          file: d.span.file,
          line: d.span.line + 1,
          ...(d.span.column === undefined ? {} : { column: d.span.column + 1 }),
        }
      : {}),
    ...(d.cell ? { csvColumn: d.cell.columnName, value: d.cell.value } : {}),
    hint: d.hint,
  };
}

/** The README diagnostics table, generated so that it never drifts from codes.ts. */
export function codesMarkdownTable(): string {
  const rows = Object.entries(CODES).map(
    ([code, info]) => `| ${code} | ${info.severity} | ${info.title} | ${info.hint.replaceAll('|', '\\|')} |`,
  );
  return ['| code | default severity | meaning | how to fix |', '|---|---|---|---|', ...rows].join('\n');
}
