/**
 * Issue 22, point 5 is measured on the benchmark's CSVW metadata (test/bench/csvw-table.mjs)
 * against its "equivalent YAML mapping" (test/bench/csvw-equivalent.yaml). This holds them to
 * that word on 2,000 generated rows: every triple the CSVW table makes, the mapping makes too,
 * and the mapping adds only what CSVW cannot say — the [c] status of a suppressed count, the
 * structure and the labels of the codes it mints.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { csvwJson } from '../bench/csvw-table.mjs';
import { loadCsvw } from '../../src/csvw/load.js';
import { convert } from '../../src/run/convert.js';
import { StringSink } from '../../src/sinks/memory.js';
import { ntriplesSerializer } from '../../src/sinks/ntriples.js';
import { canonical } from '../support/graph.js';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;

describe('the benchmark\'s CSVW table and its equivalent YAML mapping', () => {
  it('make the same observations; the mapping adds only [c] statuses, the structure and code labels', async () => {
    const dir = tempDir();
    const csv = join(dir, 'sentencing.csv');
    await generate(2_000, csv);
    const metadata = join(dir, 'sentencing.csv-metadata.json');
    writeFileSync(metadata, JSON.stringify(csvwJson('sentencing.csv')));
    const loaded = await loadCsvw(metadata, { minimal: true });
    expect(loaded.model, 'the bench table streams (compiles into the model)').toBeDefined();
    let fromCsvw: StringSink | undefined;
    const a = await convert({ mapping: metadata, loaded, createTargets: () => [(fromCsvw = new StringSink(ntriplesSerializer()))] });
    let fromYaml: StringSink | undefined;
    const b = await convert({ mapping: join(root, 'test/bench/csvw-equivalent.yaml'), input: csv, validate: false, createTargets: () => [(fromYaml = new StringSink(ntriplesSerializer()))] });
    expect([a.status, b.status]).toEqual(['ok', 'ok']);
    const csvwLines = new Set(canonical(fromCsvw!.toString()));
    const yamlLines = new Set(canonical(fromYaml!.toString()));
    expect(csvwLines.size).toBeGreaterThan(25_000);
    expect([...csvwLines].filter((l) => !yamlLines.has(l))).toEqual([]);
    const extra = [...yamlLines].filter((l) => !csvwLines.has(l));
    const observation = (l: string): boolean => l.startsWith('<https://data.justice.gov.uk/data/sentencing-bench/obs/');
    expect(extra.filter(observation).every((l) => l.includes('<http://purl.org/linked-data/sdmx/2009/attribute#obsStatus> <https://purl.org/csv-cubed/resources/attributes/af-obs-marker#c>'))).toBe(true);
    expect(extra.filter(observation).length).toBeGreaterThan(0);
  });
});
