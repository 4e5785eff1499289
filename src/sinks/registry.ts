import { extname } from 'node:path';
import { ntriplesSerializer } from './ntriples.js';
import type { Serializer } from './serializer.js';
import { turtleSerializer } from './turtle.js';

export interface FormatInfo {
  readonly name: string;
  readonly mediaType: string;
  readonly extension: string;
  readonly create: (prefixes: ReadonlyMap<string, string>) => Serializer;
}

/** The one registry of output formats: name → media type, file extension, serializer factory. */
export const FORMATS: readonly FormatInfo[] = [
  { name: 'nt', mediaType: 'application/n-triples', extension: '.nt', create: () => ntriplesSerializer() },
  { name: 'ttl', mediaType: 'text/turtle', extension: '.ttl', create: (p) => turtleSerializer(p) },
];

const ALIASES: Readonly<Record<string, string>> = { ntriples: 'nt', 'n-triples': 'nt', turtle: 'ttl' };

export function formatByName(name: string): FormatInfo | undefined {
  const n = name.trim().toLowerCase();
  return FORMATS.find((f) => f.name === (ALIASES[n] ?? n));
}

export function formatByPath(path: string): FormatInfo | undefined {
  const ext = extname(path).toLowerCase();
  return FORMATS.find((f) => f.extension === ext);
}
