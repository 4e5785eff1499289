import { describe, expect, it } from 'vitest';
import { repeatsARepetition } from '../../../src/mapping/regex-safety.js';

describe('repeatsARepetition (patterns that could backtrack for ever)', () => {
  it.each(['(a+)+', '(\\d*)*', '^(Note(s|d)*\\s*)+:', '(x{2,})+', '((a+))+', '(a+){2,}', '(?:a*)+'])('refuses %s', (p) => {
    expect(repeatsARepetition(p)).toBe(true);
  });
  it.each(['(a+)', '(\\d+)', 'a+b*', '^Notes?:', '(a)+', '(a|b)+', '[(a+)]+', '\\(a+\\)+', '(\\d+)-(\\d+)', '^(Source|Notes)\\b'])('allows %s', (p) => {
    expect(repeatsARepetition(p)).toBe(false);
  });
});
