/**
 * Content negotiation and validators for `serve` (issue 21), against RFC 9110's rules:
 * q-values, wildcards, the most specific range deciding, q=0 refusing, extensions, ETags.
 */
import { describe, expect, it } from 'vitest';
import { byExtension, etagOf, negotiate, notModified, parseAccept, REPRESENTATIONS } from '../../../src/serve/negotiate.js';

const ALL = REPRESENTATIONS.map((r) => r.type);

describe('negotiate', () => {
  it('gives the first offer when the client says nothing', () => {
    expect(negotiate(undefined, ALL)).toBe('text/html');
    expect(negotiate('', ALL)).toBe('text/html');
    expect(negotiate('*/*', ALL)).toBe('text/html');
  });

  it('follows q-values, and the earlier offer on a tie', () => {
    expect(negotiate('text/turtle', ALL)).toBe('text/turtle');
    expect(negotiate('application/ld+json;q=0.9, text/turtle;q=0.8', ALL)).toBe('application/ld+json');
    expect(negotiate('application/n-triples, text/turtle', ALL)).toBe('text/turtle');
    // A browser: HTML first.
    expect(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', ALL)).toBe('text/html');
    // An RDF client that lists several with weights.
    expect(negotiate('application/n-quads;q=1.0, text/turtle;q=0.5, */*;q=0.1', ALL)).toBe('application/n-quads');
  });

  it('lets the most specific range decide: text/* with text/html;q=0 leaves Turtle', () => {
    expect(negotiate('text/*, text/html;q=0', ALL)).toBe('text/turtle');
    expect(negotiate('*/*;q=0.1, text/html;q=0', ALL)).toBe('text/turtle');
    expect(negotiate('TEXT/Turtle', ALL)).toBe('text/turtle');
  });

  it('finds nothing acceptable (406) when every offer is refused or unmatched', () => {
    expect(negotiate('image/png', ALL)).toBeUndefined();
    expect(negotiate('*/*;q=0', ALL)).toBeUndefined();
    expect(negotiate('application/rdf+xml', ALL)).toBeUndefined();
  });

  it('ignores ranges it cannot read rather than failing', () => {
    expect(parseAccept('text/turtle;q=2, application/n-triples;q=0.5, nonsense, */html')).toEqual([{ type: 'application', subtype: 'n-triples', q: 0.5 }]);
    expect(negotiate('text/turtle;q=abc, application/n-triples;q=0.5', ALL)).toBe('application/n-triples');
    expect(negotiate('garbage', ALL)).toBe('text/html');
  });
});

describe('extensions and ETags', () => {
  it('maps .ttl .nt .jsonld .nq .html to their types, and nothing else', () => {
    expect(byExtension('/doc/data/x.ttl')).toEqual({ path: '/doc/data/x', type: 'text/turtle' });
    expect(byExtension('/doc/data/x.jsonld')).toEqual({ path: '/doc/data/x', type: 'application/ld+json' });
    expect(byExtension('/doc/data/x.nt')?.type).toBe('application/n-triples');
    expect(byExtension('/doc/data/x.nq')?.type).toBe('application/n-quads');
    expect(byExtension('/doc/data/x.html')?.type).toBe('text/html');
    expect(byExtension('/doc/data/x.rdf')).toBeUndefined();
    expect(byExtension('/doc/data/2024.5')).toBeUndefined();
    expect(byExtension('/.ttl')).toBeUndefined();
  });

  it('makes one ETag per dump and representation, and answers If-None-Match as a GET must', () => {
    const sha = 'ab'.repeat(32);
    const ttl = etagOf(sha, 'text/turtle');
    expect(ttl).toBe(`"${'ab'.repeat(16)}-ttl"`);
    expect(etagOf(sha, 'application/n-triples')).not.toBe(ttl);
    expect(notModified(undefined, ttl)).toBe(false);
    expect(notModified(ttl, ttl)).toBe(true);
    expect(notModified(`W/${ttl}`, ttl)).toBe(true);
    expect(notModified(`"x,y", ${ttl}`, ttl)).toBe(true);
    expect(notModified('"x,y", "other"', ttl)).toBe(false);
    expect(notModified('*', ttl)).toBe(true);
  });
});
