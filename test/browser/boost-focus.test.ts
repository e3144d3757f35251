import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startHub, watchPage, type RunningHub } from './harness.js';

/**
 * Boosted navigation (hx-boost on <body>) swaps the next page in without a page load. A screen reader
 * hears nothing of it unless the focus moves into the new page: public/js/boost-focus.js puts it on the
 * new page's h1. Fragment swaps and failed forms keep their own focus; without JavaScript the links are
 * plain links.
 */

let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** tabTo presses Tab until the focused element matches the selector, at most `max` times. */
async function tabTo(page: Page, selector: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** focusInfo: what has the focus, and whether it is the h1 inside <main>. */
function focusInfo(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const h1 = document.querySelector('main h1');
    return { tag: el?.tagName ?? '', id: el?.id ?? '', isMainHeading: el !== null && el === h1, text: el?.textContent?.trim() ?? '', h1: h1?.textContent?.trim() ?? '' };
  });
}

describe('focus after boosted navigation', () => {
  it('a boosted link followed by keyboard puts the focus on the new page’s h1 and changes the title', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${hub.baseUrl}/`);
    const before = await page.title();
    // A page load would forget this: it proves the page was swapped in by htmx.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await tabTo(page, 'nav a[href="/groups"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction((old) => document.title !== old, before);
    await page.waitForFunction(() => document.activeElement !== document.body, undefined, { timeout: 5000 }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/groups');
    expect(await page.title()).toContain('Arbeitskreise');
    const focus = await focusInfo(page);
    expect(focus.tag).toBe('H1');
    expect(focus.isMainHeading).toBe(true);
    expect(focus.text).toBe(focus.h1);
    // The heading is read out, not operated: focusable by script only, never a Tab stop.
    expect(await page.evaluate(() => document.querySelector('main h1')?.getAttribute('tabindex'))).toBe('-1');
    await screenshot(page, 'boost-focus-groups');
    // The next Tab goes on from the heading, not from the top of the page (the header's links).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.querySelector('main h1')!.compareDocumentPosition(document.activeElement!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a failed boosted form keeps the focus on its error summary', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/login`);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await tabTo(page, '#field-email');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.error-summary');
    await page.waitForFunction(() => document.activeElement !== document.body);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await context.close();
  });

  it('a fragment swap (the next month in the calendar) never moves the focus to the page heading', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/calendar`);
    const month = await page.locator('#calendar-heading').first().textContent();
    // Count settled swaps: this listener is added after public/js/boost-focus.js's, so once it has
    // counted one, the script has had its turn (no fixed sleep).
    await page.evaluate(() => {
      const w = window as unknown as { settled: number };
      w.settled = 0;
      document.addEventListener('htmx:afterSettle', () => w.settled++);
    });
    await tabTo(page, '#calendar-next');
    // Without its id htmx cannot put the focus back on the new link, so the focus falls to <body>, the
    // case in which the script acts after a boosted page swap. Here it must not: only the script's own
    // check for whole-page swaps keeps the focus from jumping to the h1 above the calendar.
    await page.evaluate(() => document.activeElement!.removeAttribute('id'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((old) => document.querySelector('#calendar-heading')?.textContent !== old, month);
    await page.waitForFunction(() => (window as unknown as { settled: number }).settled > 0);
    expect((await focusInfo(page)).isMainHeading).toBe(false);
    expect(await page.evaluate(() => document.querySelector('main h1')?.hasAttribute('tabindex'))).toBe(false);
    await context.close();
  });

  it('without JavaScript the same link loads the page as usual', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/`);
    await tabTo(page, 'nav a[href="/groups"]');
    await Promise.all([page.waitForURL(`${hub.baseUrl}/groups`), page.keyboard.press('Enter')]);
    expect(await page.title()).toContain('Arbeitskreise');
    expect(await page.evaluate(() => document.querySelector('main h1')?.hasAttribute('tabindex'))).toBe(false);
    await context.close();
  });
});
