import oxigraph from 'oxigraph';

/**
 * The embedded triple store (Oxigraph, compiled to WebAssembly). Loading and querying only;
 * the `query` command and the remote store come with issue 6.
 */
export class EmbeddedStore {
  private readonly store = new oxigraph.Store();

  /** Loads Turtle or N-Triples text into the default graph. */
  load(text: string, format: 'text/turtle' | 'application/n-triples'): void {
    this.store.load(text, { format });
  }

  update(sparql: string): void {
    this.store.update(sparql);
  }

  /** Rows of a SELECT query, each variable's value as text. */
  select(sparql: string): Record<string, string>[] {
    const rows = this.store.query(sparql) as Map<string, { value: string }>[];
    return rows.map((row) => Object.fromEntries([...row].map(([k, v]) => [k, v.value])));
  }

  /** Triples of a CONSTRUCT query, as RDF/JS quads. */
  construct(sparql: string): import('@rdfjs/types').Quad[] {
    return this.store.query(sparql) as unknown as import('@rdfjs/types').Quad[];
  }

  get size(): number {
    return this.store.size;
  }
}
