import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture, type VisitorKind } from './fixture.js';
import { cspProblems, isGermanPage } from './scan.js';

/*
 * Bad input against every form and query parameter of the app: each field of each form gets every
 * payload below, then every form gets missing and duplicated fields and the wrong content types. The
 * answer must be a 4xx German page (or fragment) with nothing stored, or a clean answer (200/303)
 * that shows any markup escaped and stored nothing that may not be stored (NUL bytes, megabytes,
 * 30 February, 24:61, a number out of range, a javascript: URL). Never a 500.
 * Every case runs on the same fixture and is rolled back afterwards (test/security/harness.ts).
 */

/** What a field holds: decides which payloads beyond the common ones it gets. */
type Kind = 'text' | 'number' | 'id' | 'date' | 'time' | 'email' | 'url' | 'choice';

interface Payload {
  name: string;
  /** A value, or a list (the field sent repeatedly); raw values go into the body percent-encoded as they are. */
  value: string | string[] | ((valid: string) => string[]);
  raw?: boolean;
  /** Whether an accepted form may store it (it is text like any other). */
  storable: boolean;
}

const SCRIPT = '<script>alert("xss")</script>';
const IMG = '"><img src=x onerror=alert(1)><b>fett';
const BIG = 'x'.repeat(1_000_000);

const COMMON: Payload[] = [
  { name: 'script', value: SCRIPT, storable: true },
  { name: 'html', value: IMG, storable: true },
  { name: 'sql', value: "' OR 1=1; DROP TABLE persons; --", storable: true },
  { name: '1 MB', value: BIG, storable: false },
  { name: 'NUL byte', value: 'ab\u0000cd', storable: false },
  { name: 'escape character', value: 'ab\u001b[31mcd', storable: false },
  { name: 'invalid UTF-8 %C3%28', value: '%C3%28', raw: true, storable: true },
  { name: 'invalid UTF-8 %FF', value: 'a%FFb', raw: true, storable: true },
  { name: 'empty', value: '', storable: true },
  { name: 'blank', value: '   ', storable: true },
  { name: 'twice', value: (valid) => [valid, 'zweiter Wert'], storable: true },
];

const BY_KIND: Record<Kind, Payload[]> = {
  text: [],
  number: [
    { name: 'negative', value: '-7531', storable: false },
    { name: 'huge', value: '987654321987654321', storable: false },
    { name: 'exponent', value: '1e309', storable: false },
    { name: 'fraction', value: '1.5', storable: false },
    { name: 'NaN', value: 'NaN', storable: false },
  ],
  id: [
    { name: 'negative', value: '-7531', storable: false },
    { name: 'huge', value: '987654321987654321', storable: false },
    { name: 'unknown', value: '987654321', storable: false },
    { name: 'fraction', value: '1.5', storable: false },
  ],
  date: [
    { name: '30 February', value: '2026-02-30', storable: false },
    { name: 'month 13', value: '2026-13-01', storable: false },
    { name: 'year 20260', value: '20260-01-01', storable: false },
    { name: 'German format', value: '31.12.2026', storable: false },
  ],
  time: [
    { name: '24:61', value: '24:61', storable: false },
    { name: '25:00', value: '25:00', storable: false },
    { name: '7:5', value: '7:5', storable: false },
  ],
  email: [
    { name: 'no @', value: 'kein-at-zeichen.example.org', storable: false },
    { name: 'header injection', value: 'x@example.org\r\nBcc: opfer@example.org', storable: false },
  ],
  url: [
    { name: 'javascript:', value: 'javascript:alert(1)', storable: false },
    { name: 'data:', value: 'data:text/html,<script>alert(1)</script>', storable: false },
  ],
  choice: [
    { name: '__proto__', value: '__proto__', storable: false },
    { name: 'unknown choice', value: 'unbekannt-xyz', storable: false },
  ],
};

type Fields = Record<string, string | string[]>;

