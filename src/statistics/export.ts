import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { excelCsv } from '../lib/csv-export.js';
import { figureTable, type Figure } from './figures.js';

/**
 * exportAllCsv: everything of the Datensammlung as one CSV for Excel (semicolons, UTF-8 with BOM, CRLF:
 * the convention of src/lib/csv-export.ts): every stored value with indicator key and name, city, AGS,
 * year, value or special value, source and note; then the derived figures (shares of each city, and the
 * district's counts and shares), marked "abgeleitet". Numbers in German format (12,5).
 */
export async function exportAllCsv(db: Kysely<Database>): Promise<string> {
  const table = await figureTable(db);
  const stored = await db
    .selectFrom('statistic_values')
    .innerJoin('statistic_indicators', 'statistic_indicators.id', 'statistic_values.indicator_id')
    .innerJoin('cities', 'cities.id', 'statistic_values.city_id')
    .select(['statistic_indicators.key', 'statistic_indicators.name as indicator', 'cities.name as city', 'cities.ags', 'statistic_values.year', 'statistic_values.value', 'statistic_values.special', 'statistic_values.source', 'statistic_values.note'])
    .orderBy('statistic_indicators.position')
    .orderBy('statistic_indicators.key')
    .orderBy('cities.position')
    .orderBy('cities.name')
    .orderBy('statistic_values.year')
    .execute();
  const district = await db.selectFrom('cities').select(['name', 'ags']).where('kind', '=', 'district').executeTakeFirst();
  const number = (v: number) => (Number.isInteger(v) ? String(v) : v.toLocaleString('de-DE', { useGrouping: false, maximumFractionDigits: 2 }));
  const figure = (f: Figure) => (f.special ?? number(f.value!));
  const rows: string[][] = stored.map((r) => [
    r.key,
    r.indicator,
    r.city,
    r.ags ?? '',
    String(r.year),
    r.special ?? number(Number(r.value)),
    r.source ?? '',
    r.note ?? '',
    'nein',
  ]);
  for (const indicator of table.indicators) {
    for (const year of table.years) {
      if (indicator.kind === 'share') {
        for (const c of table.cities) {
          const f = table.get(indicator.key, c.id, year);
          if (f) rows.push([indicator.key, indicator.name, c.name, c.ags ?? '', String(year), figure(f), '', '', 'ja']);
        }
      }
      const f = table.get(indicator.key, 'district', year);
      if (f) rows.push([indicator.key, indicator.name, district?.name ?? 'Kreis', district?.ags ?? '', String(year), figure(f), '', '', 'ja']);
    }
  }
  return excelCsv(['Kennzahl', 'Bezeichnung', 'Stadt', 'AGS', 'Jahr', 'Wert', 'Quelle', 'Anmerkung', 'abgeleitet'], rows);
}
