import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSubmissionDigest } from '../src/directory/digest.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// New directory submissions reach the staff as one digest a day, not a mail per entry.

let h: TestHarness;
let admin: Browser;
const BASE = 'https://hub.example';
const mails = () => h.db.selectFrom('outbox').select(['to_address', 'subject', 'body_text']).orderBy('id').execute();
const run = () => sendSubmissionDigest(h.db, h.clock.now(), BASE);

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Anton Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Alt Sekretariat', email: 'alt@example.org', role: 'secretariat', active: false });
  admin = h.browser();
  await admin.login('admin@example.org', TEST_PASSWORD);
});
afterAll(() => h.close());

describe('the daily submission digest', () => {
  it('is on by default, and says so in the settings', async () => {
    expect(await (await admin.get('/admin/settings')).text()).toMatch(/id="field-submission_digest"[^>]*checked/);
  });

  it('waits until 07:00 Berlin time, then mails each active reviewer once, naming the new entries', async () => {
    await addEntry(h.db, { name: 'Deutsch-Polnischer Verein Velbert', kind: 'association' }, 'pending');
    await addEntry(h.db, { name: 'Schon veröffentlicht', kind: 'association' });
    h.clock.current = new Date('2026-11-25T05:30:00.000Z'); // 06:30 in Berlin
    expect(await run()).toBe(0);
    h.clock.current = new Date('2026-11-25T06:05:00.000Z'); // 07:05
    expect(await run()).toBe(2);
    const sent = await mails();
    expect(sent.map((m) => m.to_address).sort()).toEqual(['admin@example.org', 'sek@example.org']);
    expect(sent[0]!.subject).toBe('Verzeichnis: 1 neue Einträge und Änderungen zur Prüfung');
    expect(sent[0]!.body_text).toContain('- Deutsch-Polnischer Verein Velbert');
    expect(sent[0]!.body_text).not.toContain('Schon veröffentlicht');
    expect(sent[0]!.body_text).toContain(`${BASE}/admin/directory`);
    // A second run the same day sends nothing, even with news.
    await addEntry(h.db, { name: 'Später am Tag e. V.', kind: 'association' }, 'pending');
    await h.db.updateTable('organisations').set({ created_at: '2026-11-25T10:00:00.000Z' }).where('name', '=', 'Später am Tag e. V.').execute();
    h.clock.current = new Date('2026-11-25T15:00:00.000Z');
    expect(await run()).toBe(0);
  });

  it('the next day names only what came in since, and a day without news sends nothing', async () => {
    h.clock.current = new Date('2026-11-26T07:00:00.000Z');
    expect(await run()).toBe(2);
    const body = (await mails()).at(-1)!.body_text;
    expect(body).toContain('Später am Tag e. V.');
    expect(body).not.toContain('Deutsch-Polnischer Verein');
    h.clock.current = new Date('2026-11-27T07:00:00.000Z');
    expect(await run()).toBe(0);
    expect(await mails()).toHaveLength(4);
  });

  it('an admin switches it off; then nothing goes out', async () => {
    const res = await admin.post('/admin/settings', { office_name: 'Kommunales Integrationszentrum', office_email: '' });
    expect(res.status).toBe(303);
    expect(await (await admin.get('/admin/settings')).text()).not.toMatch(/id="field-submission_digest"[^>]*checked/);
    await addEntry(h.db, { name: 'Noch ein Verein', kind: 'association' }, 'pending');
    await h.db.updateTable('organisations').set({ created_at: '2026-11-27T10:00:00.000Z' }).where('name', '=', 'Noch ein Verein').execute();
    h.clock.current = new Date('2026-11-28T07:00:00.000Z');
    expect(await run()).toBe(0);
  });
});
