import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueConfirmations } from '../../src/directory/confirmation.js';
import { createUser } from '../helpers/app.js';
import { addEntry } from '../helpers/directory.js';
import { expectAccessible, launchChromium, newContext, screenshot, startHub, signIn, watchPage, type RunningHub } from './harness.js';

let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await createUser(hub.testDb.db, { name: 'Thomas Becker', email: 'sek@example.org', role: 'secretariat' });
  await addEntry(hub.testDb.db, { name: 'Türkischer Elternverein Velbert', kind: 'migrant_organisation', cities: [9], languages: ['de', 'tr'], fields: [2], descriptions: { de: 'Hausaufgabenhilfe und Elterncafé.', ar: 'مساعدة في الواجبات المنزلية' } });
  await addEntry(hub.testDb.db, { name: 'Jugendmigrationsdienst Ratingen', kind: 'counselling_service', cities: [8], languages: ['de', 'ar', 'uk'], fields: [2, 3], offers: 'Beratung für junge Menschen bis 27' });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('directory in Chromium', () => {
  it('the public finds an entry by typing and filtering; entry, overview and RTL pages are accessible', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${hub.baseUrl}/directory`);
    await expectAccessible(page, 'directory');
    await page.getByLabel('Suche (Name, Angebot, Ort, Ansprechperson)').fill('xylophon');
    await page.getByText('Treffer: 0').waitFor();
    // Every spelling of an umlaut finds it (issue #21): "turkisch" as well as "tuerkisch" and "türkisch".
    await page.getByLabel('Suche (Name, Angebot, Ort, Ansprechperson)').fill('turkisch');
    await page.locator('#results').getByRole('link', { name: 'Türkischer Elternverein Velbert' }).waitFor();
    await page.getByLabel('Suche (Name, Angebot, Ort, Ansprechperson)').fill('');
    await page.getByLabel('Sprache des Angebots').selectOption('uk');
    await page.locator('#results').getByRole('link', { name: 'Jugendmigrationsdienst Ratingen' }).waitFor();
    expect(await page.locator('#results').getByText('Türkischer Elternverein').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('language')).toBe('uk');
    await expectAccessible(page, 'directory filtered');
    await screenshot(page, 'directory');

    await page.goto(`${hub.baseUrl}/directory?q=elternverein`);
    await page.locator('#results').getByRole('link', { name: 'Türkischer Elternverein Velbert' }).click();
    await page.locator('h1', { hasText: 'Türkischer Elternverein Velbert' }).waitFor();
    await expectAccessible(page, 'entry');
    await page.getByRole('link', { name: 'العربية' }).click();
    await page.locator('section[lang="ar"][dir="rtl"]').waitFor();
    await expectAccessible(page, 'entry in Arabic');
    await screenshot(page, 'entry-rtl');

    await page.goto(`${hub.baseUrl}/directory/overview`);
    await expectAccessible(page, 'overview');
    await screenshot(page, 'overview');
    // On an office screen (1,280 px) every column of the coverage table is in view, none behind a scroll.
    await page.setViewportSize({ width: 1280, height: 800 });
    const hidden = await page.getByRole('region', { name: 'Akteure je Stadt und Handlungsfeld' }).evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(hidden).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an organisation submits itself, the secretariat publishes it, its contact confirms a year later', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${hub.baseUrl}/directory/new`);
    await expectAccessible(page, 'submission form');
    await page.getByRole('button', { name: 'Eintrag absenden' }).click();
    await page.getByText('Bitte prüfen Sie Ihre Eingaben:').waitFor();
    await expectAccessible(page, 'submission with errors');
    // The consent box keeps its label right beside it when its error message shows.
    const consentBox = (await page.locator('#field-consent').boundingBox())!;
    const consentLabel = (await page.locator('label[for="field-consent"]').boundingBox())!;
    expect(consentLabel.x - (consentBox.x + consentBox.width)).toBeLessThan(20);
    expect(consentLabel.y).toBeLessThan(consentBox.y + consentBox.height);
    await page.getByLabel('Name (Pflichtfeld)', { exact: true }).fill('Afghanischer Kulturverein Hilden');
    await page.getByLabel('Art (Pflichtfeld)').selectOption('migrant_organisation');
    await page.getByLabel('Beschreibung (Deutsch) (Pflichtfeld)').fill('Kulturabende, Sprachkurse Dari und Paschtu.');
    await page.getByRole('group', { name: 'Tätig in' }).getByLabel('Hilden').check();
    await page.getByRole('group', { name: 'Sprachen' }).getByLabel('Persisch').check();
    await page.getByLabel('Ihr Name (Pflichtfeld)').fill('Ahmad Haidari');
    await page.getByLabel('Ihre E-Mail-Adresse (Pflichtfeld)').fill('ahmad@example.org');
    await page.getByLabel(/Ich willige ein/).check();
    await page.getByRole('button', { name: 'Eintrag absenden' }).click();
    await page.getByText('Vielen Dank! Ihr Eintrag ist eingegangen.').waitFor();
    expect(problems).toEqual([]);
    await context.close();

    const staffContext = await newContext(browser);
    const staff = await staffContext.newPage();
    await signIn(staff, hub, 'sek@example.org');
    await staff.goto(`${hub.baseUrl}/admin/directory`);
    await expectAccessible(staff, 'review list');
    await staff.getByRole('link', { name: 'Afghanischer Kulturverein Hilden' }).click();
    await expectAccessible(staff, 'review entry');
    await staff.getByRole('button', { name: 'Speichern und veröffentlichen' }).click();
    await staff.getByText('Der Eintrag ist veröffentlicht.').waitFor();
    await staffContext.close();

    // A year later the contact gets the confirmation link.
    const later = new Date(Date.now() + 366 * 24 * 60 * 60 * 1000);
    await sendDueConfirmations(hub.testDb.db, later, hub.baseUrl);
    const mail = await hub.testDb.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'ahmad@example.org').where('subject', 'like', 'Ist Ihr Eintrag%').executeTakeFirstOrThrow();
    const link = /http:\/\/127\.0\.0\.1:\d+\/directory\/confirm\/\S+/.exec(mail.body_text)![0];
    const contactContext = await newContext(browser);
    const contact = await contactContext.newPage();
    await contact.goto(link);
    await expectAccessible(contact, 'confirmation page');
    await contact.getByRole('button', { name: 'Die Angaben stimmen – bestätigen' }).click();
    await contact.getByText('Vielen Dank! Der Eintrag ist bestätigt.').waitFor();
    await contactContext.close();
  });
});
