import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Builds column names from one or more header records. Multi-row headers are joined per
 * column (an empty upper cell inherits the one to its left, as merged cells export); line
 * breaks inside header cells become spaces; repeated names get ` (2)`, ` (3)` suffixes.
 */
export function buildHeader(records: readonly (readonly string[])[], join: string, file: string, line: number): { names: string[]; diagnostics: Diagnostic[] } {
  const width = Math.max(...records.map((r) => r.length));
  const filled = records.map((r, level) => {
    const upper = level < records.length - 1;
    let left = '';
    return Array.from({ length: width }, (_, i) => {
      const cell = (r[i] ?? '').replace(/\s+/g, ' ').trim();
      if (cell !== '') left = cell;
      return cell !== '' ? cell : upper ? left : '';
    });
  });
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const names: string[] = [];
  for (let i = 0; i < width; i++) {
    let name = filled.map((r) => r[i]!).filter((c) => c !== '').join(join);
    if (name === '') name = `Column ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) {
      diagnostics.push(diagnostic('JL205', `column ${i + 1} repeats the name '${name}'; it is available as '${name} (${n})'`, { span: { file, line }, cell: { columnName: `${name} (${n})`, value: name } }));
      name = `${name} (${n})`;
    }
    names.push(name);
  }
  return { names, diagnostics };
}

/**
 * The title the file gave column `at`, before `buildHeader` numbered it as a repeat of an
 * earlier column's (`Count (2)` → `Count`); other names as they are.
 */
export function titleOf(names: readonly string[], at: number): string {
  const name = names[at]!;
  const repeated = /^(.*) \(\d+\)$/.exec(name)?.[1];
  const first = repeated === undefined ? -1 : names.indexOf(repeated);
  return first >= 0 && first < at ? repeated! : name;
}
