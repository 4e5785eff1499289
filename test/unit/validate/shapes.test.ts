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
      // Shapes with targets only gather the rule shapes; every rule shape names its rule.
      const containers = /#(observation|scheme|concept|catalog|dataset|distribution|checksum|activity|void)$/;
      expect([...named].filter((s) => !containers.test(s) && !identified.has(s)), f).toEqual([]);
    }
  });
});

describe('code-list shapes', () => {
  it('catch a concept with two English labels, no notation, a duplicate notation and a broader outside its scheme', async () => {
    const { validateGraph } = await import('../../../src/validate/validate-graph.js');
    const { CODE_LIST_SHAPES } = await import('../../../src/validate/code-list-shapes.js');
    const broken = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <http://example.org/> .
      ex:s a skos:ConceptScheme ; rdfs:label "S" ; skos:hasTopConcept ex:a .
      ex:a a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "A"@en, "Aa"@en ; skos:notation "1" .
      ex:b a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "B"@en .
      ex:c a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "C"@en ; skos:notation "1" ; skos:broader ex:elsewhere .
      ex:t a skos:ConceptScheme .`;
    const { violations } = await validateGraph([{ name: 'x', text: broken, format: 'text/turtle' }], [CODE_LIST_SHAPES]);
    const found = violations.filter((v) => v.rule.startsWith('codelist:')).map((v) => `${v.rule} ${v.focus.replace('http://example.org/', '')}`).sort();
    expect(found).toEqual([
      'codelist:broader-in-scheme c',
      'codelist:notation-unique a',
      'codelist:notation-unique c',
      'codelist:one-english-label a',
      'codelist:one-notation b',
      'codelist:scheme-label t',
      'codelist:scheme-top-concept t',
    ]);
  });

  // Runs check only the code lists of their own data (the vocabulary's schema is context);
  // the shipped code lists are checked here, once, as an input of their own.
  it('pass on every code list the vocabulary ships, with every concept a focus node', async () => {
    const { validateGraph } = await import('../../../src/validate/validate-graph.js');
    const { CODE_LIST_SHAPES } = await import('../../../src/validate/code-list-shapes.js');
    const { vocabularyTexts } = await import('../../../src/validate/vocab-graph.js');
    const inputs = vocabularyTexts().map((text, i) => ({ name: `vocab ${i}`, text, format: 'text/turtle' as const }));
    const { violations, ran } = await validateGraph(inputs, [CODE_LIST_SHAPES]);
    expect(violations).toEqual([]);
    const { Parser } = await import('n3');
    const typed = new Set(vocabularyTexts().flatMap((t) => new Parser().parse(t))
      .filter((q) => q.predicate.value.endsWith('#type') && /skos\/core#Concept(Scheme)?$/.test(q.object.value)).map((q) => q.subject.value));
    expect(typed.size).toBeGreaterThan(150);
    expect(ran.shapes[0]!.focusNodes).toBe(typed.size);
  });
});