interface FormSpec {
  name: string;
  method?: 'POST' | 'GET';
  path: (f: Fixture) => string;
  as: Exclude<VisitorKind, 'feed'>;
  fields: (f: Fixture) => Fields;
  kinds?: Record<string, Kind>;
  /** Runs inside the rolled-back scope before the request; returns field values that depend on it. */
  prepare?: (f: Fixture) => Promise<Fields>;
  /** Statuses of the valid submission (the form is right); default 303. */
  ok?: number[];
  /** A file part sent with every request (the form is multipart). */
  file?: () => File;
  /** Answers are fragments, not pages (autosave). */
  fragment?: boolean;
  /** Headers sent with every request (htmx). */
  headers?: Record<string, string>;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const meeting = (f: Fixture) => `/meetings/${f.ids.meeting}`;
const group = (f: Fixture) => `/groups/${f.ids.slug}`;
let cityId = 0;
let fieldId = 0;

const meetingFields = { title: 'Sitzung', day: '2026-12-16', start_time: '18:00', end_time: '20:00', location: 'Kreishaus', room: 'Raum 1', online_url: 'https://meet.example.org/ak', default_agenda: 'on' };
const meetingKinds: Record<string, Kind> = { day: 'date', start_time: 'time', end_time: 'time', online_url: 'url', default_agenda: 'choice' };
const seriesFields = { ...meetingFields, kind: 'monthly', ordinal: '2', weekday: '3', interval_weeks: '2', interval_months: '2', holidays: 'move', breaks: 'skip', from: '2027-01-01', until: '2027-06-30' };
const seriesKinds: Record<string, Kind> = { ...meetingKinds, kind: 'choice', ordinal: 'choice', weekday: 'choice', interval_weeks: 'number', interval_months: 'choice', holidays: 'choice', breaks: 'choice', from: 'date', until: 'date' };
const entryFields = () => ({
  name: 'Verein Offene Tür',
  kind: 'association',
  city_id: String(cityId),
  street: 'Hauptstraße 1',
  postal_code: '40822',
  place: 'Mettmann',
  opening_hours: 'Mo 9-12',
  phone: '02104 12345',
  email: 'kontakt@offene-tuer.example.org',
  website: 'https://offene-tuer.example.org',
  offers: 'Beratung',
  description_de: 'Wir beraten.',
  description_en: 'We advise.',
  languages: ['de', 'tr'],
  fields: String(fieldId),
  cities: String(cityId),
  targets: [],
});
const entryKinds: Record<string, Kind> = { kind: 'choice', city_id: 'id', postal_code: 'number', email: 'email', website: 'url', languages: 'choice', fields: 'id', cities: 'id' };
const personFields = () => ({ name: 'Paula Neu', email: 'paula.neu@example.org', phone: '02104 555', job_function: 'Beratung', organisation: 'Caritas', city_id: String(cityId) });
const personKinds: Record<string, Kind> = { email: 'email', city_id: 'id' };

async function minutesFields(f: Fixture, revise: 'revise' | 'approve'): Promise<Fields> {
  const res = await f.h.request('POST', `${meeting(f)}/minutes/${revise}`, { cookie: f.cookies.org });
  if (res.status !== 303) throw new Error(`${revise}: ${res.status}`);
  const { version } = await f.h.db.selectFrom('minutes').select('version').where('meeting_id', '=', f.ids.meeting).executeTakeFirstOrThrow();
  return { version: String(version) };
}
const minutes = (f: Fixture) => {
  const i = f.ids.item;
  return {
    version: '0',
    minute_taker: 'Otto',
    [`notes_${i}`]: 'Notizen zum TOP.',
    [`decision_${i}_0_text`]: 'Beschlossen.',
    [`decision_${i}_0_yes`]: '5',
    [`decision_${i}_0_no`]: '1',
    [`decision_${i}_0_abstain`]: '0',
    [`action_${i}_0_id`]: String(f.ids.action),
    [`action_${i}_0_description`]: 'Aufgabe',
    [`action_${i}_0_person`]: String(f.users.mem.personId),
    [`action_${i}_0_organisation`]: 'Caritas',
    [`action_${i}_0_due`]: '2027-01-15',
  };
};
const minutesKinds = (f: Fixture): Record<string, Kind> => {
  const i = f.ids.item;
  return {
    version: 'number',
    [`decision_${i}_0_yes`]: 'number',
    [`decision_${i}_0_no`]: 'number',
    [`decision_${i}_0_abstain`]: 'number',
    [`action_${i}_0_id`]: 'id',
    [`action_${i}_0_person`]: 'id',
    [`action_${i}_0_due`]: 'date',
  };
};

const projectFields = (f: Fixture): Fields => ({
  name: 'Projekt Neu',
  short_name: 'PN',
  description: 'Sprachcafés in drei Städten.',
  status: 'running',
  responsible_user_id: String(f.users.sek.userId),
  starts_on: '2027-01-01',
  ends_on: '2027-12-31',
  reference_no: 'AZ 1-2',
  partners: String(f.ids.publishedOrg),
  cities: '4',
  fields: '1',
});
const projectKinds: Record<string, Kind> = { status: 'choice', responsible_user_id: 'id', starts_on: 'date', ends_on: 'date', partners: 'id', cities: 'id', fields: 'id' };

/** Every form of the app (from the routers), each with a valid submission by someone allowed to send it. */
const FORMS: FormSpec[] = [
  { name: 'sign in', path: () => '/login', as: 'pub', fields: () => ({ email: 'mira.geheimrat@example.org', password: 'richtig-geheim-123', next: '/groups' }), kinds: { email: 'email' } },
  { name: 'password reset request', path: () => '/password/reset', as: 'pub', fields: () => ({ email: 'mira.geheimrat@example.org' }), kinds: { email: 'email' } },
  { name: 'set password (reset link)', path: (f) => `/password/reset/${f.ids.resetToken}`, as: 'pub', fields: () => ({ password: 'ein-neues-passwort', password_confirm: 'ein-neues-passwort' }) },
  { name: 'set password (invitation)', path: (f) => `/invite/${f.ids.inviteToken}`, as: 'pub', fields: () => ({ password: 'ein-neues-passwort', password_confirm: 'ein-neues-passwort' }) },
  { name: 'confirm address change', path: (f) => `/email-change/${f.ids.emailChangeToken}`, as: 'pub', fields: () => ({ decision: 'confirm' }), kinds: { decision: 'choice' } },
  { name: 'language', path: () => '/language', as: 'pub', fields: () => ({ lang: 'en', back: '/groups' }), kinds: { lang: 'choice' } },
  { name: 'new group', path: () => '/groups', as: 'sek', fields: () => ({ name: 'AK Neu', slug: 'ak-neu', kind: 'external', description: 'Neu.', colour: '#336699', dates_public: 'on' }), kinds: { kind: 'choice', colour: 'choice', dates_public: 'choice' } },
  { name: 'edit group', path: group, as: 'sek', fields: () => ({ name: 'AK umbenannt', slug: 'ak-verschluss', kind: 'internal', description: 'Neu.', colour: '#336699' }), kinds: { kind: 'choice', colour: 'choice' } },
  {
    name: 'add member',
    path: (f) => `${group(f)}/members`,
    as: 'org',
    fields: () => ({ person: 'fiona@example.org', new_name: 'Fiona F.', role: 'member', organisation: 'Caritas', starts_on: '2026-11-01', ends_on: '2027-11-01', q: '' }),
    kinds: { role: 'choice', starts_on: 'date', ends_on: 'date', person_id: 'id' },
  },
  { name: 'add member by id', path: (f) => `${group(f)}/members`, as: 'sek', fields: (f) => ({ person: '', person_id: String(f.users.out.personId), role: 'guest', starts_on: '2026-11-01' }), kinds: { person_id: 'id', role: 'choice', starts_on: 'date' } },
  { name: 'end membership', path: (f) => `${group(f)}/members/${f.ids.membership}/end`, as: 'org', fields: () => ({ q: 'Mira' }) },
  { name: 'confirm representation', path: (f) => `/groups/${f.ids.otherSlug}/members/${f.ids.representedMembership}/representation`, as: 'sek', fields: () => ({ confirm: '1', q: '' }), kinds: { confirm: 'choice' } },
  { name: 'answer group invitation', path: (f) => `/join/${f.ids.joinToken}`, as: 'pub', fields: () => ({ answer: 'decline' }), kinds: { answer: 'choice' }, ok: [200] },
  { name: 'member import file', path: (f) => `${group(f)}/members/import`, as: 'org', fields: () => ({}), ok: [200], file: () => new File(['Name;E-Mail;Organisation;Rolle\nPaula Neu;paula@example.org;Caritas;Mitglied\n'], 'liste.csv', { type: 'text/csv' }) },
  { name: 'member import confirm', path: (f) => `${group(f)}/members/import/confirm`, as: 'org', fields: () => ({ csv: 'Name;E-Mail;Organisation;Rolle\nPaula Neu;paula@example.org;Caritas;Mitglied\n' }) },
  { name: 'new meeting', path: (f) => `${group(f)}/meetings`, as: 'org', fields: () => meetingFields, kinds: meetingKinds },
  { name: 'series preview', method: 'GET', path: (f) => `${group(f)}/meetings/series`, as: 'org', fields: () => seriesFields, kinds: seriesKinds, ok: [200] },
  { name: 'new series', path: (f) => `${group(f)}/meetings/series`, as: 'org', fields: () => seriesFields, kinds: seriesKinds },
  { name: 'edit meeting', path: (f) => `${meeting(f)}/edit`, as: 'org', fields: () => meetingFields, kinds: meetingKinds },
  { name: 'cancel meeting', path: (f) => `${meeting(f)}/cancel`, as: 'org', fields: () => ({ reason: 'Krankheit', notify: 'on' }), kinds: { notify: 'choice' } },
  { name: 'reply (signed in)', path: (f) => `${meeting(f)}/rsvp`, as: 'mem', fields: () => ({ answer: 'accepted', comment: 'Gern', substitute: 'Vertretung' }), kinds: { answer: 'choice' } },
  { name: 'reply (mail link)', path: (f) => `/rsvp/${f.ids.rsvpToken}`, as: 'pub', fields: () => ({ answer: 'declined', comment: 'Leider nicht', substitute: '' }), kinds: { answer: 'choice' }, ok: [200] },
  { name: 'attendance', path: (f) => `${meeting(f)}/attendance`, as: 'org', fields: (f) => ({ [`status_${f.users.mem.personId}`]: 'present' }), kinds: { [`status_`]: 'choice' } },
  { name: 'attendance guest', path: (f) => `${meeting(f)}/attendance/guests`, as: 'org', fields: () => ({ name: 'Gerda Gast', organisation: 'AWO' }) },
  { name: 'agenda item', path: (f) => `${meeting(f)}/agenda`, as: 'org', fields: () => ({ title: 'Neuer TOP', description: 'Worum es geht', presenter: 'Otto', planned_minutes: '15' }), kinds: { planned_minutes: 'number' } },
  { name: 'edit agenda item', path: (f) => `${meeting(f)}/agenda/${f.ids.item}`, as: 'org', fields: () => ({ title: 'TOP neu', description: '', presenter: '', planned_minutes: '20' }), kinds: { planned_minutes: 'number' } },
  { name: 'move agenda item', path: (f) => `${meeting(f)}/agenda/${f.ids.item}/move`, as: 'org', fields: () => ({ direction: 'up' }), kinds: { direction: 'choice' } },
  { name: 'upload document', path: (f) => `${meeting(f)}/files`, as: 'org', fields: (f) => ({ agenda_item_id: String(f.ids.item) }), kinds: { agenda_item_id: 'id' }, file: () => new File([PNG], 'bild.png', { type: 'image/png' }) },
  { name: 'minutes', path: (f) => `${meeting(f)}/minutes`, as: 'org', fields: minutes, kinds: {}, prepare: (f) => minutesFields(f, 'revise') },
  { name: 'minutes autosave', path: (f) => `${meeting(f)}/minutes/autosave`, as: 'org', fields: minutes, prepare: (f) => minutesFields(f, 'revise'), ok: [200], fragment: true },
  { name: 'minutes correction', path: (f) => `${meeting(f)}/minutes/correction`, as: 'org', fields: (f) => ({ ...minutes(f), reason: 'Tippfehler' }), prepare: (f) => minutesFields(f, 'approve') },
  { name: 'minutes comment', path: (f) => `${meeting(f)}/minutes/comments`, as: 'mem', fields: (f) => ({ agenda_item_id: String(f.ids.item), body: 'Bitte ergänzen.' }), kinds: { agenda_item_id: 'id' } },
  { name: 'approve minutes', path: (f) => `${meeting(f)}/minutes/approve`, as: 'org', fields: () => ({ approved_in: '' }), kinds: { approved_in: 'id' } },
  { name: 'action done', path: (f) => `/actions/${f.ids.action}/done`, as: 'mem', fields: () => ({ note: 'Erledigt.' }) },
  { name: 'new feed URL', path: () => '/calendar/feeds', as: 'mem', fields: (f) => ({ name: 'Handy', scope: 'person' }), kinds: { scope: 'choice' }, ok: [200] },
  { name: 'new person', path: () => '/people', as: 'sek', fields: () => ({ ...personFields(), create_account: 'on', role: 'member' }), kinds: { ...personKinds, role: 'choice', create_account: 'choice' } },
  { name: 'edit person', path: (f) => `/people/${f.users.mem.personId}`, as: 'sek', fields: personFields, kinds: personKinds },
  { name: 'invite person', path: (f) => `/people/${f.users.mem.personId}/invite`, as: 'adm', fields: () => ({ role: 'member' }), kinds: { role: 'choice' } },
  { name: 'change role', path: (f) => `/people/${f.users.mem.personId}/role`, as: 'adm', fields: () => ({ role: 'secretariat' }), kinds: { role: 'choice' } },
  { name: 'profile', path: () => '/profile', as: 'mem', fields: personFields, kinds: personKinds },
  { name: 'change password', path: () => '/profile/password', as: 'mem', fields: () => ({ current_password: 'richtig-geheim-123', password: 'ein-neues-passwort', password_confirm: 'ein-neues-passwort' }) },
  {
    name: 'directory submission',
    path: () => '/directory/new',
    as: 'pub',
    fields: () => ({ ...entryFields(), name: 'Neuer Verein', submitter_name: 'Paula', submitter_email: 'paula@example.org', submitter_phone: '0211 1', publish_contact: 'on', consent: 'on', fax_number: '' }),
    kinds: { ...entryKinds, submitter_email: 'email', publish_contact: 'choice', consent: 'choice' },
  },
  { name: 'edit directory entry', path: (f) => `/directory/${f.ids.publishedOrg}/edit`, as: 'sek', fields: entryFields, kinds: entryKinds },
  { name: 'correct directory entry (mail link)', path: (f) => `/directory/confirm/${f.ids.confirmToken}/correct`, as: 'pub', fields: entryFields, kinds: entryKinds },
  { name: 'review directory entry', path: (f) => `/admin/directory/${f.ids.pendingOrg}`, as: 'sek', fields: () => ({ ...entryFields(), name: 'Neue Initiative', publish: '1' }), kinds: { ...entryKinds, publish: 'choice' } },
  { name: 'reject directory entry', path: (f) => `/admin/directory/${f.ids.pendingOrg}/reject`, as: 'sek', fields: () => ({ reason: 'Kein Bezug zum Kreis' }) },
  { name: 'directory import confirm', path: () => '/admin/directory/import/confirm', as: 'sek', fields: () => ({ csv: 'Name;Art;Beschreibung\nVerein Neu;association;Wir helfen.\n', published: 'on' }), kinds: { published: 'choice' } },
  { name: 'add directory contact', path: (f) => `/admin/directory/${f.ids.publishedOrg}/contacts`, as: 'sek', fields: () => ({ name: 'Nora Neu', email: 'nora@example.org', phone: '02104 99', job_function: 'Beratung', consent: 'written', consent_date: '2026-11-20' }), kinds: { email: 'email', consent: 'choice', consent_date: 'date' } },
  { name: 'record contact consent', path: (f) => `/admin/directory/${f.ids.publishedOrg}/contacts/${f.ids.contact}/consent`, as: 'sek', fields: () => ({ consent: 'email', consent_date: '2026-11-20' }), kinds: { consent: 'choice', consent_date: 'date' } },
  { name: 'anonymise person', path: (f) => `/people/${f.users.out.personId}/anonymise`, as: 'sek', fields: () => ({ confirm: 'on' }), kinds: { confirm: 'choice' } },
  { name: 'privacy notice text', path: () => '/admin/texts/datenschutz', as: 'adm', fields: () => ({ body: '## Verantwortlich\n\nKreis Mettmann' }) },
  { name: 'office settings', path: () => '/admin/settings', as: 'adm', fields: () => ({ office_name: 'Sachgebiet Integration', office_email: 'integration@kreis-mettmann.example' }), kinds: { office_email: 'email' } },
  { name: 'district break', path: () => '/admin/breaks', as: 'sek', fields: () => ({ name: 'Herbstferien 2027', starts_on: '2027-10-23', ends_on: '2027-11-06' }), kinds: { starts_on: 'date', ends_on: 'date' } },
  { name: 'group break', path: (f) => `${group(f)}/breaks`, as: 'org', fields: () => ({ name: 'Sommerpause', starts_on: '2027-07-01', ends_on: '2027-08-31' }), kinds: { starts_on: 'date', ends_on: 'date' } },
  { name: 'directory import file', path: () => '/admin/directory/import', as: 'sek', fields: () => ({}), ok: [200], file: () => new File(['Name;Art;Beschreibung\nVerein Neu;association;Wir helfen.\n'], 'liste.csv', { type: 'text/csv' }) },
  // Date polls (src/polls/): the answer fields are named after the poll's dates, read in the rolled-back scope.
  {
    name: 'new date poll',
    path: (f) => `${group(f)}/polls`,
    as: 'org',
    fields: () => ({ title: 'Terminsuche', location: 'Kreishaus', note: 'Bitte antworten.', day_1: '2027-02-02', start_1: '18:00', end_1: '20:00', day_2: '2027-02-04', start_2: '17:00', end_2: '19:00' }),
    kinds: { day_1: 'date', start_1: 'time', end_1: 'time', day_2: 'date', start_2: 'time', end_2: 'time' },
  },
  { name: 'date poll answer (signed in)', path: (f) => `/polls/${f.ids.poll}/answers`, as: 'mem', fields: pollAnswerFields },
  { name: 'date poll answer (mail link)', path: (f) => `/poll/${f.ids.pollToken}`, as: 'pub', fields: pollAnswerFields, ok: [200] },
  { name: 'fix date poll', path: (f) => `/polls/${f.ids.poll}/fix`, as: 'org', fields: (f) => ({ option: String(f.ids.pollOptions[0]) }), kinds: { option: 'id' } },  // The Datensammlung (src/statistics/admin-routes.tsx); city 4 is Hilden, indicator 1 population_total.
  { name: 'statistics indicator', path: () => '/admin/statistics/indicators', as: 'sek', fields: () => ({ key: 'refugees', name: 'Geflüchtete', name_en: 'Refugees', unit: 'Personen', kind: 'count' }), kinds: { kind: 'choice' } },
  { name: 'statistics values', path: () => '/admin/statistics/values', as: 'sek', fields: () => ({ city: '4', year: '2024', v_1: '55000', s_1: 'IT.NRW', n_1: 'Stichtag' }), kinds: { city: 'id', year: 'number', v_1: 'number' }, ok: [200] },
  // Advice requests (src/advice/): the public form on a programme's page, and the staff's actions.
  {
    name: 'advice request',
    path: (f) => `/programmes/${f.ids.programme}/advice`,
    as: 'pub',
    fields: () => ({ organisation: 'Verein Offene Tür', contact_name: 'Paula Plan', email: 'paula.plan@example.org', phone: '02104 12345', idea: 'Ein Sprachcafé.', question: 'Wie beantragen wir?', consent: 'on', fax_number: '' }),
    kinds: { email: 'email', consent: 'choice' },
  },
  { name: 'advice assign', path: (f) => `/admin/advice/${f.ids.adviceRequest}/assign`, as: 'sek', fields: (f) => ({ user_id: String(f.users.sek.userId) }), kinds: { user_id: 'id' } },
  { name: 'advice answer', path: (f) => `/admin/advice/${f.ids.adviceRequest}/answer`, as: 'sek', fields: () => ({ subject: 'Ihre Anfrage', text: 'So geht es.' }) },
  { name: 'advice close', path: (f) => `/admin/advice/${f.ids.adviceRequest}/close`, as: 'sek', fields: () => ({ note: 'Erledigt.' }) },
  { name: 'statistics import file', path: () => '/admin/statistics/import', as: 'sek', fields: () => ({}), ok: [200], file: () => new File(['Stadt;Jahr;population_total\nHilden;2024;55000\n'], 'zahlen.csv', { type: 'text/csv' }) },
  // The office's projects (src/projects/); city 4 is Hilden, field 1 Sprache.
  { name: 'new project', path: () => '/projects', as: 'sek', fields: projectFields, kinds: projectKinds },
  { name: 'edit project', path: (f) => `/projects/${f.ids.project}`, as: 'sek', fields: projectFields, kinds: projectKinds },
  { name: 'project deadline', path: (f) => `/projects/${f.ids.project}/deadlines`, as: 'sek', fields: () => ({ kind: 'final_report', title: 'Verwendungsnachweis', due_on: '2027-06-30' }), kinds: { kind: 'choice', due_on: 'date' } },
  { name: 'edit project deadline', path: (f) => `/projects/${f.ids.project}/deadlines/${f.ids.projectDeadline}`, as: 'sek', fields: () => ({ kind: 'interim_report', title: 'Zwischenbericht', due_on: '2027-04-30' }), kinds: { kind: 'choice', due_on: 'date' } },
  { name: 'project document', path: (f) => `/projects/${f.ids.project}/files`, as: 'sek', fields: () => ({ kind: 'report' }), kinds: { kind: 'choice' }, file: () => new File(['%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'], 'bericht.pdf', { type: 'application/pdf' }) },
];

function pollAnswerFields(f: Fixture): Fields {
  const [first, second] = f.ids.pollOptions;
  return { [`answer_${first}`]: 'yes', [`answer_${second}`]: 'maybe' };
}

/** Every query parameter the routers read, with a value that works. */
const QUERIES: FormSpec[] = [
  { name: 'groups list', method: 'GET', path: () => '/groups', as: 'mem', fields: () => ({ page: '1' }), kinds: { page: 'number' }, ok: [200] },
  { name: 'people list', method: 'GET', path: () => '/people', as: 'sek', fields: () => ({ q: 'Mira', page: '1' }), kinds: { page: 'number' }, ok: [200] },
  { name: 'accounts', method: 'GET', path: () => '/admin/users', as: 'adm', fields: () => ({ page: '1' }), kinds: { page: 'number' }, ok: [200] },
  { name: 'outbox', method: 'GET', path: () => '/admin/outbox', as: 'adm', fields: () => ({ page: '1' }), kinds: { page: 'number' }, ok: [200] },
  { name: 'audit log', method: 'GET', path: () => '/admin/audit', as: 'adm', fields: (f) => ({ page: '1', actor: String(f.users.sek.userId), action: 'person.update', entity_type: 'person', entity_id: String(f.users.mem.personId), from: '2026-11-01', to: '2026-11-30' }), kinds: { page: 'number', actor: 'id', entity_id: 'id', from: 'date', to: 'date' }, ok: [200] },
  {
    name: 'directory search',
    method: 'GET',
    path: () => '/directory',
    as: 'pub',
    fields: () => ({ q: 'Verein', city: String(cityId), field: String(fieldId), kind: 'association', language: 'de', target: '1', page: '1' }),
    kinds: { city: 'id', field: 'id', kind: 'choice', language: 'choice', target: 'id', page: 'number' },
    ok: [200],
  },
  { name: 'directory search (htmx)', method: 'GET', path: () => '/directory', as: 'pub', fields: () => ({ q: 'Verein', city: String(cityId) }), kinds: { city: 'id' }, ok: [200], headers: { 'HX-Request': 'true' }, fragment: true },
  { name: 'directory CSV', method: 'GET', path: () => '/directory.csv', as: 'pub', fields: () => ({ q: 'Verein', city: String(cityId), kind: 'association' }), kinds: { city: 'id', kind: 'choice' }, ok: [200], fragment: true },
  { name: 'directory entry', method: 'GET', path: (f) => `/directory/${f.ids.publishedOrg}`, as: 'pub', fields: () => ({ lang: 'de' }), kinds: { lang: 'choice' }, ok: [200] },
  { name: 'calendar', method: 'GET', path: () => '/calendar', as: 'mem', fields: () => ({ month: '2026-12', view: 'list', group: 'ak-verschluss' }), kinds: { month: 'date', view: 'choice', group: 'choice' }, ok: [200] },
  { name: 'calendar (htmx)', method: 'GET', path: () => '/calendar', as: 'mem', fields: () => ({ month: '2026-12', group: '_mine' }), kinds: { month: 'date', group: 'choice' }, ok: [200], headers: { 'HX-Request': 'true' }, fragment: true },
  {
    name: 'action items',
    method: 'GET',
    path: () => '/actions',
    as: 'mem',
    fields: () => ({ status: 'all', group: 'ak-verschluss', mine: '1', overdue: '1', responsible: 'Mira', due_by: '2027-01-01' }),
    kinds: { status: 'choice', group: 'choice', mine: 'choice', overdue: 'choice', due_by: 'date' },
    ok: [200],
  },
  { name: 'statistics entry page', method: 'GET', path: () => '/admin/statistics/values', as: 'sek', fields: () => ({ city: '4', year: '2024' }), kinds: { city: 'id', year: 'number' }, ok: [200] },
  { name: 'advice list', method: 'GET', path: () => '/admin/advice', as: 'sek', fields: (f) => ({ status: 'all', programme: String(f.ids.programme), mine: '1', page: '1' }), kinds: { status: 'choice', programme: 'id', mine: 'choice', page: 'number' }, ok: [200] },
  { name: 'statistics history filter', method: 'GET', path: () => '/admin/statistics/history', as: 'sek', fields: () => ({ city: '4', year: '2024' }), kinds: { city: 'id', year: 'number' }, ok: [200] },
  { name: 'minutes search', method: 'GET', path: () => '/minutes/search', as: 'mem', fields: () => ({ q: 'Notiz' }), ok: [200] },
  { name: 'members filter', method: 'GET', path: (f) => `${group(f)}/members`, as: 'mem', fields: () => ({ q: 'Mira' }), ok: [200] },
  { name: 'members filter (htmx)', method: 'GET', path: (f) => `${group(f)}/members`, as: 'mem', fields: () => ({ q: 'Mira' }), ok: [200], headers: { 'HX-Request': 'true' }, fragment: true },
  { name: 'sign-in target', method: 'GET', path: () => '/login', as: 'pub', fields: () => ({ next: '/groups' }), ok: [200] },
  { name: 'reply link answer', method: 'GET', path: (f) => `/rsvp/${f.ids.rsvpToken}`, as: 'pub', fields: () => ({ answer: 'accepted' }), kinds: { answer: 'choice' }, ok: [200] },
  { name: 'meeting page', method: 'GET', path: meeting, as: 'org', fields: () => ({ live: '1' }), kinds: { live: 'choice' }, ok: [200] },
  { name: 'replies (htmx)', method: 'GET', path: (f) => `${meeting(f)}/replies`, as: 'org', fields: () => ({ live: '1' }), kinds: { live: 'choice' }, ok: [200], headers: { 'HX-Request': 'true' }, fragment: true },
];

/** encodeForm: a url-encoded body; raw values go in as they are (to send bytes that are not UTF-8). */
function encodeForm(fields: Fields, raw: Set<string> = new Set()): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${raw.has(k) ? item : encodeURIComponent(item)}`);
  return parts.join('&');
}

function multipart(fields: Fields, file?: File): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  if (file) form.set('file', file);
  return form;
}

/** What a case sends: fields and how. */
interface Attempt {
  fields: Fields;
  raw?: Set<string>;
  body?: 'form' | 'json' | 'multipart' | 'text' | 'broken-multipart';
}

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
  cityId = (await f.h.db.selectFrom('cities').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  fieldId = (await f.h.db.selectFrom('fields_of_action').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
}, 60_000);
afterAll(() => f?.h.close());

async function send(spec: FormSpec, attempt: Attempt, prepared: Fields): Promise<Response> {
  const cookie = f.cookies[spec.as];
  const fields = { ...attempt.fields };
  for (const [k, v] of Object.entries(prepared)) if (k in fields && fields[k] === spec.fields(f)[k]) fields[k] = v;
  const path = spec.path(f);
  const headers = { ...spec.headers };
  if (spec.method === 'GET') return f.h.request('GET', `${path}?${encodeForm(fields, attempt.raw)}`, { cookie, headers });
  const file = spec.file?.();
  switch (attempt.body ?? (file ? 'multipart' : 'form')) {
    case 'json':
      return f.h.request('POST', path, { cookie, body: JSON.stringify(fields), headers: { ...headers, 'Content-Type': 'application/json' } });
    case 'text':
      return f.h.request('POST', path, { cookie, body: encodeForm(fields), headers: { ...headers, 'Content-Type': 'text/plain' } });
    case 'multipart':
      return f.h.request('POST', path, { cookie, body: multipart(fields, file), headers });
    case 'broken-multipart':
      return f.h.request('POST', path, { cookie, body: '--other\r\nContent-Disposition: form-data; name="x"\r\n\r\nabc', headers: { ...headers, 'Content-Type': 'multipart/form-data; boundary=expected' } });
    default:
      return f.h.request('POST', path, { cookie, body: encodeForm(fields, attempt.raw), headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } });
  }
}

/**
 * check sends one attempt in a rolled-back scope and returns what is wrong with the answer (nothing
 * when all is well): a server error, a 4xx that is no German page or that changed data, markup that
 * reaches the page unescaped, or a value stored that must never be.
 */
async function check(spec: FormSpec, attempt: Attempt, forbidden?: string): Promise<string[]> {
  return f.h.rdb.isolated(async () => {
    const prepared = spec.prepare ? await spec.prepare(f) : {};
    const before = spec.prepare ? await f.h.fingerprintNow() : f.h.pristine;
    const writes = await f.h.rdb.writeCount();
    const res = await send(spec, attempt, prepared);
    const body = await res.text();
    const problems: string[] = [];
    const status = res.status;
    if (status >= 500 || ![200, 303, 400, 409, 410, 413, 422].includes(status)) problems.push(`status ${status}: ${body.replace(/\s+/g, ' ').slice(0, 160)}`);
    if (status >= 400 && !spec.fragment && !isGermanPage(res, body)) problems.push(`${status} without a German page`);
    if (status >= 400 && spec.fragment && !/[A-Za-zäöü]{3}/.test(body.replace(/<[^>]*>/g, ''))) problems.push(`${status} without a message`);
    // A failed form's page says so first in its title (what a screen reader reads after the swap).
    if (status === 422 && !spec.fragment && !/<title>Fehler: /.test(body)) problems.push('422 page without "Fehler:" in its title');
    const diff = await f.h.diff(before, writes);
    if (status >= 400 && diff.tables.length) problems.push(`refused with ${status} but changed ${diff.tables.join(', ')}`);
    const pages = [body];
    const location = res.headers.get('location');
    if (status === 303 && location?.startsWith('/')) {
      const next = await f.h.request('GET', location, { cookie: f.cookies[spec.as] });
      if (next.status >= 500) problems.push(`the page after the redirect answers ${next.status}`);
      pages.push(await next.text());
    }
    for (const page of pages) {
      if (page.includes(SCRIPT) || /<img src=x onerror/i.test(page)) problems.push('markup shown unescaped');
      if (/<html/i.test(page)) problems.push(...cspProblems(page));
    }
    if (forbidden !== undefined && status < 400 && diff.content.includes(JSON.stringify(forbidden).slice(1, -1))) problems.push(`stored in ${diff.tables.join(', ')}`);
    return problems;
  });
}

/** The cases of one form: every field × every payload that fits it, then whole-form variants. */
function cases(spec: FormSpec): { name: string; attempt: Attempt; forbidden?: string }[] {
  const valid = spec.fields(f);
  const list: { name: string; attempt: Attempt; forbidden?: string }[] = [];
  for (const field of Object.keys(valid)) {
    const kind = Object.entries(spec.kinds ?? {}).find(([k]) => field === k || (k.endsWith('_') && field.startsWith(k)))?.[1] ?? 'text';
    const validValue = Array.isArray(valid[field]) ? ((valid[field] as string[])[0] ?? 'x') : (valid[field] as string);
    for (const p of [...COMMON, ...BY_KIND[kind]]) {
      if (p.raw && spec.file) continue; // multipart has no percent-encoding
      const value = typeof p.value === 'function' ? p.value(validValue) : p.value;
      const forbidden = p.storable || typeof value !== 'string' ? undefined : value;
      list.push({ name: `${field}: ${p.name}`, attempt: { fields: { ...valid, [field]: value }, raw: p.raw ? new Set([field]) : undefined }, forbidden });
    }
    const { [field]: _, ...missing } = valid;
    list.push({ name: `${field}: missing`, attempt: { fields: missing } });
  }
  list.push({ name: 'every field twice', attempt: { fields: Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, [...(Array.isArray(v) ? v : [v]), 'zweiter Wert']])) } });
  list.push({ name: 'no fields at all', attempt: { fields: {} } });
  if (spec.method !== 'GET') {
    for (const body of ['json', 'text', 'broken-multipart'] as const) list.push({ name: `sent as ${body}`, attempt: { fields: valid, body } });
  }
  return list;
}

describe.each([...FORMS, ...QUERIES])('$name', (spec) => {
  it('the valid submission is accepted (so the cases below test the field, not a broken form)', async () => {
    const problems = await check(spec, { fields: spec.fields(f) });
    expect(problems).toEqual([]);
    const status = await f.h.rdb.isolated(async () => (await send(spec, { fields: spec.fields(f) }, spec.prepare ? await spec.prepare(f) : {})).status);
    expect(spec.ok ?? [303]).toContain(status);
    if (spec.method !== 'GET' && !spec.file) {
      // multipart where url-encoded is expected is read the same way.
      const multi = await f.h.rdb.isolated(async () => (await send(spec, { fields: spec.fields(f), body: 'multipart' }, spec.prepare ? await spec.prepare(f) : {})).status);
      expect(spec.ok ?? [303]).toContain(multi);
    }
  });

  it('bad input gets a 4xx German answer with nothing stored, or a clean one; never a 500', async () => {
    const failures: string[] = [];
    for (const c of cases(spec)) {
      const problems = await check(spec, c.attempt, c.forbidden);
      if (problems.length) failures.push(`${c.name}: ${problems.join('; ')}`);
    }
    expect(failures, `\n${failures.join('\n')}\n`).toEqual([]);
  }, 180_000);
});
