import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// /admin/directory pages its three lists instead of cutting them (issue #21): 230 submissions and
// 215 published entries never confirmed, more than the old cut of 200; the work queue counts them all.
const N = 230;
/** Published entries never confirmed: a number of their own, so the queue's two counts are told apart. */
const STALE = 215;

let h: TestHarness;
let staff: Browser;

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-11-25T09:00:00.000Z');
  await createUser(h.db, { email: 'staff@example.org', role: 'secretariat' });
  for (let i = 1; i <= N; i++) {
    await addEntry(h.db, { name: `Einreichung ${String(i).padStart(3, '0')}` }, 'pending');
    if (i <= STALE) await addEntry(h.db, { name: `Altverein ${String(i).padStart(3, '0')}` }, 'published');
  }
  staff = h.browser();
  await staff.login('staff@example.org', TEST_PASSWORD);
});

afterAll(() => h.close());

const numbers = (html: string, name: string) => [...html.matchAll(new RegExp(`${name} (\\d{3})`, 'g'))].map((m) => Number(m[1]));

describe('/admin/directory in pages', () => {
  it('lists every pending submission exactly once over its pages, oldest first; the last page has no next link', async () => {
    const seen: number[] = [];
    const last = Math.ceil(N / 50);
    for (let page = 1; page <= last; page++) {
      const html = (await (await staff.get(`/admin/directory?entries=${page}`)).text()).replace(/&amp;/g, '&');
      seen.push(...numbers(html, 'Einreichung'));
      expect(html.includes(`href="/admin/directory?entries=${page + 1}&changes=1&stale=1" rel="next"`)).toBe(page < last);
    }
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  });

  it('lists every entry overdue for its confirmation exactly once, paged on its own', async () => {
    const page2 = await (await staff.get('/admin/directory?entries=1&changes=1&stale=2')).text();
    expect(numbers(page2, 'Einreichung')).toHaveLength(50);
    expect(numbers(page2, 'Altverein')).toHaveLength(50);
    const all: number[] = [];
    for (let page = 1; page <= Math.ceil(STALE / 50); page++) all.push(...numbers(await (await staff.get(`/admin/directory?stale=${page}`)).text(), 'Altverein'));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: STALE }, (_, i) => i + 1));
  });

  it('names each list’s navigation, so the page has no two landmarks of one name', async () => {
    const html = await (await staff.get('/admin/directory')).text();
    const labels = [...html.matchAll(/<nav class="pagination" aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(labels.length).toBe(2);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('the work queue counts all of them, not the first 200', async () => {
    const home = await (await staff.get('/')).text();
    expect(home).toContain(String(N));
    expect(home).toContain(String(STALE));
  });
});
