import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/audit.js';
import { createUser } from '../helpers/app.js';
import { addEntry } from '../helpers/directory.js';
import { expectAccessible, launchChromium, newContext, screenshot, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// Data protection pages (issue #10) in Chromium, with axe-core: privacy notice and imprint, their edit
// form, the audit log's filters, the staff's consent forms and a contact's withdrawal page.
let hub: RunningHub;
let browser: Browser;
let entry: number;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  const admin = await createUser(db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  entry = await addEntry(db, { name: 'Caritas Mettmann', kind: 'welfare_association' });
  await audit(db, { actorUserId: admin.userId, action: 'person.update', entityType: 'person', entityId: admin.personId, before: { name: 'Ada' }, after: { name: 'Ada Admin' } }, new Date());
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('data protection pages in Chromium', () => {
  it('privacy notice and imprint are reachable from the footer and accessible', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${hub.baseUrl}/directory`);
    await page.locator('footer').getByRole('link', { name: 'Datenschutz' }).click();
    await page.locator('h1', { hasText: 'Datenschutz' }).waitFor();
    // Visitors never see a note meant for the admin: a neutral sentence where something is missing.
    expect(await page.locator('mark.placeholder').count()).toBe(0);
    expect(await page.getByText('Diese Angabe wird ergänzt.').count()).toBeGreaterThan(3);
    await expectAccessible(page, 'privacy notice');
    await screenshot(page, 'privacy-notice');
    await page.locator('footer').getByRole('link', { name: 'Impressum' }).click();
    await page.locator('h1', { hasText: 'Impressum' }).waitFor();
    await expectAccessible(page, 'imprint');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the admin edits a text, filters the log, and records a contact’s consent; the contact withdraws (no JavaScript needed)', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      // A step that cannot happen fails with its own message instead of the test's timeout.
      page.setDefaultTimeout(10_000);
      const problems = watchPage(page);
      // axe runs as script in the page, so only in the pass with JavaScript.
      const check = (p: typeof page, label: string) => (javaScriptEnabled ? expectAccessible(p, label) : Promise.resolve());
      await signIn(page, hub, 'admin@example.org');
      await page.goto(`${hub.baseUrl}/admin/texts/impressum`);
      await check(page, 'edit imprint');
      await page.locator('#field-body').fill(`## Anbieter\n\nKreis Mettmann, Fassung ${javaScriptEnabled}`);
      await page.getByRole('button', { name: 'Speichern' }).click();
      await page.getByText(`Kreis Mettmann, Fassung ${javaScriptEnabled}`).waitFor();

      await page.goto(`${hub.baseUrl}/admin/audit`);
      await page.getByLabel('Aktion').selectOption('site_text.update');
      await page.getByRole('button', { name: 'Filtern', exact: true }).click();
      await page.waitForURL(/action=site_text\.update/);
      // Each entry is a sentence; its raw record opens from "Details", by keyboard as well.
      await page.getByText('hat den Text „Impressum“ geändert.').first().waitFor();
      await page.locator('details.audit-details > summary').first().focus();
      await page.keyboard.press('Enter');
      await page.getByText('Alle gespeicherten Daten').first().waitFor();
      await screenshot(page, `audit-log-details-${javaScriptEnabled ? 'js' : 'nojs'}`);
      await check(page, 'audit log filtered');
      await page.goto(`${hub.baseUrl}/admin/audit?from=gestern`);
      await page.getByText('Bitte geben Sie ein gültiges Datum ein').first().waitFor();
      await check(page, 'audit log with a bad filter');
      await screenshot(page, `audit-log-${javaScriptEnabled ? 'js' : 'nojs'}`);

      const email = `kontakt-${javaScriptEnabled}@example.org`;
      await page.goto(`${hub.baseUrl}/admin/directory/${entry}/contacts`);
      await page.getByRole('button', { name: 'Ansprechperson hinzufügen' }).click();
      await page.getByText('Bitte wählen Sie, ob und wie die Einwilligung vorliegt.').first().waitFor();
      await check(page, 'contacts with errors');
      await page.locator('#field-name').fill(`Olga ${javaScriptEnabled}`);
      await page.locator('#field-email').fill(email);
      await page.locator('#field-consent').check(); // "schriftlich", the first choice
      await page.getByRole('button', { name: 'Ansprechperson hinzufügen' }).click();
      await page.getByText('Die Ansprechperson ist gespeichert und wird mit ihrer Einwilligung öffentlich gezeigt.').waitFor();
      await check(page, 'contacts');
      await screenshot(page, `contacts-${javaScriptEnabled ? 'js' : 'nojs'}`);

      const mail = await hub.testDb.db.selectFrom('outbox').select('body_text').where('to_address', '=', email).executeTakeFirstOrThrow();
      const visitor = await (await newContext(browser, { javaScriptEnabled })).newPage();
      await visitor.goto(`${hub.baseUrl}${/\/directory\/withdraw\/\S+/.exec(mail.body_text)![0]}`);
      await check(visitor, 'withdrawal page');
      await visitor.getByRole('button', { name: 'Einwilligung widerrufen' }).click();
      await visitor.getByText('Ihre Einwilligung ist widerrufen.').waitFor();
      await visitor.context().close();
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
