import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { readableQueryError, withPrefixes } from '../../../src/query/prologue.js';

const PREFIXES = new Map([['qb', 'http://purl.org/linked-data/cube#'], ['ex', 'https://example.org/']]);

/** The error Oxigraph gives for a query, read as the user sees it. */
function error(sparql: string): string {
  try {
    new oxigraph.Store().query(withPrefixes(sparql, PREFIXES));
  } catch (err) {
    return readableQueryError((err as Error).message, sparql);
  }
  return 'no error';
}

describe('queries without ceremony (issue 19, point 3)', () => {
  it('declares the release\'s prefixes on one line before the query, except those it declares itself', () => {
    expect(withPrefixes('SELECT ?s WHERE { ?s a qb:Observation }', PREFIXES)).toBe('PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX ex: <https://example.org/>\nSELECT ?s WHERE { ?s a qb:Observation }');
    expect(withPrefixes('prefix qb: <http://x/> SELECT * {}', PREFIXES)).toBe('PREFIX ex: <https://example.org/>\nprefix qb: <http://x/> SELECT * {}');
    const store = new oxigraph.Store();
    store.add(oxigraph.quad(oxigraph.namedNode('https://example.org/o1'), oxigraph.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), oxigraph.namedNode('http://purl.org/linked-data/cube#Observation')));
    expect((store.query(withPrefixes('SELECT ?s WHERE { ?s a qb:Observation }', PREFIXES)) as Map<string, { value: string }>[]).map((b) => b.get('s')!.value)).toEqual(['https://example.org/o1']);
    // The user's own declaration wins.
    expect(store.query(withPrefixes('PREFIX qb: <http://nowhere/> ASK { ?s a qb:Observation }', PREFIXES))).toBe(false);
  });

  it('says a parse error in one line, at its place in the query as written', () => {
    expect(error('SELECT ?s WHERE { ?s a foo:Bar }')).toBe("line 1, column 31: unknown prefix 'foo:'; declare it with PREFIX, or use one the release declares");
    const bad = error('SELECT ?s\nWHERE { ?s ?p }');
    expect(bad).toMatch(/^line 2, column \d+: expected /);
    expect(bad).not.toMatch(/\\u\{|'\.\.='|\n/);
    expect(error('SELECT ?s WHERE { ?s ?p ?o ')).toMatch(/^line 1, column \d+/);
  });
});
