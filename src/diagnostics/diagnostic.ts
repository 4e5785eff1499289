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

/**
 * An error that knows its diagnostic: thrown from where the cause is known (the previous
 * release's dump, read inside a conversion) to where diagnostics are made, which would
 * otherwise have to guess (a write error, JL402, was the guess).
 */
export class DiagnosedError extends Error {
  constructor(readonly code: Code, message: string) {
    super(message);
  }
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
