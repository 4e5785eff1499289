#!/usr/bin/env node
// Anchor for the bench matrix (test/bench/matrix/cases.mjs): the converter a developer writes
// by hand for each table — csv-parse records, a template string per triple, a write stream with
// backpressure, a Map per column from cell to IRI (so each distinct label is worked out once),
// the shipped code lists read once from vocab/ — and no validation, no checksums, no
// diagnostics. It writes the observation triples justice-lod writes (test/integration/
// bench-anchors.test.ts compares the two as graphs on 10,000 rows); the dataset's structure
// and generated code lists, a few hundred triples, are left out.
// Usage: node matrix.mjs <case> <file.csv> <out.nt>
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import N3 from 'n3';
import { recordRun } from './measured.mjs';

const [name, csv, outFile] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const BASE = 'https://data.justice.gov.uk';
const J = 'https://w3id.org/justice-lod/def/justice';
const SDMX = 'http://purl.org/linked-data/sdmx/2009';
const QB = 'http://purl.org/linked-data/cube#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const EX = `${BASE}/def/matrix`;
const MARKER = 'https://purl.org/csv-cubed/resources/attributes/af-obs-marker#';

// Labels: `NN: label` and `153 Offence …` lose their code; matching ignores case and `&`/`and`.
const codeOf = (cell) => /^(\d+[A-Z]?):\s*|^(\d+)\s+(?=[A-Z])/.exec(cell);
const strip = (cell) => { const m = codeOf(cell); return m ? cell.slice(m[0].length) : cell; };
const key = (label) => label.toLowerCase().replace(/&/g, 'and').replace(/\.+$/, '').replace(/\s+/g, ' ').trim();
const slug = (label) => label.toLowerCase().replace(/&/g, ' and ').replace(/\+/g, ' plus ').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const pfa = new Map();
for (const line of readFileSync(join(root, '..', 'shared', 'reference', 'police-force-areas.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [code, label] = line.split(',');
  pfa.set(label, code);
}
/** A shipped code list from vocab/: label (any of its labels) → [IRI, notation]. */
function shipped(list) {
  const quads = new N3.Parser().parse(readFileSync(join(root, 'vocab', `${list}.ttl`), 'utf8'));
  const notation = new Map(quads.filter((q) => q.predicate.value.endsWith('#notation')).map((q) => [q.subject.value, q.object.value]));
  const labels = new Map();
  for (const q of quads) if (/#(prefLabel|altLabel)$|rdf-schema#label$/.test(q.predicate.value) && notation.has(q.subject.value)) labels.set(key(q.object.value), [q.subject.value, notation.get(q.subject.value)]);
  return labels;
}

/** A column's reading, memoised per cell: [IRI, short key for the observation IRI]. */
function column(read) {
  const seen = new Map();
  return (cell) => { let v = seen.get(cell); if (!v) seen.set(cell, (v = read(cell))); return v; };
}
const generated = (ds, dim) => column((cell) => { const s = slug(strip(cell)); return [`${ds}/codes/${dim}/${s}`, s]; });
const fromList = (list) => { const labels = shipped(list); return column((cell) => { const v = labels.get(key(strip(cell))); if (!v) throw new Error(`${list}: ${cell}`); return v; }); };
const area = column((cell) => [`http://statistics.data.gov.uk/id/statistical-geography/${pfa.get(cell)}`, pfa.get(cell)]);
const quarter = column((cell) => { const m = /^(\d{4})\s*(?:Q|,)?\s*Q?([1-4])\b/.exec(cell); const q = `${m[1]}-Q${m[2]}`; return [`http://reference.data.gov.uk/id/quarter/${q}`, q]; });
const year = column((cell) => [`http://reference.data.gov.uk/id/year/${cell}`, cell]);
const template = (prefix, f) => column((cell) => { const v = encodeURIComponent(f(cell)); return [`${prefix}/${v}`, v]; });
const valueMap = (map, fallback) => column((cell) => { const iri = map[key(strip(cell))]; return iri ? [iri, iri.slice(iri.lastIndexOf('/') + 1)] : fallback(cell); });

const dim = (p) => `<${p}>`;
/** Per case: the dimensions [property, column index, reading], the measures, the layout. */
function plan(ds) {
  const own = (k) => dim(`${ds}/dimension/${k}`);
  const labelDims = (lists) => [
    [dim(`${SDMX}/dimension#sex`), 'Sex', lists.sex],
    [lists.ageProperty ?? own('age'), 'Age Range', lists.age],
    [lists.ethnicityProperty ?? dim(`${J}#ethnicity`), 'Ethnicity', lists.ethnicity],
    [lists.courtProperty ?? dim(`${J}#courtType`), 'Court', lists.court],
    [lists.pleaProperty ?? own('plea'), 'Plea', lists.plea],
    [lists.offenceTypeProperty ?? dim(`${J}#offenceType`), 'Offence Type', lists.offenceType],
    [lists.offenceGroupProperty ?? dim(`${J}#offenceGroup`), 'Offence Group', lists.offenceGroup],
    [lists.offenceProperty ?? own('offence'), 'Offence', lists.offence],
    [lists.outcomeProperty ?? dim(`${J}#disposal`), 'Sentence Outcome', lists.outcome],
  ];
  const SENTENCED = ['sentenced', `${J}#defendantsSentenced`, 'integer', 'NUM'];
  const CUSTODIAL = ['custodial', `${J}#custodialSentenceCount`, 'integer', 'NUM'];
  const MONTHS = ['months', `${J}#averageCustodialSentenceLength`, 'decimal', 'MONTH'];
  const shippedLists = { sex: fromList('sex'), age: generated(ds, 'age'), ethnicity: fromList('ethnicity'), court: fromList('court-type'), plea: generated(ds, 'plea'), offenceType: fromList('offence-type'), offenceGroup: fromList('offence-group'), offence: generated(ds, 'offence'), outcome: fromList('disposal') };
  const areaDim = [dim(`${SDMX}/dimension#refArea`), 'Police Force Area', area];
  switch (name) {
    case 'shipped': {
      // test/bench/generate.mjs's table and sentencing-bench.yaml: every code list shipped.
      const length = fromList('sentence-length');
      const dims = [
        [dim(`${SDMX}/dimension#refArea`), 'Police Force Area', fromList('police-force-area')],
        [dim(`${SDMX}/dimension#sex`), 'Sex', fromList('sex')],
        [dim(`${J}#ageBand`), 'Age Group', fromList('age-band')],
        [dim(`${J}#ethnicity`), 'Ethnicity', fromList('ethnicity')],
        [dim(`${J}#courtType`), 'Court Type', fromList('court-type')],
        [dim(`${J}#offenceType`), 'Offence Type', fromList('offence-type')],
        [dim(`${J}#offenceGroup`), 'Offence Group', fromList('offence-group')],
        [dim(`${J}#disposal`), 'Sentence Outcome', fromList('disposal')],
        [dim(`${J}#custodialSentenceLength`), 'Custodial Sentence Length', column((c) => length(c === '' ? 'Not applicable' : c))],
      ];
      return { period: { columns: ['Year'], read: year }, dims, measures: [[...SENTENCED, 'Sentenced']] };
    }
    case 'generated': {
      const g = (k) => generated(ds, k);
      const props = Object.fromEntries(['sex', 'ethnicity', 'court', 'offenceType', 'offenceGroup', 'outcome'].map((k) => [`${k}Property`, own(k)]));
      const dims = labelDims({ sex: g('sex'), age: g('age'), ethnicity: g('ethnicity'), court: g('court'), plea: g('plea'), offenceType: g('offenceType'), offenceGroup: g('offenceGroup'), offence: g('offence'), outcome: g('outcome'), ...props });
      dims[0][0] = own('sex');
      return { period: { columns: ['Year', 'Quarter'], read: quarter }, dims: [areaDim, ...dims], measures: [[...SENTENCED, 'Sentenced']] };
    }
    case 'value-maps': {
      const ex = (k) => dim(`${EX}/${k}`);
      const dims = labelDims({
        sex: valueMap({ female: `${SDMX}/code#sex-F`, male: `${SDMX}/code#sex-M`, 'not known': `${SDMX}/code#sex-U` }),
        age: template(`${EX}/age`, (c) => codeOf(c)[1] ?? codeOf(c)[2]), ageProperty: ex('ageRange'),
        ethnicity: (() => { const list = shipped('ethnicity'); const alias = { 'chinese and other': 'other', 'not stated': 'unknown' }; return column((c) => { const k = key(strip(c)); return list.get(alias[k] ?? k); }); })(),
        court: valueMap({ 'crown court': `${EX}/court/crown` }, (c) => { const v = encodeURIComponent(key(strip(c))); return [`${EX}/court/${v}`, v]; }), courtProperty: ex('court'),
        plea: template(`${EX}/plea`, (c) => strip(c).toUpperCase()), pleaProperty: ex('plea'),
        offenceType: template(`${EX}/offence-type`, (c) => c), offenceTypeProperty: ex('offenceType'),
        offenceGroup: template(`${EX}/offence-group`, strip), offenceGroupProperty: ex('offenceGroup'),
        offence: template(`${EX}/offence`, (c) => slug(strip(c))), offenceProperty: ex('offence'),
        outcome: valueMap({ 'absolute discharge': `${EX}/disposal/ad`, 'conditional discharge': `${EX}/disposal/cd`, fine: `${EX}/disposal/fine` }, (c) => { const v = slug(strip(c)); return [`${EX}/disposal/${v}`, v]; }), outcomeProperty: ex('disposal'),
      });
      // The sex values are the SDMX codes, whose notations the observation IRI uses.
      const sexNotation = { 'sex-F': 'F', 'sex-M': 'M', 'sex-U': 'U' };
      const sex = dims[0][2];
      dims[0][2] = column((c) => { const [iri] = sex(c); return [iri, sexNotation[iri.slice(iri.indexOf('#') + 1)]]; });
      return { period: { columns: ['Year', 'Quarter'], read: quarter }, dims: [[ex('force'), 'Police Force Area', template(`${EX}/force`, (c) => slug(c))], ...dims], measures: [[...SENTENCED, 'Sentenced']] };
    }
    case 'wide': return { period: { columns: ['Period'], read: quarter }, dims: [areaDim, ...labelDims(shippedLists)], measures: [[...SENTENCED, 'Sentenced'], [...CUSTODIAL, 'Custodial'], [...MONTHS, 'Average Custodial Sentence Length']] };
    case 'long': return { period: { columns: ['Period'], read: quarter }, dims: [areaDim, ...labelDims(shippedLists)], long: { '01: sentenced': SENTENCED, '02: custodial': CUSTODIAL, '03: average custodial sentence length': MONTHS } };
    case 'records': return { period: { columns: ['Year'], read: year }, dims: [areaDim, ...labelDims(shippedLists)], measures: [[...SENTENCED, 'Count'], [...CUSTODIAL, 'Custodial'], [...MONTHS, 'Average Custodial Sentence Length']], combine: true };
    default: throw new Error(`no matrix case ${name}`);
  }
}

const ds = `${BASE}/data/${name === 'shipped' ? 'sentencing-bench' : `matrix-${name}`}`;
const p = plan(ds);
/** `[c]` → status c; a blank (the records case's `markers: {"": z}`) → status z; `1,234` → 1234. */
const value = (cell) => (cell === '[c]' ? { status: 'c' } : cell === '' ? { status: 'z' } : { value: cell.replace(/,/g, '') });
const out = createWriteStream(outFile);
let rows = 0;
let triples = 0;
let header;
let text = '';
async function flush(force) {
  if (text.length < 1 << 16 && !force) return;
  if (!out.write(text)) await once(out, 'drain');
  text = '';
}
/** One observation's triples; `dims` holds "<property> <value> .\n" tails of its dimensions. */
function observation(keyPath, dims, [mkey, property, datatype, unit], v) {
  const s = `<${ds}/obs/${keyPath}/${mkey}>`;
  text += `${s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${QB}Observation> .\n${s} <${QB}dataSet> <${ds}> .\n`;
  for (const d of dims) text += `${s} ${d}`;
  text += `${s} <${QB}measureType> <${property}> .\n${s} <${SDMX}/attribute#unitMeasure> <http://qudt.org/vocab/unit/${unit}> .\n`
    + (v.status ? `${s} <${SDMX}/attribute#obsStatus> <${MARKER}${v.status}> .\n` : `${s} <${property}> "${v.value}"^^<${XSD}${datatype}> .\n`);
  triples += 5 + dims.length;
}
const groups = new Map();
const parser = createReadStream(csv).pipe(parse({ relax_column_count: true }));
let periodAt, dimsAt, measuresAt, measureAt, valueAt;
for await (const r of parser) {
  if (!header) {
    // Column positions once, from the header; each dimension's "<property> <value> .\n" tail once per distinct cell.
    header = r;
    const at = (col) => header.indexOf(col);
    periodAt = p.period.columns.map(at);
    dimsAt = p.dims.map(([property, col, read]) => [at(col), column((cell) => { const [iri, k] = read(cell); return [`${property} <${iri}> .\n`, k]; })]);
    if (p.measures) measuresAt = p.measures.map((m) => at(m[4]));
    if (p.long) { measureAt = at('Measure'); valueAt = at('Value'); }
    continue;
  }
  rows++;
  const [periodIri, periodKey] = p.period.read(periodAt.length === 1 ? r[periodAt[0]] : `${r[periodAt[0]]} ${r[periodAt[1]]}`);
  const dims = [`<${SDMX}/dimension#refPeriod> <${periodIri}> .\n`];
  let keyPath = periodKey;
  for (const [i, tail] of dimsAt) {
    const [triple, k] = tail(r[i]);
    dims.push(triple);
    keyPath += `/${k}`;
  }
  if (p.long) {
    observation(keyPath, dims, p.long[key(r[measureAt])], value(r[valueAt]));
  } else if (p.combine) {
    const g = groups.get(keyPath);
    const values = measuresAt.map((i) => value(r[i]));
    if (!g) { groups.set(keyPath, { dims, values }); continue; }
    g.values = g.values.map((a, i) => (a.status ? a : values[i].status ? values[i]
      : p.measures[i][2] === 'integer' ? { value: String(BigInt(a.value) + BigInt(values[i].value)) }
      : { value: Number(values[i].value) > Number(a.value) ? values[i].value : a.value }));
  } else {
    for (let m = 0; m < p.measures.length; m++) observation(keyPath, dims, p.measures[m], value(r[measuresAt[m]]));
  }
  await flush(false);
}
for (const [keyPath, g] of groups) {
  p.measures.forEach((m, i) => observation(keyPath, g.dims, m, g.values[i]));
  await flush(false);
}
await flush(true);
out.end();
await once(out, 'finish');
const run = recordRun({ rows, triples });
if (!process.env.JLOD_MEASURE) console.log(run);
