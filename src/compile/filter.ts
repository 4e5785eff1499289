import type { RowFilter } from '../mapping/model.js';
import type { ColumnResolver } from './columns.js';
import { matchKeys } from './labels.js';

/** Whether a row is converted: every `keep` rule matches and no `drop` rule does. */
export type RowTest = (cells: readonly string[]) => boolean;

const KEEP_ALL: RowTest = () => true;

/**
 * Compiles the filters once: a set of keys per column. `01: All` in the mapping matches the
 * cell `All` and `02: All`, since codes change between releases while labels do not.
 */
export function compileFilters(filters: readonly RowFilter[], columns: ColumnResolver): RowTest {
  if (filters.length === 0) return KEEP_ALL;
  const rules = filters.map((f) => ({ keep: f.kind === 'keep', index: columns.index(f.column), keys: new Set(f.values.flatMap(matchKeys)), seen: new Map<string, boolean>() }));
  return (cells) => {
    for (const r of rules) {
      const cell = cells[r.index] ?? '';
      let hit = r.seen.get(cell);
      if (hit === undefined) {
        hit = matchKeys(cell).some((k) => r.keys.has(k));
        if (r.seen.size > 10_000) r.seen.clear();
        r.seen.set(cell, hit);
      }
      if (hit !== r.keep) return false;
    }
    return true;
  };
}
