import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// Series with breaks (issue 16, "Series") in Chromium, with axe-core: the secretariat enters the summer
// holidays for the district, then plans a quarterly series whose preview says what happens to each date.
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await createUser(hub.testDb.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('breaks and series in Chromium', () => {
  it('enter the summer holidays, then preview a series that skips them and moves a holiday', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Ferien und Pausen des Kreises' }).click();
    await page.locator('h1', { hasText: 'Ferien und Pausen des Kreises' }).waitFor();
    await page.getByRole('button', { name: 'Eintragen' }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page, 'breaks with errors');
    await page.getByLabel('Bezeichnung').fill('Sommerferien 2027');
    await page.getByLabel('Erster Tag').fill('2027-07-19');
    await page.getByLabel('Letzter Tag').fill('2027-08-31');
    await page.getByRole('button', { name: 'Eintragen' }).click();
    await page.getByText('Der Zeitraum ist eingetragen.').waitFor();
    await expectAccessible(page, 'district breaks');

    await page.goto(`${hub.baseUrl}/groups/new`);
    await page.locator('#field-name').fill('AK Sprache');
    await page.locator('#field-slug').fill('ak-sprache');
    await page.locator('main form button[type=submit]').click();
    await page.locator('h1', { hasText: 'AK Sprache' }).waitFor();
    await page.goto(`${hub.baseUrl}/groups/ak-sprache/meetings/series`);
    await page.locator('#field-title').fill('Plenum');
    await page.locator('#field-ordinal').selectOption('-1');
    await page.locator('#field-weekday').selectOption('4');
    await page.locator('#field-interval_months').selectOption('2');
    await page.locator('#field-holidays-move').check();
    await page.locator('#field-from').fill('2027-05-01');
    await page.locator('#field-until').fill('2027-09-30');
    await page.getByRole('button', { name: 'Vorschau der Termine' }).click();
    await page.getByText('verschoben vom 27.05.2027 (Fronleichnam)').waitFor();
    expect(await page.getByText('übersprungen: Sommerferien 2027').count()).toBe(1);
    await expectAccessible(page, 'series preview');
    // The group's own breaks, with the district's shown read only, one link away.
    await page.getByRole('link', { name: 'Ferien und Pausen des Arbeitskreises verwalten' }).click();
    await page.locator('h1', { hasText: 'Ferien und Pausen des Arbeitskreises' }).waitFor();
    await expectAccessible(page, 'group breaks');
    await page.goBack();
    await page.getByRole('button', { name: '2 Sitzungen anlegen' }).waitFor();
    await page.getByRole('button', { name: '2 Sitzungen anlegen' }).click();
    await page.getByText('Die Sitzungsreihe ist angelegt.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
