import { describe, expect, it } from 'vitest';
import { DataFactory } from '../../../src/rdf/factory.js';
import { FactsCollector } from '../../../src/metadata/facts.js';

const { namedNode, blankNode, literal } = DataFactory;

describe('FactsCollector', () => {
  it('keeps what the five-star check needs when every row names a file: IRI of its own (a CSVW table streamed in standard mode)', () => {
    const facts = new FactsCollector('https://data.justice.gov.uk/data/t/');
    const url = namedNode('http://www.w3.org/ns/csvw#url');
    const describes = namedNode('http://www.w3.org/ns/csvw#describes');
    const own = namedNode('https://data.justice.gov.uk/def/code/x');
    // 250,000 distinct non-http objects: past the 200,000 the set holds, which used to drop the
    // whole content and send the five-star check back to read the dump.
    for (let i = 1; i <= 250_000; i++) {
      const row = blankNode(`row${i}`);
      facts.add(row, url, namedNode(`file:///tmp/t.csv#row=${i + 1}`));
      facts.add(row, describes, blankNode(`r${i}`));
    }
    facts.add(namedNode('https://data.justice.gov.uk/data/t/1'), namedNode('http://example.org/p'), own);
    facts.add(namedNode('https://data.justice.gov.uk/data/t/1'), namedNode('http://example.org/q'), literal('1'));
    const content = facts.facts().content!;
    expect(content).toBeDefined();
    expect([...content.objects]).toEqual([own.value]);
    expect(content.blankTriples).toBe(500_000);
  });
});
