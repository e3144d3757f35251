import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { feedMemoFor } from '../src/calendar/feed-memo.js';
import { feedsVersion } from '../src/calendar/feeds-version.js';
import { databaseVersion } from '../src/db/change-counter.js';
import { today } from '../src/lib/berlin-time.js';
import { Browser, createHarness, createUser, TEST_PASSWORD, testConfig, type TestHarness } from './helpers/app.js';

// A feed poll is answered from memory while the database has not changed (src/calendar/feed-memo.ts).
// What must never happen: a stale answer after a change, above all one made by another process.

let h: TestHarness;
/** A second app process on the same database. */
let other: TestHarness;
const olaf: Record<'here' | 'there', Browser> = {} as never;
let feed = '';
let meetingId = 0;

beforeAll(async () => {
  h = await createHarness({ shareable: true });
  const otherDb = h.testDb.openAnother();
  other = { ...h, db: otherDb, app: createApp({ db: otherDb, config: testConfig(), now: h.clock.now }) };
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  const sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  await sek.post('/groups', { name: 'AK intern', slug: 'ak', kind: 'internal' });
  await sek.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  olaf.here = h.browser();
  await olaf.here.login('olaf@example.org', TEST_PASSWORD);
  olaf.there = new Browser(other);
  olaf.there.cookies = olaf.here.cookies;
  const created = await olaf.here.post('/groups/ak/meetings', { title: 'Sitzung Dezember', day: '2026-12-09', start_time: '19:00', end_time: '21:00', location: 'Kreishaus' });
  meetingId = Number(created.headers.get('location')!.split('/').pop());
  const page = await (await olaf.here.post('/calendar/feeds', { name: 'Handy', scope: 'person' })).text();
  feed = /http:\/\/localhost(\/feeds\/[a-z2-7]{52}\.ics)/.exec(page)![1]!;
});

afterAll(() => h.close());

const poll = (app: TestHarness, etag?: string) => app.app.request(feed, { headers: etag ? { 'If-None-Match': etag } : {} });
const memoHolds = async () => {
  const version = await feedsVersion(h.db);
  return version !== null && feedMemoFor(h.db).get(feed.slice('/feeds/'.length), today(h.clock.now()), version) !== undefined;
};

describe('feed polls answered from memory', () => {
  it('answers an unchanged feed from memory, with the same headers and bytes as from the database', async () => {
    const first = await poll(h);
    expect(first.status).toBe(200);
    const body = await first.text();
    // The first poll of the day records the day of use (a write), so the second reads again; from then on
    // the database is unchanged and the memo answers.
    await poll(h);
    expect(await memoHolds()).toBe(true); // SQLite's change counter, or feeds_version on PostgreSQL
    const again = await poll(h);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(body);
    for (const name of ['ETag', 'Last-Modified', 'Cache-Control', 'Content-Type', 'Content-Disposition', 'X-Robots-Tag', 'X-Content-Type-Options']) {
      expect(again.headers.get(name), name).toBe(first.headers.get(name));
    }
    const notModified = await poll(h, first.headers.get('ETag')!);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(notModified.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('sees a change made by another process at once', async () => {
    const before = await poll(h);
    const etag = before.headers.get('ETag')!;
    expect((await poll(h, etag)).status).toBe(304);
    const edit = await olaf.there.post(`/meetings/${meetingId}/edit`, { title: 'Sitzung verlegt', day: '2026-12-10', start_time: '18:00', end_time: '20:00', location: 'Kreishaus' });
    expect(edit.status).toBe(303);
    expect(await memoHolds()).toBe(false);
    const after = await poll(h, etag);
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect(await after.text()).toContain('Sitzung verlegt');
  });

  it('sees a change of its own process at once', async () => {
    const etag = (await poll(h)).headers.get('ETag')!;
    await poll(h, etag);
    await olaf.here.post(`/meetings/${meetingId}/edit`, { title: 'Sitzung wieder hier', day: '2026-12-10', start_time: '18:00', end_time: '20:00', location: 'Kreishaus' });
    const after = await poll(h, etag);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Sitzung wieder hier');
  });

  it('starts again on a new day (the feed window moves)', async () => {
    const etag = (await poll(h)).headers.get('ETag')!;
    expect((await poll(h, etag)).status).toBe(304);
    h.clock.advance(24 * 60 * 60 * 1000);
    expect(await memoHolds()).toBe(false);
    expect((await poll(h, etag)).status).toBe(200);
  });

  it('answers 404 at once when another process revokes the URL', async () => {
    const etag = (await poll(h)).headers.get('ETag')!;
    expect((await poll(h, etag)).status).toBe(304);
    const id = /\/calendar\/feeds\/([0-9]+)\/revoke/.exec(await (await olaf.there.get('/calendar/feeds')).text())![1];
    expect((await olaf.there.post(`/calendar/feeds/${id}/revoke`, {})).status).toBe(303);
    expect((await poll(h, etag)).status).toBe(404);
    expect((await poll(h)).status).toBe(404);
  });
});

describe('the site settings in feeds', () => {
  it('a district name changed by another process reaches the public feed at once', async () => {
    const first = await h.app.request('/feeds/public.ics');
    const etag = first.headers.get('ETag')!;
    expect((await h.app.request('/feeds/public.ics', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    await other.db.updateTable('settings').set({ value: 'Kreis Neuland' }).where('key', '=', 'district_name').execute();
    const after = await h.app.request('/feeds/public.ics', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Kreis Neuland');
  });
});

describe('databaseVersion', () => {
  it('moves with every write, of this connection or another, and not with reads', async () => {
    if (h.testDb.dialect === 'postgres') {
      expect(databaseVersion(h.db)).toBeNull();
      return;
    }
    const second = h.testDb.openAnother();
    const v0 = databaseVersion(h.db);
    await h.db.selectFrom('groups').selectAll().execute();
    expect(databaseVersion(h.db)).toBe(v0);
    await h.db.updateTable('groups').set({ colour: '#123456' }).execute();
    const v1 = databaseVersion(h.db);
    expect(v1).not.toBe(v0);
    await second.updateTable('groups').set({ colour: '#654321' }).execute();
    const v2 = databaseVersion(h.db);
    expect(v2).not.toBe(v1);
    // Within a transaction the first write moves it before the commit.
    await h.db.transaction().execute(async (trx) => {
      await trx.updateTable('groups').set({ colour: '#000000' }).execute();
      expect(databaseVersion(h.db)).not.toBe(v2);
    });
  });
});
