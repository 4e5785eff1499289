/**
 * Complete cubes from every sample mapping (issue 3): golden Turtle, a dataset with its DSD,
 * every observation normalised (dataset, every dimension, measure type, value or suppression
 * status, unit), coded values drawn from their code lists, and every IRI of ours defined.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { NS, QB, SDMX_ATTRIBUTE, SKOS } from '../../src/rdf/ns.js';
import { convertInMemory, type InMemoryRun } from '../support/run.js';
import { tempDir, writeFile } from '../support/tmp.js';
import { vocabDir, vocabFileNames, vocabStore } from '../support/vocab.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { checkIntegrity } from '../../src/validate/check-integrity.js';

const mappingsDir = new URL('../../mappings/', import.meta.url).pathname;
const goldenDir = new URL('../golden/', import.meta.url).pathname;
const mappings = readdirSync(mappingsDir).filter((f) => f.endsWith('.yaml')).sort();
const vocab = vocabStore();
const RDF_TYPE = `${NS.rdf}type`;
const SUPPRESSING = ['c', 'x', 'z', 'low'].map((c) => `${NS.af}${c}`);
const OURS = [NS.justice, NS.code];

describe.each(mappings)('%s', (file) => {
  let run: InMemoryRun;
  let store: Store;
  const objs = (s: string, p: string) => store.getObjects(s, p, null).map((o) => o.value);
  beforeAll(async () => {
    run = await convertInMemory(join(mappingsDir, file), { failOn: 'error' });
    store = new Store(new Parser({ format: 'N-Triples' }).parse(run.nt));
  });

  it('matches its reviewed golden Turtle byte for byte', () => {
    const golden = join(goldenDir, file.replace(/\.yaml$/, '.ttl'));
    if (process.env['UPDATE_GOLDEN'] || !existsSync(golden)) writeFileSync(golden, run.ttl);
    expect(run.ttl).toBe(readFileSync(golden, 'utf8'));
  });

  it('is one qb:DataSet with a DSD that lists dimensions, measure type, measures and attributes', () => {
    const datasets = store.getSubjects(RDF_TYPE, QB.DataSet, null);
    expect(datasets).toHaveLength(1);
    const [dsd, ...more] = objs(datasets[0]!.value, QB.structure);
    expect(more).toEqual([]);
    expect(objs(dsd!, RDF_TYPE)).toContain(QB.DataStructureDefinition);
    const specs = objs(dsd!, QB.component);
    const orders = specs.map((s) => Number(objs(s, QB.order)[0]));
    expect(new Set(orders).size).toBe(specs.length);
    const dims = specs.flatMap((s) => objs(s, QB.dimension));
    expect(dims).toContain(QB.measureType);
    expect(specs.flatMap((s) => objs(s, QB.measure)).length).toBeGreaterThan(0);
    expect(specs.flatMap((s) => objs(s, QB.attribute))).toContain(SDMX_ATTRIBUTE.unitMeasure);
  });

  it('has normalised observations: every dimension once, a measure value or a suppression marker, a unit', () => {
    const ds = store.getSubjects(RDF_TYPE, QB.DataSet, null)[0]!.value;
    const specs = objs(objs(ds, QB.structure)[0]!, QB.component);
    const dims = specs.flatMap((s) => objs(s, QB.dimension));
    const measures = specs.flatMap((s) => objs(s, QB.measure));
    const observations = store.getSubjects(RDF_TYPE, QB.Observation, null).map((o) => o.value);
    expect(observations.length).toBe(run.result.summary!.subjects);
    for (const obs of observations) {
      expect(objs(obs, QB.dataSet)).toEqual([ds]);
      for (const d of dims) expect(objs(obs, d), `${obs} ${d}`).toHaveLength(1);
      const [measure] = objs(obs, QB.measureType);
      expect(measures).toContain(measure);
      const value = objs(obs, measure!);
      const status = objs(obs, SDMX_ATTRIBUTE.obsStatus);
      if (value.length === 0) expect(status.some((s) => SUPPRESSING.includes(s)), obs).toBe(true);
      else expect(value).toHaveLength(1);
      for (const other of measures) if (other !== measure) expect(objs(obs, other)).toEqual([]);
      expect(objs(obs, SDMX_ATTRIBUTE.unitMeasure)).toHaveLength(1);
    }
  });

  it('draws every coded value from its code list (IC-19)', () => {
    const ds = store.getSubjects(RDF_TYPE, QB.DataSet, null)[0]!.value;
    const dims = objs(objs(ds, QB.structure)[0]!, QB.component).flatMap((s) => objs(s, QB.dimension));
    for (const d of dims) {
      const list = [...vocab.getObjects(d, QB.codeList, null), ...store.getObjects(d, QB.codeList, null)][0]?.value;
      if (!list) continue;
      for (const v of new Set(store.getObjects(null, d, null).map((o) => o.value))) {
        const schemes = [...vocab.getObjects(v, SKOS.inScheme, null), ...store.getObjects(v, SKOS.inScheme, null)].map((o) => o.value);
        expect(schemes, `${v} in ${list}`).toContain(list);
      }
    }
  });

  it('uses only IRIs of ours that the vocabulary or the output defines', () => {
    const used = new Set<string>();
    for (const q of store) for (const t of [q.predicate, q.object]) if (t.termType === 'NamedNode' && OURS.some((ns) => t.value.startsWith(ns))) used.add(t.value);
    expect(used.size).toBeGreaterThan(3);
    for (const iri of used) expect(vocab.getQuads(iri, null, null, null).length + store.getQuads(iri, null, null, null).length, iri).toBeGreaterThan(0);
  });

  it('passes all 21 Data Cube integrity constraints, with the vocabulary loaded', () => {
    const embedded = new EmbeddedStore();
    for (const f of vocabFileNames()) embedded.load(readFileSync(join(vocabDir, f), 'utf8'), 'text/turtle');
    embedded.load(run.nt, 'application/n-triples');
    expect(checkIntegrity(embedded).map((v) => `${v.rule} ${v.focus} ${v.value ?? ''}`)).toEqual([]);
  });

  it('links out to reference.data.gov.uk and statistics.data.gov.uk', () => {
    const objects = new Set([...store].map((q) => q.object.value));
    expect([...objects].some((o) => o.startsWith('http://reference.data.gov.uk/id/'))).toBe(true);
    // National samples have no geography column; every mapping with one links to it.
    if (readFileSync(join(mappingsDir, file), 'utf8').includes('geography:')) expect([...objects].some((o) => o.startsWith('http://statistics.data.gov.uk/id/statistical-geography/'))).toBe(true);
  });
});

describe('links out through the code lists', () => {
  it('reaches legislation.gov.uk from every offence in the offence cube that has a statute', async () => {
    const run = await convertInMemory(join(mappingsDir, 'sentence-outcomes-by-offence.yaml'), { failOn: 'error' });
    const offences = new Set(new Parser({ format: 'N-Triples' }).parse(run.nt).filter((q) => q.predicate.value === `${NS.justice}offence`).map((q) => q.object.value));
    expect(offences.size).toBe(10);
    const linked = [...offences].filter((o) => vocab.getObjects(o, `${NS.dcterms}source`, null).some((l) => l.value.startsWith('http://www.legislation.gov.uk/id/')));
    // Murder is a common-law offence: no statute to link to.
    expect([...offences].filter((o) => !linked.includes(o))).toEqual([`${NS.code}offence/murder`]);
  });
});

describe('release codes', () => {
  it('give the same concept IRIs when another release numbers the same labels differently', async () => {
    const dir = tempDir();
    const mapping = writeFile(dir, 'mapping.yaml', `version: 1
id: codes
base: https://example.org/
source: { path: a.csv }
dimensions:
  sex: { property: sdmx-dimension:sex, column: Sex, codeList: sex }
  group: { property: justice:offenceGroup, column: Offence Group, codeList: offence-group }
  outcome: { property: justice:disposal, column: Outcome, codeList: disposal }
measures:
  n: { property: justice:defendantsSentenced, column: Count }
`);
    // 2009–19 numbering and spelling, then 2017–21: 01: Female / 02: Male, lower-case "offences", cut labels.
    writeFile(dir, 'a.csv', 'Sex,Offence Group,Outcome,Count\n01: Male,04: Theft Offences,06: Conditional Dischar,1\n02: Female,09: Miscellaneous crimes agains,15: Immediate custody,2\n');
    const b = writeFile(dir, 'b.csv', 'Sex,Offence Group,Outcome,Count\n02: Male,04: Theft offences,02: Conditional discharge,1\n01: Female,09: Miscellaneous crimes against society,06: Total Immediate Custody,2\n');
    const concepts = (nt: string) => new Set(nt.split('\n').filter((l) => !l.includes('/structure')).map((l) => / <([^>]+)> \.$/.exec(l)?.[1]).filter((o) => o && (o.includes('/justice/') || o.includes('sdmx/2009/code'))));
    const first = await convertInMemory(mapping, { failOn: 'error' });
    const second = await convertInMemory(mapping, { failOn: 'error', input: b });
    expect(first.result.status).toBe('ok');
    expect(second.result.status).toBe('ok');
    expect(concepts(second.nt)).toEqual(concepts(first.nt));
    expect(concepts(first.nt).size).toBe(6);
    expect(second.nt).toBe(first.nt);
  });
});
