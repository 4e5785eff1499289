import { describe, expect, it } from 'vitest';
import { encodeSegment, escapeIri, isValidIri, slugify } from '../../../src/rdf/iri.js';
import { escapeLiteral, literal, namedNode, termToNTriples } from '../../../src/rdf/term.js';

describe('IRI safety', () => {
  it('percent-encodes every character that could break out of an IRI', () => {
    for (const bad of ['>', '<', '"', ' ', '\n', '{', '}', '|', '^', '`', '\\', '#', '?', '/']) {
      const seg = encodeSegment(`a${bad}b`);
      expect(seg).not.toContain(bad);
      expect(isValidIri(`https://example.org/${seg}`)).toBe(true);
    }
  });

  it('escapes an unsafe IRI on output rather than writing it raw', () => {
    expect(escapeIri('https://x.org/a b>c')).toBe('https://x.org/a%20b%3Ec');
    expect(termToNTriples(namedNode('https://x.org/a>b'))).toBe('<https://x.org/a%3Eb>');
  });

  it('validates IRIs', () => {
    expect(isValidIri('https://data.justice.gov.uk/id/x')).toBe(true);
    expect(isValidIri('no-scheme')).toBe(false);
    expect(isValidIri('https://x.org/a b')).toBe(false);
  });
});

describe('slugify', () => {
  it.each([
    ['Violence against the person', 'violence-against-the-person'],
    ['Over £1,000 and up to £2,500', 'over-1000-and-up-to-2500'],
    ['25+', '25-plus'],
    ['Devon & Cornwall', 'devon-and-cornwall'],
    ['Crèche', 'creche'],
    ['  ', '_'],
  ])('%j → %s', (label, slug) => expect(slugify(label)).toBe(slug));
});

describe('literal escaping (N-Triples STRING_LITERAL_QUOTE)', () => {
  it('escapes quotes, backslashes, line breaks and control characters', () => {
    expect(escapeLiteral('a"b\\c\nd\re\tf\u0001')).toBe('a\\"b\\\\c\\nd\\re\\tf\\u0001');
    expect(termToNTriples(literal('say "hi"\n'))).toBe('"say \\"hi\\"\\n"');
  });
});
