import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Quad } from '@rdfjs/types';
import type { FormatInfo } from '../sinks/registry.js';
import { DataFactory } from '../rdf/factory.js';
import { readNTriplesThreaded } from '../rdf/ntriples-reader.js';

const N3_FORMATS: Readonly<Record<string, string>> = { nt: 'N-Triples', ttl: 'Turtle', nq: 'N-Quads', trig: 'TriG' };

/**
 * Streams the quads of a dump through `onQuad`, parsed by the N-Triples line reader, N3.js or
 * jsonld.js (for JSON-LD, which cannot stream), gunzipping `.gz` files on the way. Rejects on the first syntax error.
 */
export async function readDump(path: string, format: FormatInfo, gzip: boolean, onQuad: (q: Quad) => void, onBytes?: (bytesRead: number) => void): Promise<void> {
  if (format.name === 'jsonld') {
    // Loaded on use: jsonld.js is large, and most dumps are read by N3.js.
    const { default: jsonld } = await import('jsonld');
    const bytes = await readFile(path);
    const doc = JSON.parse((gzip ? gunzipSync(bytes) : bytes).toString('utf8')) as object;
    for (const q of (await jsonld.toRDF(doc)) as unknown as Quad[]) onQuad(q);
    return;
  }
  // N-Triples, the form most dumps are in, by the line reader: several times faster than N3.js
  // (on threads of its own for a large dump, beside what the caller does with each triple).
  if (format.name === 'nt') return readNTriplesThreaded(path, gzip, (s, p, o) => onQuad(DataFactory.quad(s, p, o as Quad['object'])), onBytes);
  const input = createReadStream(path);
  if (onBytes) input.on('data', () => onBytes(input.bytesRead));
  const text = gzip ? input.pipe(createGunzip()) : input;
  input.on('error', (err) => text.destroy(err));
  // Loaded on use: n3's index brings its Store and streams, which most runs never need.
  const { StreamParser } = await import('n3');
  const parser = new StreamParser({ format: N3_FORMATS[format.name] ?? 'N-Triples' });
  await new Promise<void>((resolve, reject) => {
    text.on('error', reject);
    parser.on('data', onQuad);
    parser.on('error', reject);
    parser.on('end', resolve);
    text.pipe(parser);
  });
}
