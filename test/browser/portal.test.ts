import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_LOCALES } from '../../src/i18n/index.js';
import { addEntry } from '../helpers/directory.js';
import { expectAccessible, HOUSE_RULES, launchChromium, screenshot, seedDemoWorld, startHub, watchPage, type RunningHub } from './harness.js';

// The public portal (issue #17) in Chromium: the home page and a directory entry in every public
// language, at desktop width and at 320 px, with axe; Arabic right to left and mirrored.
let hub: RunningHub;
let browser: Browser;
let entryId: number;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await seedDemoWorld(hub);
  entryId = await addEntry(hub.testDb.db, { name: 'Familienberatung Hilden e. V.', descriptions: { de: 'Wir beraten Familien in allen Lebenslagen.', ar: 'نقدم الاستشارة للعائلات في جميع الظروف.' } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const WIDTHS = [1280, 320] as const;

describe('the public portal in Chromium', () => {
  it.each(PUBLIC_LOCALES.flatMap((l) => WIDTHS.map((w) => [l, w] as const)))('the public pages (home, directory, an entry, the form, calendar, cities, a city, contact) in %s at %i px pass axe without console errors', async (lang, width) => {
    {
      const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
      await context.addCookies([{ name: 'lang', value: lang, url: hub.baseUrl }]);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const problems = watchPage(page);
      for (const path of ['/', '/directory', `/directory/${entryId}`, '/directory/new', '/calendar', '/cities', '/cities/hilden', '/contact']) {
        await page.goto(`${hub.baseUrl}${path}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : null);
        // Nothing sticks out sideways, not even at 320 px.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} in ${lang} at ${width}px is wider than the window`).toBeLessThanOrEqual(0);
        await expectAccessible(page, `${path} in ${lang} at ${width}px`, HOUSE_RULES);
        if (path === '/' && (lang === 'ar' || lang === 'de')) await screenshot(page, `portal-home-${lang}-${width}`);
        if (path === `/directory/${entryId}` && lang === 'ar') await screenshot(page, `portal-entry-${lang}-${width}`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('mirrors the layout in Arabic: the brand starts on the right, the account links on the left', async () => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${hub.baseUrl}/`);
    const brand = async () => (await page.locator('.site-header__brand').boundingBox())!;
    expect((await brand()).x).toBeLessThan(640);
    // The switch: each language named in itself; choosing Arabic turns the page around.
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[dir="rtl"]').waitFor();
    expect(await page.locator('h1').textContent()).toContain('الاندماج');
    const box = await brand();
    expect(box.x + box.width).toBeGreaterThan(640);
    const account = (await page.locator('.site-header__account').boundingBox())!;
    expect(account.x).toBeLessThan(box.x);
    // The search leads into the directory, still in Arabic.
    await page.getByLabel('خدمة أو منظمة أو كلمة مفتاحية').fill('Beratung');
    await page.getByRole('button', { name: 'بحث' }).first().click();
    await page.waitForURL(/\/directory\?q=Beratung/);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    // A boosted link to a members' page (German only) takes the page's language and direction along.
    await page.getByRole('link', { name: 'تسجيل الدخول' }).first().click();
    await page.waitForURL(/\/login/);
    await page.locator('html[lang="de"]:not([dir])').waitFor();
    await page.goto(`${hub.baseUrl}/`);
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.locator('html[lang="de"]').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
