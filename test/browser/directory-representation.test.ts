import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueConfirmations } from '../../src/directory/confirmation.js';
import { createUser } from '../helpers/app.js';
import { addEntry } from '../helpers/directory.js';
import { addGroup } from '../privacy-fixtures.js';
import { expectAccessible, launchChromium, newContext, startHub, watchPage, type RunningHub } from './harness.js';

let hub: RunningHub;
let browser: Browser;
let membership: number;
beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  const db = hub.testDb.db;
  const org = await addEntry(db, { name: 'Nachbarschaftsverein Linde', email: 'linde@example.org' });
  await db.updateTable('organisations').set({ last_confirmed_at: '2025-01-01T00:00:00.000Z' }).where('id', '=', org).execute();
  const groupId = await addGroup(db, 'extern');
  const rosa = await createUser(db, { name: 'Rosa Rot', email: 'rosa@example.org' });
  const at = '2026-01-01T00:00:00.000Z';
  membership = (
    await db
      .insertInto('memberships')
      .values({ group_id: groupId, person_id: rosa.personId, role: 'member', organisation_id: org, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('representation on the confirmation link’s page', () => {
  it('the organisation confirms a representative: accessible before and after', async () => {
    await sendDueConfirmations(hub.testDb.db, new Date(), hub.baseUrl);
    const mail = await hub.testDb.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'linde@example.org').executeTakeFirstOrThrow();
    const link = /http:\/\/127\.0\.0\.1:\d+\/directory\/confirm\/\S+/.exec(mail.body_text)![0];
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Vertretung Ihrer Organisation in Arbeitskreisen' }).waitFor();
    await expectAccessible(page, 'confirmation page with a representative');
    await page.getByRole('button', { name: /^Vertretung bestätigen/ }).click();
    await page.getByText('Die Vertretung ist bestätigt.').waitFor();
    await expectAccessible(page, 'after confirming');
    const row = await hub.testDb.db.selectFrom('memberships').select('representation_confirmed_at').where('id', '=', membership).executeTakeFirstOrThrow();
    expect(row.representation_confirmed_at).not.toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
