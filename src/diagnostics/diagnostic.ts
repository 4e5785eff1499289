import { CODES, type Code, type Severity } from './codes.js';

/** A position in a source file, 0-based inside the program, 1-based when printed. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** Where a CSV cell came from: shown as file:line plus the column header and the value. */
export interface CellRef {
  readonly columnName: string;
  readonly value: string;
}

export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: Span;
  readonly cell?: CellRef;
  readonly hint: string;
}

/** Builds a diagnostic; the severity and hint come from the code table unless overridden. */
export function diagnostic(
  code: Code,
  message: string,
  where: { span?: Span; cell?: CellRef; hint?: string; severity?: Severity } = {},
): Diagnostic {
  const info = CODES[code];
  return {
    code,
    severity: where.severity ?? info.severity,
    message,
    ...(where.span ? { span: where.span } : {}),
    ...(where.cell ? { cell: where.cell } : {}),
    hint: where.hint ?? info.hint,
  };
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export const atLeast = (d: Diagnostic, level: Severity): boolean => RANK[d.severity] >= RANK[level];

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** Orders diagnostics by file, then line, then column, so reports read top to bottom. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      (a.span?.file ?? '').localeCompare(b.span?.file ?? '') ||
      (a.span?.line ?? -1) - (b.span?.line ?? -1) ||
      (a.span?.column ?? -1) - (b.span?.column ?? -1),
  );
}
