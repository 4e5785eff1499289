import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Quad, Term } from '@rdfjs/types';
import type { TripleIndex } from '../rdf/triple-index.js';
import { hash53 } from '../rdf/hash.js';
import { HashSet53, type HashLookup } from '../rdf/hash-set.js';
import { META_NS, NS, PUBLISHING, RDF_TYPE } from '../rdf/ns.js';
import { FORMATS, type FormatInfo } from '../sinks/registry.js';
import { hashFile } from './hash.js';
import { loadMetadata } from './metadata-file.js';
import { readDump } from './read-dump.js';
import { linkTargetOf } from './targets.js';
import { begin, end, type Activity } from '../run/activity.js';
import type { DatasetFacts } from './facts.js';

/**
 * Sizes and SHA-256 sums taken while the run wrote the files (by file name in the bundle's
 * folder, which a staged run moves into place afterwards): the check
 * compares the metadata with them instead of reading the files again.
 */
export type KnownFiles = ReadonlyMap<string, { readonly bytes: number; readonly sha256: string }>;

/** Each dataset's facts counted while its dumps were written (by dataset IRI). */
export type CountedFacts = ReadonlyMap<string, DatasetFacts>;

/** Licences that make data open (★). */
export const OPEN_LICENCES: readonly string[] = [
  PUBLISHING.ogl3,
  'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  'https://creativecommons.org/licenses/by/4.0/',
  'http://creativecommons.org/licenses/by/4.0/',
  'https://creativecommons.org/publicdomain/zero/1.0/',
];
const OPEN_MEDIA = new Set(['text/csv', ...FORMATS.map((f) => f.mediaType), 'application/rdf+xml']);
/** Namespaces whose IRIs the bundle must describe (★★★★'s offline stand-in for dereferencing). */
const OWN_SPACES = [`${PUBLISHING.home}/`];

export interface StarCheck {
  readonly stars: 1 | 2 | 3 | 4 | 5;
  readonly criterion: string;
  readonly passed: boolean;
  /** Why it failed (empty when passed). */
  readonly reasons: readonly string[];
}

export interface DatasetStars {
  readonly dataset: string;
  readonly title: string;
  /** Stars earned: the highest level whose check and all lower ones pass. */
  readonly stars: number;
  readonly checks: readonly StarCheck[];
  readonly triplesParsed: number;
  /** The dump's content was counted while the run wrote it, not parsed again. */
  readonly countedWhileWriting: boolean;
  readonly parsedFile?: string;
}

export interface FiveStarReport {
  readonly bundle: string;
  readonly datasets: readonly DatasetStars[];
}

const iriOf = (t: Term | undefined): string | undefined => (t?.termType === 'NamedNode' ? t.value : undefined);
/** The first object of `s p` in the metadata. */
const first = (meta: TripleIndex, s: string, p: string): Term | undefined => meta.objects(s, p)[0];

/**
 * Checks each star of 5stardata.info from the bundle itself (VOCABULARY.md §4): the metadata,
 * the files it lists (sizes and checksums), and one RDF dump per dataset parsed in full.
 */
