import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// Circulating names the day comments are due; approving warns of comments not worked in.
// The clock stands at Wednesday 2026-11-25, 09:00 UTC.

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  for (const name of ['sek', 'olaf', 'ines']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK intern', slug: 'ak', kind: 'internal' });
  await who.sek!.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/ak/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Herbstsitzung', day: '2026-11-18', start_time: '18:00', end_time: '20:00', default_agenda: 'on' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
  const [first] = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
  await who.olaf!.post(`/meetings/${meetingId}/minutes`, { version: '0', minute_taker: 'Olaf Organisator', [`notes_${first!.id}`]: 'Begrüßung.' });
});
afterAll(() => h.close());

describe('circulating minutes', () => {
  it('offers two weeks for comments, and refuses a day in the past or far ahead next to the field', async () => {
    const editor = await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(editor).toMatch(/id="field-comments_due"[^>]*value="2026-12-09"/);
    for (const day of ['2026-11-25', '2027-06-01', 'morgen']) {
      const res = await who.olaf!.post(`/meetings/${meetingId}/minutes/circulate`, { comments_due: day });
      expect(res.status, day).toBe(422);
      expect(await res.text()).toMatch(/id="field-comments_due-error"[^>]*>[^<]*zwischen morgen und in drei Monaten/);
    }
    expect((await h.db.selectFrom('minutes').select('status').executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('names the chosen day in the mail and on the page', async () => {
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/circulate`, { comments_due: '2026-12-04' })).status).toBe(303);
    expect((await h.db.selectFrom('minutes').select('comments_due_on').executeTakeFirstOrThrow()).comments_due_on).toBe('2026-12-04');
    const mail = await h.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'ines@example.org').executeTakeFirstOrThrow();
    expect(mail.body_text).toContain('Kommentare sind bis zum 04.12.2026 möglich.');
    expect(await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text()).toContain('Kommentare bis 04.12.2026.');
  });
});

describe('approving minutes', () => {
  it('warns of members\' comments nobody has answered yet', async () => {
    expect(await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text()).not.toContain('noch nicht gesagt');
    const [first] = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
    h.clock.advance(60_000);
    expect((await who.ines!.post(`/meetings/${meetingId}/minutes/comments`, { agenda_item_id: String(first!.id), body: 'Bitte meinen Namen richtig schreiben.' })).status).toBe(303);
    expect(await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text()).toContain('Achtung: Zu 1 Kommentaren der Mitglieder ist noch nicht gesagt');
  });

  it('the organiser answers a comment on the read page: not taken needs a reason (422), then the member reads it', async () => {
    const comment = await h.db.selectFrom('minute_comments').select('id').executeTakeFirstOrThrow();
    const url = `/meetings/${meetingId}/minutes/comments/${comment.id}/resolve`;
    const field = `comment_${comment.id}`;
    // Members may not answer; an unknown comment is 404.
    expect((await who.ines!.post(url, { [`${field}_resolution`]: 'worked_in' })).status).toBe(403);
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/comments/999999/resolve`, { comment_999999_resolution: 'worked_in' })).status).toBe(404);
    const bare = await who.olaf!.post(url, { [`${field}_resolution`]: 'not_taken', [`${field}_note`]: '  ' });
    expect(bare.status).toBe(422);
    expect(await bare.text()).toMatch(new RegExp(`id="${field}_note-error"[^>]*>[^<]*warum der Kommentar nicht übernommen wird`));
    expect((await who.olaf!.post(url, { [`${field}_resolution`]: 'vielleicht' })).status).toBe(422);
    expect((await h.db.selectFrom('minute_comments').select('resolution').executeTakeFirstOrThrow()).resolution).toBeNull();
    expect((await who.olaf!.post(url, { [`${field}_resolution`]: 'not_taken', [`${field}_note`]: 'Der Name steht so in der Anwesenheitsliste.' })).status).toBe(303);
    const read = await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(read).toContain('nicht übernommen am 25.11.2026</strong>: Der Name steht so in der Anwesenheitsliste.');
    expect(read).not.toContain(`name="${field}_resolution"`);
    const page = await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(page).not.toContain('noch nicht gesagt');
    const audit = await h.db.selectFrom('audit_log').select('after_json').where('action', '=', 'minutes.comment_resolve').execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).resolution)).toEqual(['not_taken']);
  });

  it('while revising, the editor carries the answers and saves them with the draft', async () => {
    const comment = await h.db.selectFrom('minute_comments').select('id').executeTakeFirstOrThrow();
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/revise`, {})).status).toBe(303);
    const editor = await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(editor).toMatch(new RegExp(`id="comment_${comment.id}_resolution-not_taken"[^>]*checked`));
    const version = /id="minutes-version" name="version" value="(\d+)"/.exec(editor)![1]!;
    const [first] = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
    const bad = await who.olaf!.post(`/meetings/${meetingId}/minutes`, { version, minute_taker: 'Olaf Organisator', [`notes_${first!.id}`]: 'Begrüßung.', [`comment_${comment.id}_resolution`]: 'not_taken', [`comment_${comment.id}_note`]: '' });
    expect(bad.status).toBe(422);
    const ok = await who.olaf!.post(`/meetings/${meetingId}/minutes`, { version, minute_taker: 'Olaf Organisator', [`notes_${first!.id}`]: 'Begrüßung von Ines Intern.', [`comment_${comment.id}_resolution`]: 'worked_in', [`comment_${comment.id}_note`]: '' });
    expect(ok.status).toBe(303);
    expect(await h.db.selectFrom('minute_comments').select(['resolution', 'resolution_note']).executeTakeFirstOrThrow()).toEqual({ resolution: 'worked_in', resolution_note: null });
    const circulated = await who.olaf!.post(`/meetings/${meetingId}/minutes/circulate`, { comments_due: '2026-12-04' });
    expect(circulated.status).toBe(303);
  });

  it('is due in the work queue only once the day for comments is over', async () => {
    const due = async () => (await (await who.olaf!.get('/')).text()).includes('Protokoll ist zur Genehmigung fällig');
    expect(await due()).toBe(false);
    h.clock.current = new Date('2026-12-04T20:00:00.000Z');
    await who.olaf!.login('olaf@example.org', TEST_PASSWORD);
    expect(await due()).toBe(false);
    h.clock.current = new Date('2026-12-05T08:00:00.000Z');
    expect(await due()).toBe(true);
  });
});

describe('the minutes header', () => {
  it('names the present, excused and absent members and the guests, on the page and in the Markdown export', async () => {
    h.clock.current = new Date('2026-11-25T09:00:00.000Z');
    for (const name of ['olaf', 'ines']) await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
    const people = Object.fromEntries((await h.db.selectFrom('persons').select(['id', 'name']).execute()).map((p) => [p.name, p.id]));
    expect((await who.olaf!.post(`/meetings/${meetingId}/attendance`, { [`status_${people['Olaf Organisator']}`]: 'present', [`status_${people['Ines Intern']}`]: 'absent' })).status).toBe(303);
    expect((await who.olaf!.post(`/meetings/${meetingId}/attendance/guests`, { name: 'Greta Gast', organisation: 'Caritasverband' })).status).toBe(303);
    const page = await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(page).toContain('<dt>Abwesend</dt><dd>Ines Intern</dd>');
    expect(page).toContain('<dt>Gäste</dt><dd>Greta Gast (Caritasverband)</dd>');
    const md = await (await who.ines!.get(`/meetings/${meetingId}/minutes.md`)).text();
    expect(md).toContain('- Abwesend: Ines Intern');
    expect(md).toContain('- Gäste: Greta Gast (Caritasverband)');
  });
});
