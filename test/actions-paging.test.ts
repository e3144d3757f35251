import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../src/lib/fold.js';
import { addGroup, addMeeting, addMembership, addMinutes } from './privacy-fixtures.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// /actions is paged in the database, not cut at a fixed row count (issue #21): 260 items of one group,
// more than the old cut of 200, so the last pages and marking a late item done prove the cut is gone.
const ITEMS = 260;

let h: TestHarness;
let staff: Browser;
let member: Browser;
let other: Browser;
const ids: number[] = [];

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-11-25T09:00:00.000Z');
  await createUser(h.db, { email: 'staff@example.org', role: 'secretariat', name: 'Sabine Sekretariat' });
  const mia = await createUser(h.db, { email: 'mia@example.org', name: 'Mia Müller' });
  await createUser(h.db, { email: 'otto@example.org', name: 'Otto Außen' });
  const groupId = await addGroup(h.db, 'paging');
  await addMembership(h.db, groupId, mia.personId, '2026-01-01');
  const meetingId = await addMeeting(h.db, groupId, '2026-10-01T15:00:00.000Z', 'Herbstsitzung');
  const { minutesId } = await addMinutes(h.db, meetingId);
  for (let i = 1; i <= ITEMS; i++) {
    // Every tenth item is the Gülen-Stiftung's (free text); the others are Mia's.
    const organisation = i % 10 === 0 ? 'Gülen-Stiftung' : null;
    const row = await h.db
      .insertInto('action_items')
      .values({
        minutes_id: minutesId,
        group_id: groupId,
        description: `Aufgabe Nr. ${String(i).padStart(3, '0')}`,
        responsible_person_id: organisation ? null : mia.personId,
        responsible_organisation: organisation,
        responsible_organisation_folded: organisation ? foldText(organisation) : null,
        due_on: `2027-01-${String((i % 28) + 1).padStart(2, '0')}`,
        status: 'open',
        created_at: '2026-10-02T10:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  staff = h.browser();
  member = h.browser();
  other = h.browser();
  await staff.login('staff@example.org', TEST_PASSWORD);
  await member.login('mia@example.org', TEST_PASSWORD);
  await other.login('otto@example.org', TEST_PASSWORD);
});

afterAll(() => h.close());

const itemsOn = (html: string) => [...html.matchAll(/Aufgabe Nr\. (\d{3})/g)].map((m) => Number(m[1]));

describe('/actions in pages', () => {
  it('shows 50 items a page, every item exactly once over all pages, with next and previous links that keep the filters', async () => {
    const seen: number[] = [];
    let page = 1;
    for (;;) {
      const html = await (await staff.get(`/actions?filtered=1&status=open&page=${page}`)).text();
      const found = itemsOn(html);
      expect(found.length).toBeLessThanOrEqual(50);
      seen.push(...found);
      if (page > 1) expect(html).toContain(`page=${page - 1}`);
      if (!html.includes('rel="next"')) break;
      expect(html).toMatch(new RegExp(`href="/actions\\?[^"]*status=open[^"]*page=${page + 1}"`));
      page += 1;
    }
    expect(page).toBe(Math.ceil(ITEMS / 50));
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: ITEMS }, (_, i) => i + 1));
  });

  it('filters the free-text organisation folded in the database, across pages ("guelen" finds "Gülen-Stiftung")', async () => {
    const first = itemsOn(await (await staff.get('/actions?filtered=1&responsible=guelen')).text());
    expect(first).toHaveLength(ITEMS / 10);
    expect(first.every((n) => n % 10 === 0)).toBe(true);
    const person = itemsOn(await (await staff.get('/actions?filtered=1&responsible=MUELLER&page=5')).text());
    expect(person.length).toBeGreaterThan(0);
    expect(person.every((n) => n % 10 !== 0)).toBe(true);
  });

  it('an item beyond the old first 200 can be marked done by the responsible person; outsiders get 404', async () => {
    // Item 251 is due on the 28th, the last day any item is due: the last in the list's order.
    const late = ids[250]!;
    expect((await other.post(`/actions/${late}/done`, { note: 'x' })).status).toBe(404);
    expect((await member.post(`/actions/${late}/done`, { note: 'erledigt' })).status).toBe(303);
    const row = await h.db.selectFrom('action_items').select(['status', 'done_note']).where('id', '=', late).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', done_note: 'erledigt' });
  });

  it('a page number past the end shows no items and no next link; nonsense means page 1', async () => {
    const past = await (await staff.get('/actions?filtered=1&page=99')).text();
    expect(itemsOn(past)).toEqual([]);
    expect(past).not.toContain('rel="next"');
    expect(itemsOn(await (await staff.get('/actions?filtered=1&page=abc')).text())).toHaveLength(50);
  });
});
