import { JUSTICE } from './ns.js';

/**
 * The named graphs of a release, spelled once: the N-Quads and TriG dumps write them, and
 * `query` and `publish` load into them.
 */
export const datasetGraph = (base: string, id: string): string => `${base}graph/${id}`;
/** The graph of the catalogue (metadata.ttl), next to the catalogue's IRI. */
export const catalogGraph = (catalog: string): string => `${catalog}/graph`;
/** The vocabulary and code lists live in the graph named by the vocabulary's IRI. */
export const VOCABULARY_GRAPH = JUSTICE.vocabulary;
