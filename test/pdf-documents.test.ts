import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMeeting } from '../src/meetings/meetings.js';
import { invitationPdf } from '../src/pdf/invitation.js';
import { writeSetting } from '../src/settings/settings.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

let h: TestHarness;
let dir: string;
const who: Record<string, Browser> = {};
let heldId: number;
let nextId: number;
let publicId: number;
let ids: Record<string, number>;

/** pdf: writes the bytes to a file and runs a poppler tool on it (pdftotext, pdfinfo, pdffonts). */
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', bytes: Uint8Array, args: string[] = []): string {
  const file = path.join(dir, `doc-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

async function fetchPdf(b: Browser, url: string): Promise<{ res: Response; bytes: Uint8Array; text: string }> {
  const res = await b.get(url);
  expect(res.status, url).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // PDF_DUMP=dir keeps the documents for a look (the README's screenshots come from the demo, not from here).
  if (process.env.PDF_DUMP) writeFileSync(path.join(process.env.PDF_DUMP, `${url.split('/').pop()!.replace('.pdf', '')}-${url.split('/')[2]}.pdf`), bytes);
  return { res, bytes, text: poppler('pdftotext', bytes, ['-layout']) };
}

/** expectEmbeddedFonts: every font of the file is embedded (a subset, with a Unicode map), as PDF/UA asks. */
function expectEmbeddedFonts(bytes: Uint8Array): void {
  const fonts = poppler('pdffonts', bytes).split('\n').slice(2).filter((l) => l.trim());
  expect(fonts.length).toBeGreaterThan(0);
  // Columns: name type encoding emb sub uni object ID.
  for (const line of fonts) expect(line, line).toMatch(/DejaVu\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
}

/** The structure tree as poppler reads it (`pdfinfo -struct-text`): element types, nesting and their text. */
function structTree(bytes: Uint8Array): string {
  return poppler('pdfinfo', bytes, ['-struct-text']);
}

/** tagged: the texts inside each element of this type (its quoted lines, nested ones included), joined. */
function tagged(tree: string, type: string): string[] {
  const lines = tree.split('\n');
  const indent = (l: string) => l.length - l.trimStart().length;
  const found: string[] = [];
  lines.forEach((line, i) => {
    if (!new RegExp(`^${type}( |$)`).test(line.trim())) return;
    const texts: string[] = [];
    for (let j = i + 1; j < lines.length && indent(lines[j]!) > indent(line); j++) {
      const quoted = /^"(.*)"$/.exec(lines[j]!.trim());
      if (quoted) texts.push(quoted[1]!);
    }
    found.push(texts.join(''));
  });
  return found;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pdf-documents-'));
  h = await createHarness();
  await writeSetting(h.db, 'office_name', 'Geschäftsstelle der Arbeitskreise Integration');
  await writeSetting(h.db, 'district_name', 'Kreis Mettmann');
  await writeSetting(h.db, 'office_email', 'integration@kreis-mettmann.example');
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Özlem Yılmaz', email: 'oezlem@example.org' });
  await createUser(h.db, { name: 'Fritz Fremd', email: 'fritz@example.org' });
  for (const name of ['sek', 'olaf', 'ines', 'oezlem', 'fritz']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  who.public = h.browser();
  await who.sek!.post('/groups', { name: 'AK Integration intern', slug: 'ak', kind: 'internal' });
  await who.sek!.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/ak/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/ak/members', { person: 'oezlem@example.org', role: 'chair', starts_on: '2026-01-01' });
  await who.sek!.post('/groups', { name: 'AK Integration extern', slug: 'extern', kind: 'external', dates_public: 'on' });
  ids = Object.fromEntries((await h.db.selectFrom('persons').select(['id', 'email_normalized']).execute()).map((p) => [p.email_normalized!, p.id]));

  const meeting = { start_time: '18:00', end_time: '20:00', location: 'Kreishaus Mettmann', room: 'Raum 2.14', online_url: 'https://meet.example.org/ak-geheim', default_agenda: 'on' };
  const a = await who.olaf!.post('/groups/ak/meetings', { ...meeting, title: 'Herbstsitzung', day: '2026-11-18' });
  heldId = Number(a.headers.get('location')!.split('/').pop());
  const b = await who.olaf!.post('/groups/ak/meetings', { ...meeting, title: 'Wintersitzung', day: '2027-01-20' });
  nextId = Number(b.headers.get('location')!.split('/').pop());
  const c = await who.sek!.post('/groups/extern/meetings', { ...meeting, title: 'Offene Sitzung', day: '2027-02-10' });
  publicId = Number(c.headers.get('location')!.split('/').pop());
  for (const id of [heldId, nextId, publicId]) {
    const by = id === publicId ? who.sek! : who.olaf!;
    expect((await by.post(`/meetings/${id}/agenda`, { title: 'Sprachkurse für Geflüchtete', presenter: 'Ines Intern', planned_minutes: '25', description: 'Bericht aus den Volkshochschulen' })).status).toBe(303);
  }
  // The held meeting: attendance, a guest, minutes with Markdown notes, a decision and an action item.
  await who.olaf!.post(`/meetings/${heldId}/attendance`, { [`status_${ids['olaf@example.org']}`]: 'present', [`status_${ids['ines@example.org']}`]: 'excused', [`status_${ids['oezlem@example.org']}`]: 'absent' });
  await who.olaf!.post(`/meetings/${heldId}/attendance/guests`, { name: 'Greta Gast', organisation: 'Caritasverband' });
  const items = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', heldId).orderBy('position').execute();
  const res = await who.olaf!.post(`/meetings/${heldId}/minutes`, {
    version: '0',
    minute_taker: 'Olaf Organisator',
    [`notes_${items[0]!.id}`]: '# Rückblick\n\nDas Protokoll wird *einstimmig* **genehmigt**.\n\n- Punkt eins\n- Punkt zwei\n\n1. Erstens\n2. Zweitens',
    [`notes_${items[1]!.id}`]: 'Die VHS meldet volle Kurse: [Übersicht](https://example.org/vhs) [böse](javascript:alert(1)) <b>fett?</b>',
    [`decision_${items[1]!.id}_0_text`]: 'Der Arbeitskreis unterstützt zusätzliche Kurse.',
    [`decision_${items[1]!.id}_0_yes`]: '9',
    [`decision_${items[1]!.id}_0_no`]: '1',
    [`decision_${items[1]!.id}_0_abstain`]: '2',
    [`action_${items[1]!.id}_0_description`]: 'Bedarf bei den Trägern abfragen',
    [`action_${items[1]!.id}_0_person`]: String(ids['ines@example.org']),
    [`action_${items[1]!.id}_0_due`]: '2026-12-15',
  });
  expect(res.status).toBe(303);
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('who may fetch the documents (the rights of their pages)', () => {
  it('invitation: members and staff; the public of a group with public dates; others 404 or the login', async () => {
    for (const name of ['sek', 'olaf', 'ines']) expect((await who[name]!.get(`/meetings/${nextId}/invitation.pdf`)).status, name).toBe(200);
    expect((await who.fritz!.get(`/meetings/${nextId}/invitation.pdf`)).status).toBe(404);
    const anonymous = await who.public!.get(`/meetings/${nextId}/invitation.pdf`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    expect((await who.public!.get(`/meetings/${publicId}/invitation.pdf`)).status).toBe(200);
    expect((await who.sek!.get('/meetings/999999/invitation.pdf')).status).toBe(404);
  });

  it('minutes: the draft only for those who manage the meeting; members once circulated; others never', async () => {
    expect((await who.olaf!.get(`/meetings/${heldId}/minutes.pdf`)).status).toBe(200);
    expect((await who.sek!.get(`/meetings/${heldId}/minutes.pdf`)).status).toBe(200);
    expect((await who.ines!.get(`/meetings/${heldId}/minutes.pdf`)).status).toBe(404);
    expect((await who.fritz!.get(`/meetings/${heldId}/minutes.pdf`)).status).toBe(404);
    expect((await who.public!.get(`/meetings/${heldId}/minutes.pdf`)).status).toBe(303);
    expect((await who.olaf!.get(`/meetings/${nextId}/minutes.pdf`)).status).toBe(404);
    // A member of the external group (or a signed-in non-member) never reads its minutes.
    expect((await who.fritz!.get(`/meetings/${publicId}/minutes.pdf`)).status).toBe(403);
  });

  it('attendance sheet: only those who manage the meeting', async () => {
    expect((await who.olaf!.get(`/meetings/${heldId}/attendance.pdf`)).status).toBe(200);
    expect((await who.sek!.get(`/meetings/${heldId}/attendance.pdf`)).status).toBe(200);
    expect((await who.ines!.get(`/meetings/${heldId}/attendance.pdf`)).status).toBe(403);
    expect((await who.fritz!.get(`/meetings/${heldId}/attendance.pdf`)).status).toBe(404);
    expect((await who.public!.get(`/meetings/${heldId}/attendance.pdf`)).status).toBe(303);
    expect((await who.public!.get(`/meetings/${publicId}/attendance.pdf`)).status).toBe(303);
  });
});

describe('links to the documents', () => {
  it('the meeting page offers the invitation to its readers and the attendance sheet to those who manage it', async () => {
    const member = await (await who.ines!.get(`/meetings/${nextId}`)).text();
    expect(member).toContain(`href="/meetings/${nextId}/invitation.pdf"`);
    expect(member).not.toContain('attendance.pdf');
    const organiser = await (await who.olaf!.get(`/meetings/${nextId}`)).text();
    expect(organiser).toContain(`href="/meetings/${nextId}/attendance.pdf"`);
    expect(organiser).toContain('Anwesenheitsliste als PDF');
    // The draft's editor offers the draft as a PDF to those who write it.
    expect(await (await who.olaf!.get(`/meetings/${heldId}/minutes`)).text()).toContain(`href="/meetings/${heldId}/minutes.pdf"`);
  });
});

describe('the invitation', () => {
  it('is a tagged German PDF with embedded fonts, shown inline under a German name', async () => {
    const { res, bytes } = await fetchPdf(who.ines!, `/meetings/${nextId}/invitation.pdf`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="Einladung_Wintersitzung_2027-01-20.pdf"; filename*=UTF-8''Einladung_Wintersitzung_2027-01-20.pdf`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const info = poppler('pdfinfo', bytes);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Einladung: Wintersitzung$/m);
    // Declared as PDF/UA-1 in its metadata, with the title shown instead of the file name.
    expect(poppler('pdfinfo', bytes, ['-meta'])).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/DisplayDocTitle true/);
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/Lang \(de-DE\)/);
    expectEmbeddedFonts(bytes);
    const tree = structTree(bytes);
    expect(tagged(tree, 'H1')).toEqual(['Einladung: Wintersitzung']);
    expect(tagged(tree, 'H2')).toEqual(['Tagesordnung']);
    expect(tagged(tree, 'Lbl')).toEqual(['TOP 1', 'TOP 2', 'TOP 3']);
    expect(tagged(tree, 'LI')[1]).toBe('TOP 2Sprachkurse für Geflüchtete (Ines Intern, 25 Min.)Bericht aus den Volkshochschulen');
    expect(tagged(tree, 'Link')).toContain('https://meet.example.org/ak-geheim');
    // The page number is an artifact, not content.
    expect(tree).not.toContain('Seite 1 von 1');
    expect(poppler('pdftotext', bytes)).toContain('Seite 1 von 1');
  });

  it('has the letterhead, the invitation text, date, place, link and the agenda with presenters and times', async () => {
    const { text } = await fetchPdf(who.ines!, `/meetings/${nextId}/invitation.pdf`);
    for (const expected of [
      'Geschäftsstelle der Arbeitskreise Integration',
      'Kreis Mettmann',
      'E-Mail: integration@kreis-mettmann.example',
      'Einladung: Wintersitzung',
      'hiermit laden wir Sie herzlich zur Sitzung „Wintersitzung“ (AK Integration intern) ein.',
      'Mittwoch, 20.01.2027, 18:00–20:00 Uhr',
      'Kreishaus Mettmann',
      'Raum 2.14',
      'https://meet.example.org/ak-geheim',
      'Tagesordnung',
      'TOP 1',
      'Begrüßung und Genehmigung des Protokolls der letzten Sitzung',
      'Sprachkurse für Geflüchtete (Ines Intern, 25 Min.)',
      'Bericht aus den Volkshochschulen',
      'http://localhost/meetings/',
    ])
      expect(text, expected).toContain(expected);
  });

  it('the public gets date and place, but neither the agenda nor the online link (as on the meeting page)', async () => {
    const { text } = await fetchPdf(who.public!, `/meetings/${publicId}/invitation.pdf`);
    expect(text).toContain('Offene Sitzung');
    expect(text).toContain('Kreishaus Mettmann');
    expect(text).toContain('Die Tagesordnung erhalten die Mitglieder des Arbeitskreises.');
    expect(text).not.toContain('meet.example.org');
    expect(text).not.toContain('Sprachkurse');
    // A signed-in reader whom the meeting page shows the agenda gets it here too.
    const viewer = await fetchPdf(who.fritz!, `/meetings/${publicId}/invitation.pdf`);
    expect(viewer.text).toContain('Sprachkurse für Geflüchtete');
  });
});

