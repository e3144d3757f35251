import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGroup, addMeeting, addMembership } from './privacy-fixtures.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// The dashboard, group and meeting pages are answered from memory while nothing changed (issue #21,
// src/http/page-cache.ts). What matters is that a kept answer is never staler or anyone else's.
let h: TestHarness;
let anna: Browser;
let bert: Browser;
let groupId: number;
let meetingId: number;

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-11-25T09:00:10.000Z');
  const a = await createUser(h.db, { email: 'anna@example.org', name: 'Anna Alpha' });
  const b = await createUser(h.db, { email: 'bert@example.org', name: 'Bert Beta' });
  groupId = await addGroup(h.db, 'alpha');
  const beta = await addGroup(h.db, 'beta');
  await addMembership(h.db, groupId, a.personId, '2026-01-01');
  await addMembership(h.db, beta, b.personId, '2026-01-01');
  meetingId = await addMeeting(h.db, groupId, '2026-12-01T15:00:00.000Z', 'Dezembersitzung');
  anna = h.browser();
  bert = h.browser();
  await anna.login('anna@example.org', TEST_PASSWORD);
  await bert.login('bert@example.org', TEST_PASSWORD);
});

afterAll(() => h.close());

const hit = (res: Response) => res.headers.get('X-Page-Cache') === 'hit';
/** Pages are kept on SQLite only (PostgreSQL has no cheap change counter): there, never a kept one. */
const keeps = () => h.testDb.dialect === 'sqlite';

describe('kept pages', () => {
  it('a second request within the minute, with nothing changed, is answered from memory with the same page and headers', async () => {
    await anna.get('/actions'); // shows (and clears) the flash of signing in
    for (const path of ['/', '/groups/alpha', `/meetings/${meetingId}`]) {
      const first = await anna.get(path);
      const second = await anna.get(path);
      expect(first.status).toBe(200);
      expect(hit(first)).toBe(false);
      expect(hit(second)).toBe(keeps());
      expect(await second.text()).toBe(await first.text());
      expect(second.headers.get('Cache-Control')).toBe('private, no-store');
      expect(second.headers.get('Content-Security-Policy')).toBe(first.headers.get('Content-Security-Policy'));
    }
  });

  it('never gives one person another one’s page', async () => {
    await anna.get('/');
    const page = await bert.get('/');
    expect(hit(page)).toBe(false);
    const html = await page.text();
    expect(html).toContain('AK beta');
    expect(html).not.toContain('AK alpha');
  });

  it('shows a change at once, also one written past the app (straight into the database)', async () => {
    await anna.get('/groups/alpha');
    await h.db.updateTable('groups').set({ name: 'AK Alpha umbenannt' }).where('id', '=', groupId).execute();
    const page = await anna.get('/groups/alpha');
    expect(hit(page)).toBe(false);
    expect(await page.text()).toContain('AK Alpha umbenannt');
  });

  it('makes the page anew in the next minute', async () => {
    await anna.get('/');
    expect(hit(await anna.get('/'))).toBe(keeps());
    h.clock.current = new Date(h.clock.current.getTime() + 60_000);
    expect(hit(await anna.get('/'))).toBe(false);
  });

  it('after signing out, the old session cookie gets no kept dashboard', async () => {
    const cookie = [...anna.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const kept = await h.app.request('/', { headers: { cookie } });
    expect(await kept.text()).toContain('Anna Alpha');
    expect((await anna.post('/logout', {})).status).toBe(303);
    const after = await h.app.request('/', { headers: { cookie } });
    expect(hit(after)).toBe(false);
    expect(await after.text()).not.toContain('Anna Alpha');
  });

  it('keeps no page that sets a cookie (a flash shown once) and no other page', async () => {
    await anna.login('anna@example.org', TEST_PASSWORD);
    const withFlash = await anna.get('/');
    expect(withFlash.headers.getSetCookie().length).toBeGreaterThan(0);
    expect(hit(await anna.get('/'))).toBe(false);
    await anna.get('/actions');
    expect(hit(await anna.get('/actions'))).toBe(false);
  });
});
