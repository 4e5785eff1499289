import { execFileSync, spawnSync } from 'node:child_process';
import { Parser, Writer } from 'n3';

/**
 * Canonical N-Triples lines of a graph, parsed by N3.js (an independent parser, not our
 * writer) and sorted: two graphs without blank nodes are isomorphic iff these are equal.
 */
export function canonical(text: string, format: 'N-Triples' | 'Turtle' = 'N-Triples'): string[] {
  const quads = new Parser({ format }).parse(text);
  const writer = new Writer({ format: 'N-Triples' });
  return quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object)).sort();
}

/** Whether Debian's serdi is installed (CI installs it; a developer may not have it). */
export const hasSerdi = (): boolean => spawnSync('serdi', ['-v']).status !== null;

/** Parses a file with serdi (C, from the Serd library) and returns sorted N-Triples lines. */
export function serdiCanonical(file: string, syntax: 'turtle' | 'ntriples'): string[] {
  const out = execFileSync('serdi', ['-q', '-i', syntax, '-o', 'ntriples', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l.trim() !== '').sort();
}
