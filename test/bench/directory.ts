import { sql, type Kysely } from 'kysely';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/schema.js';
import { facetCounts, searchDirectory, type DirectoryFilters } from '../../src/directory/search/index.js';
import { foldText, foldWords } from '../../src/lib/fold.js';
import { measure, openBenchDatabase, random } from './common.js';

/**
 * Directory search benchmark: generates N entries (default 100,000) into a fresh database and reports
 * median and 95th percentile of searches with and without filters, of the filter counts, and of the
 * whole /directory request. Usage: npm run bench -- directory [--entries=N] [--runs=N]
 * (PostgreSQL: BENCH_DATABASE_URL=postgres://… npm run bench -- directory).
 */

const WORDS = ['beratung', 'sprache', 'familie', 'jugend', 'frauen', 'arbeit', 'wohnen', 'gesundheit', 'kultur', 'sport', 'schule', 'eltern', 'integration', 'hilfe', 'treff', 'cafe', 'kurs', 'verein', 'migration', 'nachbarschaft', 'musik', 'tanz', 'garten', 'kochen', 'lernen', 'bildung', 'ausbildung', 'senioren', 'kinder', 'begegnung'];
const PREFIXES = ['Deutsch-Türkischer', 'Afghanischer', 'Internationaler', 'Griechischer', 'Polnischer', 'Syrischer', 'Ukrainischer', 'Eritreischer', 'Italienischer', 'Kurdischer', 'Spanischer', 'Russischsprachiger', 'Marokkanischer', 'Tamilischer', 'Müller-'];
const KINDS = ['migrant_organisation', 'welfare_association', 'counselling_service', 'administration', 'integration_council', 'association', 'education', 'religious_community', 'other'];
const LANGS = ['de', 'en', 'tr', 'ar', 'ru', 'uk', 'pl', 'fa', 'ku', 'it', 'el', 'es'];

export async function generateDirectory(db: Kysely<Database>, entries: number): Promise<void> {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const at = '2026-01-01T00:00:00.000Z';
  const batch = 500;
  for (let start = 0; start < entries; start += batch) {
    const rows = Array.from({ length: Math.min(batch, entries - start) }, (_, i) => {
      const n = start + i;
      const name = `${pick(PREFIXES)} ${pick(WORDS)}verein ${pick(WORDS)} ${n}`;
      const offers = `${pick(WORDS)}, ${pick(WORDS)}, ${pick(WORDS)}`;
      const body = `${offers} ${pick(WORDS)} ${pick(WORDS)} in ${pick(['Hilden', 'Ratingen', 'Velbert', 'Mettmann', 'Haan'])}`;
      return {
        name,
        name_normalized: foldText(name),
        kind: pick(KINDS),
        status: rnd() < 0.95 ? ('published' as const) : ('pending' as const),
        offers,
        search_name: foldWords(name).join(' '),
        search_body: foldWords(body).join(' '),
        created_at: at,
        updated_at: at,
      };
    });
    await db.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('organisations').values(rows).returning('id').execute();
      const cities = ids.flatMap(({ id }) => [...new Set([1 + Math.floor(rnd() * 11), 1 + Math.floor(rnd() * 11)])].map((city_id) => ({ organisation_id: id, city_id })));
      const fields = ids.flatMap(({ id }) => [...new Set([1 + Math.floor(rnd() * 7), 1 + Math.floor(rnd() * 7)])].map((field_id) => ({ organisation_id: id, field_id })));
      const languages = ids.flatMap(({ id }) => [...new Set(['de', pick(LANGS), pick(LANGS)])].map((language) => ({ organisation_id: id, language })));
      const targets = ids.flatMap(({ id }) => [{ organisation_id: id, target_group_id: 1 + Math.floor(rnd() * 11) }]);
      await trx.insertInto('organisation_cities').values(cities).execute();
      await trx.insertInto('organisation_fields').values(fields).execute();
      await trx.insertInto('organisation_languages').values(languages).execute();
      await trx.insertInto('organisation_target_groups').values(targets).execute();
    });
    if ((start / batch) % 40 === 0) process.stdout.write(`\r  generiert: ${start + rows.length} / ${entries}`);
  }
  process.stdout.write(`\r  generiert: ${entries} / ${entries}\n`);
}

export async function benchDirectory(args: Record<string, string>): Promise<void> {
  const entries = Number(args.entries ?? 100_000);
  const runs = Number(args.runs ?? 200);
  const { db, cleanup, kind } = await openBenchDatabase();
  try {
    console.log(`Verzeichnis-Suche: ${entries} Einträge, ${runs} Messungen je Fall, ${kind}`);
    const started = performance.now();
    await generateDirectory(db, entries);
    // PostgreSQL: the bulk load updates every row of directory_search once per join table (its triggers);
    // VACUUM does now what autovacuum does soon after such a load (dead rows gone, index-only scans).
    await sql.raw(kind === 'PostgreSQL' ? 'vacuum analyze' : 'analyze').execute(db);
    console.log(`  Daten erzeugt in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const term = (i: number) => WORDS[i % WORDS.length]!;
    const page = { page: 1, pageSize: 20 };
    const cases: [string, (i: number) => DirectoryFilters][] = [
      ['Suche, ein Wort', (i) => ({ q: term(i) })],
      ['Suche, zwei Wörter (Präfix)', (i) => ({ q: `${term(i)} ${term(i + 7).slice(0, 4)}` })],
      ['Suche mit Stadt und Sprache', (i) => ({ q: term(i), city: 1 + (i % 11), language: LANGS[i % LANGS.length] })],
      ['nur Filter (Stadt, Handlungsfeld)', (i) => ({ city: 1 + (i % 11), field: 1 + (i % 7) })],
      ['ohne Suche und Filter (erste Seite)', () => ({})],
    ];
    for (const [label, filters] of cases) await measure(`Treffer: ${label}`, runs, (i) => searchDirectory(db, filters(i), page));
    for (const [label, filters] of cases) await measure(`Filterzahlen: ${label}`, runs, (i) => facetCounts(db, filters(i)));

    // What the target (p95 under 25 ms) is about: the whole request, hits and filter counts together.
    console.log('  Ganze Anfrage (Ziel: p95 unter 25 ms):');
    const app = createApp({ db, config: loadConfig({ BASE_URL: 'http://localhost', LOG_REQUESTS: 'false' }) });
    await measure('GET /directory (erste Seite, ohne Suche)', runs, async () => (await app.request('/directory')).text());
    await measure('GET /directory?q=… (ganze Seite)', runs, async (i) => (await app.request(`/directory?q=${term(i)}`)).text());
    await measure('GET /directory?q=…&city=…&language=… (Fragment)', runs, async (i) =>
      (await app.request(`/directory?q=${term(i)}&city=${1 + (i % 11)}&language=${LANGS[i % LANGS.length]}`, { headers: { 'HX-Request': 'true' } })).text(),
    );
    await measure('GET /directory?city=…&field=… (Fragment)', runs, async (i) =>
      (await app.request(`/directory?city=${1 + (i % 11)}&field=${1 + (i % 7)}`, { headers: { 'HX-Request': 'true' } })).text(),
    );
  } finally {
    await cleanup();
  }
}
