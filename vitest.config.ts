import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Both cores: the default leaves one free, and most test time is spent in the CLI's own
    // processes, so two files at a time finish the suite about a quarter sooner.
    maxWorkers: 2,
  },
});
