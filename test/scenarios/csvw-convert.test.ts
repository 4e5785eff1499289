/**
 * Issue 22, points 1 and 3 from the command line: `convert` reads CSVW — a metadata document,
 * a CSV file whose metadata is found beside it, or a CSV with --csvw-metadata — in standard or
 * minimal mode, streams cube-shaped tables through the mapping model and holds the rest in
 * memory, writes the same dumps, metadata and summary as a YAML mapping, and locates problems
 * in the JSON and the CSV. The dumps are re-parsed by N3.js (serdi too where installed) and
 * compared as graphs with what the CSVW processor alone gives.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Parser, type Quad } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { fileFetch } from '../../src/csvw/load.js';
import { runCsvw } from '../../src/csvw/process.js';
import { canonical, hasSerdi, serdiCanonical } from '../support/graph.js';
import { tempDir, writeFile } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const samples = join(root, 'samples/csvw');
const metadata = join(samples, 'sentenced-by-region.csv-metadata.json');
const csv = join(samples, 'sentenced-by-region.csv');

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the in-memory CSVW processor alone makes of a run. */
async function processor(url: string, minimal: boolean, userMetadata?: string): Promise<Quad[]> {
  const r = await runCsvw({ url: pathToFileURL(url).href, minimal, fetch: fileFetch, ...(userMetadata ? { userMetadata: pathToFileURL(userMetadata).href } : {}) });
  expect(r.errors).toEqual([]);
  return r.quads as Quad[];
}

const parse = (file: string, format: 'N-Triples' | 'Turtle'): Quad[] => new Parser({ format }).parse(readFileSync(file, 'utf8'));

