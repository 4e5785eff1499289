import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { Parser, Writer } from 'n3';

export type ParseFormat = 'N-Triples' | 'Turtle' | 'N-Quads' | 'TriG';

/**
 * Canonical N-Triples (or N-Quads) lines of a graph, parsed by N3.js (an independent parser,
 * not our writer) and sorted: two graphs without blank nodes are isomorphic iff these are equal.
 */
export function canonical(text: string, format: ParseFormat = 'N-Triples'): string[] {
  const quads = new Parser({ format }).parse(text);
  const writer = new Writer({ format: 'N-Quads' });
  return quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object, q.graph).trimEnd()).sort();
}

/** A dump's text, gunzipped when its name ends in .gz. */
export function readDump(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Sorted N-Quads lines of a JSON-LD document, read by jsonld.js. */
export async function jsonldCanonical(text: string): Promise<string[]> {
  const nquads = (await jsonld.toRDF(JSON.parse(text) as object, { format: 'application/n-quads' })) as unknown as string;
  return nquads.split('\n').filter((l) => l !== '').sort();
}

/** Drops the graph name from N-Quads lines (and checks that it is the one expected). */
export function dropGraph(lines: readonly string[], graph: string): string[] {
  const tail = ` <${graph}> .`;
  return lines.map((l) => {
    if (!l.endsWith(tail)) throw new Error(`quad outside graph <${graph}>: ${l}`);
    return `${l.slice(0, -tail.length)} .`;
  });
}

/** Whether Debian's serdi is installed (CI installs it; a developer may not have it). */
export const hasSerdi = (): boolean => spawnSync('serdi', ['-v']).status !== null;

/** Parses a file with serdi (C, from the Serd library) and returns sorted N-Triples/N-Quads lines. */
export function serdiCanonical(file: string, syntax: 'turtle' | 'ntriples' | 'nquads' | 'trig'): string[] {
  const out = execFileSync('serdi', ['-q', '-i', syntax, '-o', syntax === 'nquads' || syntax === 'trig' ? 'nquads' : 'ntriples', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l.trim() !== '').sort();
}
