import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { compileShapesGraph } from '../../../src/validate/compiled-shapes.js';
import { validateGraph } from '../../../src/validate/validate-graph.js';

const root = new URL('../../../', import.meta.url).pathname;
const parse = (ttl: string) => new Parser({ format: 'Turtle' }).parse(ttl);
const PREFIXES = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix qb: <http://purl.org/linked-data/cube#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix ex: <https://example.org/> .\n`;
const TARGET = `sh:target [ a sh:SPARQLTarget ; sh:select """SELECT ?this WHERE { ?this <http://purl.org/linked-data/cube#dataSet> <https://example.org/ds> }""" ]`;

describe('compiled observation shapes', () => {
  it('compile every cube shape in shapes/, and leave code-list and metadata shapes to the engine', () => {
    for (const f of readdirSync(join(root, 'shapes'))) {
      const compiled = compileShapesGraph(parse(readFileSync(join(root, 'shapes', f), 'utf8')));
      if (f === 'code-lists.ttl' || f === 'metadata.ttl') expect(compiled, f).toBeUndefined();
      else expect(compiled?.map((c) => c.dataset), f).toEqual([`https://data.justice.gov.uk/data/${f.replace('.ttl', '')}`]);
    }
  });

  it.each([
    ['a class target', `ex:s a sh:NodeShape ; sh:targetClass qb:Observation ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .`],
    ['a constraint outside the subset (sh:languageIn)', `ex:s a sh:NodeShape ; ${TARGET} ; sh:property [ sh:path ex:p ; sh:languageIn ( "en" ) ] .`],
    ['sh:class, which needs the data graph', `ex:s a sh:NodeShape ; ${TARGET} ; sh:property [ sh:path ex:p ; sh:class ex:C ] .`],
    ['a path that is not one IRI', `ex:s a sh:NodeShape ; ${TARGET} ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .`],
    ['another SPARQL target', `ex:s a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE { ?this a ex:T }" ] ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .`],
  ])('refuse %s, so the engine validates it', (_name, body) => {
    expect(compileShapesGraph(parse(PREFIXES + body))).toBeUndefined();
  });

  it('report min/max count, datatype, bounds, sh:in and sh:or failures with the rule, path and value', () => {
    const [shape] = compileShapesGraph(parse(`${PREFIXES}
      ex:s a sh:NodeShape ; ${TARGET} ; sh:property ex:p1, ex:p2 ; sh:node ex:either .
      ex:p1 dcterms:identifier "R1" ; sh:path ex:count ; sh:maxCount 1 ; sh:datatype <http://www.w3.org/2001/XMLSchema#integer> ; sh:minInclusive 0 .
      ex:p2 dcterms:identifier "R2" ; sh:path ex:kind ; sh:minCount 1 ; sh:in ( ex:a ex:b ) .
      ex:either dcterms:identifier "R3" ; sh:or ( [ sh:path ex:count ; sh:minCount 1 ] [ sh:path ex:status ; sh:minCount 1 ] ) .`))!;
    const data = parse(`@prefix ex: <https://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
      ex:o1 ex:count "-1"^^xsd:integer, "x"^^xsd:string ; ex:kind ex:c .
      ex:o2 ex:kind ex:a .`);
    const values = (s: string) => {
      const m = new Map<string, import('@rdfjs/types').Term[]>();
      for (const q of data.filter((x) => x.subject.value === s)) m.set(q.predicate.value, [...(m.get(q.predicate.value) ?? []), q.object]);
      return m;
    };
    const got = (s: string) => shape!.validate(s, values(s)).map((v) => `${v.rule} ${v.title} ${v.value ?? ''}`).sort();
    expect(got('https://example.org/o1')).toEqual([
      'R1 sh:DatatypeConstraintComponent x',
      'R1 sh:MaxCountConstraintComponent ',
      'R1 sh:MinInclusiveConstraintComponent -1',
      'R1 sh:MinInclusiveConstraintComponent x',
      'R2 sh:InConstraintComponent https://example.org/c',
    ]);
    // A failed sh:node is reported under the nested shape's rule, as the engine's results are read.
    expect(got('https://example.org/o2')).toEqual(['R3 sh:NodeConstraintComponent https://example.org/o2']);
  });

  it('on a large graph, a shape that does not compile still runs, in the engine, chunk by chunk', async () => {
    const { nt } = await import('../../support/run.js').then((m) => m.convertInMemory(join(root, 'mappings/proven-reoffending-by-la.yaml'), { failOn: 'error' }));
    const custom = `${PREFIXES}ex:s a sh:NodeShape ; dcterms:identifier "custom" ;
      sh:target [ a sh:SPARQLTarget ; sh:select """SELECT ?this WHERE { ?this <http://purl.org/linked-data/cube#dataSet> <https://data.justice.gov.uk/data/proven-reoffending-by-la> }""" ] ;
      sh:property [ sh:path qb:dataSet ; sh:hasValue <https://data.justice.gov.uk/data/proven-reoffending-by-la> ] ;
      sh:property [ sh:path <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ; sh:pattern "W06" ] .`;
    const input = [{ name: 'x', text: nt, format: 'application/n-triples' as const }];
    const small = await validateGraph(input, [custom]);
    const large = await validateGraph(input, [custom], { wholeGraphLimit: 0 });
    expect(small.violations.length).toBeGreaterThan(100);
    expect(large.violations.map((v) => `${v.rule} ${v.focus}`).sort()).toEqual(small.violations.map((v) => `${v.rule} ${v.focus}`).sort());
  });
});
