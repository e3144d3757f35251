import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against the hub on a loopback port.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
