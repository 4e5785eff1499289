import { readFile } from 'node:fs/promises';
import { regularFile } from '../csv/read.js';
import { readDump } from '../metadata/read-dump.js';
import { quadToNTriples } from '../rdf/term.js';
import { formatByPath } from '../sinks/registry.js';
import type { GraphInput } from './validate-graph.js';

/**
 * Reads any dump `convert` writes for `validate`: Turtle and N-Triples as they are; N-Quads,
 * TriG, JSON-LD and gzipped files through the dump reader, as N-Triples of their triples (the
 * graph name says where a dump is published, not what it holds). Undefined: not a dump format.
 */
export async function readGraphInput(file: string): Promise<GraphInput | undefined> {
  const format = formatByPath(file);
  if (!format) return undefined;
  await regularFile(file);
  const name = format.format.name;
  if (!format.gzip && (name === 'ttl' || name === 'nt')) {
    return { name: file, text: await readFile(file, 'utf8'), format: name === 'ttl' ? 'text/turtle' : 'application/n-triples' };
  }
  const lines: string[] = [];
  await readDump(file, format.format, format.gzip, (q) => lines.push(quadToNTriples(q)));
  return { name: file, text: lines.join(''), format: 'application/n-triples' };
}
