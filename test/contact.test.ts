import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_RULES } from '../src/contact/routes.js';
import { sendDueMails } from '../src/mail/sender.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

let h: TestHarness;
let admin: Browser;
let sek: Browser;
let member: Browser;
let topics: { id: number; key: string; title: string }[];

const OFFICE = 'integration@kreis.example';

async function as(email: string) {
  const b = h.browser();
  await b.login(email, TEST_PASSWORD);
  return b;
}

const topicId = (key: string) => topics.find((t) => t.key === key)!.id;
const message = (over: Record<string, string> = {}) => ({ topic: String(topicId('projects')), name: 'Leyla Yılmaz', email: 'leyla@example.org', message: 'Gibt es Fördermittel für unser Sprachcafé?', consent: 'on', ...over });
const outbox = () => h.db.selectFrom('outbox').selectAll().orderBy('id').execute();

beforeAll(async () => {
  h = await createHarness();
  // Before the first request: the site's settings are read (and kept) from then on.
  await h.db.deleteFrom('settings').where('key', '=', 'office_email').execute();
  await h.db.insertInto('settings').values({ key: 'office_email', value: OFFICE }).execute();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
  [admin, sek, member] = [await as('admin@example.org'), await as('sek@example.org'), await as('mia@example.org')];
  topics = await h.db.selectFrom('contact_topics').select(['id', 'key', 'title']).orderBy('position').execute();
  await h.db.updateTable('contact_topics').set({ email: 'projekte@kreis.example' }).where('key', '=', 'projects').execute();
  await h.db
    .insertInto('contact_persons')
    .values({ topic_id: topicId('projects'), job_function: 'Projektkoordination', name: 'Frieda Fiktiv', phone: '+49 2104 99-0000', email: 'frieda@kreis.example', tasks: 'KOMM-AN NRW, Integrationsfonds', position: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' })
    .execute();
});
afterAll(() => h.close());

describe('the contact page', () => {
  it('seeds the three topics of the office, without persons', () => {
    expect(topics.map((t) => t.title)).toEqual(['Projekte und Förderprogramme', 'Allgemeine Fragen zur Integration', 'Internetauftritt']);
  });

  it('shows every topic with its persons: function, name, phone as tel: link, e-mail as mailto:, tasks', async () => {
    const res = await h.browser().get('/contact');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const t of topics) expect(html).toContain(t.title);
    expect(html).toContain('Projektkoordination');
    expect(html).toContain('Frieda Fiktiv');
    expect(html).toContain('href="tel:+492104990000"');
    expect(html).toContain('href="mailto:frieda@kreis.example"');
    expect(html).toContain('KOMM-AN NRW, Integrationsfonds');
    // The form: a topic to choose, consent with what is kept for how long, a link to the privacy notice, the honeypot.
    expect(html).toMatch(/<select[^>]*name="topic"/);
    expect(html).toContain('nach 24 Monaten gelöscht');
    expect(html).toContain('href="/datenschutz"');
    expect(html).toContain('name="fax_number"');
    expect(html).not.toContain('href="/admin/contact"');
  });

  it('translates the office topics in English, and shows a renamed one as entered', async () => {
    const en = h.browser();
    en.cookies.set('lang', 'en');
    const html = await (await en.get('/contact')).text();
    expect(html).toContain('Projects and funding programmes');
    await h.db.updateTable('contact_topics').set({ title: 'Internet und soziale Medien' }).where('key', '=', 'website').execute();
    const renamed = await (await en.get('/contact')).text();
    expect(renamed).toContain('<span lang="de">Internet und soziale Medien</span>');
    await h.db.updateTable('contact_topics').set({ title: 'Internetauftritt' }).where('key', '=', 'website').execute();
  });

  it('links the staff to the editing page', async () => {
    expect(await (await sek.get('/contact')).text()).toContain('href="/admin/contact"');
    expect(await (await member.get('/contact')).text()).not.toContain('href="/admin/contact"');
  });
});

describe('the contact form', () => {
  it('sends the message to the topic’s mailbox with Reply-To the sender, and shows a German confirmation', async () => {
    await h.db.deleteFrom('throttle').execute();
    const before = (await outbox()).length;
    const res = await h.browser().post('/contact', message());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/contact/thanks');
    const thanks = await h.browser().get('/contact/thanks');
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain('Vielen Dank für Ihre Nachricht');
    const mails = await outbox();
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to_address).toBe('projekte@kreis.example');
    expect(mail.reply_to_address).toBe('leyla@example.org');
    expect(mail.subject).toBe('Kontaktformular (Projekte und Förderprogramme): Nachricht von Leyla Yılmaz');
    expect(mail.body_text).toContain('Gibt es Fördermittel für unser Sprachcafé?');
    expect(mail.body_text).toContain('Leyla Yılmaz <leyla@example.org>');
    expect(mail.body_text).not.toMatch(/\{\w+\}/);
    // Nothing but the mail: no audit entry about a visitor's message.
    expect(await h.db.selectFrom('audit_log').select('id').where('action', 'like', 'contact%').execute()).toHaveLength(0);
  });

  it('is delivered with the sender as Reply-To; other mails keep the office’s', async () => {
    await h.db.updateTable('outbox').set({ status: 'sent' }).execute();
    await h.db.deleteFrom('throttle').execute();
    expect((await h.browser().post('/contact', message())).status).toBe(303);
    const { enqueueMail } = await import('../src/mail/outbox.js');
    await enqueueMail(h.db, { to: 'mia@example.org', subject: 'Andere E-Mail', text: 'Text.' }, h.clock.now());
    const sent: { to: string; replyTo?: string }[] = [];
    const transport = { sendMail: async (m: { to: string; replyTo?: string }) => void sent.push(m) };
    expect(await sendDueMails(h.db, transport, 'Hub <no-reply@hub.example>', 'test', h.clock.now)).toBe(2);
    expect(sent).toEqual([expect.objectContaining({ to: 'projekte@kreis.example', replyTo: 'leyla@example.org' }), expect.objectContaining({ to: 'mia@example.org', replyTo: OFFICE })]);
  });

  it('falls back to the office’s functional address when the topic has no mailbox', async () => {
    await h.db.deleteFrom('throttle').execute();
    expect((await h.browser().post('/contact', message({ topic: String(topicId('general')) }))).status).toBe(303);
    const mail = (await outbox()).at(-1)!;
    expect(mail.to_address).toBe(OFFICE);
    expect(mail.reply_to_address).toBe('leyla@example.org');
  });

  it('refuses missing and invalid input with 422 and German messages next to the fields, sending nothing', async () => {
    await h.db.deleteFrom('throttle').execute();
    const before = (await outbox()).length;
    const res = await h.browser().post('/contact', { topic: '', name: ' ', email: 'keine-adresse', message: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="field-topic-error"');
    expect(html).toContain('Bitte wählen Sie ein Thema.');
    expect(html).toContain('id="field-name-error"');
    expect(html).toContain('id="field-email-error"');
    expect(html).toContain('id="field-message-error"');
    expect(html).toContain('id="field-consent-error"');
    expect(html).toContain('Bitte stimmen Sie zu');
    // What was typed stays; the title says the form failed.
    expect(html).toContain('value="keine-adresse"');
    expect(html).toMatch(/<title>Fehler: Kontakt/);
    const unknown = await h.browser().post('/contact', message({ topic: '999999' }));
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('Bitte wählen Sie ein Thema.');
    expect(await outbox()).toHaveLength(before);
  });

  it('answers a filled honeypot like a success and sends nothing', async () => {
    await h.db.deleteFrom('throttle').execute();
    const before = (await outbox()).length;
    const res = await h.browser().post('/contact', message({ fax_number: '0800 123' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/contact/thanks');
    expect(await outbox()).toHaveLength(before);
    expect(await h.db.selectFrom('throttle').select('key').execute()).toHaveLength(0);
  });

  it('throttles messages per client with 429 and Retry-After, keeping what was typed', async () => {
    await h.db.deleteFrom('throttle').execute();
    const before = (await outbox()).length;
    for (let i = 0; i < CONTACT_RULES.perClient.limit; i++) expect((await h.browser().post('/contact', message({ message: `Nachricht ${i}` }))).status).toBe(303);
    const blocked = await h.browser().post('/contact', message({ message: 'Eine zu viel' }));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await blocked.text();
    expect(html).toContain('Bitte versuchen Sie es in');
    expect(html).toContain('Eine zu viel');
    expect(await outbox()).toHaveLength(before + CONTACT_RULES.perClient.limit);
    // The hour passes: open again.
    h.clock.advance(CONTACT_RULES.perClient.windowMs + 1000);
    expect((await h.browser().post('/contact', message())).status).toBe(303);
    await h.db.deleteFrom('throttle').execute();
  });

  it('is in the sender’s data export when the sender has an account (their address is the Reply-To)', async () => {
    await h.db.deleteFrom('throttle').execute();
    expect((await member.post('/contact', message({ email: 'MIA@example.org', name: 'Mia Mitglied' }))).status).toBe(303);
    const data = JSON.parse(await (await member.get('/profile/data.json')).text()) as { sections: { mails: { to_address: string; subject: string }[] } };
    expect(data.sections.mails).toEqual(expect.arrayContaining([expect.objectContaining({ to_address: 'projekte@kreis.example', subject: expect.stringContaining('Nachricht von Mia Mitglied') })]));
    await h.db.deleteFrom('throttle').execute();
  });

  it('refuses a post from another site (CSRF)', async () => {
    const res = await h.browser().post('/contact', message(), { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});

describe('editing the contacts', () => {
  it('lets the staff add, edit, reorder and remove topics and persons, each audited', async () => {
    const page = await sek.get('/admin/contact');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Frieda Fiktiv');

    // A new topic, with its own mailbox.
    expect((await sek.post('/admin/contact/topics', { title: 'Fragen zur Schule', email: 'schule@kreis.example' })).status).toBe(303);
    const topic = await h.db.selectFrom('contact_topics').selectAll().where('title', '=', 'Fragen zur Schule').executeTakeFirstOrThrow();
    expect(topic).toMatchObject({ key: 'fragen-zur-schule', email: 'schule@kreis.example', position: 4 });
    expect((await sek.get(`/admin/contact/topics/${topic.id}`)).status).toBe(200);
    expect((await sek.post(`/admin/contact/topics/${topic.id}`, { title: 'Schule und Kita', email: '' })).status).toBe(303);
    expect(await h.db.selectFrom('contact_topics').select(['title', 'email']).where('id', '=', topic.id).executeTakeFirstOrThrow()).toEqual({ title: 'Schule und Kita', email: null });

    // Persons: add two, edit one, swap them.
    expect((await sek.get(`/admin/contact/topics/${topic.id}/persons/new`)).status).toBe(200);
    expect((await sek.post(`/admin/contact/topics/${topic.id}/persons`, { name: 'Bernd Beispiel', job_function: 'Sachbearbeitung', phone: '02104 99-0001', email: 'bernd@kreis.example', tasks: 'Schulplätze' })).status).toBe(303);
    expect((await sek.post(`/admin/contact/topics/${topic.id}/persons`, { name: 'Carla Muster' })).status).toBe(303);
    const persons = () => h.db.selectFrom('contact_persons').select(['id', 'name', 'phone', 'position']).where('topic_id', '=', topic.id).orderBy('position').execute();
    const [bernd, carla] = await persons();
    expect((await sek.get(`/admin/contact/persons/${bernd!.id}`)).status).toBe(200);
    expect((await sek.post(`/admin/contact/persons/${bernd!.id}`, { name: 'Bernd Beispiel', phone: '02104 99-0002' })).status).toBe(303);
    expect((await sek.post(`/admin/contact/persons/${carla!.id}/move`, { direction: 'up' })).status).toBe(303);
    expect((await persons()).map((p) => [p.name, p.phone])).toEqual([['Carla Muster', null], ['Bernd Beispiel', '02104 99-0002']]);

    // The topic moves up one place; the public page follows the order.
    expect((await admin.post(`/admin/contact/topics/${topic.id}/move`, { direction: 'up' })).status).toBe(303);
    const order = (await h.db.selectFrom('contact_topics').select('title').orderBy('position').execute()).map((t) => t.title);
    expect(order).toEqual(['Projekte und Förderprogramme', 'Allgemeine Fragen zur Integration', 'Schule und Kita', 'Internetauftritt']);
    const html = await (await h.browser().get('/contact')).text();
    expect(html.indexOf('Schule und Kita')).toBeLessThan(html.indexOf('Internetauftritt'));
    expect(html.indexOf('Carla Muster')).toBeLessThan(html.indexOf('Bernd Beispiel'));

    // Remove a person, then the topic with the other.
    expect((await sek.post(`/admin/contact/persons/${carla!.id}/delete`, {})).status).toBe(303);
    expect((await sek.post(`/admin/contact/topics/${topic.id}/delete`, {})).status).toBe(303);
    expect(await h.db.selectFrom('contact_topics').select('id').where('id', '=', topic.id).execute()).toHaveLength(0);
    expect(await h.db.selectFrom('contact_persons').select('id').where('topic_id', '=', topic.id).execute()).toHaveLength(0);

    const actions = (await h.db.selectFrom('audit_log').select('action').where('action', 'like', 'contact%').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual([
      'contact_topic.create',
      'contact_topic.update',
      'contact_person.create',
      'contact_person.create',
      'contact_person.update',
      'contact_person.move',
      'contact_topic.move',
      'contact_person.delete',
      'contact_topic.delete',
    ]);
    // The audit page says it in sentences.
    const audit = await (await admin.get('/admin/audit')).text();
    expect(audit).toContain('hat das Kontaktthema „Schule und Kita“ entfernt.');
    expect(audit).toContain('hat Carla Muster als Ansprechperson der Geschäftsstelle entfernt.');
  });

  it('refuses bad input with 422 next to the field and stores nothing', async () => {
    const before = await h.db.selectFrom('contact_topics').select('id').execute();
    const res = await sek.post('/admin/contact/topics', { title: '', email: 'kein@' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="field-title-error"');
    expect(html).toContain('id="field-email-error"');
    expect(html).toMatch(/<title>Fehler: /);
    expect(await h.db.selectFrom('contact_topics').select('id').execute()).toHaveLength(before.length);
    const person = await sek.post(`/admin/contact/topics/${topicId('general')}/persons`, { name: '', phone: 'ruf mich an' });
    expect(person.status).toBe(422);
    const personHtml = await person.text();
    expect(personHtml).toContain('id="field-name-error"');
    expect(personHtml).toContain('id="field-phone-error"');
    expect((await sek.post(`/admin/contact/topics/${topicId('general')}/move`, { direction: 'sideways' })).status).toBe(400);
  });

  it('answers 404 for topics and persons that do not exist', async () => {
    expect((await sek.get('/admin/contact/topics/99999')).status).toBe(404);
    expect((await sek.post('/admin/contact/topics/99999', { title: 'X' })).status).toBe(404);
    expect((await sek.post('/admin/contact/topics/99999/persons', { name: 'X' })).status).toBe(404);
    expect((await sek.get('/admin/contact/persons/99999')).status).toBe(404);
    expect((await sek.post('/admin/contact/persons/99999/delete', {})).status).toBe(404);
    expect((await sek.post('/admin/contact/persons/99999/move', { direction: 'up' })).status).toBe(404);
  });

  it('is the staff’s: members get 403, visitors are sent to sign in (401 for posts)', async () => {
    const anon = h.browser();
    const person = (await h.db.selectFrom('contact_persons').select('id').executeTakeFirstOrThrow()).id;
    for (const path of ['/admin/contact', '/admin/contact/topics/new', `/admin/contact/persons/${person}`]) {
      expect((await member.get(path)).status, path).toBe(403);
      const res = await anon.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
      expect((await admin.get(path)).status, path).toBe(200);
      expect((await sek.get(path)).status, path).toBe(200);
    }
    expect((await member.post('/admin/contact/topics', { title: 'Von Mia' })).status).toBe(403);
    expect((await anon.post('/admin/contact/topics', { title: 'Von außen' })).status).toBe(401);
    expect((await member.post(`/admin/contact/persons/${person}/delete`, {})).status).toBe(403);
    expect(await h.db.selectFrom('contact_topics').select('id').where('title', 'in', ['Von Mia', 'Von außen']).execute()).toHaveLength(0);
    expect(await h.db.selectFrom('contact_persons').select('id').where('id', '=', person).execute()).toHaveLength(1);
    // The administration's start page links to it for the staff.
    expect(await (await sek.get('/admin')).text()).toContain('href="/admin/contact"');
  });
});

describe('a new topic’s key', () => {
  it('is made from the title like a group’s slug (umlauts spelled out, accents dropped), numbered when taken', async () => {
    for (let i = 0; i < 2; i++) expect((await sek.post('/admin/contact/topics', { title: 'Türkçe Beratung für Ältere & Straßen-Café' })).status).toBe(303);
    const keys = await h.db.selectFrom('contact_topics').select('key').where('title', '=', 'Türkçe Beratung für Ältere & Straßen-Café').orderBy('id').execute();
    expect(keys.map((k) => k.key)).toEqual(['tuerkce-beratung-fuer-aeltere-strassen-cafe', 'tuerkce-beratung-fuer-aeltere-strassen-cafe-2']);
    expect((await sek.post('/admin/contact/topics', { title: `${'Sehr lange Überschrift '.repeat(5)}` })).status).toBe(303);
    const long = await h.db.selectFrom('contact_topics').select('key').where('title', 'like', 'Sehr lange%').executeTakeFirstOrThrow();
    expect(long.key.length).toBeLessThanOrEqual(60);
    expect(long.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    await h.db.deleteFrom('contact_topics').where('title', 'like', 'Türkçe Beratung%').execute();
    await h.db.deleteFrom('contact_topics').where('title', 'like', 'Sehr lange%').execute();
  });
});

describe('the public page’s translations', () => {
  it('cover every key of the public page in tr, ar, ru and uk, with the same placeholders as German', async () => {
    const { contactPublicMessages } = await import('../src/contact/public-messages.js');
    const { de } = await import('../src/i18n/de.js');
    const publicKeys = Object.keys(de).filter((k) => /^contact\.(title|lead|editLink|topic\.|noPersons|phone|email|tasks|form\.|thanks\.)/.test(k));
    expect(publicKeys.length).toBeGreaterThan(20);
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [lang, messages] of Object.entries(contactPublicMessages)) {
      expect(Object.keys(messages).sort(), lang).toEqual([...publicKeys].sort());
      for (const key of publicKeys) expect(placeholders((messages as Record<string, string>)[key]!), `${lang} ${key}`).toEqual(placeholders((de as Record<string, string>)[key]!));
    }
  });
});
