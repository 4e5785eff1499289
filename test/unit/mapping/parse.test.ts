import { describe, expect, it } from 'vitest';
import { parseMapping } from '../../../src/mapping/parse.js';

const codes = (text: string) => parseMapping('m.yaml', text).diagnostics.map((d) => `${d.code}@${d.span!.line + 1}:${d.span!.column! + 1}`);

describe('parseMapping', () => {
  it('names a repeated key as a duplicate key, at the second one, with a hint about keys (not indentation)', () => {
    const { diagnostics } = parseMapping('m.yaml', 'version: 1\nid: x\nsource: { path: a.csv, path: b.csv }\nid: y\n');
    expect(diagnostics.map((d) => `${d.span?.line}:${d.span?.column} ${d.code} ${d.message}`)).toEqual([
      "2:23 JL101 duplicate key 'path': it is already given above, in the same map",
      "3:0 JL101 duplicate key 'id': it is already given above, in the same map",
    ]);
    expect(diagnostics[0]!.hint).toMatch(/may appear once in a map/);
    expect(diagnostics[0]!.hint).not.toMatch(/indentation/);
  });

  it('refuses an alias inside the value it names, at the alias (found by the fuzzer: it made a value that contains itself)', () => {
    expect(codes('id: x\ndatatype: &a [*a, *a]\n')).toEqual(['JL101@2:15']);
    expect(codes('a: &x\n  b: *x\n')).toEqual(['JL101@2:6']);
    expect(parseMapping('m.yaml', 'a: &x\n  b: *x\n').diagnostics[0]!.message).toContain('would contain itself');
  });

  it('keeps aliases that only repeat a value', () => {
    const parsed = parseMapping('m.yaml', 'a: &x [1, 2]\nb: *x\n');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.document!.data).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it('stops an exponential alias expansion with JL101 at an alias', () => {
    const bomb = `a0: &a0 [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`;
    expect(codes(bomb)[0]).toMatch(/^JL101@\d+:\d+$/);
  });
});
