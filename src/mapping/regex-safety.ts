/**
 * Whether a regular expression from a mapping repeats a group that itself holds a repetition
 * (`(a+)+`, `(\d*)*`, `(Note(s|d)*\s*)+`, `(x{2,})+`): with backtracking, such a pattern can
 * take for ever on one cell. Mappings may not use them (JavaScript has no linear-time engine
 * built in). A small scan of the pattern: escapes and character classes are skipped, and each
 * open group remembers whether a quantifier occurred inside it.
 */
export function repeatsARepetition(pattern: string): boolean {
  const open: boolean[] = [];
  let lastGroupRepeats = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const quantifier = c === '+' || c === '*' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (quantifier && lastGroupRepeats) return true;
    lastGroupRepeats = false;
    if (c === '\\') i++;
    else if (c === '[') {
      // A character class ends at the first unescaped ]: nothing in it is a group or quantifier.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') open.push(false);
    else if (c === ')') {
      const inner = open.pop() ?? false;
      lastGroupRepeats = inner;
      if (inner && open.length) open[open.length - 1] = true;
    } else if (quantifier && open.length) open[open.length - 1] = true;
  }
  return false;
}

export const NESTED_REPETITION_HINT = 'Write the repetition once, e.g. `(\\d+)` instead of `(\\d+)+`.';
