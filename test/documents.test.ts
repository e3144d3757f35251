import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFileName } from '../src/meetings/documents.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);
const HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>');

function upload(bytes: Uint8Array, name: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' }));
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return form;
}

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Fritz', email: 'fritz@example.org' });
  for (const name of ['sek', 'olaf', 'ines', 'fritz']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK', slug: 'ak', kind: 'external' });
  await who.sek!.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/ak/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Sitzung', day: '2026-12-09', start_time: '18:00', end_time: '20:00', default_agenda: 'on' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
});
afterAll(() => h.close());

describe('meeting documents', () => {
  it('an organiser uploads a PDF for an agenda item; members download it as an attachment', async () => {
    const item = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').executeTakeFirstOrThrow();
    const res = await who.olaf!.upload(`/meetings/${meetingId}/files`, upload(PDF, 'C:\\Users\\x\\Protokoll März.pdf', { agenda_item_id: String(item.id) }));
    expect(res.status).toBe(303);
    const file = await h.db.selectFrom('files').select(['id', 'name', 'content_type', 'size', 'agenda_item_id', 'sha256']).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ name: 'Protokoll März.pdf', content_type: 'application/pdf', size: PDF.byteLength, agenda_item_id: item.id });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await (await who.ines!.get(`/meetings/${meetingId}`)).text()).toContain('Protokoll März.pdf');

    const download = await who.ines!.get(`/files/${file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Protokoll M_rz.pdf"; filename*=UTF-8''Protokoll%20M%C3%A4rz.pdf`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);

    // Signed-in outsiders of an external group see the meeting, not its documents.
    expect(await (await who.fritz!.get(`/meetings/${meetingId}`)).text()).not.toContain('Protokoll März.pdf');
    expect((await who.fritz!.get(`/files/${file.id}`)).status).toBe(403);
    expect((await h.browser().get(`/files/${file.id}`)).status).toBe(303);
    expect((await who.ines!.get('/files/999999')).status).toBe(404);
  });

  it('checks the content, not the name: an .exe or HTML named .pdf is refused, nothing stored', async () => {
    const before = (await h.db.selectFrom('files').select('id').execute()).length;
    for (const [bytes, name] of [[EXE, 'rechnung.pdf'], [HTML, 'seite.pdf'], [new Uint8Array(0), 'leer.pdf']] as const) {
      const res = await who.olaf!.upload(`/meetings/${meetingId}/files`, upload(bytes, name));
      expect(res.status, name).toBe(422);
      expect(await res.text()).toMatch(/nicht angenommen|Bitte wählen Sie eine Datei aus/);
    }
    expect((await h.db.selectFrom('files').select('id').execute()).length).toBe(before);
  });

  it('refuses an agenda item of another meeting, or none at all, and stores nothing', async () => {
    const before = (await h.db.selectFrom('files').select('id').execute()).length;
    const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Andere', day: '2026-12-10', start_time: '18:00', end_time: '20:00', default_agenda: 'on' });
    const other = Number(res.headers.get('location')!.split('/').pop());
    const foreign = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', other).executeTakeFirstOrThrow();
    for (const item of [String(foreign.id), '987654321']) {
      const refused = await who.olaf!.upload(`/meetings/${meetingId}/files`, upload(PDF, 'x.pdf', { agenda_item_id: item }));
      expect(refused.status, item).toBe(422);
    }
    expect((await h.db.selectFrom('files').select('id').execute()).length).toBe(before);
  });

  it('refuses files over 20 MB', async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 10);
    big.set(PDF);
    const res = await who.olaf!.upload(`/meetings/${meetingId}/files`, upload(big, 'gross.pdf'));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('größer als 20 MB');
    const huge = new Uint8Array(22 * 1024 * 1024);
    expect((await who.olaf!.upload(`/meetings/${meetingId}/files`, upload(huge, 'riesig.pdf'))).status).toBe(413);
  });

  it('only those who manage the meeting upload and delete', async () => {
    expect((await who.ines!.upload(`/meetings/${meetingId}/files`, upload(PDF, 'x.pdf'))).status).toBe(403);
    const file = await h.db.selectFrom('files').select('id').executeTakeFirstOrThrow();
    expect((await who.ines!.post(`/files/${file.id}/delete`, {})).status).toBe(403);
    expect((await who.olaf!.post(`/files/${file.id}/delete`, {})).status).toBe(303);
    expect(await h.db.selectFrom('files').select('id').execute()).toHaveLength(0);
  });

  it('cleans file names and gives them the extension of what they are', () => {
    expect(cleanFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(cleanFileName('a\u0000b"c.pdf', 'pdf')).toBe('abc.pdf');
    expect(cleanFileName('', 'png')).toBe('dokument.png');
    expect(cleanFileName('Tagesordnung.html', 'pdf')).toBe('Tagesordnung.pdf');
    expect(cleanFileName('Protokoll\u202Efdp.hta', 'pdf')).toBe('Protokollfdp.pdf');
  });

  it('refuses the old binary Office container (it cannot be told from an installer)', async () => {
    const cfb = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    const res = await who.olaf!.upload(`/meetings/${meetingId}/files`, upload(cfb, 'setup.doc'));
    expect(res.status).toBe(422);
  });
});

describe('broken request bodies', () => {
  it('an aborted upload or malformed form gets the German 400 page, not a 500', async () => {
    for (const path of [`/meetings/${meetingId}/files`, `/meetings/${meetingId}/attendance`, `/meetings/${meetingId}/invite`]) {
      const res = await h.app.request(path, {
        method: 'POST',
        body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 abgebrochen',
        headers: { 'Content-Type': 'multipart/form-data; boundary=xyz', Origin: 'http://localhost', cookie: [...who.olaf!.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect(res.status, path).toBeLessThan(500);
    }
    const res = await h.app.request(`/meetings/${meetingId}/files`, {
      method: 'POST',
      body: '--xyz\r\nbroken',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz', Origin: 'http://localhost', cookie: [...who.olaf!.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Ungültige Anfrage');
  });
});
