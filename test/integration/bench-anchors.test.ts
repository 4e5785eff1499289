/**
 * Issue 23, point 1: the bench compares justice-lod with a hand-written converter written for
 * each table (test/bench/anchors/matrix.mjs) and with @zazuko/rdf-parser-csvw where CSVW can
 * say the table. A comparison is only fair on the same work, so this holds every anchor to the
 * triples justice-lod writes, on 10,000 generated rows of each case: the observations are the
 * same graph, and justice-lod adds only the dataset's structure and its generated code lists —
 * a bounded number of triples, not a triple more per row.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MATRIX, type MatrixCase } from '../bench/matrix/cases.mjs';
import { generateMatrix } from '../bench/matrix/generate-matrix.mjs';
import { generate } from '../bench/generate.mjs';
import { csvwJson } from '../bench/csvw-table.mjs';
import { canonical } from '../support/graph.js';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const ROWS = 10_000;
const node = (args: string[]): void => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
};

async function table(c: MatrixCase, dir: string): Promise<string> {
  const csv = join(dir, `${c.id}.csv`);
  if (c.layout === 'sentencing') await generate(c.rows(ROWS), csv);
  else await generateMatrix(c.layout, c.rows(ROWS), csv);
  return csv;
}

/** justice-lod's dump of a case, as the bench runs it (checks on, no metadata). */
function convert(mapping: string, csv: string, dir: string, extra: string[] = []): string {
  const out = join(dir, 'out');
  node(['bin/justice-lod.js', 'convert', mapping, '--input', csv, '--out', out, '--format', 'nt', '--no-metadata', '--quiet', ...extra]);
  const id = /^id: (\S+)/m.exec(readFileSync(mapping, 'utf8'))?.[1] ?? csv.replace(/^.*\/|\.csv$/g, '');
  return readFileSync(join(out, `${id}.nt`), 'utf8');
}

describe('the bench matrix\'s hand-written anchors make the triples justice-lod makes', () => {
  for (const c of MATRIX) {
    it(`${c.id}: ${c.label}`, async () => {
      const dir = tempDir();
      const csv = await table(c, dir);
      const ours = canonical(convert(join(root, c.mapping), csv, dir));
      const anchorFile = join(dir, 'anchor.nt');
      node(['test/bench/anchors/matrix.mjs', c.id, csv, anchorFile]);
      const theirs = canonical(readFileSync(anchorFile, 'utf8'));
      const observation = (l: string): boolean => l.includes('/obs/');
      const ourObservations = ours.filter(observation);
      expect(ourObservations.length, 'at least 15 triples an observation').toBeGreaterThanOrEqual(15 * c.rows(ROWS) * (c.layout === 'long' || c.layout === 'records' ? 1 / 3 : 1));
      expect(theirs.filter((l) => !observation(l)), 'the anchor writes observations only').toEqual([]);
      expect(theirs).toEqual(ourObservations);
      // The rest is the structure and the code lists: bounded, whatever the rows.
      expect(ours.length - ourObservations.length).toBeLessThan(3_000);
    });
  }

  it('@zazuko/rdf-parser-csvw on the generated table\'s CSVW metadata makes the observations justice-lod makes from it', async () => {
    const c = MATRIX.find((m) => m.csvw)!;
    const dir = tempDir();
    const csv = await table(c, dir);
    const metadata = join(dir, `${c.id}.csv-metadata.json`);
    writeFileSync(metadata, JSON.stringify(csvwJson(`${c.id}.csv`, c.csvw)));
    const ours = canonical(convert(metadata, csv, dir, ['--csvw-minimal']));
    const zazukoFile = join(dir, 'zazuko.nt');
    node(['test/bench/anchors/csvw.mjs', csv, zazukoFile, c.csvw!]);
    // zazuko also describes each row (csvw:Row, blank nodes), and writes an integer with its
    // grouping comma as written ("4,151"^^xsd:integer, which is not a valid integer): both set aside.
    const theirs = canonical(readFileSync(zazukoFile, 'utf8'))
      .filter((l) => !l.startsWith('_:') && !l.includes('<http://www.w3.org/ns/csvw#'))
      .map((l) => l.replace(/"(\d{1,3}(?:,\d{3})+)"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#integer>/, (_, n: string) => `"${n.replace(/,/g, '')}"^^<http://www.w3.org/2001/XMLSchema#integer>`))
      .sort();
    expect(ours.length).toBeGreaterThan(15 * ROWS);
    expect(theirs).toEqual(ours);
  });
});
