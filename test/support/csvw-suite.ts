/**
 * The W3C csv2rdf test suite (../shared/conformance/csvw, manifest-rdf.jsonld) run by our CSVW
 * processor: each test's files served from the folder as the suite's base URL would serve
 * them (with the Link header the manifest gives), results compared with the expected graph
 * by isomorphism (blank nodes matched), negative tests required to fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import type { Fetch } from '../../src/csvw/metadata.js';
import { runCsvw } from '../../src/csvw/process.js';
import { toDiagnostics } from '../../src/csvw/problems.js';

export const SUITE = new URL('../../../shared/conformance/csvw/', import.meta.url).pathname;
export const BASE = 'http://www.w3.org/2013/csvw/tests/';

export interface SuiteTest {
  readonly id: string;
  readonly type: 'csvt:ToRdfTest' | 'csvt:ToRdfTestWithWarnings' | 'csvt:NegativeRdfTest';
  readonly name: string;
  readonly action: string;
  readonly result?: string;
  readonly option: { readonly minimal?: boolean; readonly metadata?: string };
  readonly httpLink?: string;
}

export function suiteTests(): SuiteTest[] {
  if (!existsSync(join(SUITE, 'manifest-rdf.jsonld'))) return [];
  return (JSON.parse(readFileSync(join(SUITE, 'manifest-rdf.jsonld'), 'utf8')) as { entries: SuiteTest[] }).entries;
}

/** Files of the suite by URL under its base; the action's Link header as the manifest says. */
/**
 * The site-wide configuration www.w3.org serves at /.well-known/csvm, which tests 259 and 260
 * rely on (the suite's copy leaves dot-folders out): the two default locations, then
 * `{+url}.json` and `csvm.json`.
 */
const W3C_WELL_KNOWN = '{+url}-metadata.json\ncsv-metadata.json\n{+url}.json\ncsvm.json\n';

export function suiteFetch(t: SuiteTest): Fetch {
  return async (url) => {
    if (url === 'http://www.w3.org/.well-known/csvm') return { text: W3C_WELL_KNOWN, contentType: 'text/plain' };
    if (!url.startsWith(BASE)) return undefined;
    const rel = decodeURIComponent(url.slice(BASE.length).split('#')[0]!.split('?')[0]!);
    const path = join(SUITE, rel);
    if (!existsSync(path) || rel.endsWith('/') || rel === '') return undefined;
    const text = readFileSync(path, 'utf8');
    const isAction = url.split('#')[0] === BASE + t.action;
    return { text, contentType: rel.endsWith('.json') ? 'application/json' : 'text/csv', ...(isAction && t.httpLink ? { link: t.httpLink } : {}) };
  };
}

export interface Outcome {
  readonly passed: boolean;
  readonly why: string;
}

export async function runSuiteTest(t: SuiteTest): Promise<Outcome> {
  const result = await runCsvw({
    url: BASE + t.action, fetch: suiteFetch(t), minimal: t.option.minimal ?? false,
    ...(t.option.metadata ? { userMetadata: BASE + t.option.metadata } : {}),
  });
  if (t.type === 'csvt:NegativeRdfTest') {
    if (!result.errors.length) return { passed: false, why: `no error (${result.quads.length} triples, ${result.warnings.length} warnings)` };
    // Every error is located: a line (and column, in JSON) of the file it is about.
    const unlocated = toDiagnostics({ errors: [...result.errors], warnings: [] }, result.places).filter((d) => !d.span);
    return unlocated.length ? { passed: false, why: `error without a location: ${unlocated[0]!.message}` } : { passed: true, why: result.errors[0]!.message };
  }
  if (result.errors.length) return { passed: false, why: `error: ${result.errors[0]!.message}` };
  const expected = new Parser({ baseIRI: BASE + t.result! }).parse(readFileSync(join(SUITE, t.result!), 'utf8'));
  if (!isomorphic(result.quads as Quad[], expected)) {
    return { passed: false, why: `graph differs: ${result.quads.length} triples, expected ${expected.length}` };
  }
  if (t.type === 'csvt:ToRdfTestWithWarnings' && !result.warnings.length) return { passed: false, why: 'the graph is right but no warning was given' };
  return { passed: true, why: '' };
}
