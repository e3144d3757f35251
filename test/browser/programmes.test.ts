import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProgrammesDemo } from '../../src/programmes/demo.js';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// Funding programmes (issue #19) in Chromium with axe-core: the public list with its filters and a
// programme's page in German and Arabic at 1280 and 320 px, and the staff's form with its errors.
let hub: RunningHub;
let browser: Browser;
let programmeId: number;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await seedProgrammesDemo(db, new Date());
  programmeId = (await db.selectFrom('programmes').select('id').where('name', '=', 'KOMM-AN NRW').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the programme pages in Chromium', () => {
  for (const lang of ['de', 'ar'] as const) {
    for (const width of [1280, 320]) {
      it(`lists, filters and shows programmes in ${lang} (${width} px); axe finds nothing`, async () => {
        const context = await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'ar', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
        await context.addCookies([{ name: 'lang', value: lang, url: hub.baseUrl }]);
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const problems = watchPage(page);
        await page.goto(`${hub.baseUrl}/programmes`);
        await page.getByRole('link', { name: 'KOMM-AN NRW' }).waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await expectAccessible(page, `programmes ${lang} (${width} px)`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        // The filter form works as a plain GET form.
        await page.locator('#filter-level').selectOption('kreis');
        await page.locator('#filter-open').check();
        await page.locator('form[role="search"] button[type="submit"]').click();
        await page.waitForURL(/level=kreis/);
        await page.getByRole('link', { name: 'Kreisförderung Integration' }).waitFor();
        expect(await page.getByRole('link', { name: 'KOMM-AN NRW' }).count()).toBe(0);
        await expectAccessible(page, `programmes filtered ${lang} (${width} px)`);
        await page.goto(`${hub.baseUrl}/programmes/${programmeId}`);
        await page.getByRole('heading', { level: 1, name: 'KOMM-AN NRW' }).waitFor();
        await expectAccessible(page, `programme page ${lang} (${width} px)`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }

  it('the secretariat adds a programme, with errors first; axe finds nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/admin/programmes`);
    await expectAccessible(page, 'programmes editing list');
    await page.getByRole('link', { name: 'Förderprogramm anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Förderprogramm anlegen' }).waitFor();
    await expectAccessible(page, 'programme form');
    await page.locator('#field-name').fill('Sprachcafé-Förderung');
    await page.locator('#field-amount_max').fill('-5');
    await page.locator('#field-link').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#field-amount_max-error').waitFor();
    await page.locator('#field-link-error').waitFor();
    expect(await page.locator('#field-name').inputValue()).toBe('Sprachcafé-Förderung');
    await expectAccessible(page, 'programme form with errors');
    await page.locator('#field-funder').fill('Kreis Mettmann');
    await page.locator('#field-level').selectOption('kreis');
    await page.locator('#field-amount_max').fill('2.500,00');
    await page.locator('#field-link').fill('https://www.kreis-mettmann.de/');
    await page.locator('#field-deadlines').fill('31.12.2030 Antragsrunde');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Das Förderprogramm ist gespeichert.').waitFor();
    await page.goto(`${hub.baseUrl}/programmes`);
    await page.getByRole('link', { name: 'Sprachcafé-Förderung' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
