import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { SCHEMES, schemeIri } from '../../../src/codelists/registry.js';
import { vocabFiles } from '../../../src/codelists/vocab-files.js';
import { JUSTICE, NS, QB, SKOS } from '../../../src/rdf/ns.js';
import { hasSerdi, serdiCanonical } from '../../support/graph.js';
import { vocabDir, vocabFileNames, vocabStore } from '../../support/vocab.js';

/** Written by hand: the ontology, and local copies of reused external terms. */
const HAND_WRITTEN = ['justice.ttl', 'external.ttl'];
const store = vocabStore();
const RDF_TYPE = `${NS.rdf}type`;
const objects = (s: string, p: string) => store.getObjects(s, p, null);

describe('vocab/', () => {
  it('holds exactly the generated code lists (run `npm run vocab` after editing src/codelists)', () => {
    const generated = vocabFiles();
    expect([...vocabFileNames().filter((f) => !HAND_WRITTEN.includes(f)), 'context.jsonld'].sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect(readFileSync(join(vocabDir, name), 'utf8'), name).toBe(text);
  });

  it.each(vocabFileNames())('%s parses with N3.js and, where installed, serdi', (name) => {
    const text = readFileSync(join(vocabDir, name), 'utf8');
    const quads = new Parser({ format: 'Turtle' }).parse(text);
    expect(quads.length).toBeGreaterThan(10);
    if (hasSerdi()) expect(serdiCanonical(join(vocabDir, name), 'turtle')).toHaveLength(quads.length);
  });

  it.each([...SCHEMES.values()].map((s) => [s.id, s] as const))('scheme %s: one notation and one English prefLabel per concept, unique notations, broader within the scheme', (_id, scheme) => {
    const iri = schemeIri(scheme);
    expect(objects(iri, RDF_TYPE).map((o) => o.value)).toContain(SKOS.ConceptScheme);
    expect(objects(iri, SKOS.hasTopConcept).length).toBeGreaterThanOrEqual(1);
    const concepts = store.getSubjects(SKOS.inScheme, iri, null);
    expect(concepts).toHaveLength(scheme.concepts.length);
    const notations = new Set<string>();
    for (const c of concepts) {
      const ns = objects(c.value, SKOS.notation);
      expect(ns, c.value).toHaveLength(1);
      notations.add(ns[0]!.value);
      const labels = objects(c.value, SKOS.prefLabel).filter((l) => l.termType === 'Literal' && l.language === 'en');
      expect(labels, c.value).toHaveLength(1);
      for (const b of objects(c.value, SKOS.broader)) expect(objects(b.value, SKOS.inScheme).map((x) => x.value)).toContain(iri);
      const top = objects(c.value, SKOS.topConceptOf).length;
      expect(top + objects(c.value, SKOS.broader).length, `${c.value} is a top concept or has a broader one`).toBeGreaterThan(0);
    }
    expect(notations.size).toBe(concepts.length);
  });

  it('defines every term of ours that src/rdf/ns.ts spells', () => {
    for (const iri of Object.values(JUSTICE)) expect(store.getQuads(iri, null, null, null).length, iri).toBeGreaterThan(0);
  });

  it('gives every coded property of the vocabulary a shipped code list that exists', () => {
    const coded = store.getSubjects(RDF_TYPE, QB.CodedProperty, null);
    expect(coded.length).toBeGreaterThan(10);
    for (const p of coded) {
      const [list] = objects(p.value, QB.codeList);
      expect(list, p.value).toBeDefined();
      expect(objects(list!.value, RDF_TYPE).map((o) => o.value)).toContain(SKOS.ConceptScheme);
    }
  });

  it('links offences to legislation.gov.uk', () => {
    const theft = `${NS.code}offence/theft-from-shops`;
    expect(objects(theft, `${NS.dcterms}source`).map((o) => o.value)).toEqual(['http://www.legislation.gov.uk/id/ukpga/1968/60/section/1']);
  });

  it('lists all 43 police force areas with their GSS codes and name variants', () => {
    const pfa = store.getSubjects(SKOS.inScheme, `${NS.code}police-force-area`, null).filter((s) => /\/(E23|W15)\d{6}$/.test(s.value));
    expect(pfa).toHaveLength(43);
    expect(objects(`${NS.geo}E23000034`, SKOS.altLabel).map((o) => o.value)).toContain('London, City of');
  });
});