describe('the invitation with a note', () => {
  it('prints a personal note of the organiser after the invitation text', async () => {
    const meeting = (await findMeeting(h.db, nextId))!;
    const pdf = await invitationPdf(h.db, meeting, { details: true, baseUrl: 'http://localhost', now: h.clock.now(), note: 'Bitte bringen Sie\nIhre Zahlen mit.\n\nZweiter Absatz.' });
    const tree = structTree(pdf);
    expect(tagged(tree, 'P')).toEqual(expect.arrayContaining(['Bitte bringen Sie Ihre Zahlen mit.', 'Zweiter Absatz.']));
  });
});

describe('the minutes', () => {
  it('has the header with present, excused, absent and guests, the notes as structure, decisions with votes, action items, state, version and signature lines', async () => {
    const { bytes, res } = await fetchPdf(who.olaf!, `/meetings/${heldId}/minutes.pdf`);
    expect(res.headers.get('content-disposition')).toContain('filename="Protokoll_Herbstsitzung_2026-11-18.pdf"');
    // Lines as pdftotext breaks them, joined: a check must not depend on where a line wraps.
    const text = poppler('pdftotext', bytes).replace(/\s+/g, ' ');
    for (const expected of [
      'Protokoll: Herbstsitzung',
      'Anwesend: Olaf Organisator',
      'Entschuldigt: Ines Intern',
      'Abwesend: Özlem Yılmaz',
      'Gäste: Greta Gast (Caritasverband)',
      'Protokollführung: Olaf Organisator',
      'Stand des Protokolls: Entwurf',
      'TOP 2: Sprachkurse für Geflüchtete',
      'Rückblick',
      'Das Protokoll wird einstimmig genehmigt.',
      'Punkt eins',
      '1.',
      'Zweitens',
      'Der Arbeitskreis unterstützt zusätzliche Kurse.',
      'Abstimmung: 9 Ja, 1 Nein, 2 Enthaltungen',
      'Bedarf bei den Trägern abfragen',
      'Ines Intern',
      '15.12.2026',
      'Sitzungsleitung (Özlem Yılmaz)',
      'Protokollführung (Olaf Organisator)',
    ])
      expect(text, expected).toContain(expected);
    expect(poppler('pdfinfo', bytes)).toMatch(/^Tagged:\s+yes$/m);
    expect(poppler('pdfinfo', bytes)).toMatch(/^Title:\s+Protokoll: Herbstsitzung \(18\.11\.2026\)$/m);
    // Regular, bold and italic (the emphasis): all embedded.
    expectEmbeddedFonts(bytes);
    expect(poppler('pdffonts', bytes)).toContain('DejaVuSans-Oblique');
    // The notes' Markdown as structure: "#" under a TOP (H2) is an H3, lists are L/LI, emphasis a Span.
    const tree = structTree(bytes);
    expect(tagged(tree, 'H1')).toEqual(['Protokoll: Herbstsitzung']);
    expect(tagged(tree, 'H2')).toEqual(['TOP 1: Begrüßung und Genehmigung des Protokolls der letzten Sitzung', 'TOP 2: Sprachkurse für Geflüchtete', 'TOP 3: Verschiedenes', 'Unterschriften']);
    expect(tagged(tree, 'H3')).toEqual(['Rückblick', 'Beschlüsse', 'Aufgaben']);
    expect(tagged(tree, 'P')).toContain('Das Protokoll wird einstimmig genehmigt.');
    expect(tagged(tree, 'Span')).toEqual(expect.arrayContaining(['einstimmig', 'genehmigt']));
    expect(tagged(tree, 'L')).toEqual(expect.arrayContaining(['•Punkt eins•Punkt zwei', '1.Erstens2.Zweitens']));
    expect(tagged(tree, 'LBody')).toContain('Der Arbeitskreis unterstützt zusätzliche Kurse. – Abstimmung: 9 Ja, 1 Nein, 2 Enthaltungen');
    expect(tagged(tree, 'TH')).toEqual(['Aufgabe', 'Verantwortlich', 'Bis', 'Status']);
    // Links keep only safe targets (as on the page); typed HTML stays text.
    expect(tagged(tree, 'Link')).toEqual(['Übersicht']);
    expect(tagged(tree, 'P')).toContain('Die VHS meldet volle Kurse: Übersicht böse <b>fett?</b>');
    expect(Buffer.from(bytes).toString('latin1')).toContain('(https://example.org/vhs)');
    expect(Buffer.from(bytes).toString('latin1')).not.toContain('javascript:');
    expect(tagged(tree, 'TR')[1]).toBe('Bedarf bei den Trägern abfragenInes Intern15.12.2026offen');
  });

  it('once circulated, members read it; the circulation mail carries it as a PDF', async () => {
    expect((await who.olaf!.post(`/meetings/${heldId}/minutes/circulate`, {})).status).toBe(303);
    const { text } = await fetchPdf(who.ines!, `/meetings/${heldId}/minutes.pdf`);
    expect(text).toContain('versandt zur Korrektur');
    expect(await (await who.ines!.get(`/meetings/${heldId}/minutes`)).text()).toContain('Protokoll als PDF');
    expect((await who.olaf!.post(`/meetings/${heldId}/minutes/approve`, {})).status).toBe(303);
    const approved = (await fetchPdf(who.ines!, `/meetings/${heldId}/minutes.pdf`)).text.replace(/\s+/g, ' ');
    // Versions kept: 1 when it went out, 2 when approved; the decision has its number of the group's year.
    expect(approved).toContain('Stand des Protokolls: genehmigt, Fassung 2');
    expect(approved).toMatch(/2026\/01 Der Arbeitskreis unterstützt zusätzliche Kurse/);
    expect(approved).toContain('Genehmigung: am 25.11.2026');
    const mails = await h.db.selectFrom('outbox').selectAll().where('subject', 'like', '%Protokoll%').execute();
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      const attachments = JSON.parse(mail.attachments_json ?? '[]') as { filename: string; contentType: string; content: string; encoding?: string }[];
      const pdf = attachments.find((a) => a.contentType === 'application/pdf');
      expect(pdf, mail.to_address).toMatchObject({ filename: 'Protokoll_Herbstsitzung_2026-11-18.pdf', encoding: 'base64' });
      const extracted = poppler('pdftotext', Buffer.from(pdf!.content, 'base64'));
      expect(extracted).toContain('Protokoll: Herbstsitzung');
      expect(extracted).toContain('Greta Gast');
    }
  });
});

