/**
 * Reads the W3C SHACL test suite (../shared/conformance/shacl) from its manifests: manifest.ttl
 * includes folder manifests, which include one file per test; each test file is an
 * mf:Manifest with one sht:Validate entry (data graph, shapes graph, expected report).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Quad, Term } from '@rdfjs/types';
import { Parser, Store } from 'n3';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const SHT = 'http://www.w3.org/ns/shacl-test#';
const SH = 'http://www.w3.org/ns/shacl#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

export interface SuiteTest {
  readonly id: string; // relative name, e.g. core/property/minCount-001
  readonly file: string;
  readonly data: Quad[];
  readonly shapes: Quad[];
  /** Expected results as comparable keys, or 'failure' when the validator must fail. */
  readonly expected: { readonly conforms: boolean; readonly results: string[] } | 'failure';
}

const parseFile = (file: string): Quad[] =>
  new Parser({ format: 'Turtle', baseIRI: pathToFileURL(file).href }).parse(readFileSync(file, 'utf8'));

function list(store: Store, head: Term): Term[] {
  const out: Term[] = [];
  let node: Term | undefined = head;
  while (node && node.value !== `${RDF}nil`) {
    out.push(store.getObjects(node, `${RDF}first`, null)[0]!);
    node = store.getObjects(node, `${RDF}rest`, null)[0];
  }
  return out;
}

/** A result as text; blank nodes are wildcards, since labels differ between files. */
export function resultKey(store: { getObjects(s: Term, p: string, g: null): Term[] }, r: Term): string {
  const get = (p: string) => store.getObjects(r, `${SH}${p}`, null).map((t) => (t.termType === 'BlankNode' ? '_' : `${t.termType}:${t.value}`)).sort().join('|');
  return ['focusNode', 'resultPath', 'resultSeverity', 'sourceConstraintComponent', 'sourceShape', 'value'].map(get).join(' ; ');
}

export function loadSuite(manifest: string): SuiteTest[] {
  const tests: SuiteTest[] = [];
  const root = dirname(manifest);
  const visit = (file: string): void => {
    const quads = parseFile(file);
    const store = new Store(quads);
    for (const inc of store.getObjects(null, `${MF}include`, null)) visit(fileURLToPath(inc.value));
    for (const entriesHead of store.getObjects(null, `${MF}entries`, null)) {
      for (const entry of list(store, entriesHead)) {
        if (!store.getObjects(entry, `${RDF}type`, null).some((t) => t.value === `${SHT}Validate`)) continue;
        const action = store.getObjects(entry, `${MF}action`, null)[0]!;
        const graph = (p: string) => {
          const g = store.getObjects(action, `${SHT}${p}`, null)[0]!;
          return fileURLToPath(g.value) === file ? quads : parseFile(fileURLToPath(g.value));
        };
        const result = store.getObjects(entry, `${MF}result`, null)[0]!;
        const expected = result.value === `${SHT}Failure`
          ? 'failure' as const
          : {
              conforms: store.getObjects(result, `${SH}conforms`, null)[0]!.value === 'true',
              results: store.getObjects(result, `${SH}result`, null).map((r) => resultKey(store, r)).sort(),
            };
        tests.push({ id: file.slice(root.length + 1).replace(/\.ttl$/, ''), file, data: graph('dataGraph'), shapes: graph('shapesGraph'), expected });
      }
    }
  };
  visit(resolve(manifest));
  return tests;
}
