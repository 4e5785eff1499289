import jsonld from 'jsonld';
import { expect } from 'vitest';

type Node = Record<string, unknown>;

/** Node objects sorted by @id, with multi-valued properties in a stable order. */
function normalise(doc: Node): Node[] {
  const nodes = (Array.isArray(doc['@graph']) ? doc['@graph'] : [doc]) as Node[];
  return nodes
    .map((n) => Object.fromEntries(Object.entries(n).filter(([k]) => k !== '@context').map(([k, v]) => [k, Array.isArray(v) ? [...v].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : v])))
    .sort((a, b) => String(a['@id']).localeCompare(String(b['@id'])));
}

/**
 * Our streamed JSON-LD equals what jsonld.js produces by fromRDF + compact with the same
 * context: the same node objects with the same keys and compacted values.
 */
export async function compactionMatches(ours: string, ntriples: string): Promise<void> {
  const doc = JSON.parse(ours) as Node;
  const expanded = await jsonld.fromRDF(ntriples, { format: 'application/n-quads' });
  const compacted = (await jsonld.compact(expanded, doc['@context'] as jsonld.ContextDefinition, { base: null } as unknown as jsonld.Options.Compact)) as Node;
  expect(normalise(doc)).toEqual(normalise(compacted));
}
