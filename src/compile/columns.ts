import { basename } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { ColumnRef } from '../mapping/model.js';

/** Header names match whatever their case and spacing. */
export const foldHeader = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
const fold = foldHeader;

/** Finds mapping column names in the CSV header, collecting located diagnostics. */
export class ColumnResolver {
  readonly diagnostics: Diagnostic[] = [];
  private readonly exact = new Map<string, number>();
  private readonly folded = new Map<string, number>();

  constructor(readonly header: readonly string[], private readonly csvFile: string) {
    header.forEach((name, i) => {
      if (!this.exact.has(name)) this.exact.set(name, i);
      if (!this.folded.has(fold(name))) this.folded.set(fold(name), i);
    });
  }

  private readonly reported = new Set<string>();

  /** The column index, or -1 after reporting JL107 with the nearest header names (once per place in the mapping). */
  index(ref: ColumnRef): number {
    const hit = this.exact.get(ref.name);
    if (hit !== undefined) return hit;
    const place = `${ref.name}@${ref.span.line}:${ref.span.column}`;
    const first = !this.reported.has(place);
    this.reported.add(place);
    const near = this.folded.get(fold(ref.name));
    if (near !== undefined) {
      if (first) this.diagnostics.push(diagnostic('JL116', `column '${ref.name}' matched header '${this.header[near]}'`, { span: ref.span }));
      return near;
    }
    const delimiter = first ? otherDelimiter(this.header, ref.name) : undefined;
    if (delimiter) {
      const shown = delimiter === '\t' ? '\\t' : delimiter;
      this.diagnostics.push(diagnostic('JL107', `column '${ref.name}' is not in the header of ${basename(this.csvFile)}, but it is inside a header cell split by "${shown}": the file is delimited by "${shown}"`, {
        span: ref.span,
        hint: `Add  delimiter: "${shown}"  under source: in the mapping.`,
      }));
      return -1;
    }
    if (first) this.diagnostics.push(
      diagnostic('JL107', `column '${ref.name}' is not in the header of ${basename(this.csvFile)}.${didYouMean(ref.name, this.header)}`, {
        span: ref.span,
        hint: headerHint(this.header),
      }),
    );
    return -1;
  }

  /** Whether a template name is a column (exactly or folded). */
  has(name: string): boolean {
    return this.exact.has(name) || this.folded.has(fold(name));
  }
}

/** Delimiters other files use (European spreadsheets write ";"), tried when a column is missing. */
const OTHER_DELIMITERS = [';', '\t', '|', ','];

/** The delimiter that, splitting some header cell, yields the missing column: the file's real one. */
function otherDelimiter(header: readonly string[], name: string): string | undefined {
  const want = fold(name);
  return OTHER_DELIMITERS.find((d) => header.some((cell) => cell.includes(d) && cell.split(d).some((part) => fold(part.replace(/^"|"$/g, '')) === want)));
}

/** Names shown in a hint, and characters of each: enough to spot the column, never a whole file. */
const HINT_NAMES = 40;
const HINT_CHARS = 60;

/**
 * The header's names for a hint. A header that does not look like column names (control
 * characters, very long cells: a binary file, or a path such as /proc/self/environ that holds
 * secrets) is described, not printed.
 */
function headerHint(header: readonly string[]): string {
  // eslint-disable-next-line no-control-regex
  if (header.some((h) => /[\u0000-\u0008\u000e-\u001f]/.test(h) || h.length > 500)) {
    return `The first row does not look like column names (${header.length} cell${header.length === 1 ? '' : 's'} with control characters or over 500 characters), so it is not shown; check \`source.path\`, \`skipRows\` and \`encoding\`.`;
  }
  const shown = header.slice(0, HINT_NAMES).map((h) => `'${h.length > HINT_CHARS ? `${h.slice(0, HINT_CHARS)}…` : h}'`);
  return `The header has: ${shown.join(', ')}${header.length > HINT_NAMES ? ` and ${header.length - HINT_NAMES} more` : ''}.`;
}
