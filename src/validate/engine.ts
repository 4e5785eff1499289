import type { Quad, Term } from '@rdfjs/types';
import datasetFactory from '@rdfjs/dataset';
import { Store } from 'n3';
import Validator from 'shacl-engine/Validator.js';
import { targetResolvers, validations } from 'shacl-engine/sparql.js';
import { DataFactory } from '../rdf/factory.js';

const SH = 'http://www.w3.org/ns/shacl#';

/** shacl-engine builds its report with `factory.dataset()`: a data factory plus a dataset factory. */
const factory = Object.assign(Object.create(DataFactory) as typeof DataFactory, {
  dataset: (quads?: Quad[]) => datasetFactory.dataset(quads),
});

export interface EngineReport {
  readonly conforms: boolean;
  /** The sh:ValidationResult nodes of the report. */
  readonly results: readonly Term[];
  /** The report graph, for reading result properties and writing it out. */
  readonly store: Store;
}

/**
 * Validates a data graph against a shapes graph with shacl-engine, SPARQL-based constraints
 * and targets included (they are opt-in there). The engine was chosen by measurement
 * (README, "Validation"); this wrapper is the only place that knows it.
 */
export async function validateQuads(data: readonly Quad[], shapes: readonly Quad[], opts: { sparqlConstraints?: boolean } = {}): Promise<EngineReport> {
  return shaclEngine(shapes, opts)(data);
}

/** The shapes compiled once, to validate several data graphs (chunks of a large one). */
export function shaclEngine(shapes: readonly Quad[], opts: { sparqlConstraints?: boolean } = {}): (data: readonly Quad[]) => Promise<EngineReport> {
  const shapesDataset = datasetFactory.dataset([...shapes]);
  // SPARQL targets always; SPARQL constraints only when asked: justice-lod runs its own on Oxigraph.
  const validator = new Validator(shapesDataset, { factory, targetResolvers, ...(opts.sparqlConstraints === false ? {} : { validations }) });
  return async (data) => {
    const report = await validator.validate({ dataset: datasetFactory.dataset([...data]) });
    const store = new Store([...report.dataset]);
    const results = store.getObjects(null, `${SH}result`, null);
    return { conforms: report.conforms, results, store };
  };
}
