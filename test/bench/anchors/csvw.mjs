#!/usr/bin/env node
// Anchor: @zazuko/rdf-parser-csvw (the JS CSV on the Web converter) with the benchmark's CSVW
// table schema (test/bench/csvw-table.mjs: the metadata justice-lod reads as JSON, here as RDF),
// its quads written by the n3 N-Triples writer.
// CSVW cannot strip `NN: ` codes, look up GSS codes or read `1,234`, so codes come out as the
// encoded labels and counts as written; [c] is its null value. The triple count per row is
// the same as justice-lod's plus CSVW's row description (csvw:Row, rownum, url, describes).
// Usage: node csvw.mjs <file.csv> <out.nt> [sentencing|matrix-generated]
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import CsvwParser from '@zazuko/rdf-parser-csvw';
import rdf from '@rdfjs/dataset';
import N3 from 'n3';
import { recordRun } from './measured.mjs';
import { csvwTurtle, DATASET } from '../csvw-table.mjs';

const [csv, outFile, table = 'sentencing'] = process.argv.slice(2);
const metadata = csvwTurtle(csv, table);
const dataset = rdf.dataset(new N3.Parser().parse(metadata));
const quads = new CsvwParser({ metadata: dataset, baseIRI: `${DATASET}/` }).import(createReadStream(csv));
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
