// shacl-engine and @rdfjs/dataset ship no type declarations; these cover what we use.
declare module 'shacl-engine/Validator.js' {
  import type { DataFactory, DatasetCore, Term } from '@rdfjs/types';
  export default class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory & { dataset(quads?: import('@rdfjs/types').Quad[]): DatasetCore }; targetResolvers?: unknown; validations?: unknown; details?: boolean });
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: { terms?: Iterable<Term> }): Promise<{ conforms: boolean; dataset: DatasetCore & Iterable<import('@rdfjs/types').Quad> }>;
  }
}
declare module 'shacl-engine/sparql.js' {
  export const targetResolvers: ReadonlyMap<unknown, (target: unknown, context: unknown) => Promise<unknown[]>>;
  export const validations: unknown;
}
declare module '@rdfjs/dataset' {
  import type { DatasetCore, Quad } from '@rdfjs/types';
  const factory: { dataset(quads?: Quad[]): DatasetCore & Iterable<Quad> };
  export default factory;
}