describe('convert <CSVW>', () => {
  it('streams a cube-shaped table in minimal mode: the graph the processor gives, the metadata, the summary', async () => {
    const out = tempDir();
    const r = run(['convert', metadata, '--csvw-minimal', '--out', out, '--format', 'nt,ttl,jsonld']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/data rows\s+24 read: 24 converted, 0 rejected/);
    expect(r.stdout).toMatch(/subjects\s+24, 156 triples/);
    expect(r.stdout).toMatch(/left out\s+null "": 11; null "\[c\]": 1/);
    expect(r.stdout).toContain('primary key unique');
    // Streamed, not held in memory: no JL907.
    expect(r.stderr).not.toContain('JL907');
    const expected = await processor(metadata, true);
    expect(isomorphic(parse(join(out, 'sentenced-by-region.nt'), 'N-Triples'), expected)).toBe(true);
    expect(isomorphic(parse(join(out, 'sentenced-by-region.ttl'), 'Turtle'), expected)).toBe(true);
    expect(canonical(readFileSync(join(out, 'sentenced-by-region.ttl'), 'utf8'), 'Turtle')).toEqual(canonical(readFileSync(join(out, 'sentenced-by-region.nt'), 'utf8')));
    if (hasSerdi()) expect(serdiCanonical(join(out, 'sentenced-by-region.ttl'), 'turtle')).toEqual(canonical(readFileSync(join(out, 'sentenced-by-region.nt'), 'utf8')));
    // [c] is a status, never a 0.
    const nt = readFileSync(join(out, 'sentenced-by-region.nt'), 'utf8');
    expect(nt).toContain('<https://data.justice.gov.uk/data/sentenced-by-region/obs/2023-Q1/E12000007/sexual-offences> <http://purl.org/linked-data/sdmx/2009/attribute#obsStatus> <https://purl.org/csv-cubed/resources/attributes/af-obs-marker#c>');
    expect(nt).not.toMatch(/sexual-offences> <https:\/\/w3id.org\/justice-lod\/def\/justice#defendantsSentenced> "0"/);
    // "1,326" read by the column's format (groupChar).
    expect(nt).toContain('"1326"^^<http://www.w3.org/2001/XMLSchema#integer>');
    // Catalogued like any dataset: DCAT, VoID, five stars.
    const meta = readFileSync(join(out, 'metadata.ttl'), 'utf8');
    expect(meta).toContain('Defendants sentenced by region and offence group');
    expect(meta).toContain('sentenced-by-region.nt');
    const stars = JSON.parse(readFileSync(join(out, 'five-star.json'), 'utf8')) as { datasets: { dataset: string; stars: number }[] };
    expect(stars.datasets.find((d) => d.dataset.endsWith('/sentenced-by-region'))?.stars).toBe(5);
  });

  it('reruns byte for byte', () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const out of [a, b]) expect(run(['convert', metadata, '--csvw-minimal', '--out', out, '--format', 'nt', '--no-metadata', '--quiet']).code).toBe(0);
    expect(readFileSync(join(a, 'sentenced-by-region.nt'))).toEqual(readFileSync(join(b, 'sentenced-by-region.nt')));
    const [c, d] = [tempDir(), tempDir()];
    for (const out of [c, d]) expect(run(['convert', csv, '--out', out, '--format', 'ttl', '--no-metadata', '--quiet']).code).toBe(0);
    expect(readFileSync(join(c, 'sentenced-by-region.ttl'))).toEqual(readFileSync(join(d, 'sentenced-by-region.ttl')));
  });

  it('finds a CSV file\'s metadata beside it and streams it in standard mode: the rows described as csvw:Row', async () => {
    const out = tempDir();
    const r = run(['convert', csv, '--out', out, '--format', 'ttl,jsonld']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('JL907');
    const expected = await processor(csv, false);
    const got = parse(join(out, 'sentenced-by-region.ttl'), 'Turtle');
    expect(isomorphic(got, expected)).toBe(true);
    expect(got.filter((q) => q.object.value === 'http://www.w3.org/ns/csvw#Row').length).toBe(24);
  });

  it('holds a table group the model cannot express in memory (lists), says so (JL907), and writes the same files', async () => {
    const dir = tempDir();
    // Windows-1252 bytes: the processor decodes the table by its dialect's encoding too,
    // 0x92 (’) included, a byte Latin-1 would read as a control character.
    writeFileSync(join(dir, 'courts.csv'), Buffer.from('Court,Areas\r\nCaf\u00e9 St Mary\u0092s Crown Court,W92000004 W06000015\r\n', 'latin1'));
    const meta = writeFile(dir, 'courts.csv-metadata.json', JSON.stringify({
      '@context': 'http://www.w3.org/ns/csvw', url: 'courts.csv', dialect: { encoding: 'windows-1252' },
      tableSchema: { aboutUrl: 'https://data.justice.gov.uk/id/court/{court}', columns: [
        { name: 'court', titles: 'Court', propertyUrl: 'http://www.w3.org/2000/01/rdf-schema#label' },
        { name: 'areas', titles: 'Areas', separator: ' ', propertyUrl: 'http://purl.org/linked-data/sdmx/2009/dimension#refArea', valueUrl: 'http://statistics.data.gov.uk/id/statistical-geography/{areas}' },
      ] },
    }));
    const r = run(['convert', meta, '--csvw-minimal', '--out', join(dir, 'out'), '--format', 'nt,csvw']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('info JL907');
    expect(r.stderr).toContain('holds lists');
    expect(r.stderr).toContain('--format csvw is not written for a table group converted in memory');
    const got = parse(join(dir, 'out', 'courts.nt'), 'N-Triples');
    expect(isomorphic(got, await processor(meta, true))).toBe(true);
    expect(got.filter((q) => q.predicate.value.endsWith('#refArea')).length).toBe(2);
    expect(got.some((q) => q.object.value === 'Caf\u00e9 St Mary\u2019s Crown Court')).toBe(true);
    expect(existsSync(join(dir, 'out', 'metadata.ttl'))).toBe(true);
  });

  it('takes --csvw-metadata for a CSV whose metadata is elsewhere', async () => {
    const dir = tempDir();
    const data = join(dir, 'q3.csv');
    copyFileSync(csv, data);
    const user = writeFile(dir, 'described-elsewhere.json', readFileSync(metadata, 'utf8').replace('"url": "sentenced-by-region.csv"', '"url": "q3.csv"'));
    const out = tempDir();
    const r = run(['convert', data, '--csvw-metadata', user, '--csvw-minimal', '--out', out, '--format', 'nt', '--no-metadata']);
    expect(r.code, r.stderr).toBe(0);
    expect(isomorphic(parse(join(out, 'q3.nt'), 'N-Triples'), await processor(data, true, user))).toBe(true);
  });

  it('locates a metadata error at file:line:column with its code and hint, and writes nothing (exit 2)', () => {
    const dir = tempDir();
    copyFileSync(csv, join(dir, 'sentenced-by-region.csv'));
    const bad = writeFile(dir, 'bad.json', '{\n  "@context": "http://www.w3.org/ns/csvw",\n  "url": "sentenced-by-region.csv",\n  "tableSchema": {\n    "columns": [\n      { "name": "quarter", "titles": "Quarter", "virtual": true },\n      { "name": "region" }\n    ]\n  }\n}\n');
    const out = join(dir, 'out');
    const r = run(['convert', bad, '--csvw-minimal', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:7:7: error JL901: column region comes after a virtual column/);
    expect(r.stderr).toContain('JL901');
    expect(r.stderr).toContain('hint:');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(existsSync(join(out, 'bad.nt'))).toBe(false);
  });

  it('locates a cell that does not fit its datatype at its CSV line and column; --fail-on warning writes nothing', () => {
    const dir = tempDir();
    writeFile(dir, 'sentenced-by-region.csv', readFileSync(csv, 'utf8').replace('"1,326"', 'lots'));
    copyFileSync(metadata, join(dir, 'm.json'));
    const r = run(['convert', join(dir, 'm.json'), '--csvw-minimal', '--out', join(dir, 'out'), '--format', 'nt', '--no-metadata']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning JL903/);
    expect(r.stderr).toMatch(/sentenced-by-region\.csv:2/);
    expect(r.stderr).toContain('Defendants sentenced');
    expect(r.stderr).toContain('lots');
    // Kept as the string it was, as CSVW says.
    expect(readFileSync(join(dir, 'out', 'sentenced-by-region.nt'), 'utf8')).toContain('"lots"');
    const strict = run(['convert', join(dir, 'm.json'), '--csvw-minimal', '--out', join(dir, 'strict'), '--format', 'nt', '--fail-on', 'warning']);
    expect(strict.code).toBe(1);
    expect(existsSync(join(dir, 'strict', 'sentenced-by-region.nt'))).toBe(false);
  });

  it('rejects a row that repeats the primary key, at its line (JL908), and writes nothing', () => {
    const dir = tempDir();
    copyFileSync(metadata, join(dir, 'sentenced-by-region.csv-metadata.json'));
    const text = readFileSync(csv, 'utf8');
    writeFile(dir, 'sentenced-by-region.csv', text + text.split('\r\n')[2] + '\r\n');
    const r = run(['convert', join(dir, 'sentenced-by-region.csv-metadata.json'), '--csvw-minimal', '--out', join(dir, 'out'), '--format', 'nt', '--no-metadata']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sentenced-by-region\.csv:26: error JL908: row has the primary key \(quarter, region, offence_group\) of line 3/);
    expect(r.stdout).toMatch(/24 converted, 1 rejected/);
    expect(existsSync(join(dir, 'out', 'sentenced-by-region.nt'))).toBe(false);
  });

  it('reads the dialect: Windows-1252, semicolons, a comment line, rows to skip', async () => {
    const dir = tempDir();
    const text = 'Table 3: fines\r\nArea;Amount (£);Note\r\n# provisional figures below\r\nCardiff;"1.250,50";£ paid\r\n';
    writeFileSync(join(dir, 'fines.csv'), Buffer.from(text, 'latin1'));
    writeFile(dir, 'fines.csv-metadata.json', JSON.stringify({
      '@context': 'http://www.w3.org/ns/csvw', url: 'fines.csv',
      dialect: { encoding: 'windows-1252', delimiter: ';', skipRows: 1 },
      tableSchema: {
        aboutUrl: 'https://data.justice.gov.uk/data/fines/{area}',
        columns: [
          { name: 'area', titles: 'Area', propertyUrl: 'http://www.w3.org/2000/01/rdf-schema#label' },
          { name: 'amount', titles: 'Amount (£)', propertyUrl: 'https://w3id.org/justice-lod/def/justice#totalFineAmount', datatype: { base: 'decimal', format: { decimalChar: ',', groupChar: '.' } } },
          { name: 'note', titles: 'Note', propertyUrl: 'http://www.w3.org/2000/01/rdf-schema#comment' },
        ],
      },
    }));
    const r = run(['convert', join(dir, 'fines.csv-metadata.json'), '--csvw-minimal', '--out', join(dir, 'out'), '--format', 'nt', '--no-metadata']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('JL907');
    expect(r.stdout).toMatch(/1 title row \+ 1 header row \+ 1 data row \+ 1 notes row/);
    const nt = readFileSync(join(dir, 'out', 'fines.nt'), 'utf8');
    expect(nt).toContain('<https://data.justice.gov.uk/data/fines/Cardiff> <https://w3id.org/justice-lod/def/justice#totalFineAmount> "1250.50"^^<http://www.w3.org/2001/XMLSchema#decimal>');
    expect(nt).toContain('"\u00a3 paid"');
    // Standard mode, found from the CSV file: the same dialect.
    const standard = run(['convert', join(dir, 'fines.csv'), '--out', join(dir, 'standard'), '--format', 'nt', '--no-metadata']);
    expect(standard.code, standard.stderr).toBe(0);
    const standardNt = readFileSync(join(dir, 'standard', 'fines.nt'), 'utf8');
    expect(standardNt).toContain('"\u00a3 paid"');
    // The skipped title row and the comment line are the table's comments, as csv2rdf writes them.
    expect(standardNt).toMatch(/<http:\/\/www.w3.org\/2000\/01\/rdf-schema#comment> "Table 3: fines"/);
    expect(standardNt).toMatch(/<http:\/\/www.w3.org\/2000\/01\/rdf-schema#comment> "provisional figures below"/);
    expect(isomorphic(parse(join(dir, 'standard', 'fines.nt'), 'N-Triples'), await processor(join(dir, 'fines.csv'), false))).toBe(true);
  });

  it('writes --format csvw: a tidy table and its metadata that read back to the dump\'s graph, catalogued in DCAT', async () => {
    const out = tempDir();
    const r = run(['convert', 'mappings/court-outcomes-by-pfa.yaml', '--out', out, '--format', 'nt,csvw']);
    expect(r.code, r.stderr).toBe(0);
    const metadataFile = join(out, 'court-outcomes-by-pfa.csv-metadata.json');
    expect(r.stdout).toContain('court-outcomes-by-pfa.csv-metadata.json');
    const dump = parse(join(out, 'court-outcomes-by-pfa.nt'), 'N-Triples');
    // Our CSVW processor (which passes the W3C suite) reads the table group back to the dump's graph.
    const back = await runCsvw({ url: pathToFileURL(metadataFile).href, minimal: true, fetch: fileFetch });
    expect(back.errors).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(isomorphic(back.quads as Quad[], dump)).toBe(true);
    // The tidy table, read by csv-parse: one row per observation, one column per component.
    const rows = parseCsv(readFileSync(join(out, 'court-outcomes-by-pfa.csv')), { columns: true }) as Record<string, string>[];
    const observations = dump.filter((q) => q.object.value === 'http://purl.org/linked-data/cube#Observation').length;
    expect(rows.length).toBe(observations);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['observation', 'refArea', 'refPeriod', 'defendantsProceededAgainst']));
    // And through the command line, as a user would read it back: the same graph.
    const again = tempDir();
    const c = run(['convert', metadataFile, '--csvw-minimal', '--out', again, '--format', 'nt', '--no-metadata']);
    expect(c.code, c.stderr).toBe(0);
    expect(canonical(readFileSync(join(again, 'court-outcomes-by-pfa.nt'), 'utf8'))).toEqual(canonical(readFileSync(join(out, 'court-outcomes-by-pfa.nt'), 'utf8')));
    // Listed in DCAT: the metadata document as application/csvm+json, its checksum the file's.
    const meta = readFileSync(join(out, 'metadata.ttl'), 'utf8');
    expect(meta).toContain('<https://www.iana.org/assignments/media-types/application/csvm+json>');
    expect(meta).toContain('<http://www.w3.org/TR/tabular-metadata/>');
    expect(meta).toContain(createHash('sha256').update(readFileSync(metadataFile)).digest('hex'));
    const stars = JSON.parse(readFileSync(join(out, 'five-star.json'), 'utf8')) as { datasets: { dataset: string; stars: number }[] };
    expect(stars.datasets.find((d) => d.dataset.endsWith('/court-outcomes-by-pfa'))?.stars).toBe(5);
  });

  it('writes csvw in a release when its formats list it', () => {
    const dir = tempDir();
    const release = writeFile(dir, 'r.yaml', `id: r1\nbase: https://data.justice.gov.uk/\nout: ${join(dir, 'out')}\nformats: [nt, csvw]\ndatasets:\n  - mapping: ${join(root, 'mappings/court-outcomes-by-pfa.yaml')}\n`);
    const r = run(['release', release, '--quiet']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'r1', 'court-outcomes-by-pfa.csv-metadata.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'r1', 'court-outcomes-by-pfa.csv'))).toBe(true);
    expect(readFileSync(join(dir, 'out', 'r1', 'metadata.ttl'), 'utf8')).toContain('court-outcomes-by-pfa.csv-metadata.json');
  });

  it('refuses --format csvw with --out naming one file', () => {
    const r = run(['convert', 'mappings/court-outcomes-by-pfa.yaml', '--out', join(tempDir(), 'x.nt'), '--format', 'nt,csvw']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('JL403');
  });

  it('check and preview take CSVW as convert does', () => {
    const ok = run(['check', metadata]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ok (6 columns matched in samples/csvw/sentenced-by-region.csv; 24 data rows read)');
    const dir = tempDir();
    copyFileSync(metadata, join(dir, 'sentenced-by-region.csv-metadata.json'));
    const text = readFileSync(csv, 'utf8');
    writeFile(dir, 'sentenced-by-region.csv', text + text.split('\r\n')[2] + '\r\n');
    const repeated = run(['check', join(dir, 'sentenced-by-region.csv-metadata.json')]);
    expect(repeated.code).toBe(1);
    expect(repeated.stderr).toContain('JL908');
    const preview = run(['preview', metadata, '--csvw-minimal', '--rows', '1']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('justice:defendantsSentenced 1326');
    expect(preview.stdout).toContain('a qb:Observation');
    expect(preview.stdout).not.toContain('E12000002');
  });
});
