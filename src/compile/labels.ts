/**
 * Label clean-up for coded columns. MoJ writes category codes into labels (`01: Male`,
 * `04 Theft Offences`, `2 Female`), and the codes change between releases, so they are
 * stripped before matching and never used to build IRIs.
 */
import type { StripCode } from '../mapping/model.js';

// `01: Male`, `04 Theft Offences`, `10B: …`, `8.22 Assault …`, `92D.2 …`, and reoffending's `b. Theft`.
// Without a colon a capital must follow, so labels such as `12 months` or `10 to 14` stay whole.
const CODE_PREFIX = /^(\d{1,3}[A-Za-z]?(?:\.\d{1,2})?|[a-z]\.)(?::\s*|\s+(?=[A-Z(]))(.+)$/;

// With `stripCode: always` the column is known to hold codes: any number and space is one.
const ANY_CODE_PREFIX = /^(\d{1,3}[A-Za-z]?(?:\.\d{1,2})?|[a-z]\.)(?::\s*|\s+)(.+)$/;

export interface CleanLabel {
  readonly label: string;
  readonly code?: string;
}

/** Trims, folds runs of white space to one space (unless `keepSpacing`), strips the code prefix. */
export function cleanLabel(raw: string, stripCode: StripCode, keepSpacing = false): CleanLabel {
  const trimmed = keepSpacing ? raw.trim() : raw.trim().replace(/\s+/g, ' ');
  if (!stripCode) return { label: trimmed };
  const m = (stripCode === 'always' ? ANY_CODE_PREFIX : CODE_PREFIX).exec(trimmed);
  return m ? { label: m[2]!, code: m[1]! } : { label: trimmed };
}

/**
 * The keys a cell or a listed label is known by: as written, and without its code prefix —
 * so `01: All` in a mapping matches the cell `All` and `02: All` (codes change between releases).
 */
export function matchKeys(text: string): string[] {
  const whole = labelKey(text);
  const stripped = labelKey(cleanLabel(text, true).label);
  return whole === stripped ? [whole] : [whole, stripped];
}

/** The matching key of a label: case, spacing, `&`/`and` and trailing dots do not matter. */
export function labelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.,;:]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
