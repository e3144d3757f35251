import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { DEMO_LOGINS, launchChromium, screenshot, seedDemoWorld, signIn, startHub, type DemoWorld, type RunningHub } from './harness.js';

/**
 * 200 % zoom (WCAG 1.4.4) and reflow (1.4.10): a 1280 px wide screen zoomed to 200 % lays a page out in
 * 640 CSS pixels; reflow asks for 320. At both widths the page itself must not scroll sideways, nothing
 * may stick out of it (only wide tables may scroll, inside their own container), and the main
 * navigation stays reachable.
 */

let hub: RunningHub;
let browser: Browser;
let world: DemoWorld;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  world = await seedDemoWorld(hub);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** The main pages of the hub, as the secretariat sees them (with the most buttons and the widest tables). */
const staffPages = (w: DemoWorld) => [
  '/',
  '/groups',
  '/groups/ak-integration-intern',
  '/groups/ak-integration-intern/members',
  `/meetings/${w.heldMeetingId}`,
  `/meetings/${w.heldMeetingId}/agenda`,
  `/meetings/${w.heldMeetingId}/attendance`,
  `/meetings/${w.heldMeetingId}/minutes`,
  `/meetings/${w.unwrittenMeetingId}/minutes`,
  '/actions',
  '/calendar',
  '/calendar?view=list',
  '/calendar/feeds',
  '/directory',
  `/directory/${w.entryId}`,
  '/directory/overview',
  '/directory/new',
  '/people',
  '/admin',
  '/admin/directory',
  '/datenschutz',
  '/profile',
];

/**
 * layoutProblems: what a person at this width could not use: the page scrolls sideways, or an element
 * reaches past the right edge without a scrolling container of its own around it.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const width = root.clientWidth;
    const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const hidden = (el: Element) => {
      const style = getComputedStyle(el);
      // The visually hidden texts for screen readers are 1 px and clipped: not content anyone sees.
      return style.display === 'none' || style.visibility === 'hidden' || (el as HTMLElement).offsetWidth <= 1;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (hidden(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.right <= width + 1 && rect.left >= -1) continue;
      let inScroller = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) inScroller = true;
      // The skip link waits above the page until it gets the focus.
      if (!inScroller && !el.closest('.skip-link, .honeypot')) {
        const id = el.id ? `#${el.id}` : '';
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        problems.push(`${el.tagName.toLowerCase()}${id}${cls} spans ${Math.round(rect.left)}–${Math.round(rect.right)} of ${width} px`);
      }
    }
    return problems.slice(0, 10);
  });
}

/** navReachable: every link of the main navigation is shown within the page's width. */
async function navProblems(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  const links = await nav.getByRole('link').all();
  const problems: string[] = [];
  if (links.length < 4) problems.push(`only ${links.length} links in the main navigation`);
  const width = await page.evaluate(() => document.scrollingElement!.clientWidth);
  for (const link of links) {
    const box = await link.boundingBox();
    const name = await link.textContent();
    if (!box || !(await link.isVisible())) problems.push(`nav link "${name}" is not shown`);
    else if (box.x < 0 || box.x + box.width > width + 1) problems.push(`nav link "${name}" lies outside the page (${Math.round(box.x)}–${Math.round(box.x + box.width)})`);
  }
  return problems;
}

describe('200 % zoom and reflow', () => {
  for (const width of [640, 320]) {
    it(`the main pages work at ${width} CSS px (${width === 640 ? '1280 px at 200 %' : 'reflow, WCAG 1.4.10'})`, async () => {
      const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, hub, DEMO_LOGINS.secretariat, DEMO_PASSWORD);
      const problems: string[] = [];
      for (const path of staffPages(world)) {
        const response = await page.goto(`${hub.baseUrl}${path}`);
        if (response?.status() !== 200) problems.push(`${path}: HTTP ${response?.status()}`);
        for (const p of [...(await layoutProblems(page)), ...(await navProblems(page))]) problems.push(`${path}: ${p}`);
      }
      await page.goto(`${hub.baseUrl}/meetings/${world.heldMeetingId}/attendance`);
      await screenshot(page, `zoom-${width}-attendance`);
      await page.goto(`${hub.baseUrl}/directory/overview`);
      await screenshot(page, `zoom-${width}-overview`);
      await page.goto(`${hub.baseUrl}/calendar`);
      await screenshot(page, `zoom-${width}-calendar`);
      await page.goto(`${hub.baseUrl}/`);
      await screenshot(page, `zoom-${width}-dashboard`);
      await context.close();
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it('text spacing (WCAG 1.4.12): more line, letter, word and paragraph spacing cuts nothing off', async () => {
    // The user style of WCAG's own test; bypassCSP lets the test add it as a <style>, as an extension would.
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 640, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, hub, DEMO_LOGINS.secretariat, DEMO_PASSWORD);
    const problems: string[] = [];
    for (const path of ['/', `/meetings/${world.heldMeetingId}`, `/meetings/${world.heldMeetingId}/minutes`, '/directory', '/calendar', '/people']) {
      await page.goto(`${hub.baseUrl}${path}`);
      await page.addStyleTag({ content: '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }' });
      const clipped = await page.evaluate(() =>
        Array.from(document.body.querySelectorAll('*'))
          .filter((el) => {
            const s = getComputedStyle(el);
            const he = el as HTMLElement;
            if (he.offsetWidth <= 1 || s.display === 'none' || !['hidden', 'clip'].some((v) => s.overflowX === v || s.overflowY === v)) return false;
            return el.scrollWidth > he.clientWidth + 1 || el.scrollHeight > he.clientHeight + 1;
          })
          .map((el) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} "${(el.textContent ?? '').trim().slice(0, 40)}"`),
      );
      for (const c of [...clipped, ...(await layoutProblems(page))]) problems.push(`${path}: ${c}`);
    }
    await screenshot(page, 'text-spacing-people');
    await context.close();
    expect(problems).toEqual([]);
  });

  it('a wide table scrolls inside its own container, not the page', async () => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 640, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/directory/overview`);
    const table = page.locator('table.coverage');
    const { tableWidth, scroller } = await table.evaluate((el) => {
      let box: Element | null = el;
      while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
      return { tableWidth: el.scrollWidth, scroller: box ? { width: box.clientWidth, scrollWidth: box.scrollWidth, focusable: box.getAttribute('tabindex') === '0', label: box.getAttribute('aria-labelledby') ?? box.getAttribute('aria-label') } : null };
    });
    expect(tableWidth).toBeGreaterThan(640);
    expect(scroller).not.toBeNull();
    expect(scroller!.scrollWidth).toBeGreaterThan(scroller!.width);
    // A keyboard user scrolls it too: the container takes the focus and has a name.
    expect(scroller!.focusable).toBe(true);
    expect(scroller!.label).toBeTruthy();
    expect(await layoutProblems(page)).toEqual([]);
    await context.close();
  });
});
