import { FORMAT_NAMES, OUTPUT_NAMES, type FormatName } from './format-names.js';
import { jsonldSerializer } from './jsonld.js';
import { nquadsSerializer } from './nquads.js';
import { ntriplesSerializer } from './ntriples.js';
import type { Serializer, SerializerOptions } from './serializer.js';
import { trigSerializer } from './trig.js';
import { turtleSerializer } from './turtle.js';

export interface FormatInfo {
  readonly name: string;
  readonly label: string;
  /** IANA media type, also the DCAT `dcat:mediaType` of a distribution. */
  readonly mediaType: string;
  readonly extension: string;
  /** EU file-type authority code (DCAT-AP `dcterms:format`). */
  readonly euFileType: string;
  /** True when the format names the dataset's graph (N-Quads, TriG). */
  readonly quads: boolean;
  readonly create: (opts: SerializerOptions) => Serializer;
}

/** What each format is, by name; the order of FORMAT_NAMES is the order of preference. */
const INFO: Readonly<Record<FormatName, Omit<FormatInfo, 'name'>>> = {
  nt: { label: 'N-Triples', mediaType: 'application/n-triples', extension: '.nt', euFileType: 'RDF_N_TRIPLES', quads: false, create: () => ntriplesSerializer() },
  ttl: { label: 'Turtle', mediaType: 'text/turtle', extension: '.ttl', euFileType: 'RDF_TURTLE', quads: false, create: (o) => turtleSerializer(o.prefixes) },
  nq: { label: 'N-Quads', mediaType: 'application/n-quads', extension: '.nq', euFileType: 'RDF_N_QUADS', quads: true, create: (o) => nquadsSerializer(o.graph) },
  trig: { label: 'TriG', mediaType: 'application/trig', extension: '.trig', euFileType: 'RDF_TRIG', quads: true, create: (o) => trigSerializer(o.prefixes, o.graph) },
  jsonld: { label: 'JSON-LD', mediaType: 'application/ld+json', extension: '.jsonld', euFileType: 'JSON_LD', quads: false, create: (o) => jsonldSerializer(o.prefixes) },
};

/** The one registry of RDF formats: name → media type, file extension, serializer factory. */
export const FORMATS: readonly FormatInfo[] = FORMAT_NAMES.map((name) => ({ name, ...INFO[name] }));

/** A format as written: plain, or gzip-compressed (`nt.gz`, `.nt.gz`). */
export interface OutputFormat {
  readonly name: string;
  readonly extension: string;
  readonly format: FormatInfo;
  readonly gzip: boolean;
}

const ALIASES: Readonly<Record<string, string>> = {
  ntriples: 'nt', 'n-triples': 'nt', turtle: 'ttl', nquads: 'nq', 'n-quads': 'nq', 'json-ld': 'jsonld', json: 'jsonld',
};

const output = (format: FormatInfo, gzip: boolean): OutputFormat => ({
  name: `${format.name}${gzip ? '.gz' : ''}`,
  extension: `${format.extension}${gzip ? '.gz' : ''}`,
  format,
  gzip,
});

export { OUTPUT_NAMES };

export function formatByName(name: string): OutputFormat | undefined {
  let n = name.trim().toLowerCase();
  const gzip = n.endsWith('.gz');
  if (gzip) n = n.slice(0, -3);
  const f = FORMATS.find((x) => x.name === (ALIASES[n] ?? n));
  return f && output(f, gzip);
}

/** The format a file name asks for: `x.ttl`, `x.nq.gz`, `x.json` (as JSON-LD). */
export function formatByPath(path: string): OutputFormat | undefined {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const stem = gzip ? lower.slice(0, -3) : lower;
  const f = FORMATS.find((x) => stem.endsWith(x.extension)) ?? (stem.endsWith('.json') ? FORMATS.find((x) => x.name === 'jsonld') : undefined);
  return f && output(f, gzip);
}
