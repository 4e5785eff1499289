import { defineConfig } from 'vitest/config';

/**
 * The long scenarios: kills at every rename, full disks, servers that fail mid-upload, the
 * worker threads on files large enough to split, the npm pack install, the spec's own IC
 * queries run by Comunica on every dump, publishing into a real Virtuoso, and serve's pages in
 * a real browser (Chromium), the bench's anchors held to justice-lod's triples. `npm run test:long` runs them (CI runs both suites);
 * `npm test` runs everything else in about 6 minutes on 2 cores (345–410 s measured).
 */
export const LONG = [
  'test/scenarios/kills.test.ts',
  'test/scenarios/full-disk.test.ts',
  'test/scenarios/workers.test.ts',
  'test/scenarios/install.test.ts',
  'test/integration/publish-faults.test.ts',
  'test/integration/independent-ics.test.ts',
  'test/integration/virtuoso.test.ts',
  'test/browser/serve-pages.test.ts',
  'test/integration/bench-anchors.test.ts',
];

export default defineConfig({
  test: {
    include: process.env.JLOD_SUITE === 'long' ? LONG : ['test/**/*.test.ts'],
    exclude: process.env.JLOD_SUITE === 'long' ? [] : LONG,
    testTimeout: 60_000,
    // Set-up hooks convert samples and start servers: on a loaded machine 10 s is too tight.
    hookTimeout: 180_000,
    pool: 'forks',
    // Both cores: the default leaves one free, and most test time is spent in the CLI's own
    // processes, so two files at a time finish the suite about a quarter sooner.
    maxWorkers: 2,
  },
});
