import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureTable, share, sumOf, type Figure } from '../src/statistics/figures.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

const n = (value: number): Figure => ({ value, special: null });
const s = (special: '-' | '.' | 'x' | '…'): Figure => ({ value: null, special });

describe('share and sum rules', () => {
  it('derives a share as a percentage of two counts', () => {
    expect(share(n(25), n(200))).toEqual(n(12.5));
  });
  it('keeps special values special and never reads them as zero', () => {
    expect(share(s('.'), n(200))).toEqual(s('.'));
    expect(share(n(5), s('…'))).toEqual(s('…'));
    expect(share(n(5), n(0))).toEqual(s('x'));
    expect(share(s('-'), n(100))).toEqual(n(0));
    expect(share(undefined, n(100))).toBeUndefined();
  });
  it('sums counts; "-" adds nothing, a secret or missing part makes the sum special', () => {
    expect(sumOf([n(1), n(2), s('-')])).toEqual(n(3));
    expect(sumOf([n(1), s('.'), s('…')])).toEqual(s('.'));
    expect(sumOf([n(1), undefined])).toEqual(s('…'));
    expect(sumOf([s('-'), s('-')])).toEqual(s('-'));
    expect(sumOf([undefined, undefined])).toBeUndefined();
  });
});

describe('figureTable', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t.destroy());

  it('answers for cities and the district, deriving shares and sums from stored counts', async () => {
    const { db } = t;
    const cities = await db.selectFrom('cities').select(['id', 'slug']).where('kind', '=', 'city').execute();
    const ind = new Map((await db.selectFrom('statistic_indicators').select(['id', 'key']).execute()).map((r) => [r.key, r.id]));
    const at = new Date().toISOString();
    const rows = cities.flatMap((c, i) => [
      { indicator_id: ind.get('population_total')!, city_id: c.id, year: 2024, value: 1000 * (i + 1), special: null, source: null, note: null, updated_at: at, updated_by_user_id: null },
      { indicator_id: ind.get('population_foreign')!, city_id: c.id, year: 2024, value: 100 * (i + 1), special: null, source: 'IT.NRW', note: null, updated_at: at, updated_by_user_id: null },
    ]);
    await db.insertInto('statistic_values').values(rows).execute();
    const table = await figureTable(db);
    expect(table.cities).toHaveLength(10);
    expect(table.years).toEqual([2024]);
    expect(table.get('population_total', 'district', 2024)).toEqual(n(55000));
    expect(table.get('share_foreign', cities[0]!.id, 2024)).toEqual(n(10));
    expect(table.get('share_foreign', 'district', 2024)).toEqual(n(10));
    expect(table.get('share_migration', 'district', 2024)).toBeUndefined();
    expect(table.detail('population_foreign', cities[0]!.id, 2024)?.source).toBe('IT.NRW');

    await db.updateTable('statistic_values').set({ value: null, special: '.' }).where('city_id', '=', cities[1]!.id).where('indicator_id', '=', ind.get('population_foreign')!).execute();
    const again = await figureTable(db);
    expect(again.get('population_foreign', 'district', 2024)).toEqual(s('.'));
    expect(again.get('share_foreign', cities[1]!.id, 2024)).toEqual(s('.'));
  });

  it('refuses a row that is both a number and a special value', async () => {
    const city = await t.db.selectFrom('cities').select('id').where('kind', '=', 'city').executeTakeFirstOrThrow();
    const indicator = await t.db.selectFrom('statistic_indicators').select('id').where('key', '=', 'population_total').executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto('statistic_values')
        .values({ indicator_id: indicator.id, city_id: city.id, year: 2020, value: 5, special: '.', source: null, note: null, updated_at: new Date().toISOString(), updated_by_user_id: null })
        .execute(),
    ).rejects.toThrow();
  });
});
