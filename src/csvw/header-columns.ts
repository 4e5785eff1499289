import { parseTable } from './dialect.js';
import type { Table, TableGroup } from './model.js';
import { defaultColumn } from './to-rdf.js';

/**
 * A table described by nothing but its file (a CSV given without metadata) takes its columns
 * from its header, as the CSVW processor does for each such table (a title's column named by
 * it, percent-encoded). Described before the run, its columns let the table stream through a
 * mapping's row plan (src/csvw/compile.ts) instead of being held in memory. `head` is the
 * start of the file, at least its header rows; undefined (or a group of another kind): the
 * group as it was; so too when a row in `head` is wider than the header (a title row above
 * it). A later row with more or fewer cells than the header is rejected (JL201), as a
 * mapping's is, where the processor converts it (extra cells as `_col.N` columns).
 */
export function withHeaderColumns(group: TableGroup, head: string | undefined): TableGroup {
  const table = headerOnly(group);
  if (!table || head === undefined) return group;
  const { titles, headerWidth, rows } = parseTable(head, table.dialect);
  // Rows wider than the header (title rows above it, as many MoJ files have): the processor
  // gives them `_col.N` columns, where the row plan would reject every row; it converts them.
  const wider = rows.some((r) => r.cells.length > headerWidth && r.cells.slice(headerWidth).some((c) => c.trim() !== ''));
  if (headerWidth === 0 || wider) return group;
  // An empty header cell has no title (a hole in `titles`, or past its end): its column is `_col.N`, as the processor names it.
  const columns = Array.from({ length: headerWidth }, (_, j) => defaultColumn(j + 1, (titles[j] ?? []).map((value) => ({ value, lang: 'und' })), table.inherited));
  return { ...group, tables: [{ ...table, columns }] };
}

/** The group's one table, when nothing but its file describes it (no metadata, no columns). */
export function headerOnly(group: TableGroup): Table | undefined {
  const table = group.tables.length === 1 ? group.tables[0]! : undefined;
  return table && !table.fromMetadata && table.columns.length === 0 ? table : undefined;
}
