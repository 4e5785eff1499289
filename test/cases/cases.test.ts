/**
 * Golden case runner (ARCHITECTURE.md convention 12): every folder under test/cases/<stage>/
 * holds mapping.yaml and input.csv, plus expected.nt (compared as graphs, parsed by N3.js),
 * expected.ttl (byte for byte) and/or diagnostics.txt (`file:line[:col] CODE`, one per line,
 * compared as a set). A case with neither expected file fails: no assertion-free cases.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonical } from '../support/graph.js';
import { convertInMemory } from '../support/run.js';
import type { ConvertResult } from '../../src/run/convert.js';
import { current, watch, type Activity } from '../../src/run/activity.js';

const root = new URL('.', import.meta.url).pathname;
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((stage) => readdirSync(join(root, stage.name)).map((name) => join(root, stage.name, name)))
  .sort();

describe.each(cases.map((dir) => [relative(root, dir), dir]))('%s', (_name, dir) => {
  const read = (f: string): string | undefined => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
  const expectedNt = read('expected.nt');
  const expectedTtl = read('expected.ttl');
  const expectedDiagnostics = read('diagnostics.txt');

  it('has something to compare', () => {
    expect(expectedNt ?? expectedTtl ?? expectedDiagnostics).toBeDefined();
  });

  const locate = (result: ConvertResult): string[] => result.diagnostics
    .filter((d) => d.severity !== 'info' && d.code !== 'JL404')
    .map((d) => `${d.span ? relative(dir, d.span.file) : '?'}:${(d.span?.line ?? -1) + 1}${d.span?.column === undefined ? '' : `:${d.span.column + 1}`} ${d.code}`)
    .sort();

  it('produces the expected graph and diagnostics', async () => {
    const { result, nt, ttl } = await convertInMemory(join(dir, 'mapping.yaml'));
    const located = locate(result);
    const expected = (expectedDiagnostics ?? '').split('\n').map((l) => l.trim()).filter(Boolean).sort();
    expect(located).toEqual(expected);
    if (expectedNt !== undefined) {
      expect(canonical(nt)).toEqual(canonical(expectedNt));
      // The Turtle of the same run holds the same graph.
      expect(canonical(ttl, 'Turtle')).toEqual(canonical(expectedNt));
    }
    if (expectedTtl !== undefined) expect(ttl).toBe(expectedTtl);
  });

  // convert checks observations as they stream by (the observation shapes, compiled) and the
  // structure with each distinct code on its first observation; the SHACL engine and the 21
  // ICs on the whole graph are the reference: the same problems at the same places.
  it('finds what whole-graph validation with the SHACL engine finds, at the same lines', async () => {
    const whole = await convertInMemory(join(dir, 'mapping.yaml'), { wholeGraphLimit: Number.POSITIVE_INFINITY });
    const streamed = await convertInMemory(join(dir, 'mapping.yaml'));
    // Cases that stop at the mapping, and linksets, have no cube to validate.
    expect(whole.result.summary?.wholeGraph).toBe(whole.result.summary?.validation ? true : undefined);
    expect(streamed.result.summary?.wholeGraph ?? false).toBe(false);
    expect([...new Set(locate(streamed.result))]).toEqual([...new Set(locate(whole.result))]);
  });

  // A run with more keys than the IC-12/IC-17 index holds in memory spills them to disk and
  // finds duplicates at the end: the same problems at the same lines, counted alike.
  it('finds the same duplicates and incomplete keys when the key index spills to disk', async () => {
    const memory = await convertInMemory(join(dir, 'mapping.yaml'), { wholeGraphLimit: 0 });
    const spilled = await convertInMemory(join(dir, 'mapping.yaml'), { wholeGraphLimit: 0, keyLimit: 0 });
    expect(locate(spilled.result)).toEqual(locate(memory.result));
    expect(spilled.result.summary?.diagnosticsBySeverity).toEqual(memory.result.summary?.diagnosticsBySeverity);
    expect(spilled.nt).toBe(memory.nt);
  });

  // Rows that combine (`duplicates:`) wait in a table that spills to disk beyond its limit:
  // the same graph, problems and counts whether it spills or not.
  it('gives the same graph and counts when the groups of rows that combine spill to disk', async () => {
    const memory = await convertInMemory(join(dir, 'mapping.yaml'));
    // The phases the run announces (a terminal's progress line draws them).
    const phases: Activity[] = [];
    const unwatch = watch(() => {
      const a = current();
      if (a && !phases.includes(a)) phases.push(a);
    });
    const spilled = await convertInMemory(join(dir, 'mapping.yaml'), { groupLimit: 0 }).finally(unwatch);
    // Combining has a bar of its own, over every row that went into a group, and it ends full.
    const combining = phases.find((a) => a.name === 'combining rows with one key');
    if (read('mapping.yaml')!.includes('duplicates:') && spilled.result.summary) {
      expect(combining?.unit).toBe('rows');
      expect(combining!.done).toBe(combining!.total);
      expect(combining!.total).toBeGreaterThan(0);
      expect(combining!.total).toBeLessThanOrEqual(spilled.result.summary.records.converted + spilled.result.summary.records.rejected);
    } else expect(combining).toBeUndefined();
    expect(locate(spilled.result)).toEqual(locate(memory.result));
    expect(spilled.result.summary?.records).toEqual(memory.result.summary?.records);
    expect(canonical(spilled.nt)).toEqual(canonical(memory.nt));
  });
});
