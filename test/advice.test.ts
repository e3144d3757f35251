import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../src/housekeeping.js';
import { foldText } from '../src/lib/fold.js';
import { ADVICE_RULES } from '../src/advice/routes.js';
import { answerDue } from '../src/advice/requests.js';
import { purgeExpiredAdviceRequests } from '../src/advice/retention.js';
import { adminHarness } from './helpers/admin.js';
import { TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// Advice requests (Antragsberatung, issue #19): the public form on a programme's page, the staff's
// list, detail and actions, the work queue, retention with kept counts. The clock stands at
// Wednesday 2026-11-25, 09:00 UTC.

let h: TestHarness;
let ada: Browser;
let sek: Browser;
let mia: Browser;
let programmeId: number;
let sekId: number;
let adaId: number;

const valid = (over: Record<string, string> = {}) => ({
  organisation: 'Verein Brücke e. V.',
  contact_name: 'Paula Plan',
  email: 'paula.plan@example.org',
  phone: '02104 12345',
  idea: 'Ein Sprachcafé für neu zugewanderte Eltern.',
  question: 'Können wir Honorare für Dolmetscher beantragen?',
  consent: 'on',
  fax_number: '',
  ...over,
});

const count = async (table: 'advice_requests' | 'advice_answers' | 'outbox' | 'audit_log') => Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function addProgramme(name: string, archived = false): Promise<number> {
  const at = '2026-11-01T10:00:00.000Z';
  return (
    await h.db
      .insertInto('programmes')
      .values({ name, funder: 'Land NRW', level: 'land', description: null, amount_min_cents: null, amount_max_cents: null, rate_percent: null, own_share: null, link: null, office_contact_id: null, contact_text: null, status: 'closed', rolling: 0, last_checked: '2026-11-01', archived_at: archived ? at : null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** send: the form sent by a visitor; returns the response. */
const send = (over: Record<string, string> = {}, id = programmeId, headers: Record<string, string> = {}) => h.browser().post(`/programmes/${id}/advice`, valid(over), headers);

async function newRequest(over: Record<string, string> = {}): Promise<number> {
  expect((await send(over)).status).toBe(303);
  return (await h.db.selectFrom('advice_requests').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  ({ h, who: { ada, sek, mia } } = await adminHarness());
  // A closed programme: the form is there for closed ones too (the next round).
  programmeId = await addProgramme('KOMM-AN NRW');
  const ids = await h.db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select(['users.id', 'persons.email']).execute();
  sekId = ids.find((u) => u.email === 'sek@example.org')!.id;
  adaId = ids.find((u) => u.email === 'ada@example.org')!.id;
});
afterAll(() => h.close());
beforeEach(async () => {
  h.clock.current = new Date('2026-11-25T09:00:00.000Z');
  await h.db.deleteFrom('throttle').execute();
  await h.db.deleteFrom('advice_answers').execute();
  await h.db.deleteFrom('advice_requests').execute();
  await h.db.deleteFrom('advice_request_tallies').execute();
});

describe('the public form', () => {
  it('is on the programme page with the consent text naming the retention period', async () => {
    const html = await (await h.browser().get(`/programmes/${programmeId}`)).text();
    expect(html).toContain(`action="/programmes/${programmeId}/advice"`);
    expect(html).toContain('Beratung zum Antrag anfragen');
    expect(html).toMatch(/bewahren wir sie 24 Monate auf und löschen sie dann automatisch/);
    expect(html).toContain('name="fax_number"');
  });

  it('stores a valid request, links the directory entry of the same name, mails a confirmation and shows the thanks page', async () => {
    const at = '2026-11-01T10:00:00.000Z';
    const org = await h.db.insertInto('organisations').values({ name: 'Verein Brücke e. V.', name_normalized: foldText('Verein Brücke e. V.'), kind: 'association', status: 'published', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const mails = await count('outbox');
    const res = await send({ organisation: 'VEREIN BRÜCKE e. V.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/programmes/${programmeId}/advice/thanks`);
    const row = await h.db.selectFrom('advice_requests').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ programme_id: programmeId, organisation_id: org.id, contact_name: 'Paula Plan', contact_email: 'paula.plan@example.org', contact_phone: '02104 12345', status: 'open', assigned_user_id: null, lang: 'de', consent_at: '2026-11-25T09:00:00.000Z' });
    const mail = await h.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(await count('outbox')).toBe(mails + 1);
    expect(mail.to_address).toBe('paula.plan@example.org');
    expect(mail.subject).toContain('KOMM-AN NRW');
    // Nothing typed goes back out in the mail (the form cannot send text to someone else's address).
    expect(mail.body_text).not.toContain('Sprachcafé');
    const thanks = await h.browser().get(`/programmes/${programmeId}/advice/thanks`);
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain('Ihre Beratungsanfrage ist angekommen');
    await h.db.deleteFrom('organisations').where('id', '=', org.id).execute();
  });

  it('refuses missing fields and a bad address with German messages next to the fields, 422 and nothing stored', async () => {
    const mails = await count('outbox');
    const res = await send({ organisation: '', contact_name: ' ', email: 'kaputt', idea: '', question: '', phone: 'abc' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="field-organisation-error"');
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(html).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(html).toContain('Bitte geben Sie die Telefonnummer nur mit Ziffern');
    // What was typed stays.
    expect(html).toContain('value="kaputt"');
    expect(await count('advice_requests')).toBe(0);
    expect(await count('outbox')).toBe(mails);
  });

  it('requires consent', async () => {
    const res = await send({ consent: '' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Bitte stimmen Sie zu, damit wir Ihre Anfrage bearbeiten können.');
    expect(await count('advice_requests')).toBe(0);
  });

  it('answers a robot (honeypot) like a person and stores and sends nothing', async () => {
    const mails = await count('outbox');
    const res = await send({ fax_number: '0800 123' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/programmes/${programmeId}/advice/thanks`);
    expect(await count('advice_requests')).toBe(0);
    expect(await count('outbox')).toBe(mails);
  });

  it('throttles per client with 429 and Retry-After, keeping what was typed', async () => {
    for (let i = 0; i < ADVICE_RULES.perClient.limit; i++) expect((await send({ question: `Frage ${i}` })).status).toBe(303);
    const blocked = await send({ question: 'Eine zu viel' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await blocked.text();
    expect(html).toContain('Bitte versuchen Sie es in');
    expect(html).toContain('Eine zu viel');
    expect(await count('advice_requests')).toBe(ADVICE_RULES.perClient.limit);
    h.clock.advance(ADVICE_RULES.perClient.windowMs + 1000);
    expect((await send()).status).toBe(303);
  });

  it('speaks the visitor’s public language, Arabic right to left, and keeps it for the confirmation mail', async () => {
    const page = await h.browser().get(`/programmes/${programmeId}`, { 'Accept-Language': 'ar' });
    const html = await page.text();
    expect(html).toMatch(/<html[^>]*lang="ar"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ar"/);
    expect(html).toContain('اطلب استشارة بشأن طلبك');
    const bad = await send({ email: 'x' }, programmeId, { 'Accept-Language': 'ar' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('dir="rtl"');
    expect((await send({}, programmeId, { 'Accept-Language': 'ar' })).status).toBe(303);
    expect((await h.db.selectFrom('advice_requests').select('lang').executeTakeFirstOrThrow()).lang).toBe('ar');
    const mail = await h.db.selectFrom('outbox').select('subject').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail.subject).toContain('وصل طلب الاستشارة');
  });

  it('is not there for an archived or unknown programme (404, nothing stored)', async () => {
    const archived = await addProgramme('Altes Programm', true);
    expect((await send({}, archived)).status).toBe(404);
    expect((await send({}, 99999999)).status).toBe(404);
    expect((await h.browser().get(`/programmes/${archived}/advice/thanks`)).status).toBe(404);
    expect(await count('advice_requests')).toBe(0);
  });
});

describe('rights', () => {
  it('lets only the staff see the list and a request; members get 403, visitors are sent to sign in', async () => {
    const id = await newRequest();
    for (const path of ['/admin/advice', `/admin/advice/${id}`]) {
      expect((await ada.get(path)).status).toBe(200);
      expect((await sek.get(path)).status).toBe(200);
      expect((await mia.get(path)).status).toBe(403);
      const anon = await h.browser().get(path);
      expect(anon.status).toBe(303);
      expect(anon.headers.get('location')).toMatch(/^\/login\?next=/);
    }
    for (const action of ['assign', 'answer', 'close', 'reopen']) {
      expect((await mia.post(`/admin/advice/${id}/${action}`, { user_id: String(sekId), subject: 'x', text: 'y' })).status).toBe(403);
      expect((await h.browser().post(`/admin/advice/${id}/${action}`, { user_id: String(sekId), subject: 'x', text: 'y' })).status).toBe(401);
    }
    const row = await h.db.selectFrom('advice_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'open', assigned_user_id: null, answered_at: null });
    expect(await count('advice_answers')).toBe(0);
  });

  it('shows a member nothing of the requests on the dashboard', async () => {
    await newRequest();
    expect(await (await mia.get('/')).text()).not.toContain('Beratungsanfrage');
  });
});

describe('the staff’s work', () => {
  it('assigns, answers by mail through the outbox (kept with the request), closes with a note and reopens, each audited', async () => {
    const id = await newRequest();
    const audits = await count('audit_log');

    // Assign to a colleague; an unknown person is refused with 422.
    expect((await sek.post(`/admin/advice/${id}/assign`, { user_id: '987654' })).status).toBe(422);
    expect((await sek.post(`/admin/advice/${id}/assign`, { user_id: String(adaId) })).status).toBe(303);
    expect((await h.db.selectFrom('advice_requests').select('assigned_user_id').where('id', '=', id).executeTakeFirstOrThrow()).assigned_user_id).toBe(adaId);
    // … and to oneself.
    expect((await sek.post(`/admin/advice/${id}/assign`, { user_id: String(sekId) })).status).toBe(303);

    // Answer: an empty one is refused; a real one goes into the outbox (Reply-To: the office, the default) and is kept.
    expect((await sek.post(`/admin/advice/${id}/answer`, { subject: '', text: '' })).status).toBe(422);
    const mails = await count('outbox');
    const answered = await sek.post(`/admin/advice/${id}/answer`, { subject: 'Ihre Anfrage zu KOMM-AN NRW', text: 'Ja, Honorare sind förderfähig.\nBitte Angebote beilegen.' });
    expect(answered.status).toBe(303);
    expect(await count('outbox')).toBe(mails + 1);
    const mail = await h.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ to_address: 'paula.plan@example.org', subject: 'Ihre Anfrage zu KOMM-AN NRW', reply_to_address: null, status: 'pending' });
    expect(mail.body_text).toContain('Ja, Honorare sind förderfähig.');
    const answer = await h.db.selectFrom('advice_answers').selectAll().executeTakeFirstOrThrow();
    expect(answer).toMatchObject({ request_id: id, sender_user_id: sekId, subject: 'Ihre Anfrage zu KOMM-AN NRW', outbox_id: mail.id });
    expect((await h.db.selectFrom('advice_requests').select('answered_at').where('id', '=', id).executeTakeFirstOrThrow()).answered_at).toBe('2026-11-25T09:00:00.000Z');

    // The detail page shows the answer and the history.
    const page = await (await sek.get(`/admin/advice/${id}`)).text();
    expect(page).toContain('Ja, Honorare sind förderfähig.');
    expect(page).toContain('Sina Sekretariat hat per E-Mail geantwortet: „Ihre Anfrage zu KOMM-AN NRW“');
    expect(page).toContain('Sina Sekretariat hat die Anfrage Ada Admin zugewiesen');

    // Close with a note; a closed request takes no answer until reopened.
    expect((await sek.post(`/admin/advice/${id}/close`, { note: 'Antrag wird gestellt.' })).status).toBe(303);
    expect(await h.db.selectFrom('advice_requests').select(['status', 'close_note', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'closed', close_note: 'Antrag wird gestellt.', closed_at: '2026-11-25T09:00:00.000Z' });
    const refused = await sek.post(`/admin/advice/${id}/answer`, { subject: 'Noch etwas', text: 'Nachtrag' });
    expect(refused.status).toBe(303);
    expect(await count('advice_answers')).toBe(1);
    expect((await sek.post(`/admin/advice/${id}/reopen`, {})).status).toBe(303);
    expect(await h.db.selectFrom('advice_requests').select(['status', 'closed_at', 'close_note']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'open', closed_at: null, close_note: null });

    const actions = (await h.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'advice_request').where('entity_id', '=', String(id)).orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['advice.create', 'advice.assign', 'advice.assign', 'advice.answer', 'advice.close', 'advice.reopen']);
    expect(await count('audit_log')).toBe(audits + 5);
  });

  it('answers 404 for an unknown request', async () => {
    expect((await sek.get('/admin/advice/99999999')).status).toBe(404);
    expect((await sek.post('/admin/advice/99999999/close', {})).status).toBe(404);
    expect((await sek.post('/admin/advice/99999999/assign', { user_id: String(sekId) })).status).toBe(404);
  });

  it('filters the list by status, programme and "assigned to me"', async () => {
    const other = await addProgramme('Integration durch Sport');
    const a = await newRequest({ organisation: 'Verein Alpha' });
    const b = await newRequest({ organisation: 'Verein Beta' });
    expect((await send({ organisation: 'Verein Gamma' }, other)).status).toBe(303);
    await sek.post(`/admin/advice/${a}/assign`, { user_id: String(sekId) });
    await sek.post(`/admin/advice/${b}/close`, {});
    const names = (html: string) => ['Verein Alpha', 'Verein Beta', 'Verein Gamma'].filter((n) => html.includes(n));
    expect(names(await (await sek.get('/admin/advice')).text())).toEqual(['Verein Alpha', 'Verein Gamma']);
    expect(names(await (await sek.get('/admin/advice?status=new')).text())).toEqual(['Verein Gamma']);
    expect(names(await (await sek.get('/admin/advice?status=closed')).text())).toEqual(['Verein Beta']);
    expect(names(await (await sek.get(`/admin/advice?status=all&programme=${other}`)).text())).toEqual(['Verein Gamma']);
    expect(names(await (await sek.get('/admin/advice?status=all&mine=1')).text())).toEqual(['Verein Alpha']);
    expect(names(await (await ada.get('/admin/advice?status=all&mine=1')).text())).toEqual([]);
  });
});

describe('the work queue', () => {
  it('lists new requests and one’s own, not a colleague’s, sorted by the answer due five working days later', async () => {
    const mine = await newRequest({ organisation: 'Verein Mein' });
    h.clock.advance(60_000);
    await newRequest({ organisation: 'Verein Neu' });
    const colleague = await newRequest({ organisation: 'Verein Kollegin' });
    await sek.post(`/admin/advice/${mine}/assign`, { user_id: String(sekId) });
    await sek.post(`/admin/advice/${colleague}/assign`, { user_id: String(adaId) });
    const html = await (await sek.get('/')).text();
    expect(html).toContain(`href="/admin/advice/${mine}"`);
    expect(html).toContain('Beratungsanfrage, Ihnen zugewiesen: Verein Mein zu „KOMM-AN NRW“');
    expect(html).toContain('Beratungsanfrage, noch niemand zuständig: Verein Neu');
    expect(html).not.toContain('Verein Kollegin');
    expect(html.indexOf('Verein Mein')).toBeLessThan(html.indexOf('Verein Neu'));
    // Closed requests leave the queue.
    await sek.post(`/admin/advice/${mine}/close`, {});
    expect(await (await sek.get('/')).text()).not.toContain('Verein Mein');
  });

  it('counts five working days, over the weekend', () => {
    // Wednesday 25.11.2026 10:00 Berlin → Wednesday 02.12.2026 10:00 Berlin.
    expect(answerDue('2026-11-25T09:00:00.000Z')).toBe('2026-12-02T09:00:00.000Z');
    // Friday 27.11.2026 → Friday 04.12.2026; Saturday 28.11. → Friday 04.12. as well.
    expect(answerDue('2026-11-27T09:00:00.000Z')).toBe('2026-12-04T09:00:00.000Z');
    expect(answerDue('2026-11-28T09:00:00.000Z')).toBe('2026-12-04T09:00:00.000Z');
  });
});

describe('retention', () => {
  it('deletes closed requests past the retention period with their answers and keeps the counts per year', async () => {
    const old = await newRequest({ organisation: 'Verein Alt beantwortet' });
    await sek.post(`/admin/advice/${old}/answer`, { subject: 'Antwort', text: 'Text' });
    await sek.post(`/admin/advice/${old}/close`, {});
    const oldUnanswered = await newRequest({ organisation: 'Verein Alt unbeantwortet' });
    await sek.post(`/admin/advice/${oldUnanswered}/close`, {});
    const stillOpen = await newRequest({ organisation: 'Verein Offen' });
    const before = await (await sek.get('/admin/advice?status=all')).text();
    expect(before).toMatch(/<th scope="row">2026<\/th>\s*<td>3<\/td>\s*<td>1<\/td>/);

    // 25 months later: the closed ones are past 24 months; a new request comes in that year. The
    // sessions have long expired: the secretariat signs in again.
    h.clock.advance(761 * 24 * 60 * 60 * 1000);
    await h.db.deleteFrom('throttle').execute();
    const later = h.browser();
    await later.login('sek@example.org', TEST_PASSWORD);
    const fresh = await newRequest({ organisation: 'Verein Neu' });
    await runHousekeeping(h.db, h.clock.now(), { baseUrl: 'http://localhost', actionReminderDays: 3, retentionMonths: 24 });

    const left = (await h.db.selectFrom('advice_requests').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(left).toEqual([stillOpen, fresh]);
    expect(await count('advice_answers')).toBe(0);
    expect(await h.db.selectFrom('advice_request_tallies').selectAll().execute()).toEqual([{ year: 2026, programme_id: programmeId, received: 2, answered: 1 }]);
    // The audit entries keep what was done, not the details.
    const details = await h.db.selectFrom('audit_log').select(['after_json']).where('entity_type', '=', 'advice_request').where('entity_id', '=', String(old)).execute();
    expect(details.length).toBeGreaterThan(0);
    expect(details.every((d) => d.after_json === null)).toBe(true);

    // The page's counts include the deleted ones.
    const after = await (await later.get('/admin/advice?status=all')).text();
    expect(after).toMatch(/<th scope="row">2026<\/th>\s*<td>3<\/td>\s*<td>1<\/td>/);
    expect(after).toMatch(/<th scope="row">2028<\/th>\s*<td>1<\/td>\s*<td>0<\/td>/);
    expect(after).not.toContain('Verein Alt beantwortet');

    // A second run deletes nothing and counts nothing twice.
    expect(await purgeExpiredAdviceRequests(h.db, h.clock.now(), 24)).toBe(0);
    expect(await h.db.selectFrom('advice_request_tallies').select(['received', 'answered']).execute()).toEqual([{ received: 2, answered: 1 }]);
    h.clock.current = new Date('2026-11-25T09:00:00.000Z');
  });

  it('keeps closed requests inside the retention period', async () => {
    const id = await newRequest();
    await sek.post(`/admin/advice/${id}/close`, {});
    h.clock.advance(700 * 24 * 60 * 60 * 1000);
    expect(await purgeExpiredAdviceRequests(h.db, h.clock.now(), 24)).toBe(0);
    expect(await count('advice_requests')).toBe(1);
    h.clock.current = new Date('2026-11-25T09:00:00.000Z');
  });
});
