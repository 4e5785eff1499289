/**
 * What a CSVW run finds wrong, kept with where it is: a metadata problem with the JSON object
 * (and key) it concerns, a cell problem with its CSV line, column and value. `locate` turns them
 * into the tool's diagnostics, metadata problems at `file:line:column` of the JSON.
 */
import { parse as parseJson, type DocumentNode } from '@humanwhocodes/momoa';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code } from '../diagnostics/codes.js';

export interface Problem {
  readonly code: Code;
  readonly message: string;
  /** The JSON object (or array) of a metadata document the problem is about, and the key in it. */
  readonly at?: object;
  readonly key?: string;
  /** A file the problem is about as a whole (a table that cannot be read). */
  readonly url?: string;
  /** A position found otherwise (a JSON syntax error), 1-based. */
  readonly span?: { readonly url: string; readonly line: number; readonly column: number };
  /** A cell: its file, line (1-based), column name and text. */
  readonly cell?: { readonly url: string; readonly line: number; readonly column: string; readonly value: string };
}

export interface Problems {
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

export const newProblems = (): Problems => ({ errors: [], warnings: [] });

/** A metadata document that cannot be used (JL901). */
export const metadataError = (p: Problems, message: string, at?: object, key?: string): void => void p.errors.push({ code: 'JL901', message, ...(at ? { at } : {}), ...(key ? { key } : {}) });
/** A metadata property that is not valid and is ignored (JL902). */
export const metadataWarning = (p: Problems, message: string, at?: object, key?: string): void => void p.warnings.push({ code: 'JL902', message, ...(at ? { at } : {}), ...(key ? { key } : {}) });

/** Where each object of the JSON documents read lies: its document and its path in it. */
export class JsonPlaces {
  private readonly places = new WeakMap<object, { url: string; path: (string | number)[] }>();
  private readonly texts = new Map<string, string>();
  private readonly asts = new Map<string, DocumentNode | null>();

  /** Records a parsed document's objects (call with what JSON.parse gave for `text`). */
  register(value: unknown, url: string, text: string): void {
    this.texts.set(url, text);
    const walk = (v: unknown, path: (string | number)[]): void => {
      if (typeof v !== 'object' || v === null) return;
      if (!this.places.has(v)) this.places.set(v, { url, path });
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(value, []);
  }

  /** The documents read, by URL, with their text (for showing a problem's line). */
  documents(): IterableIterator<[string, string]> {
    return this.texts.entries();
  }

  /** file:line:column of an object (or of one of its keys). */
  where(at: object, key?: string): { file: string; line: number; column: number } | undefined {
    const place = this.places.get(at);
    if (!place) return undefined;
    let ast = this.asts.get(place.url);
    if (ast === undefined) {
      try {
        ast = parseJson(this.texts.get(place.url) ?? '', { mode: 'json' });
      } catch {
        ast = null;
      }
      this.asts.set(place.url, ast);
    }
    if (!ast) return undefined;
    let node: { type: string; loc: { start: { line: number; column: number } } } & Record<string, unknown> = ast.body as never;
    for (const step of place.path) {
      if (node.type === 'Array') node = (node['elements'] as { value: typeof node }[])[step as number]!.value;
      else if (node.type === 'Object') node = (node['members'] as { name: { value: string }; value: typeof node }[]).find((m) => m.name.value === step)!.value;
      if (!node) return undefined;
    }
    if (key !== undefined && node.type === 'Object') {
      const member = (node['members'] as { name: { value: string; loc: typeof node.loc } }[]).find((m) => m.name.value === key);
      if (member) return { file: place.url, line: member.name.loc.start.line, column: member.name.loc.start.column };
    }
    return { file: place.url, line: node.loc.start.line, column: node.loc.start.column };
  }
}

/** The problems of a run as the tool's diagnostics, located; `file` shows a URL as the user gave it. */
export function toDiagnostics(p: { readonly errors: readonly Problem[]; readonly warnings: readonly Problem[] }, places: JsonPlaces, file: (url: string) => string = (u) => u): Diagnostic[] {
  const one = (x: Problem, severity: 'error' | 'warning'): Diagnostic => {
    if (x.cell) {
      return diagnostic(x.code, x.message, { severity, span: { file: file(x.cell.url), line: x.cell.line - 1 }, cell: { columnName: x.cell.column, value: x.cell.value } });
    }
    const w = x.at ? places.where(x.at, x.key) : x.span ? { file: x.span.url, line: x.span.line, column: x.span.column } : undefined;
    if (w) return diagnostic(x.code, x.message, { severity, span: { file: file(w.file), line: w.line - 1, column: w.column - 1 } });
    return diagnostic(x.code, x.message, { severity, ...(x.url ? { span: { file: file(x.url), line: 0 } } : {}) });
  };
  return [...p.errors.map((x) => one(x, 'error')), ...p.warnings.map((x) => one(x, 'warning'))];
}
