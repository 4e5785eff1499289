import { describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Term } from '@rdfjs/types';
import { loadMapping } from '../../../src/mapping/load.js';
import { compilePlan, type RowStats } from '../../../src/compile/plan.js';
import { ntriplesSerializer } from '../../../src/sinks/ntriples.js';
import { StringOut } from '../../../src/sinks/text-out.js';
import { DataFactory } from '../../../src/rdf/factory.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// The writers and the checks cache by term object (a predicate's bytes, its slot): a wide
// table's three observations a row must hand them one object per IRI, or every cache misses
// on two observations in three.
describe('the terms a compiled plan emits', () => {
  it('gives the measures of a wide row one object per predicate and per constant IRI', async () => {
    const { model } = await loadMapping(join(root, 'test/bench/matrix/wide.yaml'));
    const header = ['Period', 'Police Force Area', 'Sex', 'Age Range', 'Ethnicity', 'Court', 'Plea', 'Offence Type', 'Offence Group', 'Offence', 'Sentence Outcome', 'Sentenced', 'Custodial', 'Average Custodial Sentence Length'];
    const { plan, diagnostics } = compilePlan(model!, header, 'wide.csv');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const row = ['2017 Q4 (Oct-Dec)', 'Staffordshire', '02: Male', '02: 12-14', '01: White', '01: Crown Court', '01: Guilty plea', '01: Indictable only', '01: Violence against the person', '1 Assault of a vehicle', '01: Absolute discharge', '19', '520', '50.1'];
    const emitted: [Term, Term, Term][] = [];
    const stats: RowStats = { subjects: 0, triples: 0, markers: new Map(), omitted: new Map() };
    const result = plan!.materialize(row, (s, p, o) => void emitted.push([s, p, o]), stats);
    expect(result.failures).toEqual([]);
    expect(new Set(emitted.map(([s]) => s.value)).size).toBe(3);
    const byIri = new Map<string, Set<Term>>();
    for (const [, p, o] of emitted) {
      for (const t of [p, o]) if (t.termType === 'NamedNode') (byIri.get(t.value) ?? byIri.set(t.value, new Set()).get(t.value)!).add(t);
    }
    const shared = [...byIri].filter(([, objects]) => objects.size > 1).map(([iri]) => iri);
    expect(shared).toEqual([]);
    // The dimension predicates are there for all three observations: one object, three uses.
    const refArea = emitted.filter(([, p]) => p.value.endsWith('dimension#refArea'));
    expect(refArea).toHaveLength(3);
  });

  it('writes a predicate that is a copy of an earlier one with the same bytes', () => {
    const write = ntriplesSerializer();
    const out = new StringOut();
    const s = DataFactory.namedNode('https://example.org/s');
    const o = DataFactory.namedNode('https://example.org/o');
    write.triple(s, DataFactory.namedNode('https://example.org/p'), o, out);
    write.triple(s, DataFactory.namedNode('https://example.org/p'), o, out);
    write.triple(s, DataFactory.namedNode('https://example.org/q'), o, out);
    expect(out.value).toBe('<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n'.repeat(2) + '<https://example.org/s> <https://example.org/q> <https://example.org/o> .\n');
  });
});
