import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, berlinToInstant, today } from '../../src/lib/berlin-time.js';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, screenshot, startHub, signIn, watchPage, type RunningHub } from './harness.js';

let hub: RunningHub;
let browser: Browser;
const month = today(new Date()).slice(0, 7);
const nextMonth = addMonths(month, 1);

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  const petra = await createUser(db, { name: 'Petra Wagner', email: 'petra@example.org' });
  const at = new Date().toISOString();
  const group = await db.insertInto('groups').values({ name: 'AK Integration', slug: 'ak', kind: 'internal', description: '', colour: '#0b5394', dates_public: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ group_id: group.id, person_id: petra.personId, role: 'member', starts_on: '2020-01-01', created_at: at, updated_at: at }).execute();
  const meeting = (day: string, title: string) => ({
    group_id: group.id,
    title,
    starts_at: berlinToInstant(day, '18:00')!,
    ends_at: berlinToInstant(day, '20:00')!,
    location: 'Kreishaus Mettmann',
    status: 'planned' as const,
    created_at: at,
    updated_at: at,
  });
  await db.insertInto('meetings').values([meeting(`${month}-15`, 'Sitzung in diesem Monat'), meeting(`${nextMonth}-10`, 'Sitzung im nächsten Monat')]).execute();
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the calendar in Chromium', () => {
  it('month view, keyboard navigation with htmx, list view: all axe-clean', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'petra@example.org');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kalender' }).click();
    const heading = page.locator('#calendar-heading');
    const thisMonth = (await heading.textContent())!;
    await page.getByRole('link', { name: /Sitzung in diesem Monat/ }).waitFor();
    await expectAccessible(page, 'calendar month');
    await screenshot(page, 'calendar-month');

    // By keyboard: the next-month link is followed with Enter; htmx swaps the month and keeps the focus.
    await page.locator('#calendar-next').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /Sitzung im nächsten Monat/ }).waitFor();
    expect(await heading.textContent()).not.toBe(thisMonth);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('calendar-next');
    expect(page.url()).toContain(`month=${nextMonth}`);
    expect(await page.locator('#calendar-announce').textContent()).toMatch(/: 1 Sitzungen$/);
    await page.keyboard.press('Shift+Tab'); // to the previous-month link
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('calendar-prev');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /Sitzung in diesem Monat/ }).waitFor();

    await page.getByLabel('Liste').check();
    await page.getByRole('heading', { level: 3 }).first().waitFor();
    expect(page.url()).toContain('view=list');
    expect(await page.getByText(/18:00–20:00 · AK Integration · Kreishaus Mettmann/).count()).toBe(1);
    await expectAccessible(page, 'calendar list');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works without JavaScript: the filter applies with its button', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub, 'petra@example.org');
    await page.goto(`${hub.baseUrl}/calendar`);
    await page.getByLabel('Liste').check();
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await page.getByText(/18:00–20:00 · AK Integration/).waitFor();
    await page.getByRole('link', { name: /→$/ }).click();
    await page.getByRole('link', { name: /Sitzung im nächsten Monat/ }).waitFor();
    await context.close();
  });

  it('subscribe: make a feed URL, see it once with QR code, a calendar fetches it, revoke it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'petra@example.org');
    await page.goto(`${hub.baseUrl}/calendar`);
    await page.getByRole('link', { name: /Kalender abonnieren/ }).click();
    await page.getByRole('heading', { name: 'Kalender abonnieren', level: 1 }).waitFor();
    await expectAccessible(page, 'feeds');
    await page.getByLabel('Bezeichnung (Pflichtfeld)').fill('Thunderbird im Büro');
    await page.getByRole('button', { name: 'Adresse erzeugen' }).click();
    await page.getByRole('heading', { name: 'Kalender-Adresse „Thunderbird im Büro“' }).waitFor();
    const url = await page.getByLabel('Kalender-Adresse (zum Kopieren)').inputValue();
    expect(url).toMatch(new RegExp(`^${hub.baseUrl}/feeds/[a-z2-7]{52}\\.ics$`));
    expect(await page.getByRole('link', { name: 'In meiner Kalender-App öffnen' }).getAttribute('href')).toBe(url.replace('http:', 'webcal:'));
    expect(await page.getByAltText('QR-Code mit der Kalender-Adresse').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(page, 'feed created');
    await screenshot(page, 'calendar-feed-created');

    // A calendar app fetches the feed (no cookie).
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('SUMMARY:Sitzung in diesem Monat');

    await page.getByRole('link', { name: 'Zurück zu meinen Kalender-Adressen' }).click();
    const row = page.getByRole('row', { name: /Thunderbird im Büro/ });
    await row.getByText('noch nie').waitFor({ state: 'detached' }); // fetched today
    await row.getByRole('button', { name: 'Adresse „Thunderbird im Büro“ widerrufen' }).click();
    await page.getByText('Die Kalender-Adresse ist widerrufen und funktioniert nicht mehr.').waitFor();
    expect((await fetch(url)).status).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  });
});
