import { describe, expect, it } from 'vitest';
import { ColumnResolver } from '../../../src/compile/columns.js';
import { compileFilters } from '../../../src/compile/filter.js';
import type { RowFilter } from '../../../src/mapping/model.js';

const span = { file: 'm.yaml', line: 1 };
const header = ['Sex', 'Type of Offender', 'Count'];
const test = (filters: RowFilter[]) => compileFilters(filters, new ColumnResolver(header, 'x.csv'));

describe('row filters', () => {
  it('drops a totals row in any spelling, with or without its code', () => {
    const keep = test([{ kind: 'drop', column: { name: 'Sex', span }, values: ['All', 'Total'] }]);
    expect(['All', '99: all', 'TOTAL', 'Total.', '01: Male'].map((s) => keep([s, '01: Person', '1']))).toEqual([false, false, false, false, true]);
  });

  it('keeps only the values listed, for every keep column', () => {
    const keep = test([
      { kind: 'keep', column: { name: 'Type of Offender', span }, values: ['01: Person'] },
      { kind: 'keep', column: { name: 'Sex', span }, values: ['Male', 'Female'] },
    ]);
    expect(keep(['01: Male', '01: Person', '1'])).toBe(true);
    expect(keep(['02: Female', 'Person', '1'])).toBe(true);
    expect(keep(['01: Male', '02: Companies, public bodies etc.', '1'])).toBe(false);
    expect(keep(['04: Not known', '01: Person', '1'])).toBe(false);
  });

  it('lets keep and drop on one column each see their own values', () => {
    const keep = test([
      { kind: 'keep', column: { name: 'Sex', span }, values: ['Male', 'All'] },
      { kind: 'drop', column: { name: 'Sex', span }, values: ['All'] },
    ]);
    expect([keep(['Male', '', '']), keep(['All', '', '']), keep(['Female', '', ''])]).toEqual([true, false, false]);
  });
});
