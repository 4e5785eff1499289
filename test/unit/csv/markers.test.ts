import { describe, expect, it } from 'vitest';
import { splitMarkers } from '../../../src/csv/markers.js';
import { DEFAULT_MARKER_TOKENS } from '../../../src/mapping/markers.js';

const split = (cell: string) => splitMarkers(cell, DEFAULT_MARKER_TOKENS);

describe('splitMarkers', () => {
  it.each([
    ['[c]', undefined, ['c']], ['[x]', undefined, ['x']], ['[z]', undefined, ['z']], ['[low]', undefined, ['low']],
    ['123 [p]', '123', ['p']], ['45[r][e]', '45', ['r', 'e']], ['[r][e]', undefined, ['r', 'e']], ['67 [P]', '67', ['p']],
    ['*', undefined, ['c']], ['**', undefined, ['c']], ['..', undefined, ['z']], ['-', undefined, ['z']],
    [':', undefined, ['z']], ['#REF!', undefined, ['x']], ['.', undefined, ['x']], ['~', undefined, ['c']],
    ['1,234', '1,234', []], ['  12 ', '12', []], ['', '', []], ['[c][c]', undefined, ['c']],
  ])('%j → value %j, markers %j', (cell, value, markers) => {
    expect(split(cell)).toEqual({ value, markers });
  });

  it('rejects unknown bracket codes rather than guessing', () => {
    expect(split('12 [q]')).toEqual({ error: 'JL303', token: '[q]' });
  });

  it('follows the mapping\'s table: tokens can be added or turned off', () => {
    const table = new Map(DEFAULT_MARKER_TOKENS);
    table.set('-', []);
    table.set('n/k', ['x']);
    expect(splitMarkers('-', table)).toEqual({ value: '-', markers: [] });
    expect(splitMarkers('n/k', table)).toEqual({ value: undefined, markers: ['x'] });
  });
});
