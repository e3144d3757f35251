import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_TABLES, feedsVersion } from '../src/calendar/feeds-version.js';
import type { Database } from '../src/db/schema.js';
import { createUser } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

// feeds_version (migration 0040): on PostgreSQL the counter every instance reads to tell whether a feed
// may have changed. It must move, at commit, with every write to a table a feed reads, and never make two
// writers wait for each other in a cycle. On SQLite the change counter does it (test/feed-memo.test.ts).
let t: TestDatabase;
let a: Kysely<Database>;
let b: Kysely<Database>;
let meetingId = 0;
let groupId = 0;

beforeAll(async () => {
  t = await createTestDatabase({ shareable: true });
  a = t.openAnother();
  b = t.openAnother();
  const at = '2026-11-01T10:00:00.000Z';
  await createUser(t.db, { name: 'Anna Schulz', email: 'anna@example.org' });
  groupId = (await t.db.insertInto('groups').values({ name: 'AK', slug: 'ak', kind: 'internal', description: '', colour: '#0b5394', dates_public: 0, calendar_stamp: at, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const row = await t.db
    .insertInto('meetings')
    .values({ group_id: groupId, title: 'Sitzung', starts_at: '2026-12-09T18:00:00.000Z', ends_at: '2026-12-09T20:00:00.000Z', location: null, room: null, online_url: null, status: 'planned', cancel_reason: null, sequence: 0, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  meetingId = row.id;
});
afterAll(() => t.destroy());

const pg = () => t.dialect === 'postgres';

describe('feeds_version', () => {
  it('has a trigger on exactly the tables a feed reads (PostgreSQL), and a row on both databases', async () => {
    expect(await t.db.selectFrom('feeds_version').select('version').where('id', '=', 1).executeTakeFirst()).toBeDefined();
    if (!pg()) {
      expect(await feedsVersion(t.db)).toMatch(/^\d+\/\d+$/); // SQLite: the change counter
      return;
    }
    const { rows } = await sql<{ table: string }>`select c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid
      where c.relnamespace = current_schema()::regnamespace and g.tgname like '%\_feeds\_version' and not g.tgisinternal`.execute(t.db);
    expect(rows.map((r) => r.table).sort()).toEqual([...FEED_TABLES].sort());
  });

  it('moves at the commit of a write to a feed table, for every instance, and not for reads, rollbacks or a poll’s day of use', async () => {
    const before = await feedsVersion(b);
    await a.selectFrom('meetings').selectAll().execute();
    expect(await feedsVersion(b)).toBe(before);
    if (!pg()) return; // SQLite's counter moves with any write; test/feed-memo.test.ts covers it
    await a.transaction().execute(async (trx) => {
      await trx.updateTable('meetings').set({ title: 'Sitzung neu' }).where('id', '=', meetingId).execute();
      await trx.updateTable('groups').set({ name: 'AK neu' }).where('id', '=', groupId).execute();
      // Not yet committed: another instance must not see a new version before the rows it guards.
      expect(await feedsVersion(b)).toBe(before);
    });
    const after = await feedsVersion(b);
    expect(after).not.toBe(before);
    expect(Number(after!.slice(3))).toBe(Number(before!.slice(3)) + 1); // once per transaction
    await expect(
      a.transaction().execute(async (trx) => {
        await trx.updateTable('meetings').set({ title: 'verworfen' }).where('id', '=', meetingId).execute();
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await feedsVersion(b)).toBe(after);
    await a.updateTable('feed_tokens').set({ last_used_on: '2026-11-02' }).execute();
    expect(await feedsVersion(b)).toBe(after);
    for (const table of FEED_TABLES) {
      const was = await feedsVersion(b);
      await sql`delete from ${sql.table(table)} where false`.execute(a); // a statement that writes no row still counts
      expect(await feedsVersion(b), table).not.toBe(was);
    }
  });

  it('lets two writers that lock the same rows in opposite order both finish (no deadlock over the counter)', async () => {
    if (!pg()) return;
    await a.connection().execute(async (one) => {
      await b.connection().execute(async (two) => {
        await sql`begin`.execute(one);
        await sql`begin`.execute(two);
        await sql`update meetings set title = 'eins' where id = ${meetingId}`.execute(one);
        // Would wait for the counter, were it raised by the first statement of the first writer.
        const second = sql`update groups set name = 'zwei' where id = ${groupId}`.execute(two);
        const settled = await Promise.race([second.then(() => true), new Promise((r) => setTimeout(() => r(false), 500))]);
        // The first writer now needs the group row the second holds: it waits for the second's commit.
        const first = sql`update groups set name = 'eins' where id = ${groupId}`.execute(one);
        expect(settled).toBe(true);
        await sql`commit`.execute(two);
        await first;
        await sql`commit`.execute(one);
      });
    });
    expect((await t.db.selectFrom('groups').select('name').where('id', '=', groupId).executeTakeFirstOrThrow()).name).toBe('eins');
  });
});
