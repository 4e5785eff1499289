import { describe, expect, it } from 'vitest';
import { buildHeader, titleOf } from '../../../src/csv/header.js';

describe('header names', () => {
  it('numbers a repeated title, and titleOf gives back the title the file wrote', () => {
    const { names, diagnostics } = buildHeader([['Count', 'Year', 'Count', 'Count', 'Area (2)']], ' ', 'x.csv', 0);
    expect(names).toEqual(['Count', 'Year', 'Count (2)', 'Count (3)', 'Area (2)']);
    expect(diagnostics.map((d) => d.code)).toEqual(['JL205', 'JL205']);
    expect(names.map((_, i) => titleOf(names, i))).toEqual(['Count', 'Year', 'Count', 'Count', 'Area (2)']);
  });
});
