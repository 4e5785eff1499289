/**
 * `init` proposes a mapping that `convert` accepts as it is, on every sample and on both real
 * extracts: exit 0, every row converted, nothing rejected.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const work = tempDir();
mkdirSync(join(work, 'stars'), { recursive: true });
const run = (args: string[], cwd = root) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const csvs = [
  'samples/real/cjs-court-outcomes-2009-2019-sample.csv',
  'samples/real/criminal-history-sankey-2024-sample.csv',
  'samples/sentencing/court-outcomes-by-pfa-2019.csv',
  'samples/sentencing/sentence-outcomes-2022-2024.csv',
  'samples/sentencing/sentenced-fines-2019-cp1252.csv',
  'samples/sentencing/sentencing-outcomes-2017-2021.csv',
  'samples/reoffending/proven-reoffending-by-la-2019-2021.csv',
  'samples/timeliness/timeliness-transparency-2017-2018.csv',
];

describe.each(csvs)('init %s', (csv) => {
  const out = join(work, basename(csv).replace(/\.csv$/, '.yaml'));

  it('writes a mapping that convert accepts as it is, every row accounted for', { timeout: 120_000 }, () => {
    const made = run(['init', csv, '--out', out]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/\d+ dimensions, \d+ measures from \d+ rows/);
    const converted = run(['convert', out, '--out', join(work, 'out', basename(out, '.yaml')), '--diagnostics', 'json', '--no-metadata']);
    const report = JSON.parse(converted.stdout) as { exitCode: number; runs: { records: { converted: number; rejected: number; dataRows: number; filtered: number } }[] };
    expect(report.exitCode, converted.stderr).toBe(0);
    const r = report.runs[0]!.records;
    expect(r.rejected).toBe(0);
    expect(r.converted + r.filtered).toBe(r.dataRows);
    expect(r.dataRows).toBeGreaterThan(50);
  });
});

describe('init on the real court outcomes extract', () => {
  it('gives a dataset whose own properties are described, so it keeps five stars', { timeout: 120_000 }, () => {
    const out = join(work, 'stars', 'court-outcomes.yaml');
    expect(run(['init', 'samples/real/cjs-court-outcomes-2009-2019-sample.csv', '--out', out, '--id', 'court-outcomes']).code).toBe(0);
    const converted = run(['convert', out, '--out', join(work, 'stars', 'out')]);
    expect(converted.code, converted.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(work, 'stars', 'out', 'five-star.json'), 'utf8')) as { datasets: { dataset: string; stars: number }[] };
    expect(report.datasets.find((d) => d.dataset === 'https://data.justice.gov.uk/data/court-outcomes')).toMatchObject({ stars: 5 });
  });

  it('finds Windows-1252, the period, shipped code lists, the weight column, and sums the repeated keys', () => {
    const yaml = run(['init', 'samples/real/cjs-court-outcomes-2009-2019-sample.csv', '--out', '-']).stdout;
    expect(yaml).toContain('Windows-1252: byte 0xA3');
    expect(yaml).toMatch(/property: sdmx-dimension:refPeriod\n\s+column: "Year of Appearance"\n\s+period: auto/);
    expect(yaml).toContain('codeList: fine-band');
    expect(yaml).toContain('codeList: offence-group');
    expect(yaml).toMatch(/9 rows repeat the dimension values of an earlier row, and "Count"/);
    expect(yaml).toContain('combine: sum');
  });

  it('strips the codes of the criminal history bands, and keeps their numbers out of IRIs', () => {
    const yaml = run(['init', 'samples/real/criminal-history-sankey-2024-sample.csv', '--out', '-']).stdout;
    expect(yaml).toContain('labels: { stripCode: always }');
  });

  it('finds title rows and notes below the data', () => {
    const yaml = run(['init', 'test/cases/convert/0008-title-and-notes/input.csv', '--out', '-']).stdout;
    expect(yaml).toContain('skipRows: 2');
    expect(yaml).toContain('footer: "^Notes:"');
    expect(yaml).toContain('geography: gss-code');
  });

  it('refuses to overwrite a mapping without --force, and a missing CSV, with exit 2', () => {
    const out = join(work, 'exists.yaml');
    writeFileSync(out, 'keep me\n');
    const r = run(['init', 'samples/sentencing/sentenced-fines-2019-cp1252.csv', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exists; pass --force');
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    expect(run(['init', 'samples/sentencing/sentenced-fines-2019-cp1252.csv', '--out', out, '--force']).code).toBe(0);
    const missing = run(['init', 'no-such.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such.csv: file not found');
    expect(existsSync(join(root, 'no-such.yaml'))).toBe(false);
  });
});

describe('the examples in --help', () => {
  it.each(['init', 'check'])('of %s run as written, with exit 0', (command) => {
    const help = run([command, '--help']).stdout;
    const examples = help.split('\n').filter((l) => l.trim().startsWith('$ justice-lod')).map((l) => l.trim().slice('$ justice-lod '.length).split(' '));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const args of examples) {
      // A mapping the example writes goes to the test's folder, not the repository.
      const out = args.indexOf('--out');
      if (out >= 0 && args[out + 1] !== '-') args[out + 1] = join(work, 'help', args[out + 1]!);
      const r = run(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    }
  });
});
