import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, screenshot, startHub, signIn, watchPage, type RunningHub } from './harness.js';

// The secretariat's week in Chromium, as the work queue leads through it: plan, invite, remind, record,
// write, circulate, approve, send the PDF. axe runs on every page on the way; any console error fails.

let hub: RunningHub;
let browser: Browser;
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Thomas Becker', email: 'sek@example.org', role: 'secretariat' });
  const at = '2026-01-01T00:00:00.000Z';
  const group = await db.insertInto('groups').values({ name: 'AK Sprache', slug: 'sprache', kind: 'internal', description: '', colour: '#0b5394', dates_public: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  for (const name of ['Petra Wagner', 'Jana Hoffmann', 'Frank Richter']) {
    const { personId } = await createUser(db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
    await db.insertInto('memberships').values({ group_id: group.id, person_id: personId, role: 'member', organisation_id: null, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at }).execute();
  }
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe("the secretariat's week", () => {
  it('plan → invite → remind → record → write → circulate → approve → the PDF, each step from the work queue or the meeting page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'sek@example.org');

    // Plan: a meeting in five days.
    await page.goto(`${hub.baseUrl}/groups/sprache`);
    await page.getByRole('link', { name: 'Sitzung planen' }).click();
    await page.getByLabel('Titel (Pflichtfeld)').fill('Sitzung Sprachkurse');
    await page.getByLabel('Datum (Pflichtfeld)').fill(day(5));
    await page.getByLabel('Beginn (Pflichtfeld)').fill('10:00');
    await page.getByLabel('Ende (Pflichtfeld)').fill('12:00');
    await page.getByLabel('Ort (Adresse)').fill('Kreishaus Mettmann');
    await page.getByRole('button', { name: 'Sitzung planen' }).click();
    await page.getByText('Die Sitzung ist angelegt.').waitFor();
    const meetingId = Number(new URL(page.url()).pathname.split('/').pop());

    // The work queue says the invitation is due, and leads to the meeting.
    await page.goto(hub.baseUrl);
    const queue = page.getByRole('region', { name: 'Was ansteht' }).or(page.locator('section[aria-labelledby="work-queue"]'));
    await queue.getByRole('link', { name: /Sitzung Sprachkurse .*Einladung noch nicht verschickt/ }).waitFor();
    await expectAccessible(page, 'dashboard with the work queue');
    await screenshot(page, 'week-dashboard');
    await queue.getByRole('link', { name: /Einladung noch nicht verschickt/ }).click();

    // Invite; one member answers from the mail link and gets the confirmation with the calendar file.
    await page.getByRole('link', { name: 'Einladung an alle Mitglieder senden' }).click();
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByRole('heading', { name: 'So geht die Einladung hinaus' }).waitFor();
    await expectAccessible(page, 'invitation preview');
    await screenshot(page, 'week-invitation-preview');
    await page.getByRole('button', { name: /^Einladung an \d+ Personen senden$/ }).click();
    await page.getByText('Die Einladungen stehen im Postausgang.').waitFor();
    const mail = await hub.testDb.db.selectFrom('outbox').select(['body_text', 'attachments_json']).where('to_address', '=', 'petra@example.org').executeTakeFirstOrThrow();
    expect(JSON.parse(mail.attachments_json!).map((a: { contentType: string }) => a.contentType.split(';')[0])).toEqual(['text/calendar', 'application/pdf']);
    const accept = /http:\/\/127\.0\.0\.1:\d+\/rsvp\/\S+\?answer=accepted/.exec(mail.body_text)![0];
    const memberContext = await newContext(browser);
    const member = await memberContext.newPage();
    const memberProblems = watchPage(member);
    await member.goto(accept);
    await member.getByRole('button', { name: 'Antwort senden' }).click();
    await member.getByText('Vielen Dank! Gespeichert ist Ihre Antwort: Zusage.').waitFor();
    await member.getByRole('link', { name: 'In den eigenen Kalender übernehmen (.ics)' }).waitFor();
    await expectAccessible(member, 'reply confirmation');
    expect(memberProblems).toEqual([]);
    await memberContext.close();

    // Remind the two who have not answered: one click, shown in the list.
    await page.reload();
    await page.getByRole('button', { name: 'An die Antwort erinnern' }).click();
    await page.getByText('Die Erinnerungen sind im Postausgang.').waitFor();
    expect(await page.locator('#replies').getByText(/^erinnert am /).count()).toBe(2);
    await expectAccessible(page, 'meeting page after the reminder');
    expect(await hub.testDb.db.selectFrom('outbox').select('id').where('subject', 'like', 'Erinnerung:%').execute()).toHaveLength(2);

    // The meeting took place (moved into the past here): recording it is now the main action.
    const started = new Date(Date.now() - 3 * 3600_000);
    await hub.testDb.db.updateTable('meetings').set({ starts_at: started.toISOString(), ends_at: new Date(started.getTime() + 2 * 3600_000).toISOString() }).where('id', '=', meetingId).execute();
    await page.reload();
    expect(await page.getByRole('button', { name: 'Sitzung absagen' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Anwesenheit erfassen' }).click();
    await page.getByRole('button', { name: 'Alle mit Zusage als anwesend eintragen' }).click();
    await page.getByText('Alle, die zugesagt haben, sind als anwesend eingetragen.').waitFor();
    expect(await page.getByRole('radio', { name: 'Petra Wagner anwesend' }).isChecked()).toBe(true);
    await expectAccessible(page, 'attendance after one step');

    // Write the minutes (Markdown) with a decision, and send them out with a day for comments.
    await page.goto(`${hub.baseUrl}/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Protokoll schreiben' }).click();
    const items = await hub.testDb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
    const itemId = items[0]?.id;
    expect(itemId).toBeDefined();
    await page.locator(`#notes_${itemId}`).fill('Frau Wagner berichtet:\n\n1. Wartelisten bei den *Berufssprachkursen*\n2. neue Kurse ab Februar');
    await page.locator(`#decision_${itemId}_0_text`).fill('Der Arbeitskreis fragt den Bedarf bei den Trägern ab.');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.getByText('Der Entwurf ist gespeichert.').waitFor();
    await expect(page.getByLabel(/Kommentare bis/).inputValue()).resolves.toBe(day(14));
    await page.getByRole('button', { name: 'Zur Korrektur an die Mitglieder senden' }).click();
    await page.getByText('Das Protokoll ist versandt').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Wartelisten bei den Berufssprachkursen' }).waitFor();
    await expectAccessible(page, 'circulated minutes');

    // Approve; the decision gets its number, the minutes PDF is there to send.
    await page.getByRole('button', { name: 'Als genehmigt festhalten' }).click();
    await page.getByText(`${started.getFullYear()}/01`).first().waitFor();
    await expectAccessible(page, 'approved minutes');
    await screenshot(page, 'week-approved-minutes');
    const pdf = await page.request.get(`${hub.baseUrl}/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('link', { name: 'Protokoll als PDF' }).first().waitFor();

    // Back on the dashboard the meeting's work is done, and the minutes are among the approved ones.
    await page.goto(hub.baseUrl);
    expect(await page.locator('section[aria-labelledby="work-queue"]').getByText('Sitzung Sprachkurse').count()).toBe(0);
    await page.locator('section[aria-labelledby="minutes-approved"]').getByRole('link', { name: /Sitzung Sprachkurse/ }).waitFor();
    await expectAccessible(page, 'dashboard at the end of the week');
    expect(problems).toEqual([]);
    await context.close();
  });
});
