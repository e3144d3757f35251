import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// Documents added after the invitation: the meeting page offers to tell the invited, naming the files.

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function upload(name: string) {
  const form = new FormData();
  form.set('file', new File([PDF], name, { type: 'application/pdf' }));
  return form;
}

const mailsTo = (address: string) => h.db.selectFrom('outbox').select(['subject', 'body_text']).where('to_address', '=', address).orderBy('id').execute();

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  for (const name of ['Olaf Organisator', 'Ines Intern']) await createUser(h.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
  for (const name of ['sek', 'olaf', 'ines']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK Gesundheit', slug: 'gesundheit', kind: 'internal' });
  await who.sek!.post('/groups/gesundheit/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/gesundheit/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  const res = await who.olaf!.post('/groups/gesundheit/meetings', { title: 'Sitzung Gesundheit', day: '2026-12-10', start_time: '10:00', end_time: '12:00' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
});
afterAll(() => h.close());

describe('telling the members about new documents', () => {
  it('is not offered for documents that were there when the invitation went out', async () => {
    expect((await who.olaf!.upload(`/meetings/${meetingId}/files`, upload('Tagesordnung.pdf'))).status).toBe(303);
    h.clock.advance(60_000);
    await who.olaf!.post(`/meetings/${meetingId}/invite`, {});
    expect(await (await who.olaf!.get(`/meetings/${meetingId}`)).text()).not.toContain(`action="/meetings/${meetingId}/files/notify"`);
  });

  it('names the files added since, for those who manage the meeting only', async () => {
    h.clock.advance(60_000);
    await who.olaf!.upload(`/meetings/${meetingId}/files`, upload('Gesundheitsbericht 2026.pdf'));
    await who.olaf!.upload(`/meetings/${meetingId}/files`, upload('Präsentation AOK.pdf'));
    const html = await (await who.olaf!.get(`/meetings/${meetingId}`)).text();
    expect(html).toContain('die Eingeladenen wissen noch nichts davon (2)');
    expect(html).toContain('<li>Gesundheitsbericht 2026.pdf</li>');
    expect(html).not.toContain('<li>Tagesordnung.pdf</li>');
    expect(await (await who.ines!.get(`/meetings/${meetingId}`)).text()).not.toContain('/files/notify');
    expect((await who.ines!.post(`/meetings/${meetingId}/files/notify`, {})).status).toBe(403);
  });

  it('mails each invited person the file names once; then the offer is gone until more come', async () => {
    const res = await who.olaf!.post(`/meetings/${meetingId}/files/notify`, {});
    expect(res.status).toBe(303);
    const mails = await mailsTo('ines@example.org');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe('Neue Unterlagen: Sitzung Gesundheit am 10.12.2026');
    expect(mails[1]!.body_text).toContain('- Gesundheitsbericht 2026.pdf\n- Präsentation AOK.pdf');
    expect(mails[1]!.body_text).not.toContain('Tagesordnung.pdf');
    expect(mails[1]!.body_text).toContain(`/meetings/${meetingId}#documents`);
    expect(await (await who.olaf!.get(`/meetings/${meetingId}`)).text()).not.toContain('/files/notify');
    // A second click sends nothing.
    expect((await who.olaf!.post(`/meetings/${meetingId}/files/notify`, {})).status).toBe(303);
    expect(await mailsTo('ines@example.org')).toHaveLength(2);
  });

  it('once the meeting has begun it is no longer offered, and the POST answers 409', async () => {
    h.clock.advance(60_000);
    await who.olaf!.upload(`/meetings/${meetingId}/files`, upload('Nachtrag.pdf'));
    h.clock.current = new Date('2026-12-10T09:30:00.000Z');
    await who.olaf!.login('olaf@example.org', TEST_PASSWORD); // the session from two weeks ago has expired
    expect(await (await who.olaf!.get(`/meetings/${meetingId}`)).text()).not.toContain('/files/notify');
    expect((await who.olaf!.post(`/meetings/${meetingId}/files/notify`, {})).status).toBe(409);
  });
});
