/**
 * The embedded store's thread for `serve`: loads the release once, then answers queries one
 * at a time. Oxigraph runs a query to its end without yielding, so the only way to stop one
 * that takes too long is to end this thread (embedded-source.ts does, and starts another).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDumps } from '../query/run-query.js';
import { catalogGraph } from '../rdf/graphs.js';
import { previousVersionTriples } from './previous-versions.js';

interface Setup {
  readonly dir: string;
  /** Previous releases on this machine, whose catalogue and dataset versions the history links to. */
  readonly previous: readonly { readonly dir: string; readonly catalog: string }[];
}

const port = parentPort!;
const { dir, previous } = workerData as Setup;
const loaded = await loadDumps([dir], '');
if ('diagnostics' in loaded) {
  port.postMessage({ error: loaded.diagnostics.map((d) => d.message).join('; ') });
} else {
  const { store } = loaded;
  for (const p of previous) store.loadInto(previousVersionTriples(p.dir, p.catalog), catalogGraph(p.catalog));
  port.postMessage({ ready: true, triples: store.size });
  port.on('message', (m: { id: number; sparql?: string; format?: string; describe?: string }) => {
    try {
      const sparql = m.describe !== undefined ? `DESCRIBE <${m.describe}>` : m.sparql!;
      const format = m.describe !== undefined ? 'application/n-triples' : m.format!;
      port.postMessage({ id: m.id, text: store.serialize(sparql, format) });
    } catch (err) {
      port.postMessage({ id: m.id, error: (err as Error).message });
    }
  });
}
