import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEntry } from '../helpers/directory.js';
import { DEMO_LOGINS, launchChromium, newContext, seedDemoWorld, signIn, startHub, type RunningHub } from './harness.js';

/**
 * In the English interface, what people wrote stays in the language they wrote it in: German unless
 * stored otherwise. A screen reader reads it with German pronunciation only when the nearest lang
 * attribute says "de" (WCAG 3.1.2, language of parts). Checked here text node by text node.
 */

let hub: RunningHub;
let browser: Browser;
let entryId = 0;
const OFFERS = 'Hausaufgabenhilfe für Grundschulkinder';
const DESCRIPTION = 'Wir treffen uns jeden Dienstag im Gemeindehaus.';
const HOURS = 'Dienstag 15–18 Uhr';
let fieldName = '';
let targetName = '';
// A field of action the office keeps without an English name: shown in German, marked as German.
let germanOnly = '';

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  const [field, second] = await db.selectFrom('fields_of_action').select(['id', 'name']).orderBy('id').limit(2).execute();
  const target = await db.selectFrom('target_groups').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow();
  // The English interface names them in English (migration 0017, kept in reference_names by 0027).
  const english = (list: string, id: number) =>
    db.selectFrom('reference_names').select('name').where('list', '=', list).where('entry', '=', String(id)).where('locale', '=', 'en').executeTakeFirstOrThrow();
  fieldName = (await english('fields', field!.id)).name;
  targetName = (await english('targets', target.id)).name;
  await db.deleteFrom('reference_names').where('list', '=', 'fields').where('entry', '=', String(second!.id)).where('locale', '=', 'en').execute();
  germanOnly = second!.name;
  entryId = await addEntry(db, { name: 'Elternverein Hilden', offers: OFFERS, opening_hours: HOURS, descriptions: { de: DESCRIPTION, ar: 'مساعدة في الواجبات المنزلية' }, fields: [field!.id, second!.id], targets: [target.id], languages: ['de', 'ar'] });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** englishPage: a page in the English interface (the language cookie the switch sets). */
async function englishPage(): Promise<Page> {
  const context = await newContext(browser);
  await context.addCookies([{ name: 'lang', value: 'en', url: hub.baseUrl }]);
  return context.newPage();
}

/**
 * misplaced: the text nodes in `scope` that contain one of `texts` (or, without texts, every text node
 * but those in `except`) whose nearest lang is not German, each with the lang it has.
 */
function misplaced(page: Page, scope: string, texts: string[], except = ''): Promise<string[]> {
  return page.evaluate(
    ({ scope, texts, except }) => {
      const bad: string[] = [];
      for (const root of Array.from(document.querySelectorAll(scope))) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim() ?? '';
          const element = node.parentElement!;
          if (!text || element.closest('script')) continue;
          if (texts.length ? !texts.some((t) => text.includes(t)) : except && element.closest(except)) continue;
          const lang = element.closest('[lang]')?.getAttribute('lang');
          if (lang !== 'de') bad.push(`${lang}: ${text.slice(0, 60)}`);
        }
      }
      return bad;
    },
    { scope, texts, except },
  );
}

