/**
 * Issue 18, point 11: seeded fuzzing of CSVs and mappings. `npm test` runs FUZZ_CASES (200 by
 * default: two CSV cases to each mapping case); `npm run fuzz` runs 10,000. A failing case
 * names its seed and mutation, and leaves its files in the temporary folder printed.
 */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.js';
import { csvCase, mappingCase, reached } from './harness.js';

const CASES = Number(process.env.FUZZ_CASES ?? 200);
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 1);
const dir = tempDir('jlod-fuzz-');

describe('fuzzing', () => {
  it(`${CASES} mutated CSVs and mappings: exit 0, 1 or 2, no stack trace, every diagnostic located, every row accounted for, every dump parses with the summary's triple count`, async () => {
    const failures: string[] = [];
    const started = Date.now();
    for (let i = 0; i < CASES; i++) {
      const seed = FIRST_SEED + i;
      const result = i % 3 === 2 ? await mappingCase(seed, dir) : await csvCase(seed, dir);
      if (result.problems.length) failures.push(`${result.name}\n  ${result.problems.join('\n  ')}`);
    }
    if (process.env.FUZZ_REPORT) console.log(`fuzz: ${CASES} cases from seed ${FIRST_SEED} in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} failed; ${JSON.stringify(reached)}`);
    expect(failures, `files in ${dir}`).toEqual([]);
    // The checks ran: runs of every outcome, rows counted against the file, dumps re-parsed.
    expect(reached.exit[0]).toBeGreaterThan(CASES / 10);
    expect(reached.exit[1]! + reached.exit[2]!).toBeGreaterThan(CASES / 10);
    expect(reached.accounted).toBeGreaterThan(CASES / 5);
    expect(reached.dumpsParsed).toBeGreaterThan(CASES / 5);
  }, 3_600_000);
});
