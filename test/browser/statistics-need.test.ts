import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, HOUSE_RULES, screenshot, startDemoHub, watchPage, type RunningHub } from './harness.js';

// Need next to offer and the figures on a city page (issue #18) in Chromium, with the demo's synthetic
// figures: German and Arabic, at 1280 and 320 px; axe, no console errors or CSP violations, and the page
// itself never scrolls sideways (the wide table scrolls inside its own labelled region).
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await startDemoHub();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('need next to offer and city figures in Chromium', () => {
  it.each(['de', 'ar'].flatMap((l) => [1280, 320].map((w) => [l, w] as const)))('/statistics/need and a city page in %s at %i px', async (lang, width) => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
    await context.addCookies([{ name: 'lang', value: lang, url: hub.baseUrl }]);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    await page.goto(`${hub.baseUrl}/statistics/need`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    await page.locator('#need-table caption').waitFor();
    // Ten cities and the district-wide row; the weakest cells carry a mark in text.
    expect(await page.locator('#need-table tbody tr').count()).toBe(10);
    expect(await page.locator('#need-table tfoot tr').count()).toBe(1);
    expect(await page.locator('.need__cell--weak').count()).toBeGreaterThan(0);
    expect(await page.locator('.need__cell--weak > .visually-hidden').last().textContent()).toBe(lang === 'de' ? '(unter den schwächsten Feldern)' : '(من بين أضعف الخانات)');
    // Wülfrath has no migration figures: its row says it is the foreign population.
    const wuelfrath = page.locator('#need-table tbody tr', { has: page.locator('th', { hasText: 'Wülfrath' }) });
    expect(await wuelfrath.locator('.need__basis').textContent()).toContain(lang === 'de' ? 'ausländische Bevölkerung' : 'السكان الأجانب');
    const region = page.locator('.table-scroll[role="region"]');
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await pageWidth(), `need page in ${lang} at ${width}px is wider than the window`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `need page in ${lang} at ${width}px`, HOUSE_RULES);
    await screenshot(page, `statistics-need-${lang}-${width}`);

    await page.goto(`${hub.baseUrl}/cities/ratingen`);
    await page.locator('#city-figures-list').waitFor();
    expect(await page.locator('#city-figures-list').textContent()).toContain('Synthetische Beispielzahlen (Demo)');
    expect(await pageWidth(), `city page in ${lang} at ${width}px is wider than the window`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `city page with figures in ${lang} at ${width}px`, HOUSE_RULES);
    await screenshot(page, `city-figures-${lang}-${width}`);

    // A cell leads into the directory search, filtered by city and field.
    await page.goto(`${hub.baseUrl}/statistics/need`);
    await page.locator('#need-table tbody a').first().click();
    await page.waitForURL(/\/directory\?city=\d+&field=\d+/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
