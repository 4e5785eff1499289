/**
 * Issue 22, point 2: the W3C csv2rdf suite from its manifest (270 tests: ToRdfTest,
 * ToRdfTestWithWarnings, NegativeRdfTest), run by src/csvw: positive tests compared with the
 * expected graph by isomorphism, negative tests must fail. The tests not passed are listed,
 * each with its reason, in csvw-not-passed.ts.
 */
import { describe, expect, it } from 'vitest';
import { runSuiteTest, suiteTests } from '../support/csvw-suite.js';
import { NOT_PASSED } from './csvw-not-passed.js';

const tests = suiteTests();

describe.skipIf(tests.length === 0)('W3C CSVW csv2rdf suite', () => {
  it('has the 270 tests of the manifest', () => {
    expect(tests.length).toBe(270);
  });

  it('passes every test but those listed, and the listed ones still fail (the list is exact)', async () => {
    const failed: string[] = [];
    const nowPassing: string[] = [];
    let passed = 0;
    for (const t of tests) {
      const id = t.id.replace('manifest-rdf#', '');
      let outcome;
      try {
        outcome = await runSuiteTest(t);
      } catch (err) {
        outcome = { passed: false, why: `threw ${(err as Error).message}` };
      }
      if (outcome.passed) passed++;
      if (outcome.passed && NOT_PASSED[id]) nowPassing.push(id);
      if (!outcome.passed && !NOT_PASSED[id]) failed.push(`${id} [${t.type.slice(5)}] ${t.name}: ${outcome.why}`);
    }
    if (process.env['CSVW_REPORT']) console.log(`csv2rdf: ${passed} of ${tests.length} passed\n${failed.join('\n')}`);
    expect(failed, 'tests that fail and are not listed in csvw-not-passed.ts').toEqual([]);
    expect(nowPassing, 'tests listed in csvw-not-passed.ts that now pass: take them off the list').toEqual([]);
    expect(passed + Object.keys(NOT_PASSED).length).toBe(tests.length);
  }, 300_000);
});
