/**
 * Issue 18: hostile input and unlucky operators. Each test is one failure the issue lists,
 * kept fixed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Parser } from 'n3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/run/convert.js';
import { StringSink } from '../../src/sinks/memory.js';
import { ntriplesSerializer } from '../../src/sinks/ntriples.js';
import { POLICE_FORCE_AREAS } from '../../src/reference/police-force-areas.js';
import { generatedCodesMapping, smallCubeMapping } from '../support/small-cube.js';
import { tempDir, writeFile } from '../support/tmp.js';

const dir = tempDir('jlod-robust-');
const MAPPING = smallCubeMapping('robust', 'input.csv');

describe('diagnostics are never crowded out', () => {
  it('keeps the error of a rejected row after more warnings than the budget holds', async () => {
    const rows: string[] = [];
    for (let year = 1990; rows.length < 1200; year++) for (const a of POLICE_FORCE_AREAS) if (rows.length < 1200) rows.push(`${year},${a.gss},[r]`);
    rows.push('2030,E23000001,10a');
    const mapping = writeFile(dir, 'crowd.yaml', MAPPING.replace('input.csv', 'crowd.csv'));
    writeFile(dir, 'crowd.csv', `Period,Police Force Area,Count\n${rows.join('\n')}\n`);
    const result = await convert({ mapping, failOn: 'none', validate: false, maxErrors: 1000, createTargets: () => [new StringSink(ntriplesSerializer())] });
    expect(result.summary!.diagnosticsBySeverity.warning).toBe(1200);
    const error = result.diagnostics.find((d) => d.code === 'JL301');
    expect(error, 'the rejected row\'s error is kept').toBeDefined();
    expect(error!.span!.line + 1).toBe(1202);
    expect(result.summary!.records).toMatchObject({ converted: 1200, rejected: 1 });
  });
});

describe('a FIFO or a device as input', () => {
  it('is refused by every command that reads a file, never blocks', () => {
    const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
    const mapping = writeFile(dir, 'fifo.yaml', MAPPING.replace('input.csv', 'fifo.csv'));
    for (const f of ['fifo.csv', 'fifo.nt']) expect(spawnSync('mkfifo', [join(dir, f)]).status).toBe(0);
    const runs: [string, string[]][] = [
      ['check', ['check', mapping]],
      ['check --input', ['check', mapping, '--input', join(dir, 'fifo.csv')]],
      ['preview', ['preview', mapping]],
      ['convert', ['convert', mapping, '--out', join(dir, 'out')]],
      ['init', ['init', join(dir, 'fifo.csv'), '--out', '-']],
      ['validate', ['validate', join(dir, 'fifo.nt')]],
      ['query', ['query', join(dir, 'fifo.nt'), '--sparql', 'ASK { ?s ?p ?o }']],
      ['check /dev/zero', ['check', mapping, '--input', '/dev/zero']],
    ];
    for (const [name, args] of runs) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status, `${name} (${r.signal ?? ''})\n${r.stderr}`).toBe(2);
      expect(r.stderr, name).toMatch(/not a (regular )?file|pipe or a device/);
      expect(r.stderr, name).not.toMatch(/\n\s+at .*\.js:\d+/);
    }
  }, 120_000);
});

describe('secrets', () => {
  it('no hint or message prints the content of a file that could hold secrets (/proc/self/environ)', () => {
    const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
    const secret = 'S3cret-env-never-printed';
    const mapping = writeFile(dir, 'environ.yaml', MAPPING.replace('input.csv', '/proc/self/environ'));
    // A binary first row elsewhere: described, not shown.
    const binary = writeFile(dir, 'binary.yaml', MAPPING.replace('input.csv', 'binary.csv'));
    writeFile(dir, 'binary.csv', Buffer.from(`\u0000\u0001${secret}\u0000\n1,2,3\n`, 'latin1'));
    for (const args of [['check', mapping], ['convert', mapping, '--out', join(dir, 'o')], ['preview', mapping], ['init', '/proc/self/environ', '--out', '-'], ['check', binary]]) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, MY_TEST_SECRET: secret } });
      expect(r.status, args.join(' ')).toBe(2);
      expect(`${r.stdout}${r.stderr}`, args.join(' ')).not.toContain(secret);
      expect(r.stderr, args.join(' ')).not.toMatch(/internal error|\n\s+at .*\.js:\d+/);
    }
  });

  it('a URL with a password in it is refused without echoing the password, wherever an endpoint is given', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const bin = join(root, 'bin/justice-lod.js');
    const secret = 'S3cret-never-printed';
    const url = `http://dba:${secret}@127.0.0.1:9/sparql-graph-crud-auth`;
    const runs = [
      ['publish', join(root, 'out'), '--endpoint', url],
      ['publish', join(root, 'out'), '--endpoint', 'http://127.0.0.1:9/x', '--query-endpoint', url],
      ['publish', join(root, 'out'), '--endpoint', 'http://127.0.0.1:9/x', '--update-endpoint', url],
      ['release', join(root, 'releases/2025-01.yaml'), '--publish', url],
    ];
    for (const args of runs) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, args.join(' ')).toBe(2);
      expect(`${r.stdout}${r.stderr}`, args.join(' ')).not.toContain(secret);
      expect(r.stderr).toContain('not in the URL');
    }
  });
});

describe('bounded work on any input', () => {
  it('an 8 MB label (an 8 MB concept IRI) is written in Turtle and TriG without overflowing a stack, and parses', () => {
    const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
    const mapping = writeFile(dir, 'huge.yaml', generatedCodesMapping('huge', 'huge.csv'));
    writeFile(dir, 'huge.csv', `Period,Offence,Count\n2020,${'a'.repeat(8 << 20)},5\n2021,Theft,3\n`);
    const out = join(dir, 'huge-out');
    const r = spawnSync(process.execPath, [bin, 'convert', mapping, '--out', out, '--format', 'ttl,trig', '--no-metadata', '--no-validate', '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    for (const [file, format] of [['huge.ttl', 'Turtle'], ['huge.trig', 'TriG']] as const) {
      const quads = new Parser({ format }).parse(readFileSync(join(out, file), 'utf8'));
      expect(quads.some((q) => q.object.termType === 'NamedNode' && q.object.value.length > 8 << 20), file).toBe(true);
    }
  }, 120_000);

  it('--fail-on none with a file that has no readable header exits 2 and writes nothing', () => {
    const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
    for (const [name, content] of [['empty.csv', ''], ['garbage.csv', Buffer.from([0, 1, 2, 0x67, 0xff, 10])], ['blank.csv', '\n\n\n'], ['quote.csv', 'Period,"Police Force Area,Count\n2020,E23000001,5\n']] as const) {
      const mapping = writeFile(dir, `nohead-${name}.yaml`, MAPPING.replace('input.csv', name));
      writeFile(dir, name, content);
      const out = join(dir, `nohead-${name.replace('.csv', '')}-out`);
      const r = spawnSync(process.execPath, [bin, 'convert', mapping, '--out', out, '--fail-on', 'none'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(/JL204|JL107/); // (quote.csv: JL203 then JL204, found by the fuzzer)
      expect(existsSync(out) ? readdirSync(out) : [], name).toEqual([]);
    }
  }, 120_000);
});

describe('a generated code list meeting a million distinct labels', () => {
  it('stops at the limit with JL316 naming the column and the line, in bounded memory; --max-codes raises the limit', () => {
    const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
    const mapping = writeFile(dir, 'distinct.yaml', generatedCodesMapping('distinct', 'distinct.csv'));
    const rows = ['Period,Offence,Count'];
    for (let i = 0; i < 1_000_000; i++) rows.push(`2020,Offence number ${i} of a long description,${i % 500}`);
    writeFile(dir, 'distinct.csv', `${rows.join('\n')}\n`);
    // A 300 MB heap: a run that held a million concepts (or validated them) would not fit.
    const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=300' };
    for (const [args, line, limit] of [[[], 10_002, '10,000'], [['--max-codes', '20000'], 20_002, '20,000']] as const) {
      const r = spawnSync(process.execPath, [bin, 'convert', mapping, '--out', join(dir, 'distinct-out'), ...args], { encoding: 'utf8', timeout: 120_000, env });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(`distinct.csv:${line}:2: error JL316: column 'Offence' has more than ${limit} distinct labels`);
      expect(r.stderr).toContain('--max-codes');
      expect(r.stdout).toContain('stopped early');
    }
  }, 180_000);
});
