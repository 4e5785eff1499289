/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org): with it set, a rerun writes every file of a
 * folder byte for byte again, the metadata's times included; set to something that is not a
 * time, the run stops with JL405 before writing anything.
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root } from '../support/sample-release.js';
import { tempDir } from '../support/tmp.js';

const EPOCH = '1767225600'; // 2026-01-01T00:00:00Z

/** Every file under `dir`, by its path relative to it. */
function files(dir: string, at = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(join(dir, at)).sort()) {
    const rel = join(at, name);
    if (statSync(join(dir, rel)).isDirectory()) for (const [k, v] of files(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel)));
  }
  return out;
}

function expectSameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
}

describe('SOURCE_DATE_EPOCH', () => {
  it('makes a rerun of convert write every file again byte for byte, metadata included, at that time', () => {
    const work = tempDir();
    const out = join(work, 'out');
    const mapping = join(root, 'mappings', 'criminal-court-timeliness.yaml');
    const first = cli(['convert', mapping, '--out', out, '--format', 'nt,ttl', '--quiet'], { SOURCE_DATE_EPOCH: EPOCH });
    expect(first.code, first.stderr).toBe(0);
    const before = files(out);
    cpSync(out, join(work, 'first'), { recursive: true });
    const second = cli(['convert', mapping, '--out', out, '--format', 'nt,ttl', '--quiet'], { SOURCE_DATE_EPOCH: EPOCH });
    expect(second.code, second.stderr).toBe(0);
    expectSameFiles(before, files(out));
    const metadata = before.get('metadata.ttl')!.toString();
    expect(metadata).toContain('prov:startedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime');
    expect(metadata).toContain('dcterms:modified "2026-01-01T00:00:00Z"^^xsd:dateTime');
    expect(metadata).not.toMatch(/"20\d\d-\d\d-\d\dT(?!00:00:00Z)/);
  });

  it('makes a rerun of a release write its folder again byte for byte, its default issued date from that time', () => {
    const work = tempDir();
    const file = join(work, 'release.yaml');
    const m = (name: string): string => join(root, 'mappings', name);
    // No `issued:`: the release takes the day of SOURCE_DATE_EPOCH.
    writeFileSync(file, `id: r1\nversion: '1'\ntitle: Reproducible\nbase: https://data.justice.gov.uk/\nout: out\nformats: [nt]\ndatasets:\n  - mapping: ${m('criminal-court-timeliness.yaml')}\n  - mapping: ${m('court-outcomes-by-pfa.yaml')}\n`);
    const run = (): Map<string, Buffer> => {
      const r = cli(['release', file, '--quiet'], { SOURCE_DATE_EPOCH: EPOCH });
      expect(r.code, r.stderr + r.stdout).toBe(0);
      return files(join(work, 'out', 'r1'));
    };
    const before = run();
    expectSameFiles(before, run());
    expect(before.get('metadata.ttl')!.toString()).toContain('dcterms:issued "2026-01-01"^^xsd:date');
  });

  it.each([['convert'], ['release']])('%s stops with JL405 before writing anything when it is not a whole number of seconds', (command) => {
    const work = tempDir();
    const out = join(work, 'out');
    const file = join(work, 'release.yaml');
    writeFileSync(file, `id: r1\nversion: '1'\ntitle: T\nissued: 2026-01-01\nbase: https://data.justice.gov.uk/\nout: out\ndatasets:\n  - mapping: ${join(root, 'mappings', 'criminal-court-timeliness.yaml')}\n`);
    const args = command === 'convert' ? ['convert', join(root, 'mappings', 'criminal-court-timeliness.yaml'), '--out', out] : ['release', file];
    const r = cli(args, { SOURCE_DATE_EPOCH: '2026-01-01' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('JL405');
    expect(r.stderr).toContain('"2026-01-01"');
    expect(existsSync(out)).toBe(false);
  });
});
