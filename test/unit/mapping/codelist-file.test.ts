import { describe, expect, it } from 'vitest';
import { readCodeListFile } from '../../../src/mapping/codelist-file.js';
import { tempDir, writeFile } from '../../support/tmp.js';

const dir = tempDir();
const read = (name: string, text: string) => readCodeListFile(writeFile(dir, name, text), name);

describe('code lists of your own, from files', () => {
  it('reads a CSV whatever the case of its header, in sort order, with parents by label or notation', () => {
    const r = read('a.csv', '\uFEFFLABEL,Notation,parent,Sort Order\nAll,ALL,,0\nTheft,T,All,2\nFraud,F,ALL,1\n');
    expect(r).toEqual({ concepts: [
      { slug: 'all', notation: 'ALL', label: 'All' },
      { slug: 'fraud', notation: 'F', label: 'Fraud', broader: 'all' },
      { slug: 'theft', notation: 'T', label: 'Theft', broader: 'all' },
    ] });
  });

  it('reads a YAML list, with plain strings as labels', () => {
    expect(read('b.yaml', '- Male\n- { label: Female, notation: F, description: Women and girls }\n')).toEqual({ concepts: [
      { slug: 'male', notation: 'male', label: 'Male' },
      { slug: 'female', notation: 'F', label: 'Female', definition: 'Women and girls' },
    ] });
    expect(read('c.yaml', 'concepts:\n  - label: One\n')).toEqual({ concepts: [{ slug: 'one', notation: 'one', label: 'One' }] });
  });

  it.each([
    ['d.csv', 'Notation\nA\n', /needs a `label` column/],
    ['e.csv', 'label\nA\na\n', /e\.csv, line 3: "a" is listed twice/],
    ['f.csv', 'label,notation\nA,X\nB,X\n', /notation "X" is used twice/],
    ['g.csv', 'label,parent\nA,B\nB,A\n', /go round in a circle/],
    ['h.csv', 'label,parent\nA,A\n', /cannot be its own parent/],
    ['i.yaml', 'label: A\n', /must be a list of concepts/],
    ['j.csv', 'label\n', /lists no concepts/],
    ['k.yaml', 'a: &a [1]\nb: [*a, *a]\n- x', /not readable YAML/],
  ])('refuses %s with a message that says why', (name, text, message) => {
    const r = read(name, text);
    expect('error' in r && r.error).toMatch(message);
  });

  it('says when the file is missing', () => {
    expect(readCodeListFile(`${dir}/nope.csv`, 'nope.csv')).toEqual({ error: 'cannot read nope.csv: no such file' });
  });
});