export async function assessBundle(dir: string, known: KnownFiles = new Map(), counted: CountedFacts = new Map()): Promise<FiveStarReport> {
  const meta = loadMetadata(dir);
  const one = (s: string, p: string): Term | undefined => first(meta, s, p);
  const all = (s: string, p: string): readonly Term[] => meta.objects(s, p);
  const datasets = meta.subjects(RDF_TYPE, `${NS.dcat}Dataset`).map((t) => t.value).sort();
  const spaces = datasets.map((d) => one(d, `${NS.void}uriSpace`)?.value).filter((x): x is string => !!x);
  const catalog = meta.subjects(RDF_TYPE, `${NS.dcat}Catalog`)[0]?.value;
  /** Namespaces of IRIs we mint: the vocabulary's, and the publisher's base (where the catalogue lives). */
  const own = [...OWN_SPACES, ...(catalog ? [catalog.slice(0, catalog.indexOf('/', 8) + 1)] : [])];
  const described = new Set(meta.allSubjects().map((t) => hash53(t.value)));
  const parsed = new Map<string, Parsed>();
  for (const d of datasets) parsed.set(d, await parseOne(dir, meta, d, own, spaces, known, counted.get(d)));
  const dumpSubjects = [...parsed.values()].map((p) => p.subjects);
  /** Whether an IRI's hash is a subject of the metadata or of any dump (sets looked into, not merged: a dump's are millions). */
  const isDescribed = (h: number): boolean => described.has(h) || dumpSubjects.some((s) => s.has(h));

  const report: DatasetStars[] = datasets.map((d) => {
    const p = parsed.get(d)!;
    const dists = all(d, `${NS.dcat}distribution`).map((t) => t.value);
    const checks: StarCheck[] = [
      check(1, 'on the web under an open licence', [...licenceProblems(d, dists, one), ...p.fileProblems]),
      check(2, 'machine-readable structured data', p.file ? p.parseProblems : ['no structured distribution']),
      check(3, 'non-proprietary format', p.file && OPEN_MEDIA.has(p.mediaType ?? '') ? p.parseProblems : ['no distribution in an open format that parses']),
      check(4, 'URIs denote things', [...p.uriProblems, ...[...p.ownObjects].filter((o) => !isDescribed(hash53(o))).slice(0, 5).map((o) => `<${o}> is used but not described in the bundle`)]),
      check(5, 'linked to other data', p.linkProblems),
    ];
    let stars = 0;
    while (stars < 5 && checks[stars]!.passed) stars++;
    return { dataset: d, title: one(d, `${NS.dcterms}title`)?.value ?? d, stars, checks, triplesParsed: p.triples, countedWhileWriting: p.counted, ...(p.file ? { parsedFile: p.file } : {}) };
  });
  return { bundle: dir, datasets: report };
}

const check = (stars: StarCheck['stars'], criterion: string, reasons: readonly string[]): StarCheck => ({ stars, criterion, passed: reasons.length === 0, reasons });

function licenceProblems(d: string, dists: readonly string[], one: (s: string, p: string) => Term | undefined): string[] {
  const out: string[] = [];
  const lic = (s: string): void => {
    const l = iriOf(one(s, `${NS.dcterms}license`));
    if (!l || !OPEN_LICENCES.includes(l)) out.push(`<${s}> has ${l ? `licence <${l}>, not an open one` : 'no dcterms:license'}`);
  };
  lic(d);
  dists.forEach(lic);
  if (dists.length === 0) out.push('the dataset has no distribution');
  return out;
}

interface Parsed {
  file?: string;
  counted: boolean;
  mediaType?: string;
  triples: number;
  /** Hashes of the subjects: a million observation IRIs would not fit as strings. */
  subjects: HashLookup;
  ownObjects: Set<string>;
  fileProblems: string[];
  parseProblems: string[];
  uriProblems: string[];
  linkProblems: string[];
}

