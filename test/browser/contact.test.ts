import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, screenshot, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// The office's contacts (/contact, issue 17) in Chromium with axe-core: the topics with their persons,
// the contact form with its errors and its confirmation, also at 320 px.
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  const at = new Date().toISOString();
  const topic = (await db.selectFrom('contact_topics').select('id').where('key', '=', 'projects').executeTakeFirstOrThrow()).id;
  await db.updateTable('contact_topics').set({ email: 'projekte@kreis.example' }).where('id', '=', topic).execute();
  await db
    .insertInto('contact_persons')
    .values({ topic_id: topic, job_function: 'Projektkoordination', name: 'Paula Platzhalter', phone: '030 23125-101', email: 'paula.platzhalter@kreis.example', tasks: 'KOMM-AN NRW, Integrationsfonds des Kreises, Beratung zu Förderanträgen', position: 1, created_at: at, updated_at: at })
    .execute();
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('the contact page in Chromium', () => {
  for (const width of [1280, 320]) {
    it(`shows the contacts and sends the form, with errors first (${width} px); axe finds nothing`, async () => {
      const context = width === 320 ? await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 320, height: 900 } }) : await newContext(browser);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const problems = watchPage(page);
      await page.goto(`${hub.baseUrl}/contact`);
      await page.getByRole('heading', { level: 2, name: 'Projekte und Förderprogramme' }).waitFor();
      await page.getByRole('link', { name: '030 23125-101' }).waitFor();
      expect(await page.getByRole('link', { name: '030 23125-101' }).getAttribute('href')).toBe('tel:03023125101');
      await expectAccessible(page, `contact page (${width} px)`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `contact-${width}`);

      // Sent empty: the errors stand next to the fields, what was typed stays.
      await page.getByLabel('Ihr Name').fill('Leyla Yılmaz');
      await page.getByRole('button', { name: 'Nachricht senden' }).click();
      await page.getByText('Bitte wählen Sie ein Thema.').first().waitFor();
      await page.getByText('Bitte stimmen Sie zu').first().waitFor();
      expect(await page.getByLabel('Ihr Name').inputValue()).toBe('Leyla Yılmaz');
      await expectAccessible(page, `contact form with errors (${width} px)`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      await page.locator('#field-topic').selectOption({ label: 'Projekte und Förderprogramme' });
      await page.getByLabel('Ihre E-Mail-Adresse').fill(`leyla-${width}@example.org`);
      await page.getByLabel('Ihre Nachricht').fill('Gibt es Fördermittel für unser Sprachcafé?');
      await page.getByLabel('Ich bin einverstanden', { exact: false }).check();
      await page.getByRole('button', { name: 'Nachricht senden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vielen Dank für Ihre Nachricht' }).waitFor();
      await expectAccessible(page, `contact confirmation (${width} px)`);
      const mail = await hub.testDb.db.selectFrom('outbox').select(['to_address', 'reply_to_address']).where('reply_to_address', '=', `leyla-${width}@example.org`).executeTakeFirstOrThrow();
      expect(mail.to_address).toBe('projekte@kreis.example');
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('the secretariat adds a contact person, with an error first, and moves them up; axe finds nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/admin/contact`);
    await expectAccessible(page, 'contacts editing page');
    await page.getByRole('link', { name: /Ansprechperson hinzufügen\s*:\s*Projekte und Förderprogramme/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Ansprechperson hinzufügen' }).waitFor();
    await page.locator('#field-phone').fill('ruf mich an');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#field-name-error').waitFor();
    await expectAccessible(page, 'contact person form with errors');
    await page.locator('#field-name').fill('Felix Fantasie');
    await page.locator('#field-phone').fill('030 23125-102');
    await page.locator('#field-tasks').fill('Bundesprogramme\nVerwendungsnachweise');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('link', { name: 'Felix Fantasie' }).waitFor();
    await page.getByRole('button', { name: /Nach oben\s*:\s*Felix Fantasie/ }).click();
    await page.getByRole('button', { name: /Nach unten\s*:\s*Felix Fantasie/ }).waitFor();
    await expectAccessible(page, 'contacts editing page after a move');
    await screenshot(page, 'contact-admin');
    await page.goto(`${hub.baseUrl}/contact`);
    const names = await page.locator('.contact-person__name').allTextContents();
    expect(names.slice(0, 2)).toEqual(['Felix Fantasie', 'Paula Platzhalter']);
    expect(problems).toEqual([]);
    await context.close();
  });
});
