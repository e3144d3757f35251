import { defineConfig } from 'vitest/config';

// `npm test` runs every test: first the unit and HTTP tests, then (groupOrder 1, so never alongside
// them) the browser tests in Debian's Chromium. Every unit/HTTP test file gets its own fresh database
// (see test/helpers/db.ts): SQLite in memory by default, a schema of its own on PostgreSQL when
// TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/browser/**', 'node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
