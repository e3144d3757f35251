import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;
let nextMeetingId: number;
let ids: Record<string, number>;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Fritz Fremd', email: 'fritz@example.org' });
  for (const name of ['sek', 'olaf', 'ines', 'fritz']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  who.public = h.browser();
  await who.sek!.post('/groups', { name: 'AK intern', slug: 'ak', kind: 'internal' });
  await who.sek!.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/ak/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  const a = await who.olaf!.post('/groups/ak/meetings', { title: 'Herbstsitzung', day: '2026-11-18', start_time: '18:00', end_time: '20:00', default_agenda: 'on' });
  meetingId = Number(a.headers.get('location')!.split('/').pop());
  const b = await who.olaf!.post('/groups/ak/meetings', { title: 'Wintersitzung', day: '2027-01-20', start_time: '18:00', end_time: '20:00' });
  nextMeetingId = Number(b.headers.get('location')!.split('/').pop());
  ids = Object.fromEntries((await h.db.selectFrom('persons').select(['id', 'email_normalized']).execute()).map((p) => [p.email_normalized!, p.id]));
});
afterAll(() => h.close());

async function items() {
  return h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
}

describe('writing minutes', () => {
  it('an organiser writes a draft with notes, a decision and an action item; members do not see drafts', async () => {
    const [first, last] = await items();
    const res = await who.olaf!.post(`/meetings/${meetingId}/minutes`, {
      version: '0',
      minute_taker: 'Olaf Organisator',
      [`notes_${first!.id}`]: 'Das Protokoll der letzten Sitzung wird **genehmigt**.\n\n<script>alert(1)</script> [böse](javascript:alert(2))',
      [`decision_${first!.id}_0_text`]: 'Das Protokoll vom 16.09. ist genehmigt.',
      [`decision_${first!.id}_0_yes`]: '9',
      [`decision_${first!.id}_0_no`]: '0',
      [`decision_${first!.id}_0_abstain`]: '1',
      [`action_${last!.id}_0_description`]: 'Einladung zur Interkulturellen Woche verschicken',
      [`action_${last!.id}_0_person`]: String(ids['ines@example.org']),
      [`action_${last!.id}_0_due`]: '2026-11-20',
    });
    expect(res.status).toBe(303);
    const minutes = await h.db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    expect(minutes).toMatchObject({ status: 'draft', version: 1, minute_taker: 'Olaf Organisator' });
    expect((await who.ines!.get(`/meetings/${meetingId}/minutes`)).status).toBe(404);
    expect((await who.fritz!.get(`/meetings/${meetingId}/minutes`)).status).toBe(404);
    expect((await who.public!.get(`/meetings/${meetingId}/minutes`)).status).toBe(303);
    expect((await who.ines!.post(`/meetings/${meetingId}/minutes`, { version: '1' })).status).toBe(403);
  });

  it('refuses bad rows with messages next to them, saving nothing', async () => {
    const [first] = await items();
    const res = await who.olaf!.post(`/meetings/${meetingId}/minutes`, {
      version: '1',
      [`decision_${first!.id}_0_text`]: 'x',
      [`decision_${first!.id}_0_yes`]: 'viele',
      [`action_${first!.id}_0_description`]: 'y',
      [`action_${first!.id}_0_person`]: String(ids['fritz@example.org']),
      [`action_${first!.id}_0_due`]: '2026-02-31',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Bitte eine Zahl von 0 bis 999.');
    expect(html).toContain('gültiges Datum');
    expect(html).toContain('Bitte wählen Sie einen Eintrag aus der Liste.');
    expect((await h.db.selectFrom('minutes').select('version').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()).version).toBe(1);
  });

  it('two people saving the same version: one succeeds, the other gets 409 with both texts, nothing lost', async () => {
    const [first] = await items();
    const sek = who.sek!;
    const a = await who.olaf!.post(`/meetings/${meetingId}/minutes`, { version: '1', [`notes_${first!.id}`]: 'Fassung von Olaf' });
    const b = await sek.post(`/meetings/${meetingId}/minutes`, { version: '1', [`notes_${first!.id}`]: 'Fassung von Sina' });
    expect([a.status, b.status]).toEqual([303, 409]);
    const conflict = await b.text();
    expect(conflict).toContain('Inzwischen geändert');
    expect(conflict).toContain('Fassung von Sina');
    expect(conflict).toContain('Fassung von Olaf');
    expect(conflict).toContain('name="version" value="2"');
    const stored = await h.db.selectFrom('minute_notes').select('notes').where('agenda_item_id', '=', first!.id).executeTakeFirstOrThrow();
    expect(stored.notes).toBe('Fassung von Olaf');
  });
});

describe('an expired session while writing', () => {
  it('keeps the text and sends it again after signing in', async () => {
    const [first] = await items();
    const current = (await h.db.selectFrom('minutes').select('version').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()).version;
    const form = { version: String(current), [`notes_${first!.id}`]: 'Lange geschriebener Text, der nicht verloren gehen darf' };
    const expired = await h.browser().post(`/meetings/${meetingId}/minutes`, form);
    expect(expired.status).toBe(401);
    const html = await expired.text();
    expect(html).toContain('Ihre Anmeldung ist abgelaufen');
    expect(html).toContain(`name="notes_${first!.id}" value="Lange geschriebener Text, der nicht verloren gehen darf"`);
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes`, form)).status).toBe(303);
    const stored = await h.db.selectFrom('minute_notes').select('notes').where('agenda_item_id', '=', first!.id).executeTakeFirstOrThrow();
    expect(stored.notes).toBe('Lange geschriebener Text, der nicht verloren gehen darf');
  });
});

describe('circulating and approving', () => {
  it('circulation mails the members and opens the minutes to them, read-only', async () => {
    const [first, last] = await items();
    // Restore the full draft (the conflict test left only one note).
    await who.olaf!.post(`/meetings/${meetingId}/minutes`, {
      version: '3',
      [`notes_${first!.id}`]: 'Das Protokoll wird **genehmigt**.\n\n<script>alert(1)</script> [böse](javascript:alert(2))',
      [`action_${last!.id}_0_description`]: 'Einladung zur Interkulturellen Woche verschicken',
      [`action_${last!.id}_0_person`]: String(ids['ines@example.org']),
      [`action_${last!.id}_0_due`]: '2026-11-20',
    });
    expect((await who.ines!.post(`/meetings/${meetingId}/minutes/circulate`, {})).status).toBe(403);
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/circulate`, {})).status).toBe(303);
    const mails = await h.db.selectFrom('outbox').select(['to_address', 'subject']).where('subject', 'like', 'Protokoll zur Korrektur%').execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['ines@example.org', 'olaf@example.org']);

    const page = await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(page).toContain('versandt zur Korrektur');
    expect(page).toContain('<strong>genehmigt</strong>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('Einladung zur Interkulturellen Woche verschicken');
    const edit = await who.olaf!.post(`/meetings/${meetingId}/minutes`, { version: '4' });
    expect(edit.status).toBe(303);
    expect(await (await who.olaf!.get(edit.headers.get('location')!)).text()).toContain('nicht mehr im Entwurf');
    expect(await h.db.selectFrom('minutes_versions').select('status').execute()).toEqual([{ status: 'circulated' }]);
  });

  it('members comment per TOP during circulation; comments are plain text and close with approval', async () => {
    const [first, last] = await items();
    expect((await who.ines!.post(`/meetings/${meetingId}/minutes/comments`, { agenda_item_id: String(first!.id), body: '   ' })).status).toBe(422);
    const saved = await who.ines!.post(`/meetings/${meetingId}/minutes/comments`, { agenda_item_id: String(first!.id), body: 'Bitte ergänzen: <b>Hilden</b>\nwar auch vertreten.' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/meetings/${meetingId}/minutes#top-${first!.id}`);
    expect((await who.ines!.post(`/meetings/${meetingId}/minutes/comments`, { agenda_item_id: "999999", body: 'falscher TOP' })).status).toBe(303);
    expect([403, 404]).toContain((await who.fritz!.post(`/meetings/${meetingId}/minutes/comments`, { agenda_item_id: String(first!.id), body: 'x' })).status);
    expect((await who.public!.post(`/meetings/${meetingId}/minutes/comments`, { agenda_item_id: String(first!.id), body: 'x' })).status).toBe(401);
    const stored = await h.db.selectFrom('minute_comments').select(['agenda_item_id', 'body']).execute();
    expect(stored).toEqual([{ agenda_item_id: first!.id, body: 'Bitte ergänzen: <b>Hilden</b>\nwar auch vertreten.' }]);
    const page = await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(page).toContain('Anmerkungen der Mitglieder');
    expect(page).toContain('Ines');
    expect(page).toContain('Bitte ergänzen: &lt;b&gt;Hilden&lt;/b&gt;');
    expect(page).toContain(`for="comment_${last!.id}"`);
  });

  it('the organiser takes the minutes back to work in comments, then circulates them again', async () => {
    const [first, last] = await items();
    expect((await who.ines!.post(`/meetings/${meetingId}/minutes/revise`, {})).status).toBe(403);
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/revise`, {})).status).toBe(303);
    expect((await who.ines!.get(`/meetings/${meetingId}/minutes`)).status).toBe(404);
    // Even a refused comment does not show the draft to a member.
    const refused = await who.ines!.post(`/meetings/${meetingId}/minutes/comments`, { agenda_item_id: String(first!.id), body: '' });
    expect(refused.status).toBe(303);
    expect(await refused.text()).not.toContain('Das Protokoll wird');
    const editor = await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(editor).toContain('Anmerkungen der Mitglieder');
    expect(editor).toContain('Bitte ergänzen: &lt;b&gt;Hilden&lt;/b&gt;');
    const { version } = await h.db.selectFrom('minutes').select('version').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    const action = await h.db.selectFrom('action_items').select('id').executeTakeFirstOrThrow();
    const saved = await who.olaf!.post(`/meetings/${meetingId}/minutes`, {
      version: String(version),
      [`notes_${first!.id}`]: 'Das Protokoll wird **genehmigt**. Hilden war auch vertreten.',
      [`action_${last!.id}_0_id`]: String(action.id),
      [`action_${last!.id}_0_description`]: 'Einladung zur Interkulturellen Woche verschicken',
      [`action_${last!.id}_0_person`]: String(ids['ines@example.org']),
      [`action_${last!.id}_0_due`]: '2026-11-20',
    });
    expect(saved.status).toBe(303);
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/revise`, {})).status).toBe(303);
    expect((await h.db.selectFrom('minutes').select('status').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()).status).toBe('draft');
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/circulate`, {})).status).toBe(303);
    const page = await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(page).toContain('Hilden war auch vertreten.');
    expect((await h.db.selectFrom('minutes_versions').select('status').orderBy('id').execute()).map((v) => v.status)).toEqual(['circulated', 'circulated']);
  });

  it('approval records the approving meeting and keeps the version', async () => {
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/approve`, { approved_in: '999999' })).status).toBe(400);
    // The next meeting is still ahead: it is not offered, and naming it is refused.
    const offered = await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(offered).not.toContain(`<option value="${nextMeetingId}"`);
    expect(offered).toContain('Noch keine spätere Sitzung hat stattgefunden.');
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/approve`, { approved_in: String(nextMeetingId) })).status).toBe(400);
    // At the next meeting it is offered first, and the approval names it.
    const before = h.clock.current;
    h.clock.current = new Date('2027-01-20T17:30:00.000Z');
    for (const name of ['olaf', 'ines']) await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
    expect(await (await who.olaf!.get(`/meetings/${meetingId}/minutes`)).text()).toContain(`<option value="${nextMeetingId}" selected="">`);
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes/approve`, { approved_in: String(nextMeetingId) })).status).toBe(303);
    h.clock.current = before;
    for (const name of ['olaf', 'ines']) await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
    const minutes = await h.db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    expect(minutes).toMatchObject({ status: 'approved', approved_in_meeting_id: nextMeetingId });
    expect(await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text()).toContain('Wintersitzung, 20.01.2027');
    expect((await h.db.selectFrom('minutes_versions').select('status').orderBy('id').execute()).map((v) => v.status)).toEqual(['circulated', 'circulated', 'approved']);
    const [first] = await items();
    expect((await who.ines!.post(`/meetings/${meetingId}/minutes/comments`, { agenda_item_id: String(first!.id), body: 'zu spät' })).status).toBe(303);
    expect(await h.db.selectFrom('minute_comments').select('id').execute()).toHaveLength(1);
    const approved = await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(approved).toContain('Anmerkungen der Mitglieder');
    expect(approved).not.toContain('/minutes/comments"');
  });
});

