import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { foldText } from '../src/lib/fold.js';

// The send page of an invitation: note, deadline and attachments, the mail as it leaves, and who it
// cannot reach. The clock stands at 2026-11-25; the meeting is on 2026-12-10.

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;
let otherMeetingId: number;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function upload(name: string) {
  const form = new FormData();
  form.set('file', new File([PDF], name, { type: 'application/pdf' }));
  return form;
}

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  for (const name of ['Olaf Organisator', 'Ines Intern']) await createUser(h.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
  for (const name of ['sek', 'olaf', 'ines']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK Bildung', slug: 'bildung', kind: 'internal' });
  await who.sek!.post('/groups/bildung/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/bildung/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  // A member the office reaches by phone only.
  const at = '2026-01-01T00:00:00.000Z';
  const offline = await h.db.insertInto('persons').values({ name: 'Hatice Telefon', name_folded: foldText('Hatice Telefon'), phone: '02104 99-1234', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  const group = await h.db.selectFrom('groups').select('id').where('slug', '=', 'bildung').executeTakeFirstOrThrow();
  await h.db.insertInto('memberships').values({ group_id: group.id, person_id: offline.id, role: 'member', organisation_id: null, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at }).execute();
  const res = await who.olaf!.post('/groups/bildung/meetings', { title: 'Sitzung Bildung', day: '2026-12-10', start_time: '15:00', end_time: '17:00', location: 'VHS Hilden', default_agenda: 'on' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
  const other = await who.olaf!.post('/groups/bildung/meetings', { title: 'Andere Sitzung', day: '2027-01-14', start_time: '15:00', end_time: '17:00' });
  otherMeetingId = Number(other.headers.get('location')!.split('/').pop());
  await who.olaf!.upload(`/meetings/${meetingId}/files`, upload('Bildungsbericht.pdf'));
  await who.olaf!.upload(`/meetings/${otherMeetingId}/files`, upload('Fremd.pdf'));
});
afterAll(() => h.close());

const fileId = async (name: string) => (await h.db.selectFrom('files').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('the send page', () => {
  it('is where the meeting page leads, for those who manage the meeting', async () => {
    expect(await (await who.olaf!.get(`/meetings/${meetingId}`)).text()).toContain(`<a class="button" href="/meetings/${meetingId}/invite">Einladung an alle Mitglieder senden</a>`);
    const page = await (await who.olaf!.get(`/meetings/${meetingId}/invite`)).text();
    expect(page).toContain('Persönliche Notiz (optional)');
    expect(page).toContain('Antwort erbeten bis (optional)');
    expect(page).toMatch(/id="field-attach_pdf"[^>]*checked/);
    expect(page).toContain('Bildungsbericht.pdf');
    expect(page).not.toContain('Fremd.pdf');
    expect((await who.ines!.get(`/meetings/${meetingId}/invite`)).status).toBe(403);
  });

  it('previews the mail as it leaves, with note, deadline and signature, and names who it cannot reach', async () => {
    const file = await fileId('Bildungsbericht.pdf');
    const res = await who.olaf!.post(`/meetings/${meetingId}/invite/preview`, { note: 'Diesmal stellt sich die VHS vor.', reply_by: '2026-12-03', files: String(file), attach_pdf: 'on' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Einladung: Sitzung Bildung am 10.12.2026');
    expect(html).toContain('Diesmal stellt sich die VHS vor.');
    expect(html).toContain('Bitte geben Sie uns Rückmeldung bis zum 03.12.2026');
    expect(html).toContain('/rsvp/PERSÖNLICHER-LINK?answer=accepted');
    expect(html).toMatch(/<pre class="mail-preview"[^>]*>[\s\S]*-- \n/);
    expect(html).toContain('sitzung.ics, Einladung_Sitzung_Bildung_2026-12-10.pdf, Bildungsbericht.pdf');
    expect(html).toContain('Ohne E-Mail-Adresse (1)');
    expect(html).toContain('<td>Hatice Telefon</td>');
    expect(html).toContain('02104 99-1234');
    expect(html).toContain('Die Einladung geht an 2 Personen.');
    expect(html).toContain('Einladung an 2 Personen senden');
    // Nothing went out yet.
    expect(await h.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('refuses a deadline after the meeting, documents of another meeting, and too long a note, next to the field', async () => {
    for (const [form, field, message] of [
      [{ reply_by: '2026-12-11' }, 'reply_by', 'zwischen heute und dem Tag der Sitzung'],
      [{ reply_by: '2026-11-24' }, 'reply_by', 'zwischen heute und dem Tag der Sitzung'],
      [{ files: String(await fileId('Fremd.pdf')) }, 'files', ''],
      [{ note: 'x'.repeat(2001) }, 'note', 'zu lang'],
    ] as const) {
      const res = await who.olaf!.post(`/meetings/${meetingId}/invite/preview`, form);
      expect(res.status, JSON.stringify(form).slice(0, 60)).toBe(422);
      expect(await res.text()).toMatch(new RegExp(`id="field-${field}-error"[^>]*>[^<]*${message}`));
    }
    expect((await who.olaf!.post(`/meetings/${meetingId}/invite`, { confirmed: '1', reply_by: '2026-12-11' })).status).toBe(422);
    expect(await h.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('sends what was confirmed: note, deadline and the chosen attachments; the meeting page names the deadline', async () => {
    const file = await fileId('Bildungsbericht.pdf');
    const res = await who.olaf!.post(`/meetings/${meetingId}/invite`, { confirmed: '1', note: 'Diesmal stellt sich die VHS vor.', reply_by: '2026-12-03', files: String(file), attach_pdf: 'on' });
    expect(res.status).toBe(303);
    const mails = await h.db.selectFrom('outbox').select(['to_address', 'body_text', 'attachments_json']).orderBy('id').execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['ines@example.org', 'olaf@example.org']);
    expect(mails[0]!.body_text).toContain('Diesmal stellt sich die VHS vor.');
    expect(mails[0]!.body_text).toContain('bis zum 03.12.2026');
    expect(mails[0]!.body_text).not.toMatch(/\{\w+\}/);
    expect(JSON.parse(mails[0]!.attachments_json!).map((a: { filename: string }) => a.filename)).toEqual(['sitzung.ics', 'Einladung_Sitzung_Bildung_2026-12-10.pdf', 'Bildungsbericht.pdf']);
    expect(await (await who.ines!.get(`/meetings/${meetingId}`)).text()).toMatch(/<dt>Antwort erbeten bis<\/dt><dd>03\.12\.2026<\/dd>/);
  });

  it('a member added later gets the same note and deadline; without the PDF when it is switched off', async () => {
    await createUser(h.db, { name: 'Nora Neu', email: 'nora@example.org' });
    await who.sek!.post('/groups/bildung/members', { person: 'nora@example.org', role: 'member', starts_on: '2026-11-25' });
    const res = await who.olaf!.post(`/meetings/${meetingId}/invite`, { confirmed: '1', note: 'Diesmal stellt sich die VHS vor.', reply_by: '2026-12-03' });
    expect(res.status).toBe(303);
    const mail = await h.db.selectFrom('outbox').select(['body_text', 'attachments_json']).where('to_address', '=', 'nora@example.org').executeTakeFirstOrThrow();
    expect(mail.body_text).toContain('Diesmal stellt sich die VHS vor.');
    expect(JSON.parse(mail.attachments_json!).map((a: { filename: string }) => a.filename)).toEqual(['sitzung.ics']);
  });
});
