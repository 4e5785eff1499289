/**
 * A converted release folder (issue 5): the vocabulary dump, metadata.ttl and metadata.jsonld
 * (DCAT, VoID, PROV) checked against the files themselves, the metadata shapes, and the
 * five-star assessment, including bundles broken on purpose.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Parser, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessBundle } from '../../src/metadata/five-star.js';
import { METADATA_SHAPES } from '../../src/metadata/metadata-shapes.js';
import { validateGraph } from '../../src/validate/validate-graph.js';
import { validateShapes } from '../../src/validate/validate-shapes.js';
import { canonical, jsonldCanonical, readDump } from '../support/graph.js';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const out = join(tempDir(), 'release');
const mappingCount = readdirSync(join(root, 'mappings')).filter((f) => f.endsWith('.yaml')).length;
const DCAT = 'http://www.w3.org/ns/dcat#';
const VOID = 'http://rdfs.org/ns/void#';
const SPDX = 'http://spdx.org/rdf/terms#';
const PROV = 'http://www.w3.org/ns/prov#';
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

let stdout = '';
let meta: Store;
const one = (s: string, p: string): string | undefined => meta.getObjects(s, p, null)[0]?.value;

beforeAll(() => {
  const r = spawnSync(process.execPath, [bin, 'convert', 'mappings', '--out', out, '--format', 'nt,ttl,jsonld,nq.gz', '--issued', '2024-05-16', '--download-base', 'https://example.org/dumps/'], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).not.toMatch(/error|warning/);
  expect(r.status).toBe(0);
  stdout = r.stdout;
  meta = new Store(new Parser({ format: 'Turtle' }).parse(readFileSync(join(out, 'metadata.ttl'), 'utf8')));
}, 120_000);

describe('release folder', () => {
  it('holds the dumps, the vocabulary, the metadata and the five-star report', () => {
    const files = readdirSync(out);
    for (const f of ['metadata.ttl', 'metadata.jsonld', 'five-star.json', 'justice-vocabulary.ttl', 'justice-vocabulary.nq.gz', 'sentencing-outcomes.jsonld']) expect(files).toContain(f);
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes metadata.jsonld as the same graph as metadata.ttl, without blank nodes', async () => {
    const ttl = canonical(readFileSync(join(out, 'metadata.ttl'), 'utf8'), 'Turtle');
    expect(ttl.some((l) => l.includes('_:'))).toBe(false);
    expect(await jsonldCanonical(readFileSync(join(out, 'metadata.jsonld'), 'utf8'))).toEqual(ttl);
  });

  it('describes every dump with its real size and SHA-256, a media type and a download URL', () => {
    const dists = meta.getObjects(null, `${DCAT}distribution`, null).map((t) => t.value);
    // Every sample mapping and the vocabulary, in four formats each.
    expect(dists.length).toBe((mappingCount + 1) * 4);
    for (const d of dists) {
      const url = one(d, `${DCAT}downloadURL`)!;
      expect(url).toMatch(/^https:\/\/example\.org\/dumps\//);
      const file = join(out, decodeURIComponent(basename(url)));
      expect(one(d, `${DCAT}byteSize`)).toBe(String(readFileSync(file).length));
      expect(one(one(d, `${SPDX}checksum`)!, `${SPDX}checksumValue`)).toBe(sha256(file));
      expect(one(d, `${DCAT}mediaType`)).toMatch(/^https:\/\/www\.iana\.org\/assignments\/media-types\/(application|text)\//);
    }
  });

  it('counts the triples, classes and links of each dataset as VoID', () => {
    const ds = 'https://data.justice.gov.uk/data/court-outcomes-by-pfa';
    const lines = canonical(readDump(join(out, 'court-outcomes-by-pfa.nt')));
    expect(one(ds, `${VOID}triples`)).toBe(String(lines.length));
    const areaLinks = lines.filter((l) => l.includes('<http://statistics.data.gov.uk/id/statistical-geography/')).length;
    const linksets = meta.getObjects(ds, `${VOID}subset`, null).map((t) => t.value).filter((l) => one(l, `${VOID}objectsTarget`) === 'http://statistics.data.gov.uk/');
    expect(linksets.reduce((n, l) => n + Number(one(l, `${VOID}triples`)), 0)).toBe(areaLinks);
    expect(one(`${ds}/temporal`, `${DCAT}startDate`)).toBe('2017-01-01');
    expect(one(`${ds}/temporal`, `${DCAT}endDate`)).toBe('2019-12-31');
    expect(one(ds, 'http://purl.org/dc/terms/issued')).toBe('2024-05-16');
    expect(meta.getObjects(ds, `${DCAT}keyword`, null).map((t) => t.value)).toContain('police force areas');
    expect(one(ds, 'http://purl.org/dc/terms/accrualPeriodicity')).toBe('http://publications.europa.eu/resource/authority/frequency/QUARTERLY');
  });

  it('records the source CSV and the mapping (a prov:Plan) with their checksums', () => {
    const ds = 'https://data.justice.gov.uk/data/proven-reoffending-by-la';
    const source = one(ds, `${PROV}wasDerivedFrom`)!;
    const csv = join(root, 'samples/reoffending', one(source, 'http://purl.org/dc/terms/title')!);
    expect(one(one(source, `${SPDX}checksum`)!, `${SPDX}checksumValue`)).toBe(sha256(csv));
    const plan = one(`${ds}/conversion/association`, `${PROV}hadPlan`)!;
    expect(one(one(plan, `${SPDX}checksum`)!, `${SPDX}checksumValue`)).toBe(sha256(join(root, 'mappings/proven-reoffending-by-la.yaml')));
    expect(one(`${ds}/conversion`, `${PROV}startedAtTime`)! <= one(`${ds}/conversion`, `${PROV}endedAtTime`)!).toBe(true);
  });

  it('passes the metadata shapes', async () => {
    const v = await validateGraph([{ name: 'metadata.ttl', text: readFileSync(join(out, 'metadata.ttl'), 'utf8'), format: 'text/turtle' }], [METADATA_SHAPES]);
    expect(v.violations).toEqual([]);
  });

  it('gives every sample five stars, printed as a table and written as JSON', () => {
    const report = JSON.parse(readFileSync(join(out, 'five-star.json'), 'utf8')) as { datasets: { stars: number }[] };
    expect(report.datasets).toHaveLength(mappingCount + 1);
    expect(report.datasets.every((d) => d.stars === 5)).toBe(true);
    expect(stdout).toMatch(/sentencing-outcomes\s+yes\s+yes\s+yes\s+yes\s+yes\s+★★★★★/);
  });
});

describe('metadata shapes', () => {
  it('catch a bad checksum, a missing licence, a negative size and times in the wrong order', async () => {
    const text = readFileSync(join(out, 'metadata.ttl'), 'utf8')
      .replace(/spdx:checksumValue "[0-9a-f]{64}"/, 'spdx:checksumValue "XYZ"')
      .replace(/(<https:\/\/data\.justice\.gov\.uk\/data\/sentenced-fines> a dcat:Dataset, void:Dataset ;[\s\S]*?)dcterms:license <[^>]+> ;/, '$1')
      .replace(/dcat:byteSize "\d+"\^\^xsd:nonNegativeInteger/, 'dcat:byteSize "-1"^^xsd:integer')
      .replace(/prov:startedAtTime "([^"]+)"/, 'prov:startedAtTime "2999-01-01T00:00:00Z"');
    const v = await validateGraph([{ name: 'metadata.ttl', text, format: 'text/turtle' }], [METADATA_SHAPES]);
    expect([...new Set(v.violations.map((x) => x.rule))].sort()).toEqual(['metadata:activity-start', 'metadata:checksum-value', 'metadata:dataset-license', 'metadata:distribution-byte-size']);
    // convert checks its metadata with the shapes alone (no store, no ICs): the same findings.
    const alone = await validateShapes({ name: 'metadata.ttl', text, format: 'text/turtle' }, METADATA_SHAPES, []);
    const key = (x: { rule: string; focus: string; path?: string }): string => `${x.rule} ${x.focus} ${x.path ?? ''}`;
    expect(alone.map(key).sort()).toEqual(v.violations.map(key).sort());
  });

  // convert runs the metadata shapes compiled (compiled-targets.ts); shacl-engine is the
  // reference: the same rule, component, node, path and value on the real metadata and on
  // 40 random breakages of it (dropped triples, moved objects, wrong datatypes and kinds).
  it('compiled, find what shacl-engine finds, on the metadata and on random breakages of it', async () => {
    const text = readFileSync(join(out, 'metadata.ttl'), 'utf8');
    const quads = new Parser({ format: 'Turtle' }).parse(text);
    const literals = ['"x"', '"-1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"2024-13-01"^^<http://www.w3.org/2001/XMLSchema#date>',
      '"2999-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>', '"2020-01-01T00:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>',
      '"ABCD"^^<http://www.w3.org/2001/XMLSchema#hexBinary>', '"12"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>', '_:b1', '<ftp://example.org/x>'];
    const SHAPED = /(title|description|publisher|license|issued|modified|#dataset|#distribution|downloadURL|accessURL|mediaType|byteSize|#checksum|algorithm|checksumValue|AtTime|#triples|#type)> /;
    let seed = 5;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const nt = (q: (typeof quads)[number]): string => `${q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : `<${q.subject.value}>`} <${q.predicate.value}> ${
      q.object.termType === 'Literal' ? JSON.stringify(q.object.value) + (q.object.language ? `@${q.object.language}` : `^^<${q.object.datatype.value}>`) : q.object.termType === 'BlankNode' ? `_:${q.object.value}` : `<${q.object.value}>`} .`;
    // Blank nodes: each parse names them afresh.
    const blank = (v: string | undefined): string => (v && /^b\d+_/.test(v) ? '_:' : v ?? '');
    const key = (x: { rule: string; title: string; focus: string; path?: string; value?: string }): string => `${x.rule} ${x.title} ${blank(x.focus)} ${x.path ?? ''} ${blank(x.value)}`;
    let broken = 0;
    const components = new Set<string>();
    // A few breakages on purpose (values in the wrong order or without a time zone, a second
    // media type, an FTP download, another checksum algorithm), then random ones.
    const dated = (l: string): boolean => /startedAtTime|endedAtTime/.test(l);
    const targeted: ((lines: string[]) => void)[] = [
      (ls) => ls.forEach((l, i) => dated(l) && /startedAtTime/.test(l) && (ls[i] = l.replace(/"[^"]*"/, '"2999-01-01T00:00:00Z"'))),
      (ls) => ls.forEach((l, i) => dated(l) && /startedAtTime/.test(l) && (ls[i] = l.replace(/"[^"]*"/, '"2020-01-01T00:00:00"'))),
      (ls) => ls.push(ls.find((l) => /mediaType/.test(l))!.replace(/<[^>]*> \.$/, '<https://www.iana.org/assignments/media-types/text/csv> .')),
      (ls) => ls.forEach((l, i) => /downloadURL/.test(l) && (ls[i] = l.replace(/<https?:\/\/([^>]*)> \.$/, '<ftp://$1> .'))),
      (ls) => ls.forEach((l, i) => /checksumValue/.test(l) && (ls[i] = l.replace(/"([0-9a-f]+)"/, (_m, h: string) => `"${h.toUpperCase()}"`))),
      (ls) => ls.forEach((l, i) => /#algorithm>/.test(l) && (ls[i] = l.replace(/checksumAlgorithm_sha256/, 'checksumAlgorithm_md5'))),
    ];
    for (let n = 0; n <= 40 + targeted.length; n++) {
      const lines = quads.map(nt);
      if (n > 0 && n <= targeted.length) targeted[n - 1]!(lines);
      for (let e = 0; n > targeted.length && e < 2 + rnd(4); e++) {
        // Mostly lines the shapes look at: a breakage elsewhere changes nothing.
        const shaped = lines.map((l, j) => [l, j] as const).filter(([l]) => SHAPED.test(l)).map(([, j]) => j);
        const i = rnd(4) > 0 && shaped.length > 0 ? shaped[rnd(shaped.length)]! : rnd(lines.length);
        const kind = rnd(3);
        if (kind === 0) lines.splice(i, 1);
        else if (kind === 1) lines[i] = lines[i]!.replace(/ [^ ]+ \.$| ".*$/, ` ${literals[rnd(literals.length)]} .`);
        else lines[i] = lines[i]!.replace(/ [^ ]+ \.$|> ".*$/, (m) => `${m.startsWith('>') ? '>' : ''} ${nt(quads[rnd(quads.length)]!).split(' ').slice(2).join(' ')}`);
      }
      const input = { name: 'metadata.nt', text: lines.join('\n'), format: 'application/n-triples' as const };
      const compiled = await validateShapes(input, METADATA_SHAPES, []);
      const engine = await validateShapes(input, METADATA_SHAPES, [], { engine: true });
      expect(compiled.map(key).sort(), `mutant ${n}:\n${input.text}`).toEqual(engine.map(key).sort());
      if (engine.length > 0) broken++;
      for (const v of engine) components.add(v.title.replace(/^sh:|ConstraintComponent$/g, ''));
    }
    expect(broken).toBeGreaterThan(12);
    // Every kind of constraint the metadata shapes use was broken at least once.
    expect([...components].sort()).toEqual(['Class', 'Datatype', 'HasValue', 'In', 'LessThanOrEquals', 'MaxCount', 'MinCount', 'NodeKind', 'Pattern']);
  }, 120_000);
});

describe('five-star assessment', () => {
  // convert counts each dump's content as it writes it; parsing the files again (as
  // `validate` and a later reader do) must give the same report, star for star.
  it('gives the same report from what the run counted as from parsing the dumps again', async () => {
    const written = JSON.parse(readFileSync(join(out, 'five-star.json'), 'utf8')) as { datasets: { dataset: string; stars: number; triplesParsed: number; countedWhileWriting: boolean; checks: unknown[] }[] };
    expect(written.datasets.every((d) => d.countedWhileWriting)).toBe(true);
    const reread = await assessBundle(out);
    expect(reread.datasets.every((d) => !d.countedWhileWriting)).toBe(true);
    const strip = (d: { dataset: string; stars: number; triplesParsed: number; checks: unknown }) => ({ dataset: d.dataset, stars: d.stars, triples: d.triplesParsed, checks: d.checks });
    expect(written.datasets.map(strip)).toEqual(reread.datasets.map(strip));
    expect(stdout).toMatch(/triples counted as written\)/);
  });

  const copy = (): string => {
    const dir = join(tempDir(), 'broken');
    cpSync(out, dir, { recursive: true });
    return dir;
  };

  it('takes every star away from a dump changed after its metadata was written', async () => {
    const dir = copy();
    appendFileSync(join(dir, 'sentenced-fines.nt'), '\n');
    const fines = (await assessBundle(dir)).datasets.find((d) => d.dataset.endsWith('/sentenced-fines'))!;
    expect(fines.stars).toBe(0);
    expect(fines.checks[0]!.reasons.join(' ')).toMatch(/SHA-256/);
  });

  it('stops at three stars when a dump uses a blank node, and at four without links', async () => {
    const dir = copy();
    const nt = join(dir, 'sentenced-fines.nt');
    writeFileSync(nt, readFileSync(nt, 'utf8').replace(/^<[^>]+>/, '_:b0'));
    const metaFile = join(dir, 'metadata.ttl');
    const meta2 = readFileSync(metaFile, 'utf8').replace(/(sentenced-fines\/distribution\/nt\/checksum> a spdx:Checksum ;\s+spdx:algorithm spdx:checksumAlgorithm_sha256 ;\s+spdx:checksumValue ")[0-9a-f]+/, (_m, head: string) => head + sha256(nt));
    writeFileSync(metaFile, meta2.replace(/(<https:\/\/data\.justice\.gov\.uk\/data\/sentenced-fines\/distribution\/nt>[\s\S]*?dcat:byteSize ")\d+/, (_m, head: string) => head + readFileSync(nt).length));
    const fines = (await assessBundle(dir)).datasets.find((d) => d.dataset.endsWith('/sentenced-fines'))!;
    expect(fines.checks.map((c) => c.passed)).toEqual([true, true, true, false, true]);
    expect(fines.stars).toBe(3);

    const linkless = copy();
    const m = join(linkless, 'metadata.ttl');
    writeFileSync(m, readFileSync(m, 'utf8').replace(/void:triples (\d+) \.\n\n(<https:\/\/data\.justice\.gov\.uk\/data\/sentenced-fines\/linkset\/[^>]+\/1>)/g, 'void:triples 0 .\n\n$2'));
    const noLinks = (await assessBundle(linkless)).datasets.find((d) => d.dataset.endsWith('/sentenced-fines'))!;
    expect(noLinks.stars).toBe(4);
    expect(noLinks.checks[4]!.reasons.join(' ')).toMatch(/linksets declare/);
  });
});

describe('convert --out <file>', () => {
  const dir = tempDir();
  it('picks the format from the extension and writes one file', () => {
    const file = join(dir, 'timeliness.trig');
    const r = spawnSync(process.execPath, [bin, 'convert', 'mappings/criminal-court-timeliness.yaml', '--out', file, '-q'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['timeliness.trig']);
    expect(canonical(readFileSync(file, 'utf8'), 'TriG').every((l) => l.endsWith('<https://data.justice.gov.uk/graph/criminal-court-timeliness> .'))).toBe(true);
  });

  it('refuses a --format that contradicts the extension', () => {
    const r = spawnSync(process.execPath, [bin, 'convert', 'mappings/criminal-court-timeliness.yaml', '--out', join(dir, 'x.ttl'), '--format', 'nt'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('JL403');
  });
});
