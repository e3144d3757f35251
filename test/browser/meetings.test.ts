import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { DEMO_LOGINS, expectAccessible, launchChromium, newContext, screenshot, seedDemoWorld, startHub, signIn, watchPage, type DemoWorld, type RunningHub } from './harness.js';

let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await createUser(hub.testDb.db, { name: 'Thomas Becker', email: 'sek@example.org', role: 'secretariat' });
  await createUser(hub.testDb.db, { name: 'Petra Wagner', email: 'petra@example.org' });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('a meeting cycle in Chromium', () => {
  it('create → agenda → invite → a member replies from the mail link → attendance → print view', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    // The group and its member, as the secretariat sets them up.
    await page.goto(`${hub.baseUrl}/groups/new`);
    await page.getByLabel('Name (Pflichtfeld)').fill('Arbeitskreis Integration intern');
    await page.getByLabel('intern', { exact: true }).check();
    await page.getByRole('button', { name: 'Arbeitskreis anlegen' }).click();
    await page.getByText('Der Arbeitskreis ist angelegt.').waitFor();
    await page.goto(`${hub.baseUrl}/groups/arbeitskreis-integration-intern/members`);
    await page.getByLabel('Person (E-Mail-Adresse oder Name) (Pflichtfeld)').fill('petra@example.org');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.getByText('Das Mitglied ist hinzugefügt.').waitFor();

    await page.goto(`${hub.baseUrl}/groups/arbeitskreis-integration-intern`);
    await page.getByRole('link', { name: 'Sitzung planen' }).click();
    await expectAccessible(page, 'new meeting');
    await page.getByLabel('Titel (Pflichtfeld)').fill('Sitzung im Dezember');
    await page.getByLabel('Datum (Pflichtfeld)').fill('2030-12-11');
    await page.getByLabel('Beginn (Pflichtfeld)').fill('18:00');
    await page.getByLabel('Ende (Pflichtfeld)').fill('20:00');
    await page.getByLabel('Ort (Adresse)').fill('Kreishaus Mettmann');
    await page.getByRole('button', { name: 'Sitzung planen' }).click();
    await page.getByText('Die Sitzung ist angelegt.').waitFor();
    await expectAccessible(page, 'meeting');

    await page.getByRole('link', { name: 'Tagesordnung bearbeiten' }).click();
    await page.locator('#field-title').fill('Bericht aus den Städten');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.getByText('Der Tagesordnungspunkt ist hinzugefügt.').waitFor();
    await page.getByRole('button', { name: 'Nach oben: TOP 2' }).click();
    await page.getByText('Die Reihenfolge ist geändert.').waitFor();
    await expectAccessible(page, 'agenda');
    await screenshot(page, 'agenda');

    await page.getByRole('link', { name: '← Sitzung im Dezember' }).click();
    await page.getByRole('link', { name: 'Einladung an alle Mitglieder senden' }).click();
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByRole('heading', { name: 'So geht die Einladung hinaus' }).waitFor();
    await expectAccessible(page, 'invitation preview');
    await page.getByRole('button', { name: /^Einladung an \d+ Personen senden$/ }).click();
    await page.getByText('Die Einladungen stehen im Postausgang.').waitFor();
    // The secretariat switches the live refresh of the replies on before the member answers.
    await page.getByRole('link', { name: 'Rückmeldungen automatisch aktualisieren (alle 15 Sekunden)' }).click();
    await page.getByRole('link', { name: 'Automatische Aktualisierung anhalten' }).waitFor();
    expect(problems).toEqual([]);

    const mail = await hub.testDb.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'petra@example.org').executeTakeFirstOrThrow();
    const accept = /http:\/\/127\.0\.0\.1:\d+\/rsvp\/\S+\?answer=accepted/.exec(mail.body_text)![0];
    const memberContext = await newContext(browser);
    const member = await memberContext.newPage();
    await member.goto(accept);
    await expectAccessible(member, 'reply page');
    expect(await member.getByLabel('Zusage').isChecked()).toBe(true);
    await member.getByRole('button', { name: 'Antwort senden' }).click();
    await member.getByText('Vielen Dank! Gespeichert ist Ihre Antwort:').waitFor();
    await memberContext.close();

    // The reply list updates itself.
    await page.locator('#replies').getByText('Zusagen: 1').waitFor({ timeout: 20_000 });
    await screenshot(page, 'meeting');
    await page.getByRole('link', { name: 'Anwesenheit', exact: true }).click();
    await expectAccessible(page, 'attendance');
    expect(await page.getByRole('radio', { name: 'Petra Wagner anwesend' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Anwesenheit speichern' }).click();
    await page.getByText('Die Anwesenheit ist gespeichert.').waitFor();
    await page.getByRole('link', { name: 'Anwesenheitsliste zum Unterschreiben drucken' }).click();
    await expectAccessible(page, 'attendance sheet');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    await screenshot(page, 'attendance-print');
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the replies on a meeting page', () => {
  // The demo world's invited meeting has a dozen replies with comments: a table wider than a phone.
  let demo: RunningHub;
  let world: DemoWorld;
  beforeAll(async () => {
    demo = await startHub();
    world = await seedDemoWorld(demo);
  }, 60_000);
  afterAll(async () => {
    await demo?.stop();
  });

  it('at 320 px the replies table scrolls in a region the keyboard reaches; axe finds nothing', async () => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 320, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, demo, DEMO_LOGINS.secretariat, DEMO_PASSWORD);
    await page.goto(`${demo.baseUrl}/meetings/${world.invitedMeetingId}`);
    const table = page.locator('#replies table');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    // The table is wider than the page: it scrolls inside its region, and the page does not.
    const region = page.getByRole('region', { name: 'Antworten der Eingeladenen' });
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'meeting page with replies at 320 px');
    // By keyboard: the region takes the focus and the arrow keys scroll it.
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => (document.activeElement as HTMLElement).scrollLeft > 0);
    await screenshot(page, 'meeting-replies-320');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the live refresh keeps the focus on the pause link', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, demo, DEMO_LOGINS.secretariat, DEMO_PASSWORD);
    await page.goto(`${demo.baseUrl}/meetings/${world.invitedMeetingId}?live=1`);
    const pause = page.getByRole('link', { name: 'Automatische Aktualisierung anhalten' });
    await pause.focus();
    // Mark the section as it is now: a refresh replaces it with a new one.
    await page.evaluate(() => ((window as unknown as { before: Element | null }).before = document.getElementById('replies')));
    const refreshed = page.waitForResponse((res) => res.url().includes('/replies?live=1'), { timeout: 30_000 });
    await refreshed;
    await page.waitForFunction(() => document.getElementById('replies') !== (window as unknown as { before: Element | null }).before);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Automatische Aktualisierung anhalten');
    expect(await page.evaluate(() => document.activeElement?.closest('#replies') === document.getElementById('replies'))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 40_000);

  it('after moving an invited meeting the page opens at the notice box, which names the recipients and sends', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, demo, DEMO_LOGINS.secretariat, DEMO_PASSWORD);
    await page.goto(`${demo.baseUrl}/meetings/${world.invitedMeetingId}/edit`);
    await page.getByLabel('Beginn (Pflichtfeld)').fill('09:30');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const box = page.getByRole('region', { name: 'Änderung mitteilen' });
    await box.waitFor();
    // The next step has the focus (a keyboard or screen reader user lands on it) and is the box's button.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('notify');
    expect(await box.getByRole('listitem').count()).toBeGreaterThan(3);
    await expectAccessible(page, 'meeting page with the notice box');
    await screenshot(page, 'meeting-notice');
    await box.getByRole('button', { name: 'Eingeladene über die Änderung benachrichtigen' }).click();
    await page.getByText('Die Benachrichtigungen stehen im Postausgang.').waitFor();
    expect(await page.getByRole('region', { name: 'Änderung mitteilen' }).count()).toBe(0);
    // The cancel form: a reason and the ticked box that sends the cancellation at once.
    expect(await page.getByRole('checkbox', { name: 'Absage an alle Eingeladenen senden' }).isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});

