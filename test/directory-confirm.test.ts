import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_LIFETIME_MS, sendDueConfirmations } from '../src/directory/confirmation.js';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// Yearly confirmation of directory entries. The harness clock starts on 25.11.2026; entries are
// confirmed on 01.01.2026 unless set otherwise.
let h: TestHarness;
let fresh: number;
let old: number;
let ancient: number;

beforeAll(async () => {
  h = await createHarness();
  fresh = await addEntry(h.db, { name: 'Frisch bestätigt', email: 'frisch@example.org' });
  old = await addEntry(h.db, { name: 'Vor einem Jahr', email: 'alt@example.org', street: 'Weg 1', postal_code: '40721', place: 'Hilden', descriptions: { de: 'Alt' } });
  ancient = await addEntry(h.db, { name: 'Lange her', email: 'lange@example.org' });
  await h.db.updateTable('organisations').set({ last_confirmed_at: '2026-10-01T00:00:00.000Z' }).where('id', '=', fresh).execute();
  await h.db.updateTable('organisations').set({ last_confirmed_at: '2025-11-01T00:00:00.000Z' }).where('id', '=', old).execute();
  await h.db.updateTable('organisations').set({ last_confirmed_at: '2025-01-01T00:00:00.000Z' }).where('id', '=', ancient).execute();
});
afterAll(() => h.close());

const mailTo = (to: string) => h.db.selectFrom('outbox').selectAll().where('to_address', '=', to).execute();

describe('yearly confirmation', () => {
  it('mails entries due after a year, once, even with two instances running at the same time', async () => {
    const other = h.testDb.dialect === 'postgres' ? h.testDb.openAnother() : h.db;
    const [a, b] = await Promise.all([sendDueConfirmations(h.db, h.clock.now(), 'http://localhost'), sendDueConfirmations(other, h.clock.now(), 'http://localhost')]);
    expect(a + b).toBe(2);
    expect(await mailTo('frisch@example.org')).toHaveLength(0);
    const [mail] = await mailTo('alt@example.org');
    expect(mail!.subject).toBe('Ist Ihr Eintrag im Akteursverzeichnis noch aktuell? Vor einem Jahr');
    expect(await sendDueConfirmations(h.db, h.clock.now(), 'http://localhost')).toBe(0);
  });

  it('opening the link changes nothing; its button confirms, once', async () => {
    const link = linkFrom((await mailTo('alt@example.org'))[0]!.body_text);
    for (let i = 0; i < 2; i++) {
      const page = await h.browser().get(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Die Angaben stimmen – bestätigen');
    }
    expect((await h.db.selectFrom('organisations').select('last_confirmed_at').where('id', '=', old).executeTakeFirstOrThrow()).last_confirmed_at).toBe('2025-11-01T00:00:00.000Z');
    expect((await h.browser().post(link, {})).status).toBe(303);
    expect((await h.db.selectFrom('organisations').select('last_confirmed_at').where('id', '=', old).executeTakeFirstOrThrow()).last_confirmed_at).toBe(h.clock.now().toISOString());
    expect((await h.browser().post(link, {})).status).toBe(410);
    expect((await h.browser().get(link)).status).toBe(410);
  });

  it('a correction confirms the entry and waits for review as a proposed change', async () => {
    const link = linkFrom((await mailTo('lange@example.org'))[0]!.body_text);
    const bad = await h.browser().post(`${link}/correct`, { name: '', kind: 'association', description_de: 'x' });
    expect(bad.status).toBe(422);
    const res = await h.browser().post(`${link}/correct`, { name: 'Lange her', kind: 'association', description_de: 'Neue Adresse ab Januar', street: 'Neuer Weg 2' });
    expect(res.status).toBe(303);
    const change = await h.db.selectFrom('organisation_changes').selectAll().where('organisation_id', '=', ancient).executeTakeFirstOrThrow();
    expect(change.status).toBe('pending');
    expect(JSON.parse(change.proposed_json).street).toBe('Neuer Weg 2');
    expect(await (await h.app.request(`/directory/${ancient}`)).text()).not.toContain('Neuer Weg 2');
  });

  it('a link expires after 60 days and forged links are refused', async () => {
    await h.db.updateTable('organisations').set({ last_confirmed_at: '2025-01-01T00:00:00.000Z', confirmation_sent_at: null }).where('id', '=', fresh).execute();
    await sendDueConfirmations(h.db, h.clock.now(), 'http://localhost');
    const link = linkFrom((await mailTo('frisch@example.org'))[0]!.body_text);
    h.clock.advance(LINK_LIFETIME_MS + 1);
    expect((await h.browser().get(link)).status).toBe(410);
    expect((await h.browser().post(link, {})).status).toBe(410);
    expect((await h.browser().get(`/directory/confirm/${'a'.repeat(24)}.${'b'.repeat(24)}`)).status).toBe(410);
  });

  it('a link for an entry that is no longer published does nothing', async () => {
    await h.db.updateTable('organisations').set({ last_confirmed_at: '2025-01-01T00:00:00.000Z', confirmation_sent_at: null }).where('id', '=', old).execute();
    await sendDueConfirmations(h.db, h.clock.now(), 'http://localhost');
    const mails = await mailTo('alt@example.org');
    const link = linkFrom(mails.at(-1)!.body_text);
    await h.db.updateTable('organisations').set({ status: 'archived' }).where('id', '=', old).execute();
    expect((await h.browser().post(link, {})).status).toBe(410);
    expect((await h.browser().post(`${link}/correct`, { name: 'X', kind: 'association', description_de: 'x' })).status).toBe(410);
    await h.db.updateTable('organisations').set({ status: 'published', last_confirmed_at: h.clock.now().toISOString() }).where('id', '=', old).execute();
  });

  it('shows the secretariat the entries unconfirmed for 18 months', async () => {
    await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
    const sek = h.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    await h.db.updateTable('organisations').set({ last_confirmed_at: '2024-12-01T00:00:00.000Z' }).where('id', '=', ancient).execute();
    const html = await (await sek.get('/admin/directory')).text();
    const stale = html.slice(html.indexOf('Seit über 18 Monaten nicht bestätigt'));
    expect(stale).toContain('Lange her');
    expect(stale).not.toContain('Vor einem Jahr');
  });
});
