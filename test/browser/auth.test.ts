import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/setup/setup.js';
import { createUser, TEST_PASSWORD } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, screenshot, signIn, startHub, watchPage, type RunningHub } from './harness.js';

let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('in Chromium', () => {
  it('setup → dashboard → logout → login → logout, accessible at every step', async () => {
    const token = await issueSetupToken(hub.testDb.db, new Date());
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);

    await page.goto(`${hub.baseUrl}/setup?token=${token}`);
    expect(await page.locator('h1').textContent()).toBe('Ersteinrichtung');
    await expectAccessible(page, 'setup');

    // A mistake first: the form comes back with messages and keeps the name.
    await page.getByLabel('Ihr Name').fill('Jürgen Weiß');
    await page.getByLabel('E-Mail-Adresse (Pflichtfeld)', { exact: true }).fill('juergen.weiss@kreis-mettmann.de');
    await page.getByLabel('E-Mail-Adresse der Geschäftsstelle').fill('integration@kreis-mettmann.de');
    await page.getByLabel('Neues Passwort (Pflichtfeld)', { exact: true }).fill('ein-sicheres-passwort');
    await page.getByLabel('Neues Passwort wiederholen').fill('ein-anderes-passwort');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await page.getByText('Die beiden Passwörter stimmen nicht überein.').first().waitFor();
    expect(await page.getByLabel('Ihr Name').inputValue()).toBe('Jürgen Weiß');
    expect(await page.getByLabel('E-Mail-Adresse der Geschäftsstelle').inputValue()).toBe('integration@kreis-mettmann.de');
    await expectAccessible(page, 'setup with errors');
    await screenshot(page, 'setup-errors');

    await page.getByLabel('Neues Passwort (Pflichtfeld)', { exact: true }).fill('ein-sicheres-passwort');
    await page.getByLabel('Neues Passwort wiederholen').fill('ein-sicheres-passwort');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await page.getByText('Angemeldet als Jürgen Weiß').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText('Das Administrationskonto ist angelegt.').waitFor();
    await expectAccessible(page, 'dashboard');
    await screenshot(page, 'dashboard');

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByText('Sie sind abgemeldet.').waitFor();
    await expectAccessible(page, 'landing');
    await screenshot(page, 'landing');

    await page.getByRole('link', { name: 'Anmelden' }).first().click();
    await page.getByLabel('E-Mail-Adresse').fill('Juergen.Weiss@kreis-mettmann.de');
    await page.getByLabel('Passwort').fill('ein-sicheres-passwort');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('Angemeldet als Jürgen Weiß').waitFor();

    await page.getByRole('link', { name: 'Verwaltung' }).click();
    await page.locator('h1', { hasText: 'Verwaltung' }).waitFor();
    await expectAccessible(page, 'admin');
    for (const [link, name] of [['Konten', 'admin-users'], ['Postausgang', 'admin-outbox'], ['Änderungsprotokoll', 'admin-audit']] as const) {
      await page.goto(`${hub.baseUrl}/admin`);
      await page.getByRole('link', { name: link }).click();
      await page.locator('h1', { hasText: link }).waitFor();
      await expectAccessible(page, name);
      await screenshot(page, name);
    }

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByText('Sie sind abgemeldet.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('login page: accessible empty, with errors, and after too many attempts', async () => {
    await createUser(hub.testDb.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${hub.baseUrl}/login`);
    await expectAccessible(page, 'login');
    await screenshot(page, 'login');

    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('Bitte prüfen Sie Ihre Eingaben:').waitFor();
    await expectAccessible(page, 'login with errors');
    await screenshot(page, 'login-errors');

    await page.getByLabel('E-Mail-Adresse').fill('mia@example.org');
    await page.getByLabel('Passwort').fill('falsch-falsch');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('E-Mail-Adresse oder Passwort ist falsch.').waitFor();
    await expectAccessible(page, 'login failed');

    await page.goto(`${hub.baseUrl}/password/reset`);
    await expectAccessible(page, 'reset request');
    await page.goto(`${hub.baseUrl}/nirgendwo`);
    expect(await page.locator('h1').textContent()).toBe('Seite nicht gefunden');
    await expectAccessible(page, '404');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works by keyboard: the skip link comes first and is visible when focused', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, top: document.activeElement?.getBoundingClientRect().top ?? -1 }));
    expect(focused.text).toBe('Zum Inhalt springen');
    expect(focused.top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('works without JavaScript: sign in and out with plain forms', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/login`);
    await page.getByLabel('E-Mail-Adresse').fill('mia@example.org');
    await page.getByLabel('Passwort').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('Angemeldet als Mia Mitglied').waitFor();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByText('Sie sind abgemeldet.').waitFor();
    await context.close();
  });

  it('a change of a login address: staff page, both confirmation links, and a staff account the secretariat only sees', async () => {
    const db = hub.testDb.db;
    await createUser(db, { name: 'Ada Admin', email: 'ada@example.org', role: 'admin' });
    await createUser(db, { name: 'Sina Sekretariat', email: 'sina@example.org', role: 'secretariat' });
    const lea = await createUser(db, { name: 'Lea Lang', email: 'lea@example.org' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'sina@example.org');
    await page.goto(`${hub.baseUrl}/people/${lea.personId}`);
    await page.getByLabel('E-Mail-Adresse').fill('lea@neu.example');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Die neue Anmeldeadresse lea@neu.example wartet auf Bestätigung').waitFor();
    await expectAccessible(page, 'person with pending address change');
    await screenshot(page, 'email-change-pending');
    const ada = await db.selectFrom('persons').select('id').where('email', '=', 'ada@example.org').executeTakeFirstOrThrow();
    await page.goto(`${hub.baseUrl}/people/${ada.id}`);
    await page.getByText('ändern nur Administratorinnen und Administratoren').waitFor();
    await expectAccessible(page, 'staff account, read only');
    await context.close();

    const visitor = await newContext(browser);
    const linkPage = await visitor.newPage();
    const visitorProblems = watchPage(linkPage);
    for (const to of ['lea@neu.example', 'lea@example.org']) {
      const mail = await db.selectFrom('outbox').select('body_text').where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow();
      await linkPage.goto(`${hub.baseUrl}${/\/email-change\/\S+/.exec(mail.body_text)![0]}`);
      await linkPage.locator('h1', { hasText: 'Neue E-Mail-Adresse bestätigen' }).waitFor();
      await expectAccessible(linkPage, `address change link to ${to}`);
      await linkPage.getByRole('button', { name: 'Ja, bestätigen' }).click();
      await linkPage.locator('.notice--success').waitFor();
    }
    await linkPage.getByText('Die neue E-Mail-Adresse ist jetzt der Anmeldename.').waitFor();
    expect((await db.selectFrom('persons').select('email').where('id', '=', lea.personId).executeTakeFirstOrThrow()).email).toBe('lea@neu.example');
    expect([...problems, ...visitorProblems]).toEqual([]);
    await visitor.close();
  });
});
