import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NS } from '../rdf/ns.js';
import { shippedContext } from '../sinks/jsonld-context.js';
import { formatByName } from '../sinks/registry.js';
import { serializeQuads } from '../sinks/text.js';
import { SCHEMES, schemeIri } from './registry.js';
import { schemeQuads } from './to-turtle.js';

/**
 * vocab/<scheme>.ttl for every shipped scheme, generated from src/codelists, and the JSON-LD
 * context of the dumps, vocab/context.jsonld (npm run vocab).
 */
export function vocabFiles(): Map<string, string> {
  const TURTLE = formatByName('ttl')!.format;
  const files = new Map<string, string>();
  files.set('context.jsonld', `${JSON.stringify({ '@context': shippedContext() }, null, 2)}\n`);
  for (const scheme of SCHEMES.values()) {
    const prefixes = new Map<string, string>([
      ['rdf', NS.rdf], ['rdfs', NS.rdfs], ['xsd', NS.xsd], ['skos', NS.skos], ['dcterms', NS.dcterms], ['dcat', NS.dcat],
      ['justice', NS.justice], ['ui', 'http://www.w3.org/ns/ui#'], ['leg', NS.leg], ['sdmx-code', NS['sdmx-code']],
      ['af', NS.af], ['geo', NS.geo], ['qb', NS.qb], ['code', NS.code], [scheme.id, `${schemeIri(scheme)}/`],
    ]);
    const header = `# ${scheme.label}: generated from src/codelists by \`npm run vocab\`; do not edit by hand.\n`;
    files.set(`${scheme.id}.ttl`, header + serializeQuads(schemeQuads(scheme), TURTLE, { prefixes, graph: '' }));
  }
  return files;
}

export async function writeVocab(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of vocabFiles()) await writeFile(join(dir, name), text);
}
