/**
 * The release gate of disclosure control (issue 20): `release` refuses while a dataset has a
 * disclosure finding the release file does not acknowledge, stands with the ones it does, and
 * records each acknowledgement and its reason in the metadata.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const work = tempDir('jlod-sdc-release-');

// The README's sample: Robbery/Female 2 is a small count (JL801); Theft/Female [c] is the
// total minus Male (JL802).
for (const f of ['sentenced-by-sex.yaml', 'sentenced-by-sex.csv']) cpSync(join(root, 'samples/disclosure', f), join(work, f));

function release(name: string, acknowledge = ''): { code: number | null; stdout: string; stderr: string; out: string } {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, `id: ${name}\nissued: 2025-01-30\nbase: https://data.justice.gov.uk/\nout: out\ndatasets:\n  - mapping: sentenced-by-sex.yaml\n${acknowledge}`);
  const r = spawnSync(process.execPath, [bin, 'release', file, '--quiet'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: join(work, 'out', name) };
}

describe('release with disclosure findings', () => {
  it('refuses (exit 1) while a finding is not acknowledged, naming each dataset and code, and writes nothing', () => {
    const r = release('refused');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning JL801: people 2 is published as a number');
    expect(r.stderr).toContain('warning JL802: suppressed people can be worked out as exactly 1');
    expect(r.stderr).toContain('error JL710: sentenced-by-sex has 1 JL801 finding (small count published (primary disclosure)) that the release file does not acknowledge');
    expect(r.stderr).toContain('error JL710: sentenced-by-sex has 1 JL802 finding (suppressed cell can be worked out (secondary disclosure)) that the release file does not acknowledge');
    expect(existsSync(r.out)).toBe(false);
  });

  it('refuses while one of two codes is acknowledged', () => {
    const r = release('half', 'acknowledge:\n  - { dataset: sentenced-by-sex, code: JL801, reason: "published with the Chief Statistician\'s approval" }\n');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/JL710: sentenced-by-sex has 1 JL801/);
    expect(r.stderr).toMatch(/JL710: sentenced-by-sex has 1 JL802/);
  });

  it('stands with acknowledged findings, records each reason in the metadata, and warns of one that matches nothing', () => {
    const r = release('acknowledged', `acknowledge:
  - { dataset: sentenced-by-sex, code: JL801, reason: "published with the Chief Statistician's approval" }
  - { dataset: sentenced-by-sex, code: JL802, reason: "the Female count is published elsewhere" }
  - { dataset: sentenced-by-sex, code: JL803, reason: "no longer needed" }
`);
    expect(r.stderr).toContain('warning JL711: no JL803 finding in sentenced-by-sex to acknowledge');
    expect(r.code).toBe(0);
    const metadata = readFileSync(join(r.out, 'metadata.ttl'), 'utf8');
    expect(metadata).toContain('"Disclosure control: 1 JL801 finding acknowledged by the release: published with the Chief Statistician\'s approval"');
    expect(metadata).toContain('"Disclosure control: 1 JL802 finding acknowledged by the release: the Female count is published elsewhere"');
  });
});

describe('convert --apply-suppression', () => {
  it('writes the suggested cells as [c], leaves the CSV as it was, and says why in the metadata', () => {
    const before = readFileSync(join(work, 'sentenced-by-sex.csv'), 'utf8');
    const r = spawnSync(process.execPath, [bin, 'convert', 'sentenced-by-sex.yaml', '--out', 'applied', '--apply-suppression'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    // Robbery/Female 2 (unsafe) goes, then Robbery/Male 12 which would give it away; Theft/Male
    // 40 goes with Theft/Female: the fewest people that leave no cell pinned.
    expect(r.stdout).toMatch(/disclosure {4}3 cells \(54 people\) written as \[c\]; then safe: 4 suppressed cells, none pinned closer than 3; 2 totals adding up/);
    expect(r.stderr).not.toMatch(/JL80[12]/);
    expect(readFileSync(join(work, 'sentenced-by-sex.csv'), 'utf8')).toBe(before);
    const nt = readFileSync(join(work, 'applied', 'sentenced-by-sex.nt'), 'utf8');
    expect(nt.split('\n').filter((l) => l.endsWith('af-obs-marker#c> .'))).toHaveLength(4);
    const metadata = readFileSync(join(work, 'applied', 'metadata.ttl'), 'utf8');
    expect(metadata).toContain('Disclosure control: 3 cells (54 people) published as [c] by justice-lod --apply-suppression');
    // And on the PROV activity that made the dump, read back as a graph.
    const store = new Store(new Parser({ baseIRI: 'https://data.justice.gov.uk/' }).parse(metadata));
    const activity = 'https://data.justice.gov.uk/data/sentenced-by-sex/conversion';
    expect(store.getQuads(activity, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/ns/prov#Activity', null)).toHaveLength(1);
    expect(store.getObjects(activity, 'http://www.w3.org/2000/01/rdf-schema#comment', null).map((o) => o.value)).toEqual([
      'Disclosure control: 3 cells (54 people) of the source read as [c] (suppressed): counts below the threshold, and cells from which a suppressed cell could be worked out (justice-lod --apply-suppression). The source CSV is unchanged.',
    ]);
  });
});

describe('disclosure rules in the release file', () => {
  // The sample's mapping without its rules: the release file gives them.
  const plain = join(work, 'plain.yaml');
  writeFileSync(plain, readFileSync(join(work, 'sentenced-by-sex.yaml'), 'utf8').replace(/^disclosure:[\s\S]*$/m, ''));
  const releaseWith = (name: string, rules: string): { code: number | null; stderr: string; out: string } => {
    const file = join(work, `${name}.yaml`);
    writeFileSync(file, `id: ${name}\nissued: 2025-01-30\nbase: https://data.justice.gov.uk/\nout: out\ndatasets:\n  - mapping: plain.yaml\n    disclosure: ${rules}\n`);
    const r = spawnSync(process.execPath, [bin, 'release', file, '--quiet'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stderr: r.stderr, out: join(work, 'out', name) };
  };

  it('checks a dataset by them, as if its mapping had them: the gate refuses its findings', () => {
    expect(readFileSync(plain, 'utf8')).not.toMatch(/^disclosure:/m);
    const r = releaseWith('from-release', '{ counts: [people], totals: { sex: All } }');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning JL801: people 2 is published as a number');
    expect(r.stderr).toContain('error JL710: sentenced-by-sex has 1 JL801 finding');
    expect(existsSync(r.out)).toBe(false);
  });

  it('names a measure the mapping lacks at its place in the release file (JL122)', () => {
    const r = releaseWith('bad-rules', '{ counts: [persons] }');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-rules\.yaml:7:\d+: error JL122: 'persons' is not a measure of this mapping/);
  });
});

describe('validate with disclosure rules', () => {
  const validate = (dump: string, format: string): { code: number | null; stdout: string } => {
    const r = spawnSync(process.execPath, [bin, 'validate', dump, '--mapping', 'sentenced-by-sex.yaml', '--format', format, '--quiet'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout };
  };
  const convert = (out: string, ...extra: string[]): string => {
    const r = spawnSync(process.execPath, [bin, 'convert', 'sentenced-by-sex.yaml', '--out', out, '--quiet', ...extra], { cwd: work, encoding: 'utf8' });
    expect(r.status).toBe(0);
    return join(work, out, 'sentenced-by-sex.ttl');
  };

  it('reports each finding on its observation, traced to its CSV cell, in text, JSON and SARIF', () => {
    const dump = convert('validate-plain');
    const text = validate(dump, 'text');
    expect(text.code).toBe(0); // warnings: --fail-on error passes
    expect(text.stdout).toContain('Ran: disclosure control on <https://data.justice.gov.uk/data/sentenced-by-sex>');
    expect(text.stdout).toMatch(/JL801 {2}small count published \(primary disclosure\): 1\n\s+<https:\/\/data\.justice\.gov\.uk\/data\/sentenced-by-sex\/obs\/2024\/robbery\/female\/people> \(.*sentenced-by-sex\.csv:6, column "Count"\)/);
    const json = JSON.parse(validate(dump, 'json').stdout) as { violations: { rule: string; focus: string; message: string; source: { line: number; column: string } }[] };
    expect(json.violations.map((v) => [v.rule, v.focus.replace(/.*\/obs\//, ''), v.source.line, v.source.column, v.message])).toEqual([
      ['JL801', '2024/robbery/female/people', 6, 'Count', 'people 2 is published as a number, but counts below 3 identify people'],
      ['JL802', '2024/theft/female/people', 3, 'Count', 'suppressed people can be worked out as exactly 1 (protection 3) from the total at line 4 and the cell at line 2'],
    ]);
    const sarif = JSON.parse(validate(dump, 'sarif').stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine])).toEqual([['JL801', 'warning', 6], ['JL802', 'warning', 3]]);
  });

  it('says it cannot check dominance on a dump, and still checks the rest (the record-level fines extract)', () => {
    for (const f of ['fines-extract.yaml', 'fines-extract.csv']) cpSync(join(root, 'samples/disclosure', f), join(work, f));
    expect(spawnSync(process.execPath, [bin, 'convert', 'fines-extract.yaml', '--out', 'fines', '--quiet'], { cwd: work, encoding: 'utf8' }).status).toBe(0);
    const r = spawnSync(process.execPath, [bin, 'validate', 'fines/fines-extract.ttl', '--mapping', 'fines-extract.yaml', '--quiet'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout).toContain('Not checked: the dominance rules of <https://data.justice.gov.uk/data/fines-extract>: a dump holds each cell\'s sum, not the rows that make it; convert checks them.');
    expect(r.stdout).toMatch(/JL806 {2}combination of quasi-identifiers held by fewer than k people: 3\n/);
    expect(r.stdout).not.toContain('JL807');
  });

  it('sees the dumps as written: after --apply-suppression nothing is found, though the CSV is unchanged', () => {
    const dump = convert('validate-applied', '--apply-suppression');
    const json = JSON.parse(validate(dump, 'json').stdout) as { violations: { rule: string }[]; ran: { disclosure?: string[] } };
    expect(json.ran.disclosure).toEqual(['https://data.justice.gov.uk/data/sentenced-by-sex']);
    expect(json.violations.filter((v) => v.rule.startsWith('JL8'))).toEqual([]);
  });
});
