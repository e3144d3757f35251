import { benchDirectory } from './directory.js';
import { benchFeeds } from './feeds.js';
import { benchLoad } from './load.js';
import { benchStatistics } from './statistics.js';

// npm run bench [-- <name> --key=value …]: runs the named benchmarks (all when none is named).
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [k, v] = a.slice(2).split('=');
      return [k!, v ?? 'true'];
    }),
);
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const benches: Record<string, (args: Record<string, string>) => Promise<void>> = { directory: benchDirectory, feeds: benchFeeds, load: benchLoad, statistics: benchStatistics };
for (const name of names.length ? names : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`Unbekannter Benchmark: ${name}. Vorhanden: ${Object.keys(benches).join(', ')}`);
    process.exit(1);
  }
  await bench(args);
}
