import { describe, expect, it } from 'vitest';
import { parseMapping } from '../../../src/mapping/parse.js';

const codes = (text: string) => parseMapping('m.yaml', text).diagnostics.map((d) => `${d.code}@${d.span!.line + 1}:${d.span!.column! + 1}`);

describe('parseMapping', () => {
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
