/**
 * Issue 18: hostile input and unlucky operators. Each test is one failure the issue lists,
 * kept fixed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, truncateSync } from 'node:fs';
import { Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

describe('a dump cut short', () => {
  it('is named with the place of its syntax error (JL605) by every command that reads dumps, never a stack trace', () => {
    const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
    const cut = writeFile(dir, 'cut.nt', '<http://a/b> <http://a/c> "1" .\n<http://a/b> <http://a/d> "2 .\n');
    const runs: [string, string[]][] = [
      ['validate', ['validate', cut]],
      ['query', ['query', cut, '--sparql', 'ASK { ?s ?p ?o }']],
      ['inspect', ['inspect', cut]],
    ];
    for (const [name, args] of runs) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, `${name}\n${r.stderr}`).toBe(2);
      expect(r.stderr, name).toMatch(new RegExp(`JL605: cannot read ${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Parser error between line 2`));
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

describe('lists of findings and rows past the spread limit', () => {
  // `push(...list)` and `Math.max(...list)` pass every element as an argument, and V8 runs out
  // of stack past about 120k of them: each of these was an internal error (RangeError).
  const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 });

  it('reports an incomplete key for each of 206,400 keys (IC-17), not a crash', () => {
    // A long table whose every key has one of its two measures.
    const rows = ['Year,Police Force Area,Offence,Measure,Value'];
    for (let y = 1800; y < 2000; y++) for (const a of POLICE_FORCE_AREAS) for (let o = 0; o < 24; o++) rows.push(`${y},${a.gss},Offence ${o},Count,${(y + o) % 97}`);
    writeFile(dir, 'incomplete.csv', `${rows.join('\n')}\n`);
    const mapping = writeFile(dir, 'incomplete.yaml', `version: 1
id: incomplete
base: https://example.org/
source: { path: incomplete.csv }
dimensions:
  period: { property: sdmx-dimension:refPeriod, column: Year, period: year }
  area: { property: sdmx-dimension:refArea, column: Police Force Area, geography: police-force-area }
  offence: { property: justice:offenceGroup, column: Offence, codeList: generated }
measureColumn: { column: Measure, value: Value }
measures:
  count: { property: justice:offenderCount, when: Count, unit: unit:NUM }
  rate: { property: justice:proportionReoffending, when: Rate, datatype: xsd:decimal, unit: unit:NUM }
`);
    const r = run(['convert', mapping, '--out', join(dir, 'incomplete-out'), '--format', 'nt']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.status, r.stderr.slice(-2000)).toBe(1);
    expect(r.stderr).toContain('incomplete.csv:2: error JL506: IC-17: the observations of this row\'s key have 1 of the cube\'s 2 measures');
    expect(r.stdout).toMatch(/validation\s+IC-17: 206,400/);
    // Only the first of them are kept, and the text says so rather than promising them all in JSON.
    expect(r.stderr).toContain('… and 1051 more; use --diagnostics json for the 1,101 kept');
    expect(r.stderr).toContain('… and 205,299 more found and counted in the summary but not kept; raise --max-errors to keep more');
  }, 120_000);

  it('converts a CSVW table of 150,000 rows with a list column in memory', () => {
    const rows = ['id,tags'];
    for (let i = 0; i < 150_000; i++) rows.push(`${i},a b`);
    writeFile(dir, 'lists.csv', `${rows.join('\n')}\n`);
    const metadata = writeFile(dir, 'lists.csv-metadata.json', JSON.stringify({
      '@context': 'http://www.w3.org/ns/csvw', url: 'lists.csv',
      tableSchema: { columns: [{ name: 'id', titles: 'id' }, { name: 'tags', titles: 'tags', separator: ' ' }], aboutUrl: 'http://example.org/r/{id}' },
    }));
    const out = join(dir, 'lists-out');
    const r = run(['convert', metadata, '--csvw-minimal', '--out', out, '--format', 'nt', '--no-metadata']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(r.stderr).toContain('JL907');
    const nt = readFileSync(join(out, 'lists.nt'), 'utf8');
    expect(nt.split('\n').length - 1).toBe(450_000);
    expect(nt).toContain('<http://example.org/r/149999> <file://');
  }, 120_000);
});

describe('a CSVW table group too large to hold in memory', () => {
  const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');

  it('is refused with JL909 before it is made, or at the row where it grows past the limit', async () => {
    const { runCsvw } = await import('../../src/csvw/process.js');
    const { fileFetch } = await import('../../src/csvw/load.js');
    const rows = ['id,tags'];
    for (let i = 0; i < 1000; i++) rows.push(`${i},${'t '.repeat(20).trim()}`);
    writeFile(dir, 'many.csv', `${rows.join('\n')}\n`);
    const metadata = writeFile(dir, 'many.csv-metadata.json', JSON.stringify({
      '@context': 'http://www.w3.org/ns/csvw', url: 'many.csv',
      tableSchema: { columns: [{ name: 'id', titles: 'id' }, { name: 'tags', titles: 'tags', separator: ' ' }], aboutUrl: 'http://example.org/r/{id}' },
    }));
    const url = pathToFileURL(metadata).href;
    // At least two triples a row in minimal mode (two cells): 2,000, over a limit of 1,500 before any is made.
    const early = await runCsvw({ url, minimal: true, fetch: fileFetch, maxTriples: 1500 });
    expect(early.quads).toEqual([]);
    expect(early.errors.map((e) => [e.code, e.message])).toEqual([['JL909', 'the table makes at least 2,000 triples, more than can be held in memory (1,500); nothing written']]);
    // Each list cell makes 20 triples: the limit is passed while they are made, at a row.
    const late = await runCsvw({ url, minimal: true, fetch: fileFetch, maxTriples: 5000 });
    expect(late.quads).toEqual([]);
    expect(late.errors).toHaveLength(1);
    expect(late.errors[0]).toMatchObject({ code: 'JL909', span: { line: 240 } });
    // Under the limit: every triple.
    expect((await runCsvw({ url, minimal: true, fetch: fileFetch, maxTriples: 21_000 })).quads).toHaveLength(21_000);
  });

  it('streams a local CSV given without metadata (its columns from its header); 600 MB with no line end stops at 16 MiB with JL203', () => {
    // Sparse: 600 MB on paper, a few bytes on disk, the rest NUL bytes with no line end. Read
    // whole to find its metadata, it had been an internal error past V8's longest string
    // (512 MB); converted in memory, refused with JL909; now it streams, as far as a record can go.
    const csv = writeFile(dir, 'sparse.csv', 'a,b\n1,2\n');
    truncateSync(csv, 600 << 20);
    const r = spawnSync(process.execPath, [bin, 'convert', csv, '--out', join(dir, 'sparse-out'), '--format', 'nt'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toContain('JL907');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/sparse\.csv:3: error JL203: no record ends within 16 MiB of this line/);
    expect(existsSync(join(dir, 'sparse-out')) ? readdirSync(join(dir, 'sparse-out'), { recursive: true }) : []).toEqual([]);
    // A YAML mapping's CSV, and with workers: the same, in a second or two (it was rescanned for minutes).
    const mapping = writeFile(dir, 'endless.yaml', MAPPING.replace('input.csv', 'endless.csv'));
    const endless = writeFile(dir, 'endless.csv', 'Period,Police Force Area,Count\n2020,E23000001,5\n');
    truncateSync(endless, 100 << 20);
    for (const workers of ['1', '2']) {
      const y = spawnSync(process.execPath, [bin, 'convert', mapping, '--out', join(dir, 'endless-out'), '--format', 'nt', '--workers', workers], { encoding: 'utf8', timeout: 60_000 });
      expect(y.status, y.stderr).toBe(1);
      expect(y.stderr).toMatch(/endless\.csv:3: error JL203: no record ends within 16 MiB of this line/);
    }
  });

  it('converts a CSV given without metadata as the CSVW processor does, streamed, whatever its header', async () => {
    const { runCsvw } = await import('../../src/csvw/process.js');
    const { fileFetch } = await import('../../src/csvw/load.js');
    const files: Record<string, string> = {
      plain: 'Year,Area Name,Count\n2020,"Avon and Somerset",5\n2021,Kent,\n',
      // An empty title (its column is `_col.1`), a repeated one, and a trailing empty one.
      untitled: ',Count\n2020,1\n',
      repeated: 'Year,Count,Count\n2020,1,2\n',
      trailing: 'Year,Count,\n2020,1,\n2021,2,\n',
    };
    for (const [name, text] of Object.entries(files)) {
      const csv = writeFile(dir, `${name}.csv`, text);
      const r = spawnSync(process.execPath, [bin, 'convert', csv, '--out', join(dir, `${name}-out`), '--format', 'nt', '--no-metadata'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      // Streamed (no JL907), and no false alarm that the header and its own columns disagree (JL904).
      expect(r.stderr + r.stdout, name).not.toMatch(/JL907|JL904|internal error/);
      const streamed = new Parser().parse(readFileSync(join(dir, `${name}-out`, `${name}.nt`), 'utf8'));
      const held = await runCsvw({ url: pathToFileURL(csv).href, fetch: fileFetch });
      expect(held.quads.length, name).toBeGreaterThan(5);
      expect(isomorphic(streamed, [...held.quads]), name).toBe(true);
    }
    // A title row above the header: rows wider than it, which the row plan would reject; held in memory (JL907), converted as before.
    const titled = writeFile(dir, 'titled.csv', 'Table 1: Sentenced\nYear,Count\n2020,1\n');
    const t = spawnSync(process.execPath, [bin, 'convert', titled, '--out', join(dir, 'titled-out'), '--format', 'nt', '--no-metadata'], { encoding: 'utf8', timeout: 60_000 });
    expect(t.status, t.stderr).toBe(0);
    expect(t.stderr).toContain('JL907');
    expect(readFileSync(join(dir, 'titled-out', 'titled.nt'), 'utf8')).toContain('#_col.2> "Count"');
  });

  it('refuses a local metadata document of 600 MB with JL909 before reading it (it had been an internal error)', () => {
    const metadata = writeFile(dir, 'sparse.csv-metadata.json', '{"@context": "http://www.w3.org/ns/csvw", "url": "sparse.csv"}');
    truncateSync(metadata, 600 << 20);
    const r = spawnSync(process.execPath, [bin, 'convert', metadata, '--out', join(dir, 'sparse-meta-out'), '--format', 'nt'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error JL909: file:\/\/\S+sparse\.csv-metadata\.json is 600 MiB, more than can be held in memory \(256 MiB\); nothing written/);
    expect(existsSync(join(dir, 'sparse-meta-out')) ? readdirSync(join(dir, 'sparse-meta-out'), { recursive: true }) : []).toEqual([]);
  });
});

describe('a remote CSVW table larger than memory', () => {
  const bin = join(new URL('../../', import.meta.url).pathname, 'bin/justice-lod.js');

  it('is refused with JL909, by its Content-Length or as it arrives, not read into memory', async () => {
    const { createServer } = await import('node:http');
    const { spawn } = await import('node:child_process');
    let sent = 0;
    const server = createServer((req, res) => {
      if (req.url === '/declared.csv') {
        // Says 300 MiB and sends a line: the reader must not wait for the rest.
        res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(300 << 20) });
        res.write('a,b\n');
        return;
      }
      // No length: 1 MiB pieces until the reader hangs up (at most 300 MiB).
      res.writeHead(200, { 'content-type': 'text/csv' });
      const piece = Buffer.from('1,2\n'.repeat(1 << 18));
      const more = (): void => {
        while (sent < 300 << 20 && !res.destroyed) {
          sent += piece.length;
          if (!res.write(piece)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      for (const name of ['declared', 'streamed']) {
        const metadata = writeFile(dir, `${name}-remote.csv-metadata.json`, JSON.stringify({
          '@context': 'http://www.w3.org/ns/csvw', url: `http://127.0.0.1:${port}/${name}.csv`,
          tableSchema: { columns: [{ name: 'a', titles: 'a' }, { name: 'b', titles: 'b' }] },
        }));
        const child = spawn(process.execPath, [bin, 'convert', metadata, '--out', join(dir, `${name}-out`), '--format', 'nt'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(stderr, name).not.toContain('internal error');
        expect(code, stderr).toBe(2);
        expect(stderr).toContain(`error JL909: http://127.0.0.1:${port}/${name}.csv is ${name === 'declared' ? '300 MiB,' : 'over'} more than can be held in memory (256 MiB); nothing written`);
      }
      // The streamed one was cut off soon after the limit, not read to its end.
      expect(sent).toBeLessThan(300 << 20);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);
});
