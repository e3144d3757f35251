import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import * as m0027 from '../migrations/0027_reference_lists.js';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it('seed the reference data of the district', async () => {
    const cities = await t.db.selectFrom('cities').select(['name', 'short_name', 'kind']).orderBy('position').execute();
    expect(cities).toHaveLength(11);
    expect(cities.map((c) => c.short_name)).toContain('Wülfrath');
    expect(cities.at(-1)).toEqual({ name: 'Kreis Mettmann (kreisweit)', short_name: 'kreisweit', kind: 'district' });
    const fields = await t.db.selectFrom('fields_of_action').select('name').orderBy('position').execute();
    expect(fields.map((f) => f.name)).toEqual(['Sprache', 'Bildung und Ausbildung', 'Wirtschaft und Arbeit', 'Gesundheit', 'Wohnen', 'Kultur', 'Sport']);
    const kinds = await t.db.selectFrom('organisation_kinds').select(['key', 'label_de']).orderBy('position').execute();
    expect(kinds).toHaveLength(9);
    expect(kinds[0]).toEqual({ key: 'migrant_organisation', label_de: 'Migrantenorganisation' });
    const district = await t.db.selectFrom('settings').select('value').where('key', '=', 'district_name').executeTakeFirst();
    expect(district?.value).toBe('Kreis Mettmann');
  });

  it('run again without applying anything', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('enforce allowed values and foreign keys', async () => {
    const at = new Date().toISOString();
    await expect(
      t.db.insertInto('cities').values({ name: 'Nirgendwo', short_name: 'N', slug: 'nirgendwo', kind: 'planet' as never, position: 99 }).execute(),
    ).rejects.toThrow();
    await expect(t.db.insertInto('users').values({ person_id: 999_999, role: 'member', active: 1, created_at: at, password_hash: null }).execute()).rejects.toThrow();
  });

  it('read instants back as ISO strings and flags as 0/1 on every database', async () => {
    const at = '2026-03-29T00:30:00.000Z';
    const person = await t.db
      .insertInto('persons')
      .values({ name: 'Zeit Test', name_folded: 'zeit test', email: null, email_normalized: null, created_at: at, updated_at: at })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    expect(person.created_at).toBe(at);
    const user = await t.db
      .insertInto('users')
      .values({ person_id: person.id, role: 'member', active: 0, created_at: at, password_hash: null })
      .returning(['active'])
      .executeTakeFirstOrThrow();
    expect(user.active).toBe(0);
    const later = await t.db.selectFrom('persons').select('id').where('created_at', '>', '2026-03-28T23:59:59.999Z').where('id', '=', person.id).execute();
    expect(later).toHaveLength(1);
  });

  it('0027 moves the English names to reference_names and seeds the languages, and goes back down and up again', async () => {
    const db = t.db as never as import('kysely').Kysely<any>;
    const english = await t.db.selectFrom('reference_names').select(['list', 'entry', 'name']).where('locale', '=', 'en').where('list', '!=', 'languages').orderBy('list').orderBy('entry').execute();
    expect(english).toContainEqual({ list: 'kinds', entry: 'migrant_organisation', name: 'Migrant organisation' });
    expect(english.filter((e) => e.list === 'fields')).toHaveLength(7);
    const languages = await t.db.selectFrom('languages').select(['code', 'name', 'endonym']).orderBy('position').execute();
    expect(languages.map((l) => l.code)).toEqual(expect.arrayContaining(['de', 'fa', 'ti', 'ln', 'prs']));
    expect(languages.find((l) => l.code === 'ln')).toEqual({ code: 'ln', name: 'Lingala', endonym: 'lingála' });
    // A retired entry and a new name in Turkish do not hinder the way back.
    const sprache = await t.db.selectFrom('fields_of_action').select('id').where('name', '=', 'Sprache').executeTakeFirstOrThrow();
    await t.db.updateTable('fields_of_action').set({ retired_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', sprache.id).execute();
    await t.db.insertInto('reference_names').values({ list: 'fields', entry: String(sprache.id), locale: 'tr', name: 'Dil' }).execute();

    await m0027.down(db);
    const fields = await db.selectFrom('fields_of_action').select(['name', 'name_en']).orderBy('position').execute();
    expect(fields[0]).toEqual({ name: 'Sprache', name_en: 'Language' });
    const kinds = await db.selectFrom('organisation_kinds').select(['key', 'label_en']).orderBy('position').execute();
    expect(kinds[0]).toEqual({ key: 'migrant_organisation', label_en: 'Migrant organisation' });
    await expect(db.selectFrom('languages').select('code').execute()).rejects.toThrow();
    await expect(db.selectFrom('reference_names').select('name').execute()).rejects.toThrow();

    await m0027.up(db);
    expect(await t.db.selectFrom('reference_names').select(['list', 'entry', 'name']).where('locale', '=', 'en').where('list', '!=', 'languages').orderBy('list').orderBy('entry').execute()).toEqual(english);
    expect((await t.db.selectFrom('languages').select('code').execute()).length).toBe(languages.length);
    expect(await t.db.selectFrom('fields_of_action').select('retired_at').where('id', '=', sprache.id).executeTakeFirstOrThrow()).toEqual({ retired_at: null });
  });
});