describe('the attendance sheet', () => {
  it('lists members and guests with organisation and room to sign, and spare rows', async () => {
    const { bytes, res } = await fetchPdf(who.olaf!, `/meetings/${heldId}/attendance.pdf`);
    expect(res.headers.get('content-disposition')).toContain('filename="Anwesenheitsliste_Herbstsitzung_2026-11-18.pdf"');
    const text = poppler('pdftotext', bytes);
    for (const expected of ['Anwesenheitsliste: Herbstsitzung', 'Name', 'Organisation', 'Unterschrift', 'Ines Intern', 'Olaf Organisator', 'Özlem Yılmaz', 'Greta Gast', 'Caritasverband']) expect(text, expected).toContain(expected);
    expect(text).not.toContain('Fritz Fremd');
    expect(poppler('pdfinfo', bytes)).toMatch(/^Tagged:\s+yes$/m);
    expectEmbeddedFonts(bytes);
    // A header row, 4 people sorted by name (Özlem as Ozlem), the guest, 5 spare rows.
    const rows = tagged(structTree(bytes), 'TR');
    expect(rows).toEqual(['NameOrganisationUnterschrift', 'Ines Intern', 'Özlem Yılmaz', 'Olaf Organisator', 'Greta GastCaritasverband', '', '', '', '', '']);
  });
});

