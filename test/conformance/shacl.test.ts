/**
 * The W3C SHACL test suite, run from its manifest against the engine justice-lod uses
 * (shacl-engine with its SPARQL plug-in). The whole core part must pass; the pass rate is
 * printed and every skipped test is listed with its reason (convention 13).
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { validateQuads } from '../../src/validate/engine.js';
import { loadSuite, resultKey } from '../support/shacl-suite.js';
import { SHACL_SKIPS } from './shacl-skips.js';

const manifest = new URL('../../../shared/conformance/shacl/manifest.ttl', import.meta.url).pathname;
const present = existsSync(manifest);
const tests = present ? loadSuite(manifest) : [];
const tally = { core: { pass: 0, total: 0 }, sparql: { pass: 0, total: 0 } };

// CI always has ../shared beside the clone, so there a missing suite fails the run; a user who
// cloned only this repository sees the suite skipped, with the reason.
const required = process.env['CI'] === 'true' || present;

describe.runIf(required)('W3C SHACL test suite', () => {
  it('is beside the repository (../shared/conformance/shacl) and loads from its manifest', () => {
    expect(present, `missing ${manifest}`).toBe(true);
    expect(tests.length).toBe(120);
    expect(tests.filter((t) => t.id.startsWith('core/'))).toHaveLength(98);
  });

  it.each(tests.map((t) => [t.id, t] as const))('%s', async (id, t) => {
    const part = id.startsWith('core/') ? tally.core : tally.sparql;
    part.total++;
    const skip = SHACL_SKIPS.get(id);
    if (skip) {
      expect(id.startsWith('core/'), 'no core test may be skipped').toBe(false);
      return;
    }
    let outcome: { conforms: boolean; results: string[] } | 'failure';
    try {
      const report = await validateQuads(t.data, t.shapes);
      outcome = { conforms: report.conforms, results: report.results.map((r) => resultKey(report.store, r)).sort() };
    } catch {
      outcome = 'failure';
    }
    expect(outcome).toEqual(t.expected);
    part.pass++;
  });

  afterAll(() => {
    const pct = (p: { pass: number; total: number }) => `${p.pass}/${p.total} (${((100 * p.pass) / Math.max(1, p.total)).toFixed(1)}%)`;
    console.log(`W3C SHACL suite with shacl-engine: core ${pct(tally.core)}, SPARQL ${pct(tally.sparql)}`);
    for (const [id, why] of SHACL_SKIPS) console.log(`  skipped ${id}: ${why}`);
  });
});

describe.skipIf(required)('W3C SHACL test suite (not run)', () => {
  it.skip(`skipped: ${manifest} is not beside this clone; CI runs it`, () => {});
});
