import { describe, expect, it } from 'vitest';
import { chartSvg, ticks } from '../../../src/serve/chart.js';
import { Spaces } from '../../../src/serve/spaces.js';
import { prepare, queryOfRequest } from '../../../src/serve/sparql-protocol.js';
import { periodLabel } from '../../../src/serve/terms.js';

describe('where IRIs live on the server (UK GLD patterns)', () => {
  const spaces = new Spaces('https://data.justice.gov.uk/');

  it('maps a request path to the IRIs it may name, and not the server\'s own paths', () => {
    expect(spaces.irisOfPath('/data/x/obs/1')).toEqual(['https://data.justice.gov.uk/data/x/obs/1', 'https://w3id.org/justice-lod/data/x/obs/1']);
    for (const own of ['/', '/doc/x', '/sparql', '/assets/app.css', '/cube/data/x', '/resource', '/downloads/2025-04/x.nt']) expect(spaces.irisOfPath(own), own).toEqual([]);
    // A path that only starts like a reserved one is a resource path.
    expect(spaces.irisOfPath('/sparqling')).toHaveLength(2);
  });

  it('gives /id/ things their /doc/ document, other resources /doc + path, hash IRIs their vocabulary\'s', () => {
    expect(Spaces.docOf('/id/lcjb/kent')).toBe('/doc/lcjb/kent');
    expect(Spaces.docOf('/data/x')).toBe('/doc/data/x');
    expect(spaces.hrefOf('https://w3id.org/justice-lod/def/justice#offenceGroup')).toBe('/doc/def/justice#offenceGroup');
    expect(spaces.hrefOf('https://data.justice.gov.uk/id/lcjb/kent')).toBe('/doc/lcjb/kent');
    expect(spaces.hrefOf('http://reference.data.gov.uk/id/year/2019')).toBe('/resource?uri=http%3A%2F%2Freference.data.gov.uk%2Fid%2Fyear%2F2019');
    expect(spaces.irisOfDoc('/doc/lcjb/kent')).toEqual([
      'https://data.justice.gov.uk/id/lcjb/kent', 'https://w3id.org/justice-lod/id/lcjb/kent',
      'https://data.justice.gov.uk/lcjb/kent', 'https://w3id.org/justice-lod/lcjb/kent',
    ]);
    expect(spaces.pathOf('https://data.justice.gov.uk/')).toBeUndefined();
    expect(spaces.pathOf('https://elsewhere.example/data/x')).toBeUndefined();
  });
});

