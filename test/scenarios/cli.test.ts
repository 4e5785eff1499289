/**
 * CLI scenarios (convention 14): the built binary, real files, exit codes and output.
 * `npm test` builds dist/ first.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const cases = join(root, 'test/cases');
const work = tempDir();

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of a golden case folder to run the CLI in. */
function caseCopy(name: string): string {
  const dir = join(work, name.replace('/', '-'));
  cpSync(join(cases, name), dir, { recursive: true });
  return dir;
}

describe('justice-lod CLI', () => {
  it('needs the build', () => expect(existsSync(join(root, 'dist/cli/main.js'))).toBe(true));

  it('prints help with every command and examples', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['release', 'diff', 'init', 'convert', 'check', 'preview', 'validate', 'query', 'publish', 'explain']) expect(r.stdout).toContain(c);
    const c = run(['convert', '--help']);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/Examples:[\s\S]*justice-lod convert mappings/);
    expect(c.stdout).toContain('Exit codes');
  });

  it('converts the samples, prints a readable summary and writes the dumps', () => {
    const out = join(work, 'samples');
    const r = run(['convert', 'mappings', '--out', out]);
    expect(r.stderr).not.toMatch(/error|warning/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/proven-reoffending-by-la[\s\S]*records\s+100 = 2 title rows \+ 1 header row \+ 92 data rows \+ 1 blank row \+ 4 notes rows/);
    expect(r.stdout).toMatch(/\[c\] confidential \(suppressed\): \d+/);
    expect(readdirSync(out).sort()).toContain('court-outcomes-by-pfa.ttl');
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes the same bytes with direct writes as through the page cache (JUSTICE_LOD_DIRECT_IO=always, =0, unset)', () => {
    const outs = ['direct', 'cached', 'default'].map((how) => {
      const out = join(work, `io-${how}`);
      const r = spawnSync(process.execPath, [bin, 'convert', 'mappings', '--out', out, '--format', 'nt,ttl,jsonld,csvw', '--issued', '2026-01-01', '--quiet'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', JUSTICE_LOD_DIRECT_IO: how === 'cached' ? '0' : how === 'direct' ? 'always' : '' },
      });
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    // The dumps and CSVW tables (the metadata, written through the cache either way, holds the time of the run).
    const dumps = (dir: string): string[] => readdirSync(dir).filter((f) => /\.(nt|ttl|jsonld|csv)$/.test(f) && !f.startsWith('metadata.')).sort();
    const files = dumps(outs[0]!);
    expect(files.filter((f) => f.endsWith('.csv')).length).toBeGreaterThan(0);
    for (const other of outs.slice(1)) {
      expect(dumps(other)).toEqual(files);
      for (const f of files) expect(readFileSync(join(outs[0]!, f)).equals(readFileSync(join(other, f))), f).toBe(true);
    }
  });

  it('exits 1 on bad rows, names file, line, column and value, and writes nothing', () => {
    const dir = caseCopy('convert/0101-rejected-rows');
    const r = run(['convert', 'mapping.yaml', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('input.csv:3: error JL301: "10a" in \'Count\' is not a number');
    expect(r.stderr).toContain('column "Count", value "10a"');
    expect(r.stderr).toContain('JL404');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
    // The row repeating line 14's key is rejected as a row too (IC-12).
    expect(r.stdout).toMatch(/data rows\s+14 read: 2 converted, 12 rejected .*1 JL503 duplicate observation \(IC-12\)/);
    expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).toEqual([]);
  });

  it('writes the rows that converted with --fail-on none', () => {
    const dir = caseCopy('convert/0101-rejected-rows');
    const r = run(['convert', 'mapping.yaml', '--out', 'out', '--fail-on', 'none', '--format', 'nt', '--no-metadata'], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['rejects.nt']);
  });

  it('fails on warnings with --fail-on warning', () => {
    const dir = caseCopy('convert/0005-year-and-quarter-columns');
    expect(run(['convert', 'mapping.yaml', '--out', 'out'], dir).code).toBe(0);
    expect(run(['convert', 'mapping.yaml', '--out', 'out2', '--fail-on', 'warning'], dir).code).toBe(1);
  });

  it('leaves the previous dump intact when a new run fails', () => {
    const dir = caseCopy('convert/0001-pfa-and-codes');
    expect(run(['convert', 'mapping.yaml', '--out', 'out', '--format', 'nt'], dir).code).toBe(0);
    const files = readdirSync(join(dir, 'out')).sort();
    const before = readFileSync(join(dir, 'out/basic.nt'));
    const metadataBefore = readFileSync(join(dir, 'out/metadata.ttl'));
    writeFileSync(join(dir, 'input.csv'), `${readFileSync(join(dir, 'input.csv'), 'utf8')}2019,Kent,01: Male,04: Theft Offences,lots\n`);
    expect(run(['convert', 'mapping.yaml', '--out', 'out', '--format', 'nt'], dir).code).toBe(1);
    expect(readFileSync(join(dir, 'out/basic.nt')).equals(before)).toBe(true);
    expect(readFileSync(join(dir, 'out/metadata.ttl')).equals(metadataBefore)).toBe(true);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(files);
  });

  it('stops after --max-errors', () => {
    const dir = caseCopy('convert/0101-rejected-rows');
    const r = run(['convert', 'mapping.yaml', '--max-errors', '2', '--format', 'nt'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('JL401');
    expect(r.stdout).toContain('stopped early');
  });

  it('gives machine-readable JSON', () => {
    const dir = caseCopy('convert/0101-rejected-rows');
    const r = run(['convert', 'mapping.yaml', '--diagnostics', 'json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { exitCode: number; runs: { records: { rejected: number }; diagnostics: { code: string; line: number; csvColumn?: string }[] }[] };
    expect(doc.exitCode).toBe(1);
    expect(doc.runs[0]!.records.rejected).toBe(12);
    expect(doc.runs[0]!.diagnostics[0]).toMatchObject({ code: 'JL301', line: 3, csvColumn: 'Count', value: '10a' });
  });

  it('checks a mapping: file:line:column, code, did-you-mean, exit 2', () => {
    const r = run(['check', join(cases, 'mapping/0201-unknown-key/mapping.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mapping\.yaml:8:5: error JL102: unknown key 'colum' in 'dimensions\.year'\. Did you mean 'column'/);
    expect(r.stderr).toContain('^^^^^');
  });

  it('checks column names against the CSV header', () => {
    const r = run(['check', join(cases, 'mapping/0206-unknown-column/mapping.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("column 'Counts' is not in the header of input.csv. Did you mean 'Count'?");
    const ok = run(['check', 'mappings']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/court-outcomes-by-pfa\.yaml: ok \(8 columns matched in \S+; 300 data rows read\)/);
  });

  it('checks the data too: every cell convert would reject, at its line and column, exit 1', () => {
    const dir = join(work, 'bad-data');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'mapping.yaml'), readFileSync(join(cases, 'convert/0101-rejected-rows/mapping.yaml')));
    writeFileSync(join(dir, 'input.csv'), readFileSync(join(cases, 'convert/0101-rejected-rows/input.csv')));
    const r = run(['check', 'mapping.yaml', '--diagnostics', 'json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { runs: { rows: number; rejected: number; diagnostics: { code: string; line: number }[] }[] };
    const converted = run(['convert', 'mapping.yaml', '--fail-on', 'none', '--diagnostics', 'json', '--out', 'out'], dir);
    const expected = (JSON.parse(converted.stdout) as { runs: { records: { rejected: number }; diagnostics: { code: string; line: number }[] }[] }).runs[0]!;
    expect(doc.runs[0]!.rejected).toBe(expected.records.rejected);
    const located = (ds: { code: string; line: number }[]) => ds.filter((d) => d.code !== 'JL404').map((d) => `${d.line} ${d.code}`).sort();
    expect(located(doc.runs[0]!.diagnostics)).toEqual(located(expected.diagnostics));
    // --rows reads only the first rows: line 2 is clean, line 3 the first bad row.
    const first = run(['check', 'mapping.yaml', '--rows', '2'], dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('mapping.yaml: 1 error (1 row would be rejected; the first 2 data rows read)');
  });

  it('checks against another CSV with --input', () => {
    const dir = join(work, 'renamed');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'new.csv'), 'Police Force Area,Year of Appearance,Sex,Age Group,Offence Group,Sentence Outcome,Custodial Sentence Length,Count\n');
    const r = run(['check', 'mappings/court-outcomes-by-pfa.yaml', '--input', join(dir, 'new.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("column 'Outcome' is not in the header of new.csv. Did you mean 'Sentence Outcome'?");
  });

  it('previews the Turtle of the first rows', () => {
    const r = run(['preview', 'mappings/criminal-court-timeliness.yaml', '--rows', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('@prefix qb:');
    expect(r.stdout.match(/ a qb:Observation/g)).toHaveLength(8);
  });

  it('explains codes', () => {
    const r = run(['explain', 'jl307']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('label not in the value map');
    expect(run(['explain', 'JL999']).code).toBe(2);
  });

  it('reports missing files and usage errors without a stack trace', () => {
    const a = run(['convert', 'nope.yaml']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('JL100');
    const dir = caseCopy('convert/0008-title-and-notes');
    const b = run(['convert', 'mapping.yaml', '--input', 'missing.csv'], dir);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('JL114');
    const c = run(['convert', '--frobnicate']);
    expect(c.code).toBe(2);
    expect(run(['convert', 'mappings', '--format', 'xml']).stderr).toContain('JL403');
    // A file name in a format convert does not write is refused, not made into a folder.
    const rdf = run(['convert', 'mappings/court-outcomes-by-pfa.yaml', '--out', join(work, 'x.rdf')]);
    expect(rdf.code).toBe(2);
    expect(rdf.stderr).toMatch(/JL403: --out .*x\.rdf names a \.rdf file, which convert does not write/);
    expect(existsSync(join(work, 'x.rdf'))).toBe(false);
    for (const x of [a, b, c, rdf]) expect(x.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });
});

describe('justice-lod validate', () => {
  const out = join(work, 'validate');
  const convertOnce = () => run(['convert', 'mappings/proven-reoffending-by-la.yaml', '--out', out, '-q']);

  it('passes a converted sample, and exits 1 with the broken rules grouped when values contradict', () => {
    expect(convertOnce().code).toBe(0);
    const ok = run(['validate', join(out, 'proven-reoffending-by-la.ttl')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('No violations');
    const nt = readFileSync(join(out, 'proven-reoffending-by-la.nt'), 'utf8');
    const broken = join(work, 'broken.nt');
    writeFileSync(broken, nt.replace(/(K04000001\/A\/reoffenders> <[^>]*reoffenderCount> ")\d+/, '$19999999'));
    const bad = run(['validate', broken]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/rule:reoffenders-le-offenders {2}reoffenders ≤ offenders: 1/);
  });

  it('validates a folder as the dump of each data set and the vocabulary, one format each, not the metadata', () => {
    // The folder holds .ttl and .nt of the data set and the vocabulary: the .nt of each is read.
    const files = [join(out, 'justice-vocabulary.nt'), join(out, 'proven-reoffending-by-la.nt')];
    const byFiles = JSON.parse(run(['validate', ...files, '--format', 'json']).stdout) as { files: string[]; triples: number; conforms: boolean };
    const folder = run(['validate', out, '--format', 'json']);
    expect(folder.code).toBe(0);
    const byFolder = JSON.parse(folder.stdout) as typeof byFiles;
    expect(byFolder.files).toEqual(files);
    expect(byFolder).toMatchObject({ conforms: true, triples: byFiles.triples });
    const empty = join(work, 'no-dumps');
    mkdirSync(empty, { recursive: true });
    const none = run(['validate', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`JL605: cannot read ${empty}: no RDF dumps in this folder`);
  });

  it('traces a finding on an observation in a bare dump back to its CSV line and column', () => {
    const nt = readFileSync(join(out, 'proven-reoffending-by-la.nt'), 'utf8');
    const broken = join(work, 'traced.nt');
    writeFileSync(broken, nt.replace(/(2019-2020\/K04000001\/A\/reoffenders> <[^>]*reoffenderCount> ")\d+/, '$19999999'));
    // In the project folder the mappings/ are found; the row of K04000001 2019-20 is line 4.
    const here = run(['validate', broken, '--format', 'json']);
    const json = JSON.parse(here.stdout) as { violations: { rule: string; source?: { file: string; line: number; column?: string } }[] };
    const found = json.violations.find((v) => v.rule === 'rule:reoffenders-le-offenders')!;
    // JSON gives the line as the text report prints it.
    expect(found.source).toMatchObject({ line: 4, column: 'Number of reoffenders' });
    expect(found.source!.file).toMatch(/proven-reoffending-by-la-2019-2021\.csv$/);
    // Elsewhere, --mapping names the mapping; without one the finding stays on its IRI.
    const elsewhere = run(['validate', broken, '--mapping', join(root, 'mappings/proven-reoffending-by-la.yaml')], work);
    expect(elsewhere.stdout).toContain('proven-reoffending-by-la-2019-2021.csv:4, column "Number of reoffenders"');
    const bare = run(['validate', broken], work);
    expect(bare.code).toBe(1);
    expect(bare.stdout).not.toContain('.csv:');
    expect(run(['validate', broken, '--mapping', 'nope.yaml'], work).stderr).toContain('JL100: cannot read mapping nope.yaml: no such file');
  });

  it('traces a finding to the CSV the dump was converted from (its PROV), not the mapping\'s default, and says when it cannot', () => {
    const dir = join(work, 'prov');
    const csv2022 = join(root, 'samples/reoffending/proven-reoffending-by-la-2019-2022.csv');
    expect(run(['convert', 'mappings/proven-reoffending-by-la.yaml', '--input', csv2022, '--out', dir, '-q']).code).toBe(0);
    const dump = join(dir, 'proven-reoffending-by-la.nt');
    // Apr 2020-Mar 2021, adults, England and Wales: line 48 of the 2019-2022 file, line 50 of the default 2019-2021 one.
    writeFileSync(dump, readFileSync(dump, 'utf8').replace(/(2020-2021\/K04000001\/A\/reoffenders> <[^>]*reoffenderCount> ")\d+/, '$19999999'));
    // One run: the JSON report to a file, the text on stdout.
    const report = join(work, 'prov-report.json');
    const text = run(['validate', dump, '--format', 'json', '--report', report]);
    expect(text.stdout).toContain('proven-reoffending-by-la-2019-2022.csv:48, column "Number of reoffenders"');
    const json = JSON.parse(readFileSync(report, 'utf8')) as { violations: { rule: string; source?: { file: string; line: number } }[] };
    expect(json.violations.find((v) => v.rule === 'rule:reoffenders-le-offenders')!.source).toMatchObject({ line: 48 });
    // A mapping whose default CSV is elsewhere, with no file of that name beside it: not traced, and why.
    const other = join(work, 'prov-mapping');
    mkdirSync(other, { recursive: true });
    cpSync(join(root, 'samples/reoffending/proven-reoffending-by-la-2019-2021.csv'), join(other, 'proven-reoffending-by-la-2019-2021.csv'));
    writeFileSync(join(other, 'mapping.yaml'), readFileSync(join(root, 'mappings/proven-reoffending-by-la.yaml'), 'utf8')
      .replace('../samples/reoffending/proven-reoffending-by-la-2019-2021.csv', 'proven-reoffending-by-la-2019-2021.csv').replace(/schema=\.\.\/schema/, `schema=${join(root, 'schema')}`));
    const lost = run(['validate', dump, '--mapping', join(other, 'mapping.yaml')], work);
    expect(lost.code).toBe(1);
    expect(lost.stdout).toContain('not traced: the release converted proven-reoffending-by-la-2019-2022.csv (SHA-256');
    expect(lost.stdout).not.toContain('2019-2021.csv:');
    const given = run(['validate', dump, '--mapping', join(other, 'mapping.yaml'), '--source', csv2022], work);
    expect(given.stdout).toContain('proven-reoffending-by-la-2019-2022.csv:48');
    // No mapping at all: the finding says that too.
    expect(run(['validate', dump], work).stdout).toContain('not traced: no mapping of its data set was given');
  });

  it('says what it ran; builds the shapes of a user\'s own data set from its mapping; a tampered datatype fails', () => {
    const dir = join(work, 'own');
    mkdirSync(join(dir, 'mappings'), { recursive: true });
    writeFileSync(join(dir, 'input.csv'), 'Period,Police Force Area,Count,Rate\n2019,Kent,10,0.5\n2019,Essex,4,0.25\n');
    writeFileSync(join(dir, 'mappings', 'my-cube.yaml'), ['version: 1', 'id: my-cube', 'base: https://example.org/', 'source: { path: ../input.csv }',
      'dimensions:', '  period: { property: sdmx-dimension:refPeriod, column: Period, period: auto }',
      '  area: { property: sdmx-dimension:refArea, column: Police Force Area, geography: police-force-area }',
      'measures:', '  count: { property: justice:offenderCount, column: Count, unit: unit:NUM }',
      '  rate: { property: justice:proportionReoffending, column: Rate, datatype: xsd:decimal, unit: unit:NUM }', ''].join('\n'));
    expect(run(['convert', 'mappings/my-cube.yaml', '--out', 'out', '--format', 'nt,nq.gz,trig,jsonld', '-q'], dir).code).toBe(0);
    const ok = run(['validate', 'out/my-cube.nt'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Ran: SHACL shapes generated from mappings/my-cube.yaml on 4 focus nodes.');
    expect(ok.stdout).toMatch(/Ran: 20 Data Cube integrity constraints; IC-21 had no data set to apply to\./);
    expect(ok.stdout).toMatch(/Added the shipped vocabulary: [\d,]+ of its triples, which the input lacks\./);
    // Every format convert writes is read, to the same triples.
    const triples = Number(/Validated 1 file: (\d+) triples/.exec(ok.stdout)![1]);
    for (const f of ['out/my-cube.nq.gz', 'out/my-cube.trig', 'out/my-cube.jsonld']) {
      const r = run(['validate', f, '--format', 'json'], dir);
      expect(r.code, f).toBe(0);
      expect(JSON.parse(r.stdout), f).toMatchObject({ conforms: true, triples });
    }
    const nt = readFileSync(join(dir, 'out/my-cube.nt'), 'utf8');
    writeFileSync(join(dir, 'tampered.nt'), nt.replace('"10"^^<http://www.w3.org/2001/XMLSchema#integer>', '"10"^^<http://www.w3.org/2001/XMLSchema#string>'));
    const bad = run(['validate', 'tampered.nt'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('sh:DatatypeConstraintComponent: 1');
    // Without the mapping, the summary says the shapes did not run, and never that they hold.
    const blind = run(['validate', join(dir, 'tampered.nt')], work);
    expect(blind.stdout).toContain('Not checked: no SHACL shapes for <https://example.org/data/my-cube>');
    expect(blind.stdout).not.toContain('every check above holds');
  });

  it('validates the vocabulary files themselves, adding nothing', () => {
    const vocab = readdirSync(join(root, 'vocab')).filter((f) => f.endsWith('.ttl')).map((f) => join(root, 'vocab', f));
    const r = run(['validate', ...vocab, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { triples: number; ran: { vocabulary: { added: number }; shapes: { name: string; focusNodes: number }[] } };
    expect(json.triples).toBeGreaterThan(1000);
    expect(json.ran.vocabulary.added).toBe(0);
    expect(json.ran.shapes.find((s) => s.name === 'shapes/code-lists.ttl')!.focusNodes).toBeGreaterThan(100);
    expect(run(['validate', ...vocab]).stdout).toContain('The input holds the shipped vocabulary: nothing was added.');
  });

  it('writes SARIF, JSON and the SHACL report', () => {
    const file = join(out, 'proven-reoffending-by-la.nt');
    const sarif = JSON.parse(run(['validate', file, '--format', 'sarif']).stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(JSON.parse(run(['validate', file, '--format', 'json']).stdout)).toMatchObject({ conforms: true, violations: [] });
    const ttl = run(['validate', file, '--format', 'ttl']).stdout;
    expect(ttl).toContain('sh:ValidationReport');
    expect(ttl).toMatch(/sh:conforms true/);
  });

  it('rejects files it cannot read or parse with JL605 naming the file and the place, without a stack trace', () => {
    const dir = tempDir('jlod-unreadable-');
    const cases: [string[], string][] = [
      [['validate', 'nope.ttl'], 'JL605: cannot read nope.ttl: no such file'],
      [['validate', join(dir, 'folder.nt')], `JL605: cannot read ${join(dir, 'folder.nt')}: no RDF dumps in this folder`],
    ];
    mkdirSync(join(dir, 'folder.nt'));
    // A dump cut short mid-statement, as Turtle, as N-Triples (whole graph and gzipped).
    writeFileSync(join(dir, 'cut.ttl'), '@prefix a: <http://a/> .\na:b a:c "x" .\na:d a:e .\n');
    writeFileSync(join(dir, 'cut.nt'), '<http://a/b> <http://a/c> "x" .\n<http://a/b> <http://a/c> "x .\n');
    writeFileSync(join(dir, 'cut.nt.gz'), gzipSync(readFileSync(join(dir, 'cut.nt'))));
    writeFileSync(join(dir, 'shapes.ttl'), '@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y');
    cases.push([['validate', join(dir, 'cut.ttl')], `JL605: cannot read ${join(dir, 'cut.ttl')}: Parser error at line 3`]);
    cases.push([['validate', join(dir, 'cut.nt')], `JL605: cannot read ${join(dir, 'cut.nt')}: Parser error`]);
    cases.push([['validate', join(dir, 'cut.nt.gz')], `JL605: cannot read line 2 of ${join(dir, 'cut.nt.gz')}`]);
    writeFileSync(join(dir, 'whole.nt'), '<http://a/b> <http://a/c> "x" .\n');
    cases.push([['validate', join(dir, 'whole.nt'), '--shapes', join(dir, 'shapes.ttl')], `JL605: cannot read shapes file ${join(dir, 'shapes.ttl')}: Expected entity but got eof on line 2`]);
    cases.push([['validate', join(dir, 'whole.nt'), '--shapes', join(dir, 'none.ttl')], `JL605: cannot read shapes file ${join(dir, 'none.ttl')}: no such file`]);
    for (const [args, says] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(says);
      expect(r.stderr).not.toContain('output directory');
      expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    }
  });
});

describe('convert with validation', () => {
  it('reports a violation at its CSV line and column, and --no-validate skips it', () => {
    const dir = caseCopy('convert/0010-missing-values');
    const r = run(['convert', 'mapping.yaml', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('input.csv:3: error JL501: IC-11: observation has no value for dimension <https://example.org/def/plea>');
    expect(r.stderr).toContain('column "Plea at Crown Court", value ""');
    expect(r.stdout).toMatch(/validation\s+IC-11: 1/);
    const skipped = run(['convert', 'mapping.yaml', '--out', 'out', '--no-validate'], dir);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/validation\s+skipped/);
  });
});

describe('lookup tables', () => {
  it('convert a links mapping into a linkset with metadata and five stars, saying it is not a cube', () => {
    const dir = join(work, 'links');
    cpSync(join(cases, 'convert/0026-lookup-links'), dir, { recursive: true });
    const r = run(['convert', 'mapping.yaml', '--out', 'out'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/links\s+10, 19 triples/);
    expect(r.stdout).toContain('not a Data Cube');
    const report = JSON.parse(readFileSync(join(dir, 'out', 'five-star.json'), 'utf8')) as { datasets: { dataset: string; stars: number }[] };
    expect(report.datasets.find((d) => d.dataset === 'https://example.org/data/la-to-pfa')).toMatchObject({ stars: 5 });
    const meta = readFileSync(join(dir, 'out', 'metadata.ttl'), 'utf8');
    expect(meta).toMatch(/void:objectsTarget <http:\/\/statistics\.data\.gov\.uk\/> ;\s+void:linkPredicate skos:broader/);
  });
});

describe('one CSV, several datasets', () => {
  it('feeds one cube per mapping, each keeping its own rows by filter and counting every row', () => {
    const dir = join(work, 'split-by-filter');
    cpSync(join(cases, 'convert/0016-duplicates-sum'), dir, { recursive: true });
    const base = readFileSync(join(dir, 'mapping.yaml'), 'utf8').replace(/filter:\n(  .*\n)+/, '');
    writeFileSync(join(dir, 'men.yaml'), base.replace('id: sums', 'id: men').replace('duplicates:', 'filter: { keep: { Sex: Male } }\nduplicates:'));
    writeFileSync(join(dir, 'women.yaml'), base.replace('id: sums', 'id: women').replace('duplicates:', 'filter: { keep: { Sex: Female } }\nduplicates:'));
    const r = run(['convert', 'men.yaml', 'women.yaml', '--out', 'out', '--no-metadata', '--diagnostics', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const runs = (JSON.parse(r.stdout) as { runs: { dataset: string; records: { dataRows: number; converted: number; filtered: number } }[] }).runs;
    expect(runs.map((x) => [x.dataset.replace(/.*\//, ''), x.records.dataRows, x.records.converted, x.records.filtered])).toEqual([
      ['men', 8, 5, 3],
      ['women', 8, 2, 6],
    ]);
  });
});

describe('input as people have it', () => {
  const sample = join(root, 'samples/sentencing/court-outcomes-by-pfa-2019.csv');
  const mapping = join(root, 'mappings/court-outcomes-by-pfa.yaml');

  // Excel's "Unicode text" and some exports write UTF-16 with a byte-order mark.
  it('reads UTF-16 LE and BE (by their byte-order mark) into the same dump as the UTF-8 file', () => {
    const text = readFileSync(sample, 'utf8').replace(/^\uFEFF/, '');
    const le = join(work, 'utf16le.csv');
    const be = join(work, 'utf16be.csv');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const dump = (csv: string, name: string): string => {
      const out = join(work, name);
      const r = run(['convert', mapping, '--input', csv, '--out', out, '--format', 'nt', '--no-metadata']);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(join(out, 'court-outcomes-by-pfa.nt'), 'utf8');
    };
    const utf8 = dump(sample, 'from-utf8');
    expect(dump(le, 'from-utf16le')).toBe(utf8);
    expect(dump(be, 'from-utf16be')).toBe(utf8);
    expect(run(['check', mapping, '--input', le]).code).toBe(0);
    const proposed = run(['init', le, '--out', '-']);
    expect(proposed.stdout).toMatch(/encoding: auto\s+# UTF-16LE/);
    expect(proposed.stdout).toContain('Police Force Area');
  });

  // European spreadsheets save "CSV" with semicolons: the hint names the delimiter to declare.
  it('says which delimiter a semicolon-separated file needs', () => {
    const semi = join(work, 'semicolons.csv');
    writeFileSync(semi, readFileSync(sample, 'utf8').replace(/,/g, ';'));
    const r = run(['check', mapping, '--input', semi]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error JL107: column 'Year of Appearance' is not in the header of semicolons\.csv, but it is inside a header cell split by ";": the file is delimited by ";"/);
    expect(r.stderr).toContain('hint: Add  delimiter: ";"  under source: in the mapping.');
  });

  // Pipes: a CSV from standard input, one dump to standard output, as Unix tools do.
  it('reads the CSV from stdin with --input -, and writes one dump to stdout with --out -', () => {
    const file = join(work, 'to-file');
    expect(run(['convert', mapping, '--out', file, '--format', 'nt', '--no-metadata', '-q']).code).toBe(0);
    const expected = readFileSync(join(file, 'court-outcomes-by-pfa.nt'), 'utf8');
    const piped = spawnSync(process.execPath, [bin, 'convert', mapping, '--input', '-', '--out', '-', '--format', 'nt'], { input: readFileSync(sample), encoding: 'utf8' });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(expected);
    expect(piped.stderr).toMatch(/data rows +300 read: 300 converted, 0 rejected/);
    const checked = spawnSync(process.execPath, [bin, 'check', mapping, '--input', '-'], { input: readFileSync(sample), encoding: 'utf8' });
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/: ok \(8 columns matched in .*stdin\.csv; 300 data rows read\)/);
    // A failed run prints no dump; two formats cannot share stdout.
    const bad = spawnSync(process.execPath, [bin, 'convert', mapping, '--input', '-', '--out', '-'], { input: 'not,a,csv\n1,2,3\n', encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(run(['convert', mapping, '--out', '-', '--format', 'nt,ttl']).stderr).toMatch(/JL403: --out - writes one dump; --format nt,ttl names 2/);
  });

  // `justice-lod convert … | head` closes the pipe early: no EPIPE crash, and the run completes.
  it('finishes quietly when the reader of its output goes away', () => {
    const out = join(work, 'piped');
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${bin} convert ${mapping} --out ${out} | head -1`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(existsSync(join(out, 'five-star.json'))).toBe(true);
  });
});
