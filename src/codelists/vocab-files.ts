import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { NS } from '../rdf/ns.js';
import { turtleSerializer } from '../sinks/turtle.js';
import { SCHEMES, schemeIri } from './registry.js';
import { schemeQuads } from './to-turtle.js';

/** Turtle of quads, grouped by subject in order of first appearance. */
function toTurtle(quads: readonly Quad[], prefixes: ReadonlyMap<string, string>): string {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const list = groups.get(q.subject.value);
    if (list) list.push(q);
    else groups.set(q.subject.value, [q]);
  }
  const ser = turtleSerializer(prefixes);
  let text = ser.begin();
  for (const list of groups.values()) for (const q of list) text += ser.triple(q.subject, q.predicate, q.object);
  return text + ser.end();
}

/** vocab/<scheme>.ttl for every shipped scheme, generated from src/codelists (npm run vocab). */
export function vocabFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const scheme of SCHEMES.values()) {
    const prefixes = new Map<string, string>([
      ['rdf', NS.rdf], ['rdfs', NS.rdfs], ['xsd', NS.xsd], ['skos', NS.skos], ['dcterms', NS.dcterms], ['dcat', NS.dcat],
      ['justice', NS.justice], ['ui', 'http://www.w3.org/ns/ui#'], ['leg', NS.leg], ['sdmx-code', NS['sdmx-code']],
      ['af', NS.af], ['geo', NS.geo], ['qb', NS.qb], ['code', NS.code], [scheme.id, `${schemeIri(scheme)}/`],
    ]);
    const header = `# ${scheme.label}: generated from src/codelists by \`npm run vocab\`; do not edit by hand.\n`;
    files.set(`${scheme.id}.ttl`, header + toTurtle(schemeQuads(scheme), prefixes));
  }
  return files;
}

export async function writeVocab(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of vocabFiles()) await writeFile(join(dir, name), text);
}
