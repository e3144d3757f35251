import { build } from 'esbuild';

/**
 * Production build: the TypeScript sources (src, views, migrations) as one JavaScript file,
 * dist/server.mjs, with every package left as an import. `npm start` runs it with plain Node: loading
 * through tsx's hooks crossed a worker thread for each of the ~1,000 module files (kysely alone has
 * hundreds) and made a start take two seconds; the built file starts in a fraction of that.
 */
await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.mjs',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