describe('the SPARQL protocol rules', () => {
  const prefixes = new Map([['qb', 'http://purl.org/linked-data/cube#']]);

  it('finds the query of each kind of request, and tells update requests', () => {
    expect(queryOfRequest('GET', new URLSearchParams('query=ASK{}'), undefined, '')).toEqual({ query: 'ASK{}' });
    expect(queryOfRequest('POST', new URLSearchParams(), 'application/x-www-form-urlencoded', 'query=ASK%7B%7D')).toEqual({ query: 'ASK{}' });
    expect(queryOfRequest('POST', new URLSearchParams(), 'application/sparql-query; charset=utf-8', 'ASK {}')).toEqual({ query: 'ASK {}' });
    expect(queryOfRequest('POST', new URLSearchParams(), 'application/sparql-update', 'CLEAR ALL')).toEqual({ update: true });
    expect(queryOfRequest('POST', new URLSearchParams(), 'application/x-www-form-urlencoded', 'update=CLEAR+ALL')).toEqual({ update: true });
    expect(queryOfRequest('GET', new URLSearchParams(), undefined, '')).toEqual({});
  });

  it('refuses updates, bad queries and formats that do not fit the form', () => {
    expect(prepare('DROP ALL', undefined, prefixes, 10)).toMatchObject({ kind: 'refused', status: 403 });
    expect(prepare('INSERT DATA { <a:b> <a:c> 1 }', undefined, prefixes, 10)).toMatchObject({ kind: 'refused', status: 403 });
    expect(prepare('SELECT ?x WHERE {', undefined, prefixes, 10)).toMatchObject({ kind: 'refused', status: 400 });
    expect(prepare('SELECT ?x WHERE { ?x a nope:Thing }', undefined, prefixes, 10)).toMatchObject({ kind: 'refused', status: 400 });
    expect(prepare('ASK { ?s ?p ?o }', 'text/csv', prefixes, 10)).toMatchObject({ kind: 'refused', status: 406 });
    expect(prepare('CONSTRUCT WHERE { ?s ?p ?o }', 'application/sparql-results+json', prefixes, 10)).toMatchObject({ kind: 'refused', status: 406 });
  });

  it('declares the release\'s prefixes, picks the format by Accept, and caps the results with a LIMIT', () => {
    const p = prepare('SELECT ?o WHERE { ?o a qb:Observation }', 'text/csv;q=0.9, application/sparql-results+xml;q=0.5', prefixes, 100);
    expect(p).toMatchObject({ kind: 'query', form: 'SELECT', format: 'text/csv', capped: true });
    expect(p.kind === 'query' && p.sparql).toMatch(/LIMIT 100\s*$/);
    expect(prepare('SELECT ?o WHERE { ?o ?p ?v } LIMIT 5', undefined, prefixes, 100)).toMatchObject({ capped: false, format: 'application/sparql-results+json' });
    const big = prepare('SELECT ?o WHERE { ?o ?p ?v } LIMIT 500', undefined, prefixes, 100);
    expect(big.kind === 'query' && big.sparql).toMatch(/LIMIT 100\s*$/);
    expect(prepare('ASK { ?s ?p ?o }', undefined, prefixes, 100)).toMatchObject({ capped: false });
    expect(prepare('DESCRIBE <http://x>', undefined, prefixes, 100)).toMatchObject({ form: 'DESCRIBE', format: 'text/turtle' });
  });
});

describe('charts drawn on the server', () => {
  it('picks round ticks that cover the data', () => {
    expect(ticks(0, 130034)).toEqual([0, 50000, 100000, 150000]);
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(-30, 70)).toEqual([-40, -20, 0, 20, 40, 60, 80]);
    expect(ticks(5, 5)).toEqual([5]);
  });

  it('draws one mark per value, none for a missing one (never a 0), and escapes every label', () => {
    const points = [{ label: '2017', value: 10 }, { label: '2018', value: undefined }, { label: '<b>&', value: 30 }];
    for (const kind of ['line', 'bar'] as const) {
      const svg = chartSvg({ kind, title: 'T "x"', measure: 'M', points });
      expect(svg.match(/class="app-chart__mark"/g)).toHaveLength(2);
      expect(svg).not.toContain('<b>');
      expect(svg).toContain('&#60;b&#62;&#38;');
      expect(svg).toContain('2 values, 1 without a value');
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
    }
    // The line breaks at the missing value: two moves, no segment across it.
    const line = chartSvg({ kind: 'line', title: 'T', measure: 'M', points });
    expect(/ d="([^"]*)"/.exec(line)![1]!.match(/M/g)).toHaveLength(2);
  });
});

describe('period labels', () => {
  it('says reference.data.gov.uk periods as people do', () => {
    const P = 'http://reference.data.gov.uk/id/';
    expect(periodLabel(`${P}year/2019`)).toBe('2019');
    expect(periodLabel(`${P}quarter/2019-Q1`)).toBe('2019 Q1');
    expect(periodLabel(`${P}month/2019-02`)).toBe('February 2019');
    expect(periodLabel(`${P}government-year/2019-2020`)).toBe('2019-20 (financial year)');
    expect(periodLabel(`${P}gregorian-interval/2022-07-01T00:00:00/P1Y`)).toBe('1 year from 2022-07-01');
    expect(periodLabel(`${P}month/2019-13`)).toBeUndefined();
    expect(periodLabel('https://example.org/year/2019')).toBeUndefined();
  });
});
