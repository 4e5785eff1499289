/**
 * `validate` reads a large dump once as a stream (validate-stream.ts) and checks each
 * observation as `convert` does, instead of loading the whole graph; the whole-graph path is
 * the reference. On the same dumps, good and broken, in N-Triples (the line reader, plain and
 * gzipped) and Turtle (N3.js), both report the same findings at the same nodes — except that
 * a repeated key is IC-12 only, as in convert, where the whole graph's SPARQL IC-17 also counts
 * the key's measures twice.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { runValidate } from '../../src/cli/validate-run.js';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const mapping = join(root, 'test/bench/sentencing-bench.yaml');
const J = 'https://w3id.org/justice-lod/def/justice';
let dir: string;
let good: string;
let broken: string;
let manyUses: string;
/** The observations given one code that is in no list, in dump order. */
let misfits: string[];

interface Finding { rule: string; focus: string; path?: string; message: string; source?: { line: number } }

async function findings(file: string, stream: boolean, extra: { mapping?: string[] } = {}): Promise<{ code: number; violations: Finding[]; triples: number; ran: unknown }> {
  const report = join(dir, `report-${stream}.json`);
  const code = await runValidate([file], { format: 'json', failOn: 'error', mapping: [mapping], quiet: true, report, ...extra }, stream ? 0 : Infinity);
  const json = JSON.parse(readFileSync(report, 'utf8')) as { violations: Finding[]; triples: number; ran: unknown };
  return { code, ...json };
}
const key = (v: Finding): string => `${v.rule} ${v.focus} ${v.path ?? ''}`;

beforeAll(async () => {
  dir = tempDir();
  const csv = join(dir, 'sentencing.csv');
  await generate(3_000, csv);
  const r = spawnSync(process.execPath, ['bin/justice-lod.js', 'convert', mapping, '--input', csv, '--out', join(dir, 'out'), '--format', 'nt,ttl', '--no-metadata', '--quiet'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  good = join(dir, 'out', 'sentencing-bench.nt');
  // Break it: a dimension gone (IC-11), a unit gone (IC-13), a code not in its list (IC-19, IC-20),
  // a negative count (the range rule), an observation copied under another IRI (IC-12).
  const lines = readFileSync(good, 'utf8').split('\n');
  const subjects = [...new Set(lines.filter((l) => l.includes('/obs/')).map((l) => l.split(' ')[0]!))];
  const [a, b, c, d] = [subjects[0]!, subjects[200]!, subjects[400]!, subjects[600]!];
  const out = lines.filter((l) => !l.startsWith(`${a} <http://purl.org/linked-data/sdmx/2009/dimension#sex>`) && !l.startsWith(`${b} <http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure>`))
    .map((l) => (l.startsWith(`${c} <${J}#ethnicity>`) ? `${c} <${J}#ethnicity> <${J}/ethnicity/martian> .` : l))
    .map((l) => (l.startsWith(`${d} <${J}#defendantsSentenced> "`) ? l.replace(/"\d+"/, '"-5"') : l));
  out.splice(out.length - 1, 0, ...lines.filter((l) => l.startsWith(`${d} `)).map((l) => l.replace(d, d.replace(/>$/, '-copy>'))));
  broken = join(dir, 'broken.nt');
  writeFileSync(broken, out.join('\n'));
  // One code that is in no list, used by three observations (and ethnicity values either side of them).
  misfits = [subjects[10]!, subjects[20]!, subjects[30]!];
  manyUses = join(dir, 'many-uses.nt');
  writeFileSync(manyUses, lines.map((l) => (misfits.some((m) => l.startsWith(`${m} <${J}#ethnicity>`)) ? `${l.split(' ')[0]} <${J}#ethnicity> <${J}/ethnicity/venusian> .` : l)).join('\n'));
}, 120_000);

describe('validate of a large dump, as a stream', () => {
  it('finds nothing in a good dump, and reports what the whole graph reports (N-Triples, gzipped N-Triples, Turtle)', async () => {
    const whole = await findings(good, false);
    expect(whole.violations).toEqual([]);
    writeFileSync(`${good}.gz`, gzipSync(readFileSync(good)));
    for (const file of [good, `${good}.gz`, good.replace(/\.nt$/, '.ttl')]) {
      const streamed = await findings(file, true);
      expect(streamed.code).toBe(0);
      expect(streamed.violations).toEqual([]);
      expect(streamed.triples).toBe(whole.triples);
      expect(streamed.ran).toEqual(whole.ran);
    }
  });

  it('finds in a broken dump what the whole graph finds, traced to the same CSV lines', async () => {
    const whole = await findings(broken, false);
    const streamed = await findings(broken, true);
    expect([whole.code, streamed.code]).toEqual([1, 1]);
    const rules = (vs: Finding[]): string[] => vs.map((v) => v.rule).sort();
    expect(rules(streamed.violations)).toEqual(['IC-11', 'IC-12', 'IC-13', 'IC-19', 'IC-20', 'rule:range']);
    // The whole graph also counts the copied key's measures twice (IC-17); the stream says IC-12, as convert does.
    expect(streamed.violations.map(key).sort()).toEqual(whole.violations.filter((v) => v.rule !== 'IC-17').map(key).sort());
    const line = (vs: Finding[], rule: string): number | undefined => vs.find((v) => v.rule === rule)?.source?.line;
    for (const rule of ['IC-11', 'IC-13', 'IC-19', 'rule:range']) expect(line(streamed.violations, rule), rule).toBe(line(whole.violations, rule));
    expect(streamed.violations.find((v) => v.rule === 'IC-12')!.message).toMatch(/the observation at line [\d,]+ of the dump/);
    expect(streamed.violations.find((v) => v.rule === 'IC-19')!.message).not.toMatch(/first of/);
  });

  it('reports a code used by many observations once, at its first observation, with how many use it', async () => {
    const streamed = await findings(manyUses, true);
    const whole = await findings(manyUses, false);
    const ic19 = streamed.violations.filter((v) => v.rule === 'IC-19');
    expect(ic19).toHaveLength(1);
    expect(ic19[0]!.focus).toBe(misfits[0]!.slice(1, -1));
    expect(ic19[0]!.message).toMatch(/\(first of 3 observations with this value\)/);
    // The whole graph names every observation that uses it; the stream names the first of them.
    expect(whole.violations.filter((v) => v.rule === 'IC-19').map((v) => v.focus).sort()).toEqual(misfits.map((m) => m.slice(1, -1)).sort());
  });

  it('falls back to the whole graph when a data set has no mapping to check it by', async () => {
    const streamed = await findings(broken, true, { mapping: [join(root, 'mappings/sentencing-outcomes.yaml')] });
    const whole = await findings(broken, false, { mapping: [join(root, 'mappings/sentencing-outcomes.yaml')] });
    expect(streamed.violations.map(key).sort()).toEqual(whole.violations.map(key).sort());
  });
});
