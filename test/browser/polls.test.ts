import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, startHub, signIn, watchPage, type RunningHub } from './harness.js';

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

describe('a date poll in Chromium', () => {
  it('propose dates → a member answers from the mail link → the table → fix a date → the invitation page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/groups/new`);
    await page.getByLabel('Name (Pflichtfeld)').fill('Arbeitskreis Integration intern');
    await page.getByLabel('intern', { exact: true }).check();
    await page.getByRole('button', { name: 'Arbeitskreis anlegen' }).click();
    await page.getByText('Der Arbeitskreis ist angelegt.').waitFor();
    await page.goto(`${hub.baseUrl}/groups/arbeitskreis-integration-intern/members`);
    await page.getByLabel('Person (E-Mail-Adresse oder Name) (Pflichtfeld)').fill('petra@example.org');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.getByText('Das Mitglied ist hinzugefügt.').waitFor();

    await page.goto(`${hub.baseUrl}/groups/arbeitskreis-integration-intern/polls`);
    await page.getByRole('link', { name: 'Terminumfrage anlegen' }).click();
    await expectAccessible(page, 'new poll');
    await page.getByLabel('Titel (Pflichtfeld)').fill('Sitzung im Frühjahr');
    await page.getByLabel('Termin 1: Tag (Pflichtfeld)').fill('2030-03-12');
    // One date only: refused next to the field.
    await page.getByRole('button', { name: 'Umfrage anlegen und versenden' }).click();
    await page.getByText('Bitte schlagen Sie mindestens zwei Termine vor.').first().waitFor();
    await expectAccessible(page, 'new poll with an error');
    await page.getByLabel('Termin 2: Tag (Pflichtfeld)').fill('2030-03-14');
    await page.getByRole('button', { name: 'Umfrage anlegen und versenden' }).click();
    await page.getByText('Die Terminumfrage ist angelegt').waitFor();
    const pollPath = new URL(page.url()).pathname;
    expect(pollPath).toMatch(/^\/polls\/\d+$/);

    // The member answers from the mail link, signed out.
    const mail = await hub.testDb.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'petra@example.org').where('subject', 'like', 'Terminumfrage%').executeTakeFirstOrThrow();
    const link = /http:\/\/127\.0\.0\.1:\d+\/poll\/\S+/.exec(mail.body_text)![0];
    const other = await (await newContext(browser)).newPage();
    const otherProblems = watchPage(other);
    await other.goto(link);
    await expectAccessible(other, 'poll mail link');
    await other.getByRole('group', { name: /12\.03\.2030/ }).getByLabel('ja').check();
    await other.getByRole('group', { name: /14\.03\.2030/ }).getByLabel('wenn nötig').check();
    await other.getByRole('button', { name: 'Antwort speichern' }).click();
    await other.getByText('Ihre Antwort ist gespeichert.').waitFor();
    await expectAccessible(other, 'poll answer saved');
    expect(otherProblems).toEqual([]);

    // The table, then fix the first date: the meeting is created and the send page opens.
    await page.goto(`${hub.baseUrl}${pollPath}`);
    await page.getByRole('table', { name: 'Wer kann wann' }).getByText('Petra Wagner').waitFor();
    await expectAccessible(page, 'poll table');
    await page.getByRole('group', { name: 'Welcher Termin wird die Sitzung?' }).getByLabel(/12\.03\.2030/).check();
    await page.getByRole('button', { name: 'Diesen Termin festlegen' }).click();
    await page.getByText('Der Termin ist festgelegt').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/meetings\/\d+\/invite$/);
    expect(problems).toEqual([]);
  });
});
