import fs from 'node:fs';
import { build } from 'esbuild';

/**
 * Production build: the TypeScript sources (src, views, migrations) as one JavaScript file,
 * dist/server.mjs, with every package left as an import. `npm start` runs it with plain Node: loading
 * through tsx's hooks crossed a worker thread for each of the ~1,000 module files (kysely alone has
 * hundreds) and made a start take two seconds; the built file starts in a fraction of that.
 */
const OUT = 'dist/server.mjs';
// Written in memory and then renamed into place, so that a second instance starting at the same
// moment never runs a half-written file.
const result = await build({
  entryPoints: ['src/server.ts'],
  outfile: OUT,
  write: false,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
fs.mkdirSync('dist', { recursive: true });
for (const file of result.outputFiles) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, file.contents);
  fs.renameSync(temporary, file.path);
}
