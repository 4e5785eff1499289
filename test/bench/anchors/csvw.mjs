#!/usr/bin/env node
// Anchor: @zazuko/rdf-parser-csvw (the JS CSV on the Web converter) with a CSVW table schema
// equivalent to test/bench/sentencing-bench.yaml, its quads written by the n3 N-Triples writer.
// CSVW cannot strip `NN: ` codes, look up GSS codes or read `1,234`, so codes come out as the
// encoded labels and counts as written; [c] is its null value. The triple count per row is
// the same as justice-lod's plus CSVW's row description (csvw:Row, rownum, url, describes).
// Usage: node csvw.mjs <sentencing.csv> <out.nt>
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import CsvwParser from '@zazuko/rdf-parser-csvw';
import rdf from '@rdfjs/dataset';
import N3 from 'n3';
import { recordRun } from './measured.mjs';

const [csv, outFile] = process.argv.slice(2);
const BASE = 'https://data.justice.gov.uk/data/sentencing-bench';
const J = 'https://w3id.org/justice-lod/def/justice';
const SDMX = 'http://purl.org/linked-data/sdmx/2009';
const QB = 'http://purl.org/linked-data/cube#';
const columns = [
  ['Year', `${SDMX}/dimension#refPeriod`, 'http://reference.data.gov.uk/id/year/{Year}'],
  ['Police Force Area', `${SDMX}/dimension#refArea`, `${J}/police-force-area/{Police Force Area}`],
  ['Sex', `${SDMX}/dimension#sex`, `${J}/sex/{Sex}`],
  ['Age Group', `${J}#ageBand`, `${J}/age-band/{Age Group}`],
  ['Ethnicity', `${J}#ethnicity`, `${J}/ethnicity/{Ethnicity}`],
  ['Court Type', `${J}#courtType`, `${J}/court-type/{Court Type}`],
  ['Offence Type', `${J}#offenceType`, `${J}/offence-type/{Offence Type}`],
  ['Offence Group', `${J}#offenceGroup`, `${J}/offence-group/{Offence Group}`],
  ['Sentence Outcome', `${J}#disposal`, `${J}/disposal/{Sentence Outcome}`],
  ['Custodial Sentence Length', `${J}#custodialSentenceLength`, `${J}/sentence-length/{Custodial Sentence Length}`],
];
const about = `${BASE}/obs/{Year}/{Police Force Area}/{Sex}/{Age Group}/{Ethnicity}/{Court Type}/{Offence Type}/{Offence Group}/{Sentence Outcome}/{Custodial Sentence Length}/sentenced`;
const lit = (s) => JSON.stringify(s);
const col = (i, body) => `_:c${i} ${body} .`;
const metadata = `@prefix csvw: <http://www.w3.org/ns/csvw#> .
_:t csvw:url ${lit(csv)} ; csvw:tableSchema _:s .
_:s csvw:aboutUrl ${lit(about)} ; csvw:column (${[...columns.keys(), 10, 11, 12, 13, 14, 15].map((i) => `_:c${i}`).join(' ')}) .
${columns.map(([title, property, value], i) => col(i, `csvw:title ${lit(title)} ; csvw:name ${lit(`c${i}`)} ; csvw:propertyUrl ${lit(property)} ; csvw:valueUrl ${lit(value)}`)).join('\n')}
${col(10, `csvw:title "Sentenced" ; csvw:name "sentenced" ; csvw:propertyUrl ${lit(`${J}#defendantsSentenced`)} ; csvw:datatype <http://www.w3.org/2001/XMLSchema#integer> ; csvw:null "[c]"`)}
${col(11, 'csvw:title "Average Custodial Sentence Length" ; csvw:name "acsl" ; csvw:suppressOutput "true"')}
${col(12, `csvw:name "type" ; csvw:virtual "true" ; csvw:propertyUrl "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" ; csvw:valueUrl ${lit(`${QB}Observation`)}`)}
${col(13, `csvw:name "dataset" ; csvw:virtual "true" ; csvw:propertyUrl ${lit(`${QB}dataSet`)} ; csvw:valueUrl ${lit(BASE)}`)}
${col(14, `csvw:name "measureType" ; csvw:virtual "true" ; csvw:propertyUrl ${lit(`${QB}measureType`)} ; csvw:valueUrl ${lit(`${J}#defendantsSentenced`)}`)}
${col(15, `csvw:name "unit" ; csvw:virtual "true" ; csvw:propertyUrl ${lit(`${SDMX}/attribute#unitMeasure`)} ; csvw:valueUrl "http://qudt.org/vocab/unit/NUM"`)}
`;
const dataset = rdf.dataset(new N3.Parser().parse(metadata));
const quads = new CsvwParser({ metadata: dataset, baseIRI: `${BASE}/` }).import(createReadStream(csv));
const out = createWriteStream(outFile);
const writer = new N3.StreamWriter({ format: 'N-Triples' });
writer.pipe(out);
let triples = 0;
let rows = 0;
const ROW = 'http://www.w3.org/ns/csvw#rownum';
for await (const q of quads) {
  triples++;
  if (q.predicate.value === ROW) rows++;
  if (!writer.write(q)) await once(writer, 'drain');
}
writer.end();
await once(out, 'finish');
const run = recordRun({ rows, triples });
if (!process.env.JLOD_MEASURE) console.log(run);
