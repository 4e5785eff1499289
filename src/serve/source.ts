/**
 * Where `serve` reads the release from: the embedded store (a worker thread per role, so a
 * slow query never blocks a page) or a SPARQL endpoint that `publish` filled. Pages and the
 * endpoint ask only SPARQL, so both behave the same.
 */
export interface DataSource {
  /** A query's results serialised in `format` (a SPARQL results or RDF media type). */
  run(sparql: string, format: string, timeoutMs: number): Promise<string>;
  /** The concise bounded description of an IRI, as N-Triples. */
  describe(iri: string): Promise<string>;
  close(): Promise<void>;
}

/** A query the source refused or could not finish: `status` is the HTTP status to answer with. */
export class QueryFailed extends Error {
  constructor(message: string, readonly status: 400 | 413 | 502 | 503 | 504) {
    super(message);
  }
}

/** Rows of a SPARQL JSON result: each variable's term. */
export interface Binding {
  readonly type: 'uri' | 'literal' | 'bnode' | 'triple';
  readonly value: string;
  readonly datatype?: string;
  readonly 'xml:lang'?: string;
}
export type Row = Readonly<Record<string, Binding>>;

export async function select(source: DataSource, sparql: string, timeoutMs = 30_000): Promise<Row[]> {
  const text = await source.run(sparql, 'application/sparql-results+json', timeoutMs);
  return (JSON.parse(text) as { results: { bindings: Row[] } }).results.bindings;
}

/** An IRI written in a query, safe because IRIs from a request are checked before they get here. */
export function iriRef(iri: string): string {
  if (/[\u0000-\u0020<>"{}|^`\\]/.test(iri)) throw new QueryFailed(`not an IRI: ${iri.slice(0, 80)}`, 400);
  return `<${iri}>`;
}

export async function ask(source: DataSource, sparql: string, timeoutMs = 30_000): Promise<boolean> {
  return (JSON.parse(await source.run(sparql, 'application/sparql-results+json', timeoutMs)) as { boolean: boolean }).boolean;
}
