import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, screenshot, startHub, signIn, watchPage, type RunningHub } from './harness.js';

let hub: RunningHub;
let browser: Browser;
let meetingId: number;
let itemIds: number[];

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Thomas Becker', email: 'sek@example.org', role: 'secretariat' });
  const { personId } = await createUser(db, { name: 'Petra Wagner', email: 'petra@example.org' });
  const at = '2026-01-01T00:00:00.000Z';
  const group = await db.insertInto('groups').values({ name: 'AK intern', slug: 'ak', kind: 'internal', description: '', colour: '#0b5394', dates_public: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ group_id: group.id, person_id: personId, role: 'member', organisation_id: null, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at }).execute();
  const meeting = await db
    .insertInto('meetings')
    .values({ group_id: group.id, title: 'Herbstsitzung', starts_at: '2026-11-18T17:00:00.000Z', ends_at: '2026-11-18T19:00:00.000Z', location: 'Kreishaus', status: 'held', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  meetingId = meeting.id;
  itemIds = [];
  for (const [i, title] of ['Begrüßung und Genehmigung des Protokolls der letzten Sitzung', 'Bericht aus den Städten', 'Verschiedenes'].entries()) {
    itemIds.push((await db.insertInto('agenda_items').values({ meeting_id: meetingId, position: i + 1, title, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id);
  }
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('minutes in Chromium', () => {
  it('write (autosaved), circulate, read as a member, see and close the action item', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');
    await page.goto(`${hub.baseUrl}/meetings/${meetingId}/minutes`);
    await expectAccessible(page, 'minutes editor');
    await page.locator(`#notes_${itemIds[1]}`).fill('Die Städte berichten:\n\n- Hilden: neuer Sprachkurs\n- **Ratingen**: Beratung ausgebaut');
    // Autosave a few seconds after typing stops.
    await page.getByText(/Entwurf automatisch gespeichert um/).waitFor({ timeout: 15_000 });
    await page.locator(`#decision_${itemIds[1]}_0_text`).fill('Der Bericht wird zur Kenntnis genommen.');
    await page.locator(`#action_${itemIds[1]}_0_description`).fill('Übersicht der Sprachkurse an alle schicken');
    await page.locator(`#action_${itemIds[1]}_0_person`).selectOption({ label: 'Petra Wagner' });
    await page.locator(`#action_${itemIds[1]}_0_due`).fill('2026-12-15');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.getByText('Der Entwurf ist gespeichert.').waitFor();
    await screenshot(page, 'minutes-editor');
    await page.getByRole('button', { name: 'Zur Korrektur an die Mitglieder senden' }).click();
    await page.getByText('Das Protokoll ist versandt').waitFor();
    await expectAccessible(page, 'minutes circulated');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'minutes-print');
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
    await context.close();

    const memberContext = await newContext(browser);
    const member = await memberContext.newPage();
    await signIn(member, hub, 'petra@example.org');
    await member.getByRole('link', { name: 'Übersicht der Sprachkurse an alle schicken' }).click();
    await expectAccessible(member, 'actions');
    await member.getByLabel('Vermerk (optional)').fill('Am 20.11. verschickt');
    await member.getByRole('button', { name: 'Erledigt' }).click();
    await member.getByText('Die Aufgabe ist als erledigt vermerkt.').waitFor();
    await member.goto(`${hub.baseUrl}/meetings/${meetingId}/minutes`);
    await member.locator('li', { hasText: 'Hilden: neuer Sprachkurs' }).waitFor();
    expect(await member.locator('strong', { hasText: 'Ratingen' }).count()).toBe(1);
    await expectAccessible(member, 'minutes read');
    await member.getByLabel('Ihre Anmerkung zu TOP 2').fill('Bitte ergänzen:\nauch Mettmann hat berichtet.');
    await member.getByRole('button', { name: 'Anmerkung zu TOP 2 senden' }).click();
    await member.getByText('Ihre Anmerkung ist gespeichert').waitFor();
    await member.locator('.comment-body', { hasText: 'auch Mettmann hat berichtet.' }).waitFor();
    await expectAccessible(member, 'minutes with a comment');
    await screenshot(member, 'minutes-comment');
    await member.goto(`${hub.baseUrl}/actions`);
    await member.getByRole('link', { name: 'Protokolle und Beschlüsse durchsuchen' }).click();
    await member.getByLabel('Suchbegriffe').fill('kenntnis');
    await member.getByRole('button', { name: 'Suchen', exact: true }).click();
    await member.locator('.search-results li', { hasText: 'Beschluss' }).filter({ hasText: 'Der Bericht wird zur Kenntnis genommen.' }).waitFor();
    await expectAccessible(member, 'minutes search');
    await screenshot(member, 'minutes-search');
    await member.goto(`${hub.baseUrl}/meetings/${meetingId}/minutes`);
    await member.getByRole('link', { name: /^Fassung \d+$/ }).first().click();
    await member.getByText('Sie sehen eine festgehaltene Fassung').waitFor();
    await expectAccessible(member, 'minutes kept version');
    await screenshot(member, 'minutes-version');
    await memberContext.close();

    // The secretariat approves, then corrects the approved minutes with a reason.
    const staffContext = await newContext(browser);
    const staff = await staffContext.newPage();
    const staffProblems = watchPage(staff);
    await signIn(staff, hub, 'sek@example.org');
    await staff.goto(`${hub.baseUrl}/meetings/${meetingId}/minutes`);
    await staff.getByRole('button', { name: 'Als genehmigt festhalten' }).click();
    await staff.getByRole('link', { name: 'Genehmigtes Protokoll berichtigen' }).click();
    await staff.getByRole('button', { name: 'Berichtigung speichern' }).click();
    await staff.locator('a[href="#reason"]').click();
    expect(await staff.evaluate(() => document.activeElement?.id)).toBe('reason');
    await expectAccessible(staff, 'minutes correction with an error');
    await staff.locator('#reason').fill('Name der Stadt korrigiert');
    await staff.locator(`#notes_${itemIds[1]}`).fill('Die Städte berichten: Hilden und Ratingen.');
    await staff.getByRole('button', { name: 'Berichtigung speichern' }).click();
    await staff.getByText('Die Berichtigung ist gespeichert').waitFor();
    await staff.getByRole('cell', { name: 'Name der Stadt korrigiert' }).waitFor();
    await screenshot(staff, 'minutes-corrected');
    await staff.getByRole('link', { name: /^Fassung \d+$/ }).nth(1).click();
    await staff.getByRole('link', { name: 'Mit der aktuellen Fassung vergleichen' }).click();
    await staff.locator('ins').first().waitFor();
    await expectAccessible(staff, 'minutes compare');
    await screenshot(staff, 'minutes-compare');
    expect(staffProblems).toEqual([]);
    await staffContext.close();
  });
});