/** Verifies every distribution's file, then parses the first RDF one in full. */
async function parseOne(dir: string, meta: TripleIndex, d: string, own: readonly string[], spaces: readonly string[], known: KnownFiles, counted: DatasetFacts | undefined): Promise<Parsed> {
  const out: Parsed = { counted: false, triples: 0, subjects: new HashSet53(), ownObjects: new Set(), fileProblems: [], parseProblems: [], uriProblems: [], linkProblems: [] };
  const one = (s: string, p: string): Term | undefined => first(meta, s, p);
  let chosen: { file: string; format: FormatInfo; gzip: boolean } | undefined;
  for (const dist of meta.objects(d, `${NS.dcat}distribution`).map((t) => t.value).sort()) {
    const url = iriOf(one(dist, `${NS.dcat}downloadURL`)) ?? iriOf(one(dist, `${NS.dcat}accessURL`));
    if (!url || !/^https?:\/\//.test(url)) {
      out.fileProblems.push(`<${dist}> has no absolute http(s) download URL`);
      continue;
    }
    const file = join(dir, decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)));
    if (!existsSync(file)) {
      out.fileProblems.push(`${file} (from <${url}>) is not in the bundle`);
      continue;
    }
    const facts = known.get(basename(file)) ?? (await hashFile(file));
    const size = one(dist, `${NS.dcat}byteSize`)?.value;
    const sum = one(iriOf(one(dist, `${META_NS.spdx}checksum`)) ?? '', `${META_NS.spdx}checksumValue`)?.value;
    if (size !== String(facts.bytes)) out.fileProblems.push(`${file} is ${facts.bytes} bytes; the metadata says ${size ?? 'nothing'}`);
    if (sum !== facts.sha256) out.fileProblems.push(`${file} has SHA-256 ${facts.sha256.slice(0, 12)}…; the metadata says ${sum ? `${sum.slice(0, 12)}…` : 'nothing'}`);
    const media = iriOf(one(dist, `${NS.dcat}mediaType`))?.replace(META_NS.iana, '');
    const format = FORMATS.find((f) => f.mediaType === media);
    const gzip = iriOf(one(dist, `${NS.dcat}compressFormat`)) === `${META_NS.iana}application/gzip`;
    if (format && (!chosen || FORMATS.indexOf(format) < FORMATS.indexOf(chosen.format) || (chosen.gzip && !gzip && format === chosen.format))) {
      chosen = { file, format, gzip };
      out.mediaType = media;
    }
  }
  if (!chosen) return out;
  out.file = chosen.file;
  const linkCounts = new Map<string, number>();
  let blank = 0;
  let outside = 0;
  const isOutside = (s: string): boolean => !/^https?:\/\//.test(s) || (own.some((x) => s.startsWith(x)) && !spaces.some((x) => s.startsWith(x)));
  // The run wrote this very file and counted what it wrote: the same figures as a parse
  // (every dump's parse by independent parsers is the test suite's job), without reading
  // gigabytes back. A file the run did not write (or changed since) is parsed.
  const content = counted?.content;
  const declared = Number(one(d, `${NS.void}triples`)?.value ?? NaN);
  let reading: Activity | undefined;
  if (content && known.has(basename(chosen.file))) {
    out.counted = true;
    out.triples = counted.triples;
    blank = content.blankTriples;
    for (const [s, n] of content.subjectsOutside) if (isOutside(s)) outside += n;
    out.subjects = content.subjects;
    for (const o of content.objects) if (own.some((s) => o.startsWith(s))) out.ownObjects.add(o);
    for (const [key, byPredicate] of counted.links) linkCounts.set(key, [...byPredicate.values()].reduce((a, b) => a + b, 0));
  } else try {
    const subjects = new HashSet53();
    out.subjects = subjects;
    reading = begin(`five stars: re-reading ${basename(chosen.file)}`, { ...(Number.isFinite(declared) ? { total: declared } : {}), unit: 'triples' });
    const counter = reading;
    await readDump(chosen.file, chosen.format, chosen.gzip, (q: Quad) => {
      counter.done++;
      out.triples++;
      if (q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode') blank++;
      else if (isOutside(q.subject.value)) outside++;
      subjects.add(hash53(q.subject.value));
      if (q.object.termType !== 'NamedNode') return;
      const o = q.object.value;
      if (own.some((s) => o.startsWith(s))) out.ownObjects.add(o);
      const t = linkTargetOf(o);
      if (t) linkCounts.set(t.key, (linkCounts.get(t.key) ?? 0) + 1);
    });
  } catch (err) {
    out.parseProblems.push(`${chosen.file} does not parse: ${(err as Error).message}`);
    return out;
  } finally {
    if (reading) end(reading);
  }
  if (declared !== out.triples) out.uriProblems.push(`void:triples says ${declared}; ${chosen.file} holds ${out.triples}`);
  if (blank) out.uriProblems.push(`${blank} triples use blank nodes`);
  if (outside) out.uriProblems.push(`${outside} triples have a subject that is not http(s) or lies outside every void:uriSpace of the bundle`);
  const links = [...linkCounts.values()].reduce((a, b) => a + b, 0);
  const linksets = meta.objects(d, `${NS.void}subset`).filter((l) => meta.isA(l, `${NS.void}Linkset`));
  const declaredLinks = linksets.reduce((n, l) => n + Number(one(l.value, `${NS.void}triples`)?.value ?? 0), 0);
  if (links === 0) out.linkProblems.push('no triple links to reference.data.gov.uk, statistics.data.gov.uk, legislation.gov.uk or SDMX');
  else if (declaredLinks !== links) out.linkProblems.push(`the linksets declare ${declaredLinks} links; the data has ${links}`);
  return out;
}

/** The report with its file paths moved (from a staging folder to where the files are committed). */
export function movedTo(report: FiveStarReport, move: (path: string) => string): FiveStarReport {
  return { ...report, bundle: move(report.bundle), datasets: report.datasets.map((d) => ({ ...d, ...(d.parsedFile ? { parsedFile: move(d.parsedFile) } : {}) })) };
}
