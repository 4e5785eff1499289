import factory from '@rdfjs/data-model';
import type { DataFactory as RdfJsFactory } from '@rdfjs/types';

/** The one RDF/JS data factory used across the code base. */
export const DataFactory: RdfJsFactory = factory as unknown as RdfJsFactory;
