import { defineConfig } from 'vitest/config';

// Unit and HTTP tests. Every test file gets its own fresh database (see test/helpers/db.ts):
// SQLite in memory by default, a schema of its own on PostgreSQL when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
