import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/app.js';
import { expectAccessible, launchChromium, newContext, signIn, startHub, watchPage, type RunningHub } from './harness.js';

// A chair invites by address; the invitee answers through the mailed link (keyboard and axe checked).
let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  await createUser(db, { name: 'Carla Chair', email: 'carla@example.org' });
  const at = '2026-01-01T00:00:00.000Z';
  const group = await db.insertInto('groups').values({ name: 'AK Sprache', slug: 'ak-sprache', kind: 'external', description: '', colour: '#0b5394', dates_public: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  const carla = await db.selectFrom('persons').select('id').where('email_normalized', '=', 'carla@example.org').executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ group_id: group.id, person_id: carla.id, role: 'chair', starts_on: '2026-01-01', created_at: at, updated_at: at }).execute();
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('group invitations in Chromium', () => {
  it('a chair invites, the invitee accepts', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, hub, 'carla@example.org');
    await page.goto(`${hub.baseUrl}/groups/ak-sprache/members`);
    await page.getByLabel('E-Mail-Adresse (Pflichtfeld)').fill('neu@example.org');
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await page.getByText('Bitte geben Sie den Namen der Person ein.').first().waitFor();
    await expectAccessible(page, 'invitation with error');
    await page.getByLabel('Name der Person (Pflichtfeld)').fill('Nina Neu');
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await page.getByText('Die Einladung ist verschickt.').waitFor();
    await page.getByRole('heading', { name: 'Offene Einladungen' }).waitFor();
    await expectAccessible(page, 'members with open invitation');
    expect(problems).toEqual([]);
    await context.close();

    const mail = await hub.testDb.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'neu@example.org').executeTakeFirstOrThrow();
    const link = /http:\/\/127\.0\.0\.1:\d+\/join\/\S+/.exec(mail.body_text)?.[0];
    expect(link).toBeDefined();
    const invitee = await (await newContext(browser)).newPage();
    await invitee.goto(link!);
    await expectAccessible(invitee, 'join page');
    await invitee.getByRole('button', { name: 'Einladung annehmen' }).focus();
    await invitee.keyboard.press('Enter');
    await invitee.getByText('Sie sind jetzt Mitglied im Arbeitskreis „AK Sprache“.').waitFor();
    await expectAccessible(invitee, 'join accepted');
  });
});
