import type { Quad, Term } from '@rdfjs/types';
import datasetFactory from '@rdfjs/dataset';
import { Store } from 'n3';
import Validator from 'shacl-engine/Validator.js';
import { DataFactory } from '../rdf/factory.js';
import { QB } from '../rdf/ns.js';
import { DATASET_TARGET } from './compiled-shapes.js';

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
  return (await shaclEngine(shapes, opts))(data);
}

/** The shapes compiled once, to validate several data graphs (chunks of a large one). */
export async function shaclEngine(shapes: readonly Quad[], opts: { sparqlConstraints?: boolean } = {}): Promise<(data: readonly Quad[]) => Promise<EngineReport>> {
  const shapesDataset = datasetFactory.dataset([...shapes]);
  // SPARQL constraints only when asked: justice-lod runs its own on Oxigraph. The engine's
  // SPARQL support loads Comunica (about 0.6 s), so it is imported only when a shape needs it.
  const sparql = opts.sparqlConstraints === false ? undefined : await sparqlSupport(shapes);
  const targetResolvers = new Map([[DataFactory.namedNode(`${SH}target`), resolveTarget]]);
  const validator = new Validator(shapesDataset, { factory, targetResolvers, ...(sparql ? { validations: sparql.validations } : {}) });
  return async (data) => {
    const report = await validator.validate({ dataset: datasetFactory.dataset([...data]) });
    const store = new Store([...report.dataset]);
    const results = store.getObjects(null, `${SH}result`, null);
    return { conforms: report.conforms, results, store };
  };
}

type SparqlModule = typeof import('shacl-engine/sparql.js');

/** The engine's SPARQL module, when some constraint of the shapes is SPARQL-based. */
async function sparqlSupport(shapes: readonly Quad[]): Promise<SparqlModule | undefined> {
  return shapes.some((q) => q.predicate.value === `${SH}sparql`) ? import('shacl-engine/sparql.js') : undefined;
}

interface TargetPointer {
  out(path: readonly Term[]): { value: string | undefined };
}
interface TargetContext {
  readonly focusNode: { readonly dataset: { match(s: Term | null, p: Term | null, o: Term | null): Iterable<Quad> } };
}

/**
 * sh:target with a SPARQL SELECT: the dataset target of generated shapes is a plain match
 * (no SPARQL engine needed); any other query goes to the engine's own resolver.
 */
async function resolveTarget(target: TargetPointer, context: TargetContext): Promise<Term[]> {
  const query = target.out([DataFactory.namedNode(`${SH}select`)]).value;
  if (!query) return [];
  const ds = DATASET_TARGET.exec(query)?.[1];
  if (ds === undefined) {
    const { targetResolvers } = await import('shacl-engine/sparql.js');
    return (await [...targetResolvers.values()][0]!(target, context)) as Term[];
  }
  const focus = new Map<string, Term>();
  for (const q of context.focusNode.dataset.match(null, DataFactory.namedNode(QB.dataSet), DataFactory.namedNode(ds))) focus.set(`${q.subject.termType}\u0001${q.subject.value}`, q.subject);
  return [...focus.values()];
}
