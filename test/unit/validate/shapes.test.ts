import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { shapesFiles } from '../../../src/validate/shapes-files.js';

const root = new URL('../../../', import.meta.url).pathname;

describe('shapes/', () => {
  it('holds exactly the shapes generated from mappings/ (run `npm run shapes` after editing a mapping)', async () => {
    const generated = await shapesFiles(join(root, 'mappings'));
    expect(readdirSync(join(root, 'shapes')).sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect(readFileSync(join(root, 'shapes', name), 'utf8'), name).toBe(text);
  });

  it('parses, and every named shape says which rule it enforces', () => {
    for (const f of readdirSync(join(root, 'shapes'))) {
      const quads = new Parser({ format: 'Turtle' }).parse(readFileSync(join(root, 'shapes', f), 'utf8'));
      const named = new Set(quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value));
      const identified = new Set(quads.filter((q) => q.predicate.value === 'http://purl.org/dc/terms/identifier').map((q) => q.subject.value));
      expect([...named].filter((s) => !s.endsWith('#observation') && !identified.has(s)), f).toEqual([]);
    }
  });
});
