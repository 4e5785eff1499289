import type { MeasureSelector } from '../mapping/model.js';
import type { ColumnResolver } from './columns.js';
import { matchKeys } from './labels.js';
import type { CellFailure } from './outcome.js';

/** The subject (measure) a row of a long table is about, or why it has none. */
export type Select = (cells: readonly string[]) => number | CellFailure;

/**
 * Compiles a long table's measure column: each listed label, with or without its code prefix
 * and matched as `values:` labels are, selects its measure. Results are cached per cell text.
 */
export function compileSelector(selector: MeasureSelector, measures: readonly string[], columns: ColumnResolver): Select {
  const index = columns.index(selector.column);
  const table = new Map<string, number>();
  for (const { subject, labels } of selector.choices) {
    for (const l of labels) for (const k of matchKeys(l)) table.set(k, subject);
  }
  const listed = selector.choices.flatMap((c) => c.labels.map((l) => `"${l}" (${measures[c.subject]})`)).join(', ');
  const seen = new Map<string, number | CellFailure>();
  return (cells) => {
    const cell = cells[index] ?? '';
    let hit = seen.get(cell);
    if (hit === undefined) {
      const found = matchKeys(cell).map((k) => table.get(k)).find((s) => s !== undefined);
      hit = found ?? { code: 'JL314', message: `"${cell.trim()}" in '${selector.column.name}' is none of the measures of the mapping: ${listed}`, column: index, value: cell };
      if (seen.size > 10_000) seen.clear();
      seen.set(cell, hit);
    }
    return hit;
  };
}
