#!/usr/bin/env node
// Anchor: the converter a developer writes by hand in an afternoon — csv-parse records, a
// string template per triple, a write stream with backpressure; no validation, no checksums.
// It writes the same 15 triples per observation as justice-lod (codes as slugs of the labels,
// police force areas by their GSS codes), so the two are compared on the same work.
// Usage: node handwritten.mjs <sentencing.csv> <out.nt>
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { recordRun } from './measured.mjs';

const [csv, outFile] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const pfa = new Map(readFileSync(join(here, '../../../../shared/reference/police-force-areas.csv'), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(',')).map(([code, name]) => [name, code]));
const BASE = 'https://data.justice.gov.uk/data/sentencing-bench';
const J = 'https://w3id.org/justice-lod/def/justice';
const SDMX = 'http://purl.org/linked-data/sdmx/2009';
const QB = 'http://purl.org/linked-data/cube#';
const slug = (label) => label.replace(/^\d+: /, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const code = (scheme, cell) => `<${J}/${scheme}/${cell === '' ? 'not-applicable' : slug(cell)}>`;

const out = createWriteStream(outFile);
let rows = 0;
let triples = 0;
const parser = createReadStream(csv).pipe(parse({ from_line: 2, relax_column_count: true }));
for await (const r of parser) {
  const [year, area, sex, age, eth, court, type, group, outcome, length, sentenced] = r;
  const areaIri = area === 'Not known' ? `${J}/police-force-area/not-known` : `http://statistics.data.gov.uk/id/statistical-geography/${pfa.get(area)}`;
  const s = `<${BASE}/obs/${year}/${encodeURIComponent(area)}/${slug(sex)}/${slug(age)}/${slug(eth)}/${slug(court)}/${slug(type)}/${slug(group)}/${slug(outcome)}/${length === '' ? 'na' : slug(length)}/sentenced>`;
  let text = `${s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${QB}Observation> .\n`
    + `${s} <${QB}dataSet> <${BASE}> .\n`
    + `${s} <${SDMX}/dimension#refPeriod> <http://reference.data.gov.uk/id/year/${year}> .\n`
    + `${s} <${SDMX}/dimension#refArea> <${areaIri}> .\n`
    + `${s} <${SDMX}/dimension#sex> ${code('sex', sex)} .\n`
    + `${s} <${J}#ageBand> ${code('age-band', age)} .\n`
    + `${s} <${J}#ethnicity> ${code('ethnicity', eth)} .\n`
    + `${s} <${J}#courtType> ${code('court-type', court)} .\n`
    + `${s} <${J}#offenceType> ${code('offence-type', type)} .\n`
    + `${s} <${J}#offenceGroup> ${code('offence-group', group)} .\n`
    + `${s} <${J}#disposal> ${code('disposal', outcome)} .\n`
    + `${s} <${J}#custodialSentenceLength> ${code('sentence-length', length)} .\n`
    + `${s} <${QB}measureType> <${J}#defendantsSentenced> .\n`
    + `${s} <${SDMX}/attribute#unitMeasure> <http://qudt.org/vocab/unit/NUM> .\n`;
  text += sentenced === '[c]'
    ? `${s} <${SDMX}/attribute#obsStatus> <https://w3id.org/justice-lod/def/justice/marker/c> .\n`
    : `${s} <${J}#defendantsSentenced> "${sentenced.replace(/,/g, '')}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n`;
  rows++;
  triples += 15;
  if (!out.write(text)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
const run = recordRun({ rows, triples });
if (!process.env.JLOD_MEASURE) console.log(run);
