import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { figureTable } from '../../src/statistics/figures.js';
import { measure, openBenchDatabase, random } from './common.js';

/**
 * The statistics page benchmark (issue #18: under 20 ms with 10 cities × 20 years × 20 indicators):
 * adds count indicators until there are 20, stores a value for every city, year and count (a few special
 * values among them) and measures the whole /statistics request in-process: median and 95th percentile.
 * Usage: npm run bench -- statistics [--years=20] [--runs=200]
 * (PostgreSQL: BENCH_DATABASE_URL=postgres://… npm run bench -- statistics).
 */
export async function benchStatistics(args: Record<string, string>): Promise<void> {
  const yearCount = Number(args.years ?? 20);
  const runs = Number(args.runs ?? 200);
  const { db, cleanup, kind } = await openBenchDatabase();
  try {
    const at = '2026-01-01T00:00:00.000Z';
    const existing = await db.selectFrom('statistic_indicators').select(['id', 'position']).execute();
    const extra = Math.max(0, 20 - existing.length);
    for (let i = 0; i < extra; i++) {
      await db
        .insertInto('statistic_indicators')
        .values({ key: `bench_${i}`, name: `Kennzahl ${i + 1}`, name_en: `Indicator ${i + 1}`, unit: 'Personen', definition: null, source: 'Benchmark', kind: 'count', numerator_id: null, denominator_id: null, chart_group: null, position: 100 + i, created_at: at, updated_at: at })
        .execute();
    }
    const indicators = await db.selectFrom('statistic_indicators').select(['id']).where('kind', '=', 'count').execute();
    const cities = await db.selectFrom('cities').select('id').where('kind', '=', 'city').execute();
    const rnd = random(7);
    const years = Array.from({ length: yearCount }, (_, i) => 2025 - yearCount + i);
    const rows = indicators.flatMap((ind) =>
      cities.flatMap((c) =>
        years.map((year) => {
          const special = rnd() < 0.01 ? ('.' as const) : null;
          return { indicator_id: ind.id, city_id: c.id, year, value: special ? null : Math.round(1000 + rnd() * 50000), special, source: null, note: null, updated_at: at, updated_by_user_id: null };
        }),
      ),
    );
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('statistic_values').values(rows.slice(i, i + 500)).execute();
    const total = (await db.selectFrom('statistic_indicators').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    console.log(`Statistik-Seite: ${cities.length} Städte × ${years.length} Jahre × ${total} Kennzahlen (${rows.length} gespeicherte Werte), ${runs} Messungen, ${kind}`);

    const app = createApp({ db, config: loadConfig({ BASE_URL: 'http://localhost', LOG_REQUESTS: 'false' }) });
    await measure('figureTable() (alles lesen, ohne Cache)', runs, () => figureTable(db));
    await measure('GET /statistics (Standard)', runs, async () => (await app.request('/statistics')).text());
    await measure('GET /statistics?indicator=…&city=… (wechselnd)', runs, async (i) =>
      (await app.request(`/statistics?indicator=${i % 2 ? 'population_total' : 'share_migration'}&city=${['hilden', 'ratingen', 'velbert'][i % 3]}`)).text(),
    );
    await measure('GET /statistics/…/lines/chart.svg', runs, async () => (await app.request('/statistics/share_foreign/lines/chart.svg')).text());
  } finally {
    await cleanup();
  }
}
