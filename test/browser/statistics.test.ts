import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFigures } from '../helpers/statistics.js';
import { expectAccessible, HOUSE_RULES, launchChromium, screenshot, startHub, watchPage, type RunningHub } from './harness.js';

// /statistics in Chromium (issue #18): German and Arabic at desktop width and at 320 px: axe clean, no
// console errors or CSP violations, nothing wider than the window, the charts left to right in the
// right-to-left page; the SVG download parses as XML; printing hides the navigation.
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await seedFigures(
    hub.testDb.db,
    Array.from({ length: 12 }, (_, i) => 2013 + i),
    [
      { indicator: 'population_foreign', slug: 'haan', year: 2024, special: '.' },
      { indicator: 'foreign_age_65_plus', slug: 'erkrath', year: 2024, special: 'x' },
    ],
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('/statistics in Chromium', () => {
  it.each([
    ['de', 1280],
    ['de', 320],
    ['ar', 1280],
    ['ar', 320],
  ] as const)('in %s at %i px: axe clean, no console errors, no sideways scrolling, charts left to right', async (lang, width) => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
    await context.addCookies([{ name: 'lang', value: lang, url: hub.baseUrl }]);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    for (const path of ['/statistics', '/statistics?indicator=population_total&city=hilden&from=2015&to=2020']) {
      await page.goto(`${hub.baseUrl}${path}`);
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : null);
      expect(await page.locator('svg[role="img"]').count()).toBe(4);
      // The charts keep their direction in the Arabic page.
      expect(await page.locator('.chart__canvas').evaluateAll((els) => els.map((e) => getComputedStyle(e).direction))).toEqual(['ltr', 'ltr', 'ltr', 'ltr']);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} in ${lang} at ${width}px is wider than the window`).toBeLessThanOrEqual(0);
      // No chart is cut: each fits its column.
      const widths = await page.locator('.chart__svg').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1 && e.getBoundingClientRect().left >= -1));
      expect(widths.every(Boolean)).toBe(true);
      await expectAccessible(page, `${path} in ${lang} at ${width}px`, HOUSE_RULES);
    }
    await page.goto(`${hub.baseUrl}/statistics`);
    await screenshot(page, `statistics-${lang}-${width}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('offers each chart as an SVG file that parses as XML, chooses by a GET form (with and without script), and prints without navigation', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${hub.baseUrl}/statistics`);
    const links = await page.locator('a[href$="chart.svg"], a[href*="chart.svg?"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(4);
    for (const href of links) {
      const result = await page.evaluate(async (url) => {
        const res = await fetch(url);
        const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
        return { type: res.headers.get('content-type'), error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.namespaceURI, title: doc.querySelector('title')?.textContent, desc: doc.querySelector('desc')?.textContent };
      }, href);
      expect(result.type).toMatch(/^image\/svg\+xml/);
      expect(result.error, href).toBeNull();
      expect(result.root).toBe('http://www.w3.org/2000/svg');
      expect(result.title).toBeTruthy();
      expect(result.desc).toBeTruthy();
    }
    // The choice is a plain GET form: it works boosted and without JavaScript alike.
    await page.getByLabel('Kennzahl').selectOption('population_total');
    await page.getByLabel('Stadt für die Altersstruktur').selectOption('velbert');
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await page.waitForURL(/indicator=population_total/);
    await page.getByRole('heading', { name: 'Ausländische Bevölkerung in Velbert nach Alter, 2024' }).waitFor();
    const noScript = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${hub.baseUrl}/statistics`);
    await plain.getByLabel('Kennzahl').selectOption('share_migration');
    await plain.getByRole('button', { name: 'Anzeigen' }).click();
    await plain.waitForURL(/indicator=share_migration/);
    await plain.getByRole('heading', { name: /Anteil der Bevölkerung mit Einwanderungsgeschichte 2024/ }).waitFor();
    await noScript.close();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('.chart__svg').first().isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