describe('kept versions', () => {
  it('the read page lists the circulated and approved versions; each opens as it was kept', async () => {
    const versions = await h.db.selectFrom('minutes_versions').select(['id', 'status', 'version']).orderBy('id').execute();
    const page = await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(page).toContain('Fassungen');
    for (const v of versions) expect(page).toContain(`href="/meetings/${meetingId}/minutes/versions/${v.id}"`);
    const circulated = await who.ines!.get(`/meetings/${meetingId}/minutes/versions/${versions[0]!.id}`);
    expect(circulated.status).toBe(200);
    const html = await circulated.text();
    expect(html).toContain(`Sie sehen eine festgehaltene Fassung: Fassung ${versions[0]!.version}, versandt zur Korrektur`);
    expect(html).toContain('<strong>genehmigt</strong>');
    expect(html).toContain('Einladung zur Interkulturellen Woche verschicken');
    expect(html).not.toContain('action="/meetings/' + meetingId + '/minutes/approve"');
    expect((await who.ines!.get(`/meetings/${meetingId}/minutes/versions/999999`)).status).toBe(404);
    expect((await who.ines!.get(`/meetings/${nextMeetingId}/minutes/versions/${versions[0]!.id}`)).status).toBe(404);
    expect([403, 404]).toContain((await who.fritz!.get(`/meetings/${meetingId}/minutes/versions/${versions[0]!.id}`)).status);
  });
});

