import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, screenshot, startHub, signIn, watchPage, type RunningHub } from './harness.js';

let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  await createUser(hub.testDb.db, { name: 'Thomas Becker', email: 'sek@example.org', role: 'secretariat' });
  await createUser(hub.testDb.db, { name: 'Sabine Krüger', email: 'admin@example.org', role: 'admin' });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('working groups in Chromium', () => {
  it('the secretariat builds a group, invites a new member who signs in and sees it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');

    // Create the group.
    await page.getByRole('link', { name: 'Arbeitskreise' }).click();
    await page.getByRole('link', { name: 'Arbeitskreis anlegen' }).click();
    await expectAccessible(page, 'new group');
    await page.getByLabel('Name (Pflichtfeld)').fill('Arbeitskreis Integration extern');
    await page.getByLabel('extern', { exact: true }).check();
    await page.getByLabel('Beschreibung', { exact: true }).fill('Netzwerk der Akteure der Integrationsarbeit.\n\nGäste willkommen.');
    await page.getByLabel('Sitzungstermine öffentlich zeigen (ohne Namen)').check();
    await page.getByRole('button', { name: 'Arbeitskreis anlegen' }).click();
    await page.getByText('Der Arbeitskreis ist angelegt.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/groups/arbeitskreis-integration-extern');
    await expectAccessible(page, 'group page');
    await screenshot(page, 'group');

    // Add a person with an account.
    await page.getByRole('link', { name: 'Personen' }).click();
    await expectAccessible(page, 'people');
    await page.getByRole('link', { name: 'Person anlegen' }).first().click();
    await page.getByLabel('Name (Pflichtfeld)').fill('Olena Kovalenko');
    await page.getByLabel('E-Mail-Adresse').fill('olena@example.org');
    await page.getByLabel('Organisation', { exact: true }).fill('Ukrainische Gemeinde Ratingen e. V.');
    await page.getByLabel('Ort').selectOption({ label: 'Ratingen' });
    await page.getByLabel('Konto anlegen und Einladung per E-Mail senden').check();
    await expectAccessible(page, 'new person');
    await page.getByRole('button', { name: 'Person anlegen' }).click();
    await page.getByText('Die Person ist angelegt; die Einladung').waitFor();
    await expectAccessible(page, 'person page');
    await screenshot(page, 'person');

    // Add her to the group: htmx swaps the panel in place.
    await page.goto(`${hub.baseUrl}/groups/arbeitskreis-integration-extern/members`);
    await page.getByLabel('Person (E-Mail-Adresse oder Name) (Pflichtfeld)').fill('olena@example.org');
    await page.getByLabel('Vertretene Organisation').fill('Ukrainische Gemeinde Ratingen e. V.');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.getByText('Das Mitglied ist hinzugefügt.').waitFor();
    await page.locator('#member-list').getByText('Olena Kovalenko').waitFor();
    // A mistake re-renders the panel with the message at the field.
    await page.getByLabel('Person (E-Mail-Adresse oder Name) (Pflichtfeld)').fill('olena@example.org');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.getByText('Diese Person ist in diesem Zeitraum schon Mitglied.').first().waitFor();
    await expectAccessible(page, 'members with error');
    await screenshot(page, 'members');

    // The live filter narrows the list without a page load.
    await page.getByLabel('Mitglieder filtern (Name oder Organisation)').fill('xyz');
    await page.getByText('Keine Mitglieder gefunden.').waitFor();
    await page.getByLabel('Mitglieder filtern (Name oder Organisation)').fill('ukrain');
    await page.locator('#member-list').getByText('Olena Kovalenko').waitFor();
    expect(new URL(page.url()).search).toBe('?q=ukrain');

    await page.getByRole('link', { name: 'Mitglieder aus CSV importieren' }).click();
    await expectAccessible(page, 'import');
    expect(problems).toEqual([]);
    await context.close();

    // The admin reads the invitation in the outbox; Olena follows its link in her own browser.
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await signIn(admin, hub, 'admin@example.org');
    await admin.goto(`${hub.baseUrl}/admin/outbox`);
    await admin.getByRole('link', { name: 'Einladung zum Arbeitskreis-Hub' }).click();
    const body = (await admin.locator('.mail-body').textContent()) ?? '';
    const link = /http:\/\/127\.0\.0\.1:\d+\/invite\/\S+/.exec(body)?.[0];
    expect(link).toBeDefined();
    await adminContext.close();

    const olenaContext = await newContext(browser);
    const olena = await olenaContext.newPage();
    const olenaProblems = watchPage(olena);
    await olena.goto(link!);
    await expectAccessible(olena, 'invitation');
    await olena.getByLabel('Neues Passwort (Pflichtfeld)', { exact: true }).fill('olenas-passwort');
    await olena.getByLabel('Neues Passwort wiederholen').fill('olenas-passwort');
    await olena.getByRole('button', { name: 'Passwort speichern' }).click();
    await olena.getByText('Angemeldet als Olena Kovalenko').waitFor();
    await olena.getByRole('link', { name: 'Arbeitskreis Integration extern' }).click();
    await olena.getByRole('link', { name: 'Mitgliederliste' }).click();
    await olena.locator('#member-list').getByText('Olena Kovalenko').waitFor();
    await expectAccessible(olena, 'members as member');
    expect(await olena.getByRole('button', { name: /Mitgliedschaft beenden/ }).count()).toBe(0);
    await olena.getByRole('link', { name: /Angemeldet als/ }).click();
    await expectAccessible(olena, 'profile');
    await screenshot(olena, 'profile');
    expect(olenaProblems).toEqual([]);
    await olenaContext.close();
  });

  it('ending a membership asks first and keeps it in the history', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/groups/arbeitskreis-integration-extern/members`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Mitgliedschaft beenden: Olena Kovalenko' }).click();
    await page.getByText('Die Mitgliedschaft ist beendet').waitFor();
    await context.close();
  });

  it('a member of nothing sees no internal group and no member list', async () => {
    await createUser(hub.testDb.db, { name: 'Fritz Fremd', email: 'fritz@example.org' });
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, hub, 'fritz@example.org');
    await page.getByRole('link', { name: 'Arbeitskreise' }).click();
    await page.getByRole('link', { name: 'Arbeitskreis Integration extern' }).click();
    expect(await page.getByRole('link', { name: 'Mitgliederliste' }).count()).toBe(0);
    await expectAccessible(page, 'group as outsider');
    await context.close();
  });
});
