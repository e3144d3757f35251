import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { lockKey } from '../src/db/dialect.js';
import { megabytes } from '../src/meetings/documents.js';
import { Browser, createUser, TEST_PASSWORD, TestClock, testConfig, type TestHarness } from './helpers/app.js';
import { createTestDatabase } from './helpers/db.js';

// A group may store GROUP_FILE_QUOTA_MB over all its meetings' documents; here 1 MB, so that two
// files of 600 KB do not fit together.
let h: TestHarness;
const who: Record<string, Browser> = {};
const KB = 1024;

function pdf(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'));
  return bytes;
}

function upload(size: number, name = 'unterlage.pdf') {
  const form = new FormData();
  form.set('file', new File([pdf(size) as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' }));
  return form;
}

async function newMeeting(slug: string, title: string): Promise<number> {
  const res = await who.olaf!.post(`/groups/${slug}/meetings`, { title, day: '2026-12-09', start_time: '18:00', end_time: '20:00' });
  return Number(res.headers.get('location')!.split('/').pop());
}

const storedBytes = async () => Number((await h.db.selectFrom('files').select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('size'), eb.val(0)).as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  const testDb = await createTestDatabase();
  const clock = new TestClock();
  h = { app: createApp({ db: testDb.db, config: testConfig({ GROUP_FILE_QUOTA_MB: '1' }), now: clock.now }), db: testDb.db, testDb, clock, browser: () => new Browser(h), close: () => testDb.destroy() };
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf', email: 'olaf@example.org' });
  for (const name of ['sek', 'olaf']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  for (const slug of ['ak', 'ak-zwei']) {
    await who.sek!.post('/groups', { name: `AK ${slug}`, slug, kind: 'internal' });
    await who.sek!.post(`/groups/${slug}/members`, { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  }
});
afterAll(() => h.close());

describe('the group file quota', () => {
  it('is 500 MB unless GROUP_FILE_QUOTA_MB says otherwise', () => {
    expect(loadConfig({}).groupFileQuotaMb).toBe(500);
    expect(loadConfig({ GROUP_FILE_QUOTA_MB: '2000' }).groupFileQuotaMb).toBe(2000);
    expect(() => loadConfig({ GROUP_FILE_QUOTA_MB: 'viel' })).toThrow(/GROUP_FILE_QUOTA_MB muss eine Zahl sein/);
    expect(() => loadConfig({ GROUP_FILE_QUOTA_MB: '0' })).toThrow(/GROUP_FILE_QUOTA_MB muss mindestens 1 sein/);
    expect(megabytes(0, 'de')).toBe('0 MB');
    expect(megabytes(600 * KB, 'de')).toBe('0,6 MB');
    expect(megabytes(1024 * 1024 * 500, 'en')).toBe('500 MB');
  });

  it('refuses the upload that would exceed it, over all meetings of the group, and stores nothing; after a deletion there is room again', async () => {
    const first = await newMeeting('ak', 'Erste');
    const second = await newMeeting('ak', 'Zweite');
    expect(await (await who.olaf!.get(`/meetings/${first}`)).text()).toContain('Speicherplatz des Arbeitskreises für Unterlagen: 0 MB von 1 MB belegt.');
    expect((await who.olaf!.upload(`/meetings/${first}/files`, upload(600 * KB))).status).toBe(303);
    expect(await (await who.olaf!.get(`/meetings/${second}`)).text()).toContain('0,6 MB von 1 MB belegt');

    // The second file goes to another meeting of the same group: the quota is the group's.
    const refused = await who.olaf!.upload(`/meetings/${second}/files`, upload(600 * KB, 'zweite.pdf'));
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain('Der Speicherplatz des Arbeitskreises reicht für diese Datei (0,6 MB) nicht: 0,6 MB von 1 MB sind belegt.');
    expect(page).toMatch(/<p class="field__error" id="field-file-error">/);
    expect(await storedBytes()).toBe(600 * KB);

    // Another group has its own quota.
    const elsewhere = await newMeeting('ak-zwei', 'Anderswo');
    expect((await who.olaf!.upload(`/meetings/${elsewhere}/files`, upload(600 * KB))).status).toBe(303);

    const file = await h.db.selectFrom('files').select('id').where('meeting_id', '=', first).executeTakeFirstOrThrow();
    expect((await who.olaf!.post(`/files/${file.id}/delete`, {})).status).toBe(303);
    expect((await who.olaf!.upload(`/meetings/${second}/files`, upload(600 * KB, 'zweite.pdf'))).status).toBe(303);
    expect(await h.db.selectFrom('files').select('name').where('meeting_id', '=', second).execute()).toEqual([{ name: 'zweite.pdf' }]);
  });

  it('an upload at the same moment as another waits for it and then counts its file', async () => {
    await h.db.deleteFrom('files').execute();
    const meeting = await newMeeting('ak', 'Gleichzeitig');
    const { group_id } = await h.db.selectFrom('meetings').select('group_id').where('id', '=', meeting).executeTakeFirstOrThrow();
    let second: Promise<Response> | undefined;
    let answered = false;
    await h.db.transaction().execute(async (trx) => {
      // The first upload as storeDocument runs it: its file inserted, the group's lock taken, not yet committed.
      await trx.insertInto('files').values({ meeting_id: meeting, agenda_item_id: null, name: 'erste.pdf', content_type: 'application/pdf', size: 600 * KB, sha256: '0'.repeat(64), data: Buffer.from(pdf(600 * KB)), uploaded_by_user_id: null, created_at: h.clock.now().toISOString() }).execute();
      await lockKey(trx, `files:group:${group_id}`);
      second = who.olaf!.upload(`/meetings/${meeting}/files`, upload(600 * KB, 'zweite.pdf')).finally(() => (answered = true));
      // On PostgreSQL the second runs on another connection: wait until it waits for the lock (or, were
      // there none, has answered already). On SQLite it waits for the one connection anyway.
      if (h.testDb.dialect === 'postgres') {
        const waiting = async () => Number((await sql<{ n: string }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(h.db)).rows[0]!.n) > 0;
        while (!answered && !(await waiting())) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    expect((await second!).status).toBe(422);
    expect(await h.db.selectFrom('files').select('name').execute()).toEqual([{ name: 'erste.pdf' }]);
  });
});
