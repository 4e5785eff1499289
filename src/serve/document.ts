import jsonld from 'jsonld';
import { Writer } from 'n3';
import { NS } from '../rdf/ns.js';
import type { MediaType } from './negotiate.js';
import { ask, iriRef, type DataSource } from './source.js';
import { KNOWN_PREFIXES, parseNTriples } from './terms.js';

/**
 * The RDF of a document: the concise bounded description of the resource (its triples, and
 * those of the blank nodes it reaches). A vocabulary with hash IRIs (an owl:Ontology) is one
 * document for all its terms, so its description also holds every `iri#term`'s.
 */
export async function describe(source: DataSource, iri: string): Promise<string> {
  const own = await source.describe(iri);
  if (own.trim() === '') return '';
  if (!(await ask(source, `ASK { ${iriRef(iri)} a <${NS.owl}Ontology> }`))) return sortLines(own);
  const terms = await source.run(
    `CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), ${JSON.stringify(`${iri}#`)})) }`,
    'application/n-triples', 30_000,
  );
  return sortLines(`${own}\n${terms}`);
}

/** N-Triples lines sorted and without repeats: the same description reads the same on every request. */
function sortLines(text: string): string {
  const lines = [...new Set(text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')))].sort();
  return lines.length ? `${lines.join('\n')}\n` : '';
}


/** A description (N-Triples) in the representation asked for. */
export async function serialize(ntriples: string, type: Exclude<MediaType, 'text/html'>): Promise<string> {
  if (type === 'application/n-triples' || type === 'application/n-quads') return ntriples;
  const quads = parseNTriples(ntriples);
  if (type === 'text/turtle') {
    const used = usedPrefixes(ntriples);
    const writer = new Writer({ prefixes: used });
    writer.addQuads(quads);
    return new Promise((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
  }
  const expanded = await jsonld.fromRDF(ntriples, { format: 'application/n-quads' });
  const compacted = await jsonld.compact(expanded, { '@context': usedPrefixes(ntriples) } as never);
  return `${JSON.stringify(compacted, null, 2)}\n`;
}

function usedPrefixes(text: string): Record<string, string> {
  return Object.fromEntries([...KNOWN_PREFIXES].filter(([, ns]) => text.includes(`<${ns}`)));
}
