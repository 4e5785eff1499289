import { dirname, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseMappingFile } from '../mapping/parse.js';
import { checkSchema, RELEASE_SCHEMA_URL } from '../mapping/schema-check.js';
import { formatByName, type OutputFormat } from '../sinks/registry.js';
import type { Span } from '../diagnostics/diagnostic.js';
import type { RawDisclosure } from '../mapping/raw.js';

/** One dataset of a release: a mapping and the CSV it reads this time. */
export interface ReleaseDataset {
  readonly mapping: string;
  readonly csv?: string;
  readonly span: Span;
  /** Disclosure rules the release file gives for this dataset, in place of its mapping's, and where they are written. */
  readonly disclosure?: { readonly raw: RawDisclosure; readonly spanOf: (path: readonly (string | number)[], key?: boolean) => Span };
}

/** A release file, with every path resolved against the file's folder. */
export interface ReleaseConfig {
  readonly file: string;
  readonly id: string;
  readonly version: string;
  readonly title?: string;
  readonly description?: string;
  readonly issued?: string;
  readonly base: string;
  readonly publisher?: { readonly iri: string; readonly name: string };
  readonly licence?: string;
  readonly downloadBase?: string;
  /** The release's own folder: <out>/<id>. */
  readonly outDir: string;
  /** Where the file says it (`out:`, else `id:`), for messages about that folder. */
  readonly outSpan: Span;
  readonly formats: readonly OutputFormat[];
  /** `csvw` among the formats: each dataset also as a CSVW table group. */
  readonly csvw: boolean;
  readonly previous?: { readonly dir: string; readonly span: Span };
  readonly datasets: readonly ReleaseDataset[];
  /** Disclosure findings the release may stand with (`acknowledge:`). */
  readonly acknowledge: readonly Acknowledgement[];
}

/** A disclosure finding the release may stand with: by dataset id and code, with the reason. */
export interface Acknowledgement {
  readonly dataset: string;
  readonly code: string;
  readonly reason: string;
  readonly span: Span;
}

interface RawRelease {
  id: string;
  version?: string;
  title?: string;
  description?: string;
  issued?: string;
  base: string;
  publisher?: { iri: string; name: string };
  licence?: string;
  downloadBase?: string;
  out?: string;
  formats?: string[];
  previous?: string;
  datasets: { mapping: string; csv?: string; disclosure?: RawDisclosure }[];
  acknowledge?: { dataset: string; code: string; reason: string }[];
}

export interface LoadedRelease {
  readonly config?: ReleaseConfig;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

/** parse (YAML with positions) → JSON Schema → resolved config; every problem located in the file. */
export async function loadRelease(file: string): Promise<LoadedRelease> {
  const parsed = await parseMappingFile(file, 'release file');
  const doc = parsed.document;
  if (!doc) return { diagnostics: parsed.diagnostics, sources: new Map() };
  const sources = new Map([[file, doc.text]]);
  const schemaErrors = checkSchema(doc, RELEASE_SCHEMA_URL);
  if (schemaErrors.length) return { diagnostics: schemaErrors, sources };
  const raw = doc.data as RawRelease;
  const here = dirname(resolve(file));
  const at = (p: string): string => resolve(here, p);
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  raw.datasets.forEach((d, i) => {
    const path = at(d.mapping);
    if (seen.has(path)) diagnostics.push(diagnostic('JL701', `'${d.mapping}' is listed twice (datasets ${seen.get(path)! + 1} and ${i + 1})`, { span: doc.spanOf(['datasets', i, 'mapping']) }));
    seen.set(path, i);
  });
  const outDir = resolve(at(raw.out ?? 'out'), raw.id);
  const previous = raw.previous ? at(raw.previous) : undefined;
  if (previous && resolve(previous) === outDir) diagnostics.push(diagnostic('JL703', `the release writes ${raw.previous}, which is its previous release`, { span: doc.spanOf(['previous']) }));
  const config: ReleaseConfig = {
    file,
    id: raw.id,
    version: raw.version ?? raw.id,
    ...(raw.title ? { title: raw.title } : {}),
    ...(raw.description ? { description: raw.description } : {}),
    ...(raw.issued ? { issued: raw.issued } : {}),
    base: raw.base,
    ...(raw.publisher ? { publisher: raw.publisher } : {}),
    ...(raw.licence ? { licence: raw.licence } : {}),
    ...(raw.downloadBase ? { downloadBase: raw.downloadBase } : {}),
    outDir,
    outSpan: raw.out !== undefined ? doc.spanOf(['out']) : doc.spanOf(['id']),
    formats: (raw.formats ?? ['nt', 'ttl']).filter((f) => f !== 'csvw').map((f) => formatByName(f)!),
    csvw: (raw.formats ?? []).includes('csvw'),
    ...(previous ? { previous: { dir: previous, span: doc.spanOf(['previous']) } } : {}),
    datasets: raw.datasets.map((d, i) => ({
      mapping: at(d.mapping), ...(d.csv ? { csv: at(d.csv) } : {}), span: doc.spanOf(['datasets', i]),
      ...(d.disclosure ? { disclosure: { raw: d.disclosure, spanOf: (path: readonly (string | number)[], key?: boolean) => doc.spanOf(['datasets', i, ...path], key) } } : {}),
    })),
    acknowledge: (raw.acknowledge ?? []).map((a, i) => ({ ...a, span: doc.spanOf(['acknowledge', i]) })),
  };
  return { ...(diagnostics.some((d) => d.severity === 'error') ? {} : { config }), diagnostics, sources };
}
