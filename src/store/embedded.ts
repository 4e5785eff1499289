import { closeSync, createReadStream, createWriteStream, openSync, readSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import oxigraph from 'oxigraph';
import type { OutputFormat } from '../sinks/registry.js';
import { onInterrupt } from '../sinks/interrupt.js';

/** Bytes handed to the store at a time: the file is never one string in memory. */
const CHUNK = 8 << 20;

/**
 * The embedded triple store (Oxigraph, compiled to WebAssembly): no server needed. Its
 * memory ceiling is the WebAssembly 4 GiB, about 14M triples (see `query`'s size check).
 */
export class EmbeddedStore {
  private readonly store = new oxigraph.Store();

  /** Loads Turtle or N-Triples text into the default graph. */
  load(text: string, format: 'text/turtle' | 'application/n-triples'): void {
    this.store.load(text, { format });
  }

  /**
   * Loads a dump file of any format the tool writes, gzip included, in chunks. Triple formats
   * go into `graph`; N-Quads and TriG keep their own graphs.
   */
  async loadFile(path: string, format: OutputFormat, graph?: string): Promise<void> {
    let file = path;
    let tmp: string | undefined;
    let forget = (): void => undefined;
    if (format.gzip) {
      tmp = await mkdtemp(join(tmpdir(), 'justice-lod-'));
      const made = tmp;
      forget = onInterrupt(() => rmSync(made, { recursive: true, force: true }));
      file = join(tmp, 'dump');
      await pipeline(createReadStream(path), createGunzip(), createWriteStream(file));
    }
    try {
      this.store.load(chunks(file), {
        format: format.format.mediaType,
        no_transaction: true,
        ...(graph && !format.format.quads ? { to_graph_name: oxigraph.namedNode(graph) } : {}),
      });
    } finally {
      if (tmp) await rm(tmp, { recursive: true, force: true });
      forget();
    }
  }

  /** Loads N-Triples text into a named graph. */
  loadInto(ntriples: string, graph: string): void {
    this.store.load(ntriples, { format: 'application/n-triples', to_graph_name: oxigraph.namedNode(graph) });
  }

  update(sparql: string): void {
    this.store.update(sparql);
  }

  /** Rows of a SELECT query, each variable's value as text; `union`: the default graph is the union of all graphs. */
  select(sparql: string, opts: { union?: boolean } = {}): Record<string, string>[] {
    const rows = this.store.query(sparql, opts.union ? { use_default_graph_as_union: true } : undefined) as Map<string, { value: string }>[];
    return rows.map((row) => Object.fromEntries([...row].map(([k, v]) => [k, v.value])));
  }

  /** The answer of an ASK query over the union of all graphs. */
  ask(sparql: string): boolean {
    return this.store.query(sparql, { use_default_graph_as_union: true }) as boolean;
  }

  /** Triples of a CONSTRUCT query, as RDF/JS quads. */
  construct(sparql: string): import('@rdfjs/types').Quad[] {
    return this.store.query(sparql) as unknown as import('@rdfjs/types').Quad[];
  }

  /**
   * Any query form, its results serialised by the store in a W3C results format (SPARQL JSON,
   * CSV, TSV) or, for CONSTRUCT and DESCRIBE, an RDF format. The default graph is the union of
   * all graphs, so queries need no GRAPH clause.
   */
  serialize(sparql: string, resultsFormat: string): string {
    return this.store.query(sparql, { results_format: resultsFormat, use_default_graph_as_union: true }) as string;
  }

  get size(): number {
    return this.store.size;
  }
}

function* chunks(path: string): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) yield Uint8Array.prototype.slice.call(buffer, 0, n);
  } finally {
    closeSync(fd);
  }
}
