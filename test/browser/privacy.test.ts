import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { addGroup, addMeeting, seedEverything } from '../privacy-fixtures.js';
import { expectAccessible, HOUSE_RULES, launchChromium, newContext, screenshot, startHub, signIn, watchPage, type RunningHub } from './harness.js';

let hub: RunningHub;
let browser: Browser;
let mia: { personId: number; userId: number };
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Thomas Becker', email: 'sek@example.org', role: 'secretariat' });
  mia = await createUser(db, { name: 'Mia Müller', email: 'mia@example.org' });
  const groupId = await addGroup(db, 'intern');
  const meetingId = await addMeeting(db, groupId, '2026-01-14T16:00:00.000Z', 'Wintersitzung');
  await seedEverything(db, { ...mia, email: 'mia@example.org' }, { groupId, meetingId });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('data protection pages in Chromium', () => {
  it('a member reads their data from the profile; the page passes axe', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'mia@example.org');
    await page.goto(`${hub.baseUrl}/profile`);
    await expectAccessible(page, 'profile');
    await page.getByRole('link', { name: 'Meine gespeicherten Daten ansehen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meine gespeicherten Daten' }).waitFor();
    await page.getByRole('heading', { name: 'Einladungen und Rückmeldungen' }).waitFor();
    // Every section's table is a scrollable region of its own: each with its own name (landmark-unique).
    await expectAccessible(page, 'own data export', HOUSE_RULES);
    await screenshot(page, 'privacy-export');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Als JSON-Datei herunterladen' }).click();
    expect((await download).suggestedFilename()).toMatch(/^arbeitskreis-hub-daten-\d+-\d{4}-\d{2}-\d{2}\.json$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the staff’s export of a person, the person page and the confirmation step pass axe, with the error shown too', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/people/${mia.personId}/data`);
    await page.getByRole('heading', { level: 1, name: 'Gespeicherte Daten: Mia Müller' }).waitFor();
    await expectAccessible(page, 'staff data export', HOUSE_RULES);
    await page.goto(`${hub.baseUrl}/people/${mia.personId}`);
    await expectAccessible(page, 'person page with privacy section', HOUSE_RULES);
    await page.getByRole('link', { name: 'Person anonymisieren …' }).click();
    await page.getByText('Das kann nicht rückgängig gemacht werden.').waitFor();
    await expectAccessible(page, 'anonymise confirmation', HOUSE_RULES);
    // Without the box ticked: the error summary, nothing changed.
    await page.getByRole('button', { name: 'Endgültig anonymisieren' }).click();
    await page.getByRole('link', { name: 'Bitte bestätigen Sie, dass Sie die Person unwiderruflich anonymisieren wollen.' }).waitFor();
    await expectAccessible(page, 'anonymise confirmation with error', HOUSE_RULES);
    await screenshot(page, 'privacy-anonymise');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the secretariat anonymises a person without JavaScript; the page then says so', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/people/${mia.personId}/anonymise`);
    await page.getByLabel('Ich habe verstanden, dass die Angaben dieser Person unwiderruflich gelöscht werden.').check();
    await page.getByRole('button', { name: 'Endgültig anonymisieren' }).click();
    await page.getByText('Die Person ist anonymisiert.').waitFor();
    await page.getByRole('heading', { level: 1, name: `Ehemaliges Mitglied #${mia.personId}` }).waitFor();
    await context.close();

    const withJs = await newContext(browser);
    const again = await withJs.newPage();
    await signIn(again, hub, 'sek@example.org');
    await again.goto(`${hub.baseUrl}/people/${mia.personId}`);
    await again.getByText('Diese Person wurde am').waitFor();
    await expectAccessible(again, 'anonymised person');
    await withJs.close();
  });
});