describe('German content in the English interface', () => {
  it('the directory, an entry and the form mark German text as German, and name fields of action in English', async () => {
    const page = await englishPage();
    await page.goto(`${hub.baseUrl}/directory`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const found = (texts: string[]) => page.evaluate((texts) => texts.filter((t) => document.querySelector('main')!.textContent!.includes(t)), texts);
    // English names are the interface's language: nothing marks them German.
    const markedGerman = (texts: string[]) => page.evaluate((texts) => texts.filter((t) => Array.from(document.querySelectorAll('main [lang="de"]')).some((e) => e.textContent!.includes(t))), texts);
    // The checks below are not vacuous: the texts are on the pages.
    expect(await found([OFFERS, fieldName, targetName, germanOnly])).toEqual([OFFERS, fieldName, targetName, germanOnly]);
    expect(await misplaced(page, 'main', [OFFERS, germanOnly])).toEqual([]);
    expect(await markedGerman([fieldName, targetName])).toEqual([]);

    await page.goto(`${hub.baseUrl}/directory/${entryId}`);
    expect(await found([OFFERS, DESCRIPTION, HOURS, fieldName, targetName, germanOnly])).toHaveLength(6);
    expect(await misplaced(page, 'main', [OFFERS, DESCRIPTION, HOURS, germanOnly])).toEqual([]);
    expect(await markedGerman([fieldName, targetName])).toEqual([]);
    // The link to the Arabic description reads right to left: isolated from the text around it.
    expect(await page.locator('bdi > a[lang="ar"]').count()).toBe(1);

    await page.goto(`${hub.baseUrl}/directory/overview`);
    expect(await misplaced(page, 'main thead', [germanOnly])).toEqual([]);
    expect(await markedGerman([fieldName])).toEqual([]);

    // The form: the German description is German whatever the interface's language; so are the
    // offers and a list entry without an English name.
    await page.goto(`${hub.baseUrl}/directory/new`);
    expect(await page.locator('#field-description_de').getAttribute('lang')).toBe('de');
    expect(await page.locator('#field-description_ar').getAttribute('lang')).toBe('ar');
    expect(await page.locator('#field-offers').getAttribute('lang')).toBe('de');
    expect(await misplaced(page, 'main', [germanOnly])).toEqual([]);
    expect(await markedGerman([fieldName, targetName])).toEqual([]);
    await page.context().close();
  });

  it('the privacy notice and the imprint are German text on an English page', async () => {
    const page = await englishPage();
    for (const path of ['/datenschutz', '/impressum']) {
      await page.goto(`${hub.baseUrl}${path}`);
      // Everything but the page's own parts (its English title and the "last updated" line).
      const bad = await misplaced(page, 'main article', [], 'h1, .meta');
      expect(bad, path).toEqual([]);
      expect(await page.locator('main article p').count(), path).toBeGreaterThan(1);
    }
    await page.context().close();
  });

  it('group descriptions, meeting titles, agenda items and locations are German on English pages', async () => {
    const world = await seedDemoWorld(hub);
    const db = hub.testDb.db;
    const meeting = await db.selectFrom('meetings').innerJoin('groups', 'groups.id', 'meetings.group_id').select(['meetings.title', 'meetings.location', 'groups.slug', 'groups.description']).where('meetings.id', '=', world.invitedMeetingId).executeTakeFirstOrThrow();
    const items = (await db.selectFrom('agenda_items').select('title').where('meeting_id', '=', world.invitedMeetingId).execute()).map((i) => i.title);
    // Signed in through the German form, then switched to English.
    const page = await (await newContext(browser)).newPage();
    await signIn(page, hub, DEMO_LOGINS.secretariat, 'demo-passwort-2026');
    await page.context().addCookies([{ name: 'lang', value: 'en', url: hub.baseUrl }]);
    await page.goto(`${hub.baseUrl}/meetings/${world.invitedMeetingId}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const texts = [meeting.title, ...items, ...(meeting.location ? [meeting.location] : [])];
    expect(texts.length).toBeGreaterThan(2);
    expect(await misplaced(page, 'main', texts)).toEqual([]);
    await page.goto(`${hub.baseUrl}/meetings/${world.invitedMeetingId}/agenda`);
    expect(await misplaced(page, 'main', [meeting.title, ...items])).toEqual([]);
    expect(await page.locator('main form input[name="title"]').first().getAttribute('lang')).toBe('de');
    await page.goto(`${hub.baseUrl}/groups/${meeting.slug}`);
    const firstPara = (meeting.description ?? '').split(/\n{2,}/)[0]!.trim();
    expect(firstPara.length).toBeGreaterThan(10);
    expect(await misplaced(page, 'main', [firstPara.slice(0, 40)])).toEqual([]);
    await page.context().close();
  });
});
