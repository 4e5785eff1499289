import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Set-up hooks convert samples and start servers: on a loaded machine 10 s is too tight.
    hookTimeout: 180_000,
    pool: 'forks',
    // Both cores: the default leaves one free, and most test time is spent in the CLI's own
    // processes, so two files at a time finish the suite about a quarter sooner.
    maxWorkers: 2,
  },
});
