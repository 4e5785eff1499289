import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { jsonldSerializer } from '../../../src/sinks/jsonld.js';
import { StringOut } from '../../../src/sinks/text-out.js';
import { compactionMatches } from '../../support/jsonld.js';

const { namedNode, literal, blankNode } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** Serialises triples (grouped by subject, as the converter emits them) and their N-Triples. */
function write(prefixes: Record<string, string>, triples: [string, string, ReturnType<typeof namedNode> | ReturnType<typeof literal>][]) {
  const s = jsonldSerializer(new Map(Object.entries(prefixes)));
  const out = new StringOut();
  out.text(s.begin());
  for (const [subj, p, o] of triples) s.triple(subj.startsWith('_:') ? blankNode(subj.slice(2)) : namedNode(subj), namedNode(p), o, out);
  out.text(s.end());
  const nt = triples.map(([subj, p, o]) => `${subj.startsWith('_:') ? subj : `<${subj}>`} <${p}> ${o.termType === 'NamedNode' ? `<${o.value}>` : JSON.stringify(o.value) + (o.language ? `@${o.language}` : `^^<${o.datatype.value}>`)} .`).join('\n');
  return { text: out.value, doc: JSON.parse(out.value) as { '@graph': Record<string, unknown>[] }, nt };
}

describe('JSON-LD compaction', () => {
  it('picks the shortest compact IRI, then the least, among prefixes of one namespace head', async () => {
    // Same namespace under `b` and `a`: equal lengths, `a:` wins; `longer` covers more of the IRI.
    const prefixes = { b: 'https://ex.org/x/', a: 'https://ex.org/x/', longer: 'https://ex.org/x/y/', z: 'https://ex.org/' };
    const { doc, text, nt } = write(prefixes, [
      ['https://ex.org/x/y/obs1', 'https://ex.org/x/p', namedNode('https://ex.org/x/y/code')],
      ['https://ex.org/x/y/obs1', 'https://ex.org/x/p', namedNode('https://ex.org/x/other')],
      ['https://ex.org/x/y/obs1', 'https://ex.org/x/p', namedNode('https://ex.org/x/y/code')],
      ['https://ex.org/x/obs2', 'https://ex.org/q', literal('5', namedNode(`${XSD}integer`))],
      ['_:row1', 'https://ex.org/q', literal('text', 'en')],
    ]);
    const [obs1, obs2, row] = doc['@graph'];
    expect(obs1!['@id']).toBe('a:y/obs1');
    // A repeated triple is written once; two values make an array.
    expect(obs1!['a:p']).toEqual([{ '@id': 'a:y/code' }, { '@id': 'a:other' }]);
    expect(obs2).toEqual({ '@id': 'a:obs2', 'z:q': { '@value': '5', '@type': 'xsd:integer' } });
    expect(row).toEqual({ '@id': '_:row1', 'z:q': { '@value': 'text', '@language': 'en' } });
    await compactionMatches(text, nt);
  });

  it('writes coerced properties as plain values and rdf:type as @type, as jsonld.js does', async () => {
    const J = 'https://w3id.org/justice-lod/def/justice#';
    const { doc, text, nt } = write({}, [
      ['https://data.justice.gov.uk/data/d/obs/1', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', namedNode('http://purl.org/linked-data/cube#Observation')],
      ['https://data.justice.gov.uk/data/d/obs/1', 'http://purl.org/linked-data/cube#dataSet', namedNode('https://data.justice.gov.uk/data/d')],
      ['https://data.justice.gov.uk/data/d/obs/1', `${J}disposal`, namedNode('https://w3id.org/justice-lod/def/disposal/fine')],
      ['https://data.justice.gov.uk/data/d/obs/1', 'https://data.justice.gov.uk/data/d/dimension/age', namedNode('https://data.justice.gov.uk/data/d/codes/age/10-17')],
    ]);
    const [obs] = doc['@graph'];
    expect(obs!['@type']).toBe('qb:Observation');
    expect(typeof obs!['qb:dataSet']).toBe('string');
    expect(typeof obs!['justice:disposal']).toBe('string');
    await compactionMatches(text, nt);
  });
});