describe('action items', () => {
  it('members find their open items on /actions and the dashboard; overdue is marked', async () => {
    h.clock.current = new Date('2026-11-25T09:00:00.000Z');
    const list = await (await who.ines!.get('/actions?mine=1')).text();
    expect(list).toContain('Einladung zur Interkulturellen Woche verschicken');
    expect(list).toContain('(überfällig)');
    expect(await (await who.ines!.get('/')).text()).toContain('Meine offenen Aufgaben');
    expect(await (await who.fritz!.get('/actions')).text()).not.toContain('Interkulturellen');
    expect((await who.public!.get('/actions')).status).toBe(303);
  });

  it('"Nur meine" is ticked by default for members, not for those who manage the group; an unticked form stays unticked', async () => {
    const mineTicked = (html: string) => /id="filter-mine"[^>]*checked/.test(html);
    expect(mineTicked(await (await who.ines!.get('/actions')).text())).toBe(true);
    expect(mineTicked(await (await who.olaf!.get('/actions')).text())).toBe(false);
    const unticked = await (await who.ines!.get('/actions?filtered=1&status=open')).text();
    expect(mineTicked(unticked)).toBe(false);
    expect(unticked).toContain('name="filtered" value="1"');
  });

  it('filters by responsible person or organisation (case and umlauts do not matter) and by due date', async () => {
    const item = 'Einladung zur Interkulturellen Woche verschicken';
    const list = async (query: string) => (await who.olaf!.get(`/actions?${query}`)).text();
    expect(await list('responsible=INES')).toContain(item);
    expect(await list('responsible=niemand')).not.toContain(item);
    expect(await list('due_by=2026-11-19')).not.toContain(item);
    expect(await list('due_by=2026-11-20')).toContain(item);
    const ignored = await list('due_by=gestern');
    expect(ignored).toContain(item);
    expect(ignored).toContain('value="gestern"');
  });

  it('the responsible person marks an item done with a note; others may not', async () => {
    const item = await h.db.selectFrom('action_items').select('id').executeTakeFirstOrThrow();
    expect((await who.fritz!.post(`/actions/${item.id}/done`, { note: 'x' })).status).toBe(404);
    expect((await who.ines!.post(`/actions/${item.id}/done`, { note: 'Am 19.11. verschickt' })).status).toBe(303);
    const row = await h.db.selectFrom('action_items').select(['status', 'done_note']).where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', done_note: 'Am 19.11. verschickt' });
    expect((await who.ines!.post(`/actions/${item.id}/done`, {})).status).toBe(404);
    expect(await (await who.ines!.get('/actions?status=done')).text()).toContain('Am 19.11. verschickt');
  });
});

