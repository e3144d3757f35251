import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { expectAccessible, newContext, screenshot, signIn, startDemoHub, watchPage, DEMO_LOGINS, type RunningHub } from './harness.js';

// The yearly report and the fields-of-action forms (issue #18) in Chromium with axe-core, on the demo.
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await startDemoHub();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('yearly report in Chromium', () => {
  it('the secretariat opens the report from the administration page; it and the tagging forms are accessible', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, DEMO_LOGINS.secretariat, DEMO_PASSWORD);
    await page.goto(`${hub.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Jahresbericht' }).click();
    await page.waitForURL(/\/reports\/\d{4}$/);
    await page.locator('h1', { hasText: 'Jahresbericht' }).waitFor();
    expect(await page.locator('table caption').count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'yearly report');
    await screenshot(page, 'yearly-report');

    await page.goto(`${hub.baseUrl}/groups/ak-integration-intern`);
    await page.locator('#fields-of-action').waitFor();
    await page.getByRole('link', { name: 'Handlungsfelder bearbeiten' }).click();
    await page.locator('h1', { hasText: 'Handlungsfelder' }).waitFor();
    await expectAccessible(page, 'group fields form');
    await page.getByRole('checkbox', { name: 'Kultur' }).check();
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.waitForURL(/\/groups\/ak-integration-intern$/);
    await page.locator('section[aria-labelledby="fields-of-action"] li', { hasText: 'Kultur' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the organiser tags a meeting and its agenda items', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, DEMO_LOGINS.organiser, DEMO_PASSWORD);
    const meeting = await hub.testDb.db
      .selectFrom('meetings')
      .innerJoin('groups', 'groups.id', 'meetings.group_id')
      .select('meetings.id')
      .where('groups.slug', '=', 'ak-integration-extern')
      .orderBy('meetings.starts_at', 'desc')
      .executeTakeFirstOrThrow();
    await page.goto(`${hub.baseUrl}/meetings/${meeting.id}`);
    await page.getByRole('link', { name: 'Handlungsfelder bearbeiten' }).click();
    await page.locator('legend', { hasText: 'Handlungsfelder der Sitzung' }).waitFor();
    await expectAccessible(page, 'meeting fields form');
    await screenshot(page, 'meeting-fields');
    await page.getByRole('group', { name: 'Handlungsfelder der Sitzung' }).getByRole('checkbox', { name: 'Sport' }).check();
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.waitForURL(new RegExp(`/meetings/${meeting.id}$`));
    await page.locator('section[aria-labelledby="fields-of-action"] li', { hasText: 'Sport' }).waitFor();
    await expectAccessible(page, 'meeting page with its fields');
    expect(problems).toEqual([]);
    await context.close();
  });
});
