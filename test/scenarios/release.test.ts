/**
 * Release scenarios: two sample releases run through the built CLI, the later one revising the
 * earlier one's figures. What changed is worked out independently from the two CSVs and must
 * match the release's change report, the `diff` command, the [r] markers in the dumps and
 * the version links in the metadata.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Parser, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const work = tempDir('jlod-release-');
const out = join(work, 'out');
const MAPPINGS = ['court-outcomes-by-pfa', 'criminal-court-defendants', 'criminal-court-timeliness', 'proven-reoffending-by-la', 'sentence-outcomes-by-offence', 'sentenced-fines', 'sentencing-outcomes'];
const OLD_CSV = join(root, 'samples/reoffending/proven-reoffending-by-la-2019-2021.csv');
const NEW_CSV = join(root, 'samples/reoffending/proven-reoffending-by-la-2019-2022.csv');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A release file in the work folder over the repository's mappings and samples. */
function releaseFile(name: string, id: string, version: string, extra: { previous?: string; reoffending?: string; more?: string } = {}): string {
  const datasets = MAPPINGS.map((m) => `  - mapping: ${join(root, 'mappings', `${m}.yaml`)}${m === 'proven-reoffending-by-la' && extra.reoffending ? `\n    csv: ${extra.reoffending}` : ''}`);
  const text = [`id: ${id}`, `version: ${version}`, 'issued: 2025-01-30', 'base: https://data.justice.gov.uk/', 'out: out', ...(extra.previous ? [`previous: ${extra.previous}`] : []), ...(extra.more ? [extra.more] : []), 'datasets:', ...datasets, ''].join('\n');
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

const MEASURES = 5;
/** The oracle: each reoffending cell by (cohort, group, area, measure) → value and markers, from the CSV text. */
function cells(csv: string): Map<string, { value?: number; markers: string }> {
  const rows = parse(readFileSync(csv, 'utf8'), { relax_column_count: true, from_line: 4 }) as string[][];
  const out = new Map<string, { value?: number; markers: string }>();
  for (const row of rows.filter((r) => r.length === 9)) {
    for (let m = 0; m < MEASURES; m++) {
      const cell = row[4 + m]!.trim();
      const markers = [...cell.matchAll(/\[(\w+)\]/g)].map((x) => x[1]!).concat(cell === '*' ? ['c'] : []).filter((x) => x !== 'r').sort().join(' ');
      const number = cell.replace(/\[\w+\]/g, '').replace(/,/g, '').trim();
      out.set([row[0], row[1], row[2], m].join('|'), { markers, ...(number && number !== '*' ? { value: Number(number) } : {}) });
    }
  }
  return out;
}

function expectedChanges() {
  const before = cells(OLD_CSV);
  const after = cells(NEW_CSV);
  const counts = { added: 0, removed: 0, revised: 0, markerChanged: 0, unchanged: 0 };
  for (const [key, now] of after) {
    const was = before.get(key);
    if (!was) counts.added++;
    else if (was.value !== undefined && now.value !== undefined && was.value !== now.value) counts.revised++;
    else if (was.markers !== now.markers || (was.value === undefined) !== (now.value === undefined)) counts.markerChanged++;
    else counts.unchanged++;
  }
  counts.removed = [...before.keys()].filter((k) => !after.has(k)).length;
  return counts;
}

const R = '<https://purl.org/csv-cubed/resources/attributes/af-obs-marker#r>';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** The triples of an N-Triples file as serdi (a C parser, independent of ours) re-writes them: subject, predicate, object. */
function serdiLines(file: string): { s: string; p: string; o: string }[] {
  const r = spawnSync('serdi', ['-i', 'ntriples', '-o', 'ntriples', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l.trim()).map((l) => {
    const [s, p, ...rest] = l.split(' ');
    return { s: s!, p: p!, o: rest.join(' ').replace(/ \.$/, '') };
  });
}
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const store = (path: string): Store => new Store(new Parser({ format: 'Turtle' }).parse(readFileSync(path, 'utf8')));

describe('justice-lod release and diff', () => {
  let first: ReturnType<typeof run>;
  let second: ReturnType<typeof run>;
  beforeAll(() => {
    first = run(['release', releaseFile('q1.yaml', '2025-01', 'January 2025')]);
    second = run(['release', releaseFile('q2.yaml', '2025-04', 'April 2025', { previous: 'out/2025-01', reoffending: NEW_CSV }), '--ask', 'reoffending-rate-by-la']);
  }, 120_000);

  it('runs a release: every dataset converted, validated, five stars, a summary table', () => {
    expect(first.code).toBe(0);
    // rows, rejected, observations, triples, violations, disclosure (– without rules; the fines
    // table and proven reoffending have them, and their suppression leaves no finding), stars
    for (const m of MAPPINGS) expect(first.stdout).toMatch(new RegExp(`${m}\\s+[\\d,]+\\s+0\\s+[\\d,]+\\s+[\\d,]+\\s+0\\s+${m === 'sentenced-fines' || m === 'proven-reoffending-by-la' ? '0' : '–'}\\s+★★★★★`));
    const files = readdirSync(join(out, '2025-01'));
    for (const m of MAPPINGS) expect(files).toEqual(expect.arrayContaining([`${m}.nt`, `${m}.ttl`]));
    expect(files).toEqual(expect.arrayContaining(['metadata.ttl', 'metadata.jsonld', 'five-star.json', 'justice-vocabulary.nt']));
    expect(files).not.toContain('changes.md');
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('compares with the previous release: the counts agree with the CSVs', () => {
    expect(second.code).toBe(0);
    const changes = JSON.parse(readFileSync(join(out, '2025-04', 'changes.json'), 'utf8')) as { datasets: { id: string; status: string; counts: { added: number; removed: number; revised: number; markerChanged: number }; codes: unknown[] }[] };
    const reoffending = changes.datasets.find((d) => d.id === 'proven-reoffending-by-la')!;
    const expected = expectedChanges();
    expect(expected.revised).toBeGreaterThan(0);
    expect(expected.markerChanged).toBeGreaterThan(0);
    expect(reoffending.counts).toEqual(expected);
    expect(reoffending.codes).toEqual([{ dimension: 'refArea', added: [], removed: ['W06000001'] }, { dimension: 'cohortPeriod', added: ['2021-2022'], removed: [] }]);
    for (const d of changes.datasets.filter((x) => x.id !== 'proven-reoffending-by-la')) {
      expect(d.counts.added + d.counts.removed + d.counts.revised + d.counts.markerChanged).toBe(0);
    }
    expect(second.stdout).toContain('Changes from January 2025 to April 2025');
    expect(second.stdout).toMatch(/proven-reoffending-by-la\s+changed\s+/);
    expect(second.stdout).toMatch(/value revised \(\d+/);
    expect(readFileSync(join(out, '2025-04', 'changes.md'), 'utf8')).toMatch(/^# Changes from January 2025 to April 2025/);
  });

  it('marks exactly the revised observations [r] in the new dumps', () => {
    const log = parse(readFileSync(join(out, '2025-04', 'changes', 'proven-reoffending-by-la.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const revised = new Set(log.filter((r) => r['change'] === 'revised').map((r) => r['observation']!));
    expect(revised.size).toBe(expectedChanges().revised);
    const nt = readFileSync(join(out, '2025-04', 'proven-reoffending-by-la.nt'), 'utf8').split('\n');
    const marked = new Set(nt.filter((l) => l.includes(R)).map((l) => l.slice(1, l.indexOf('>'))));
    const fromCsv = [...readFileSync(NEW_CSV, 'utf8').matchAll(/\[r\]/g)].length - 1; // the notes line explains [r]
    for (const s of revised) expect(marked.has(s)).toBe(true);
    expect(marked.size).toBe(revised.size + fromCsv);
    const ttl = store(join(out, '2025-04', 'proven-reoffending-by-la.ttl'));
    for (const s of revised) expect(ttl.getQuads(s, 'http://purl.org/linked-data/sdmx/2009/attribute#obsStatus', R.slice(1, -1), null)).toHaveLength(1);
  });

  it('prints and describes in VoID the counts of the files, as an independent parser (serdi) counts them', () => {
    const dir = join(out, '2025-04');
    const meta = store(join(dir, 'metadata.ttl'));
    const VOID = 'http://rdfs.org/ns/void#';
    const int = (s: string, p: string): number => Number(meta.getObjects(s, `${VOID}${p}`, null)[0]!.value);
    for (const id of [...MAPPINGS, 'justice-vocabulary']) {
      const lines = serdiLines(join(dir, `${id}.nt`));
      const dataset = meta.getSubjects(`${VOID}dataDump`, null, null).find((d) => meta.getObjects(d, `${VOID}dataDump`, null).some((o) => o.value.endsWith(`/${id}.nt`)))!.value;
      const uriSpace = meta.getObjects(dataset, `${VOID}uriSpace`, null)[0]!.value;
      const subjects = new Set(lines.map((l) => l.s));
      expect(int(dataset, 'triples'), `${id} void:triples`).toBe(lines.length);
      // … and a dump states each triple once (a graph is a set; a store would count the distinct ones).
      expect(new Set(lines.map((l) => `${l.s} ${l.p} ${l.o}`)).size, `${id} distinct triples`).toBe(lines.length);
      expect(int(dataset, 'distinctSubjects'), `${id} void:distinctSubjects`).toBe(subjects.size);
      expect(int(dataset, 'entities'), `${id} void:entities in ${uriSpace}`).toBe([...subjects].filter((x) => x.startsWith(`<${uriSpace}`)).length);
      for (const part of meta.getObjects(dataset, `${VOID}classPartition`, null)) {
        const cls = meta.getObjects(part, `${VOID}class`, null)[0]!.value;
        expect(int(part.value, 'entities'), `${id} ${cls}`).toBe(new Set(lines.filter((l) => l.p === `<${RDF_TYPE}>` && l.o === `<${cls}>`).map((l) => l.s)).size);
      }
      for (const part of meta.getObjects(dataset, `${VOID}propertyPartition`, null)) {
        const prop = meta.getObjects(part, `${VOID}property`, null)[0]!.value;
        expect(int(part.value, 'triples'), `${id} ${prop}`).toBe(lines.filter((l) => l.p === `<${prop}>`).length);
      }
      // The release table's triples are the dump's, [r] markers added while diffing included.
      if (id !== 'justice-vocabulary') {
        const row = new RegExp(`${id}\\s+[\\d,]+\\s+\\d+\\s+([\\d,]+)\\s+([\\d,]+)`).exec(second.stdout)!;
        const observations = new Set(lines.filter((l) => l.p === `<${RDF_TYPE}>` && l.o === '<http://purl.org/linked-data/cube#Observation>').map((l) => l.s)).size;
        expect(Number(row[1]!.replace(/,/g, '')), `${id} printed observations`).toBe(observations);
        expect(Number(row[2]!.replace(/,/g, '')), `${id} printed triples`).toBe(lines.length);
      }
    }
  });

  it('convert into a release folder refuses (JL707) and leaves the release, its catalogue and version links as they were', () => {
    const dir = join(out, '2025-04');
    const before = readdirSync(dir).filter((f) => !f.startsWith('changes')).map((f) => [f, sha(join(dir, f))]);
    const r = run(['convert', join(root, 'mappings/sentenced-fines.yaml'), '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error JL707');
    expect(r.stderr).toContain('holds the release "April 2025"');
    expect(readdirSync(dir).filter((f) => !f.startsWith('changes')).map((f) => [f, sha(join(dir, f))])).toEqual(before);
    expect(store(join(dir, 'metadata.ttl')).getObjects('https://data.justice.gov.uk/catalog/2025-04', 'http://www.w3.org/ns/dcat#previousVersion', null)).toHaveLength(1);
  });


  it('answers example questions from the embedded store', () => {
    expect(second.stdout).toMatch(/Answers from the embedded store/);
    expect(second.stdout).toMatch(/2021-2022\s+England and Wales\s+[\d]+\s+[\d]+\s+0\.\d+/);
  });

  it('diff between the two folders gives the same report as the release', () => {
    const d = run(['diff', 'out/2025-01', 'out/2025-04', '--format', 'json', '--changes', 'diff-log']);
    expect(d.code).toBe(0);
    const fromDiff = JSON.parse(d.stdout) as { datasets: { id: string; counts: unknown; codes: unknown }[] };
    const fromRelease = JSON.parse(readFileSync(join(out, '2025-04', 'changes.json'), 'utf8')) as typeof fromDiff;
    expect(fromDiff.datasets.map((x) => [x.id, x.counts, x.codes])).toEqual(fromRelease.datasets.map((x) => [x.id, x.counts, x.codes]));
    expect(readFileSync(join(work, 'diff-log', 'proven-reoffending-by-la.csv'), 'utf8').split('\n').sort()).toEqual(readFileSync(join(out, '2025-04', 'changes', 'proven-reoffending-by-la.csv'), 'utf8').split('\n').sort());
    expect(run(['diff', 'out/2025-01', 'out/2025-04', '--fail-on-change']).code).toBe(1);
    const same = run(['diff', 'out/2025-04', 'out/2025-04', '--fail-on-change']);
    expect(same.code).toBe(0);
    expect(same.stdout).not.toMatch(/\bchanged\b/);
    expect(run(['diff', 'out/nowhere', 'out/2025-04']).stderr).toMatch(/JL702/);
    // Two dumps of one data set, in any two formats diffs read: that data set's row of the folders' report.
    const files = run(['diff', 'out/2025-01/proven-reoffending-by-la.nt', 'out/2025-04/proven-reoffending-by-la.ttl', '--format', 'json']);
    expect(files.code).toBe(0);
    const one = (JSON.parse(files.stdout) as typeof fromDiff).datasets.map((x) => [x.id, x.counts, x.codes]);
    expect(one).toEqual(fromDiff.datasets.filter((x) => x.id === 'proven-reoffending-by-la').map((x) => [x.id, x.counts, x.codes]));
    expect(run(['diff', 'out/2025-01/proven-reoffending-by-la.nt', 'out/2025-04']).stderr).toContain('JL702: out/2025-01/proven-reoffending-by-la.nt is a file and out/2025-04 is not');
    expect(run(['diff', 'out/2025-01/proven-reoffending-by-la.nt', 'out/2025-01/metadata.jsonld']).stderr).toContain('JL705: out/2025-01/metadata.jsonld: a JSON-LD dump, which diffs do not read');
  });

  it('links the release and each dataset version to the previous one in the metadata', () => {
    const meta = store(join(out, '2025-04', 'metadata.ttl'));
    const cat = 'https://data.justice.gov.uk/catalog/2025-04';
    const prev = 'https://data.justice.gov.uk/catalog/2025-01';
    expect(meta.getObjects(cat, 'http://www.w3.org/ns/dcat#previousVersion', null).map((t) => t.value)).toEqual([prev]);
    expect(meta.getObjects(cat, 'http://www.w3.org/ns/prov#wasRevisionOf', null).map((t) => t.value)).toEqual([prev]);
    const ds = 'https://data.justice.gov.uk/data/proven-reoffending-by-la';
    const version = meta.getObjects(ds, 'http://www.w3.org/ns/dcat#hasCurrentVersion', null)[0]!.value;
    expect(version).toBe(`${ds}/version/2025-04`);
    expect(meta.getObjects(version, 'http://www.w3.org/ns/dcat#previousVersion', null).map((t) => t.value)).toEqual([`${ds}/version/2025-01`]);
    expect(meta.getObjects(version, 'http://www.w3.org/ns/adms#versionNotes', null)[0]!.value).toMatch(/^\d+ values revised \(marked \[r\]\)/);
  });

  it('is byte-identical on a rerun (the dumps and the change log)', () => {
    const files = ['proven-reoffending-by-la.nt', 'proven-reoffending-by-la.ttl', 'changes/proven-reoffending-by-la.csv', 'court-outcomes-by-pfa.nt'];
    const before = files.map((f) => sha(join(out, '2025-04', f)));
    expect(run(['release', join(work, 'q2.yaml'), '--quiet']).code).toBe(0);
    expect(files.map((f) => sha(join(out, '2025-04', f)))).toEqual(before);
  }, 60_000);

  it('fails on bad data with exit 1 and leaves the release folder as it was', () => {
    const broken = join(work, 'broken.csv');
    writeFileSync(broken, readFileSync(NEW_CSV, 'utf8').replace(/^(Apr 2021-Mar 2022,Adult,E06000001,Hartlepool,)("[^"]*"|[^,]*)/m, '$112x'));
    const before = sha(join(out, '2025-04', 'proven-reoffending-by-la.nt'));
    const r = run(['release', releaseFile('q2-broken.yaml', '2025-04', 'April 2025', { previous: 'out/2025-01', reoffending: broken }), '--publish', 'http://127.0.0.1:9/sparql-graph-crud-auth']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.csv:\d+: error JL301/);
    expect(r.stderr).toMatch(/JL706/);
    expect(r.stdout).toMatch(/failed: nothing was written/);
    expect(sha(join(out, '2025-04', 'proven-reoffending-by-la.nt'))).toBe(before);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('stops at a damaged line of the previous release, naming it, and writes nothing', () => {
    // The previous dump is read while the new release converts: a bad line half-way is met then.
    const damaged = join(work, 'damaged');
    cpSync(join(out, '2025-01'), join(damaged, '2025-01'), { recursive: true });
    const dump = join(damaged, '2025-01', 'proven-reoffending-by-la.nt');
    const lines = readFileSync(dump, 'utf8').split('\n');
    const at = Math.floor(lines.length / 2);
    lines[at] = '<https://data.justice.gov.uk/broken> <https://example.org/p> "unclosed .';
    writeFileSync(dump, lines.join('\n'));
    const r = run(['release', releaseFile('q3-damaged.yaml', '2025-07', 'July 2025', { previous: join(damaged, '2025-01'), reoffending: NEW_CSV }), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`JL705: cannot compare: line ${at + 1} of ${dump}`);
    expect(r.stderr).not.toContain('output directory');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, '2025-07'))).toBe(false);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    // `diff` says the same of it.
    const d = run(['diff', join(damaged, '2025-01'), join(out, '2025-01'), '--quiet']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain(`JL705: cannot compare: line ${at + 1} of ${dump}`);
  }, 60_000);

  it('reports release-file mistakes at their line and column', () => {
    const typo = releaseFile('typo.yaml', 'x-1', 'x', { more: 'licnce: https://example.org/' });
    const r1 = run(['release', typo]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/typo\.yaml:6:1: error JL102: unknown key 'licnce'.*[Dd]id you mean 'licence'/);
    const r2 = run(['release', releaseFile('noprev.yaml', 'x-2', 'x', { previous: 'out/2024-10' })]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/noprev\.yaml:6:\d+: error JL702: previous release .*no such folder/);
    const twice = join(work, 'twice.yaml');
    writeFileSync(twice, `${readFileSync(join(work, 'q1.yaml'), 'utf8')}  - mapping: ${join(root, 'mappings/sentenced-fines.yaml')}\n`);
    expect(run(['release', twice]).stderr).toMatch(/JL701: .*listed twice/);
    expect(existsSync(join(out, 'x-1'))).toBe(false);
    // An <out>/<id> that a release did not write is never replaced: a folder, or a file.
    for (const [id, make] of [['mine', () => { mkdirSync(join(out, 'mine'), { recursive: true }); writeFileSync(join(out, 'mine', 'thesis.docx'), 'mine'); }], ['afile', () => writeFileSync(join(out, 'afile'), 'mine')]] as const) {
      make();
      const r = run(['release', releaseFile(`${id}.yaml`, id, 'x')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${id}\\.yaml:5:\\d+: error JL708: .*${id} (exists and is not a release written by justice-lod|is a file)`));
      expect(readFileSync(id === 'mine' ? join(out, 'mine', 'thesis.docx') : join(out, 'afile'), 'utf8')).toBe('mine');
    }
    // A release folder holds the marker, so the next run may replace it.
    expect(readFileSync(join(out, '2025-01', '.justice-lod-release'), 'utf8')).toContain('"release":"2025-01"');
    // Aliases that expand exponentially: a located JL101, no stack trace.
    const bomb = join(work, 'bomb.yaml');
    const levels = Array.from({ length: 12 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`);
    writeFileSync(bomb, ['id: x-3', 'base: https://data.justice.gov.uk/', 'out: out', 'a0: &a0 [x, x, x, x, x, x, x, x, x]', ...levels, 'datasets: []', ''].join('\n'));
    const r3 = run(['release', bomb]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/bomb\.yaml:5:\d+: error JL101: the YAML's aliases \(\*name\) expand too far/);
    expect(r3.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
