import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { expectAccessible, newContext, screenshot, signIn, startDemoHub, watchPage, DEMO_LOGINS, type RunningHub } from './harness.js';

// The city pages (issue #17) in Chromium with axe-core: the list, a city page (also at 320 px, where the
// page itself must not scroll sideways), and the staff's council form with its errors.
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await startDemoHub();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('city pages in Chromium', () => {
  it('/cities and a city page are accessible, at full width and at 320 px', async () => {
    for (const width of [1280, 320]) {
      const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems = watchPage(page);
      await page.goto(`${hub.baseUrl}/cities`);
      await page.locator('h1', { hasText: 'Städte' }).waitFor();
      expect(await page.locator('ul.cards > li').count()).toBe(10);
      await expectAccessible(page, `cities at ${width}px`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `cities-${width}`);
      await page.getByRole('link', { name: 'Monheim am Rhein' }).click();
      await page.locator('h1', { hasText: 'Monheim am Rhein' }).waitFor();
      await page.getByText('Integrationsausschuss').first().waitFor();
      await expectAccessible(page, `city page at ${width}px`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `city-monheim-${width}`);
      // A cell of the coverage row leads into the directory filtered by city and field.
      await page.locator('#city-coverage a').first().click();
      await page.waitForURL(/\/directory\?city=\d+&field=\d+/);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('the secretariat edits the council data; a bad link is shown next to its field', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, DEMO_LOGINS.secretariat, DEMO_PASSWORD);
    await page.goto(`${hub.baseUrl}/cities/hilden`);
    await page.getByRole('link', { name: 'Ratsdaten bearbeiten' }).click();
    await page.locator('#field-council_url').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#field-council_url-error').waitFor();
    await expectAccessible(page, 'council form with an error');
    await page.locator('#field-council_url').fill('https://ratsinfo.example.org/hilden');
    await page.locator('#field-council_next_election').fill('2030-09-15');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/cities\/hilden$/);
    await page.getByRole('link', { name: 'Ratsinformationssystem der Stadt Hilden' }).waitFor();
    await page.getByText('15.09.2030').waitFor();
    await expectAccessible(page, 'city page for the staff (with the internal members)');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the admin’s city list, a city’s form and the refusal to retire a city in use are accessible', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, DEMO_LOGINS.admin, DEMO_PASSWORD);
    await page.goto(`${hub.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Städteliste' }).click();
    await page.locator('h1', { hasText: 'Städteliste' }).waitFor();
    await expectAccessible(page, 'city list');
    await page.getByRole('button', { name: 'Stadt hinzufügen' }).click();
    await page.locator('#field-ags-error').waitFor();
    await expectAccessible(page, 'city list with errors');
    await page.getByRole('link', { name: 'Hilden' }).click();
    await page.locator('h1', { hasText: 'Stadt bearbeiten: Hilden' }).waitFor();
    await expectAccessible(page, 'city form');
    await page.getByRole('button', { name: 'Stadt stilllegen' }).click();
    await page.locator('#field-replacement-error', { hasText: 'Diese Stadt wird noch verwendet' }).waitFor();
    await expectAccessible(page, 'retiring refused');
    await screenshot(page, 'admin-city-retire-refused');
    expect(problems).toEqual([]);
    await context.close();
  });
});
