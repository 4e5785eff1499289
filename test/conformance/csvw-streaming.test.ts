/**
 * Issue 22, point 1: a CSVW table the canonical model can express streams through the same
 * reader and row plan as a YAML mapping (src/csvw/compile.ts → compile/csvw-cells.ts). Here every
 * positive test of the W3C csv2rdf suite whose table compiles is converted that way, in the
 * test's mode (standard or minimal), and compared as a graph with the suite's expected result.
 * The tests that differ are listed with the reason: each is a choice of the streaming reader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Term } from '@rdfjs/types';
import { DataFactory, Parser, type Quad } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { compileCsvw } from '../../src/csvw/compile.js';
import { headerOnly, withHeaderColumns } from '../../src/csvw/header-columns.js';
import { findTableGroup } from '../../src/csvw/process.js';
import { JsonPlaces, newProblems } from '../../src/csvw/problems.js';
import { convert, type TripleTarget } from '../../src/run/convert.js';
import { BASE, SUITE, suiteFetch, suiteTests, type SuiteTest } from '../support/csvw-suite.js';

const tests = suiteTests().filter((t) => t.type !== 'csvt:NegativeRdfTest');

/** Where the suite's URLs are on disk. */
const localPath = (url: string): string | undefined => (url.startsWith(BASE) ? join(SUITE, decodeURIComponent(url.slice(BASE.length).split(/[?#]/)[0]!)) : undefined);

/** Tests whose table compiles but whose streamed graph differs, and why (the streaming reader's choices). */
const DIFFERENT: Readonly<Record<string, string>> = {
  test232: 'a row repeats the primary key: the streaming path rejects it (JL908), as CSVW validation requires, where csv2rdf converts it',
  test234: 'a row repeats the (two-column) primary key: rejected (JL908), as in test232',
  test278: 'the file has more columns than the metadata describes: the streaming plan converts the described ones and warns (JL904); the processor also writes the rest as default columns `_col.N`',
};

function collector(into: Quad[]): TripleTarget {
  return {
    add: (s: Term, p: Term, o: Term) => void into.push(DataFactory.quad(s as never, p as never, o as never)),
    full: false, flush: async () => {}, commit: async () => {}, abort: async () => {},
  };
}

async function streamed(t: SuiteTest): Promise<{ reason: string } | { quads: Quad[]; expected: Quad[] }> {
  const minimal = t.option.minimal ?? false;
  const run = { url: BASE + t.action, fetch: suiteFetch(t), minimal, ...(t.option.metadata ? { userMetadata: BASE + t.option.metadata } : {}) };
  const p = newProblems();
  const found = await findTableGroup(run, p, new JsonPlaces());
  if (!found.group || p.errors.length) return { reason: 'metadata errors' };
  // A CSV with no metadata is described by its header first, as `convert` does (src/csvw/load.ts).
  const table = headerOnly(found.group);
  const head = table ? (await run.fetch(table.url))?.text : undefined;
  const compiled = compileCsvw(withHeaderColumns(found.group, head), { file: 'metadata.json', minimal, localPath });
  if (!('model' in compiled)) return { reason: compiled.reason };
  const quads: Quad[] = [];
  const result = await convert({ mapping: 'metadata.json', loaded: { model: compiled.model, diagnostics: [], sources: new Map() }, createTargets: () => [collector(quads)], failOn: 'none', validate: false });
  if (result.status !== 'ok') return { reason: `convert: ${result.status} ${result.diagnostics.find((d) => d.severity === 'error')?.message ?? ''}` };
  const expected = new Parser({ baseIRI: BASE + t.result! }).parse(readFileSync(join(SUITE, t.result!), 'utf8'));
  return { quads, expected };
}

describe.skipIf(tests.length === 0)('CSVW tables streamed through the mapping model', () => {
  it('give the suite\'s expected graph, in standard and minimal mode, for every test whose table compiles', async () => {
    const differ: string[] = [];
    const nowSame: string[] = [];
    let compiled = 0;
    const notCompiled = new Map<string, number>();
    for (const t of tests) {
      const id = t.id.replace('manifest-rdf#', '');
      const r = await streamed(t);
      if ('reason' in r) {
        const kind = r.reason.replace(/ [^ ]*(column|template|the propertyUrl) .*/, ' …');
        notCompiled.set(kind, (notCompiled.get(kind) ?? 0) + 1);
        continue;
      }
      compiled++;
      const same = isomorphic(r.quads, r.expected);
      if (!same && !DIFFERENT[id]) differ.push(`${id} ${t.name}: ${r.quads.length} triples, expected ${r.expected.length}`);
      if (same && DIFFERENT[id]) nowSame.push(id);
    }
    if (process.env['CSVW_REPORT']) console.log(`streamed ${compiled} of ${tests.length}; not compiled: ${JSON.stringify([...notCompiled])}\n${differ.join('\n')}`);
    expect(differ).toEqual([]);
    expect(nowSame).toEqual([]);
    // Most of the suite's tables are ones a mapping can express: the streaming path is not a
    // corner case. docs/mapping.md gives this figure: change both together.
    expect(compiled).toBe(188);
  }, 300_000);
});