describe('correcting approved minutes', () => {
  it('asks for a reason, keeps the minutes approved and the approved text readable as a version', async () => {
    const [first, last] = await items();
    const before = await h.db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    const action = await h.db.selectFrom('action_items').select('id').where('minutes_id', '=', before.id).executeTakeFirstOrThrow();
    expect([403, 404]).toContain((await who.ines!.get(`/meetings/${meetingId}/minutes/correction`)).status);
    const form = await (await who.olaf!.get(`/meetings/${meetingId}/minutes/correction`)).text();
    expect(form).toContain('Grund der Berichtigung');
    expect(form).toContain(`action="/meetings/${meetingId}/minutes/correction"`);
    expect(form).not.toContain('/autosave');

    const corrected = {
      version: String(before.version),
      [`notes_${first!.id}`]: 'Das Protokoll wird einstimmig genehmigt.',
      [`action_${last!.id}_0_id`]: String(action.id),
      [`action_${last!.id}_0_description`]: 'Einladung zur Interkulturellen Woche verschicken',
    };
    const missing = await who.olaf!.post(`/meetings/${meetingId}/minutes/correction`, corrected);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('href="#reason"');
    expect((await h.db.selectFrom('minutes').select('version').where('id', '=', before.id).executeTakeFirstOrThrow()).version).toBe(before.version);

    const saved = await who.olaf!.post(`/meetings/${meetingId}/minutes/correction`, { ...corrected, reason: 'Abstimmung war einstimmig' });
    expect(saved.status).toBe(303);
    const after = await h.db.selectFrom('minutes').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'approved', version: before.version + 1, approved_in_meeting_id: nextMeetingId });
    const versions = await h.db.selectFrom('minutes_versions').select(['id', 'status', 'reason']).where('minutes_id', '=', before.id).orderBy('id').execute();
    expect(versions.map((v) => [v.status, v.reason])).toEqual([['circulated', null], ['circulated', null], ['approved', null], ['approved', 'Abstimmung war einstimmig']]);
    expect(await h.db.selectFrom('action_items').select('id').where('id', '=', action.id).executeTakeFirst()).toBeDefined();
    expect(await h.db.selectFrom('audit_log').select('action').where('action', '=', 'minutes.corrected').executeTakeFirst()).toBeDefined();

    const current = await (await who.ines!.get(`/meetings/${meetingId}/minutes`)).text();
    expect(current).toContain('Das Protokoll wird einstimmig genehmigt.');
    expect(current).toContain('Abstimmung war einstimmig');
    expect(current).toContain('genehmigt, berichtigt');
    const approvedBefore = await (await who.ines!.get(`/meetings/${meetingId}/minutes/versions/${versions[2]!.id}`)).text();
    expect(approvedBefore).toContain('<strong>genehmigt</strong>');
    expect(approvedBefore).not.toContain('einstimmig genehmigt');

    const compare = await who.ines!.get(`/meetings/${meetingId}/minutes/versions/${versions[2]!.id}/compare`);
    expect(compare.status).toBe(200);
    const diff = await compare.text();
    expect(diff).toMatch(/<ins><span class="visually-hidden">\[eingefügt: <\/span>einstimmig/);
    expect(diff).toContain('<del><span class="visually-hidden">[gestrichen: </span>');
    expect(diff).toContain('<del><span class="visually-hidden">[gestrichen: </span>Einladung zur Interkulturellen Woche verschicken (20.11.2026)');
    expect(diff).not.toContain('<script>alert');
    const same = await (await who.ines!.get(`/meetings/${meetingId}/minutes/versions/${versions[3]!.id}/compare`)).text();
    expect(same).toContain('Die aktuelle Fassung stimmt mit dieser Fassung überein.');
    expect([403, 404]).toContain((await who.fritz!.get(`/meetings/${meetingId}/minutes/versions/${versions[1]!.id}/compare`)).status);

    // A second correction based on the old version is a conflict and changes nothing.
    const stale = await who.olaf!.post(`/meetings/${meetingId}/minutes/correction`, { ...corrected, reason: 'noch einmal' });
    expect(stale.status).toBe(409);
    expect(await h.db.selectFrom('minutes_versions').select('id').where('minutes_id', '=', before.id).execute()).toHaveLength(4);
  });
});

describe('searching minutes and decisions', () => {
  it('finds notes by every word, folded, only in the groups one belongs to', async () => {
    const [first] = await items();
    const hit = await (await who.ines!.get('/minutes/search?q=EINSTIMMIG+Protokoll')).text();
    expect(hit).toContain(`href="/meetings/${meetingId}/minutes#top-${first!.id}"`);
    expect(hit).toContain('1 Treffer');
    expect(await (await who.ines!.get('/minutes/search?q=einstimmig+Wahlbetrug')).text()).toContain('0 Treffer');
    expect(await (await who.fritz!.get('/minutes/search?q=einstimmig')).text()).toContain('0 Treffer');
    expect(await (await who.ines!.get('/minutes/search?q=')).text()).not.toContain('Treffer');
    expect((await who.public!.get('/minutes/search?q=einstimmig')).status).toBe(303);
  });
});
