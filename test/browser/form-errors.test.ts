import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { addGroup, addMeeting, addMinutes } from '../privacy-fixtures.js';
import { launchChromium, newContext, signIn, startHub, watchPage, type RunningHub } from './harness.js';

/**
 * A failed form sent through htmx (hx-boost) is re-rendered in place. The address bar keeps the address
 * of the page the form is on: htmx used to push the form's POST address, which answers 404 when the
 * page is reloaded or bookmarked. The title starts with "Fehler:" while the errors are shown.
 */

let hub: RunningHub;
let browser: Browser;
let meetingId = 0;
let itemId = 0;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Thomas Becker', email: 'sek@example.org', role: 'secretariat' });
  const groupId = await addGroup(db, 'intern');
  meetingId = await addMeeting(db, groupId, '2026-12-16T17:00:00.000Z', 'Dezembersitzung');
  itemId = (await addMinutes(db, meetingId)).itemId;
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('a failed boosted form', () => {
  const forms: { name: string; page: () => string; open: () => string | null; field: () => string }[] = [
    { name: 'an agenda item', page: () => `/meetings/${meetingId}/agenda`, open: () => `#item-${itemId} summary`, field: () => `#item-${itemId}-title` },
    { name: 'a new meeting', page: () => '/groups/intern/meetings/new', open: () => null, field: () => '#field-title' },
  ];
  it.each(forms)('($name) keeps the page address, says "Fehler:" in the title, and the page reloads', async ({ page: path, open, field }) => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}${path()}`);
    const before = await page.title();
    expect(before).not.toMatch(/^Fehler/);
    // A page load would forget this: it proves the form was sent through htmx.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const summary = open();
    if (summary) await page.locator(summary).click();
    await page.locator(field()).fill('');
    await page.locator(field()).press('Enter');
    await page.locator('.error-summary').waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(new URL(page.url()).pathname).toBe(path());
    expect(await page.title()).toBe(`Fehler: ${before}`);

    const reload = await page.reload();
    expect(reload?.status()).toBe(200);
    expect(await page.title()).toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });
});