describe('long documents', () => {
  it('run over pages: every row of a long sign-in sheet is there, the tags stay whole', async () => {
    const at = new Date().toISOString();
    await h.db.insertInto('meeting_guests').values(Array.from({ length: 45 }, (_, i) => ({ meeting_id: publicId, name: `Gast Nummer ${i + 1}`, organisation: 'Verein', created_at: at }))).execute();
    const { bytes, text } = await fetchPdf(who.sek!, `/meetings/${publicId}/attendance.pdf`);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', bytes))![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let i = 1; i <= 45; i++) expect(text).toMatch(new RegExp(`Gast Nummer ${i}\\b`));
    // Every page repeats the header row, so that a later page still says which column is which.
    const perPage = text.split('\f').filter((page) => page.trim());
    expect(perPage).toHaveLength(pages);
    for (const [i, page] of perPage.entries()) expect(page, `page ${i + 1}`).toMatch(/Name\s+Organisation\s+Unterschrift/);
    const rows = tagged(structTree(bytes), 'TR');
    expect(rows.filter((r) => r === 'NameOrganisationUnterschrift')).toHaveLength(pages);
    expect(rows).toHaveLength(pages + 45 + 5);
  });
});

describe('the invitation mail', () => {
  it('carries the invitation PDF with agenda and online link', async () => {
    expect((await who.olaf!.post(`/meetings/${nextId}/invite`, {})).status).toBe(303);
    const mails = await h.db.selectFrom('outbox').selectAll().where('subject', 'like', '%Wintersitzung%').execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['ines@example.org', 'oezlem@example.org', 'olaf@example.org']);
    for (const mail of mails) {
      const attachments = JSON.parse(mail.attachments_json ?? '[]') as { filename: string; contentType: string; content: string; encoding?: string }[];
      expect(attachments.map((a) => a.contentType)).toEqual(expect.arrayContaining([expect.stringMatching(/^text\/calendar/), 'application/pdf']));
      const pdf = attachments.find((a) => a.contentType === 'application/pdf')!;
      expect(pdf).toMatchObject({ filename: 'Einladung_Wintersitzung_2027-01-20.pdf', encoding: 'base64' });
      const text = poppler('pdftotext', Buffer.from(pdf.content, 'base64'));
      expect(text).toContain('Einladung: Wintersitzung');
      expect(text).toContain('Sprachkurse für Geflüchtete');
      expect(text).toContain('https://meet.example.org/ak-geheim');
    }
  });
});

describe('past the retention period', () => {
  it('the documents show no names of the deleted lists, only what the pages show', async () => {
    // Last in this file: the clock moves years ahead.
    h.clock.advance(1000 * 60 * 60 * 24 * 366 * 3);
    await who.olaf!.login('olaf@example.org', TEST_PASSWORD);
    const minutes = (await fetchPdf(who.olaf!, `/meetings/${heldId}/minutes.pdf`)).text.replace(/\s+/g, ' ');
    expect(minutes).toContain('Protokoll: Herbstsitzung');
    expect(minutes).toContain('Monate nach der Sitzung aufbewahrt');
    expect(minutes).not.toContain('Greta Gast');
    expect(minutes).not.toContain('Entschuldigt: Ines Intern');
    const sheet = (await fetchPdf(who.olaf!, `/meetings/${heldId}/attendance.pdf`)).text;
    expect(sheet).toContain('Monate nach der Sitzung aufbewahrt');
    expect(sheet).not.toContain('Greta Gast');
    expect(sheet).not.toContain('Ines Intern');
  });
});
