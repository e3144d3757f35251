import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { createOneTimeToken } from '../../src/auth/one-time-tokens.js';
import type { Database } from '../../src/db/schema.js';
import { sendDueConfirmations } from '../../src/directory/confirmation.js';
import { addContact } from '../../src/directory/contacts.js';
import { proposeChange } from '../../src/directory/review.js';
import { findEntry, entryInputOf } from '../../src/directory/entries.js';
import { addEntry } from '../helpers/directory.js';
import { createUser, linkFrom } from '../helpers/app.js';
import { createSecurityHarness, type SecurityHarness } from './harness.js';

/**
 * One fixture with something behind every URL: an internal working group with a meeting (agenda,
 * invitations, a guest, a document, circulated minutes with an action item and a kept version), its
 * members and organiser, an external group with a member of its own (the outsider), a deactivated
 * member whose old session cookie is kept, feed URLs, a published and a pending directory entry, a
 * proposed change, a confirmation link, reset and invitation links (account and group), and mails in the outbox.
 */

/** Who visits: the columns of the permission matrix. */
export const VISITORS = ['pub', 'out', 'mem', 'org', 'sek', 'adm', 'off'] as const;
export type VisitorKind = (typeof VISITORS)[number] | 'feed';

/** Names that only the internal group's people may see: none of them may reach an outsider. */
export const SECRETS = {
  group: 'AK Verschlusssache intern',
  member: 'Mira Geheimrat',
  memberEmail: 'mira.geheimrat@example.org',
  organiser: 'Otto Vertraulich',
  deactivated: 'Dora Deaktiviert',
  meeting: 'Haushaltsklausur Zwiebelturm',
  agendaItem: 'Personalie Quastenflosser',
  guest: 'Gustav Gastgeheim',
  document: 'Anlage-Pfefferminzplan',
  notes: 'Notiz Eulenspiegel-Affäre',
  action: 'Aufgabe Marmeladenglas prüfen',
};

export interface Fixture {
  h: SecurityHarness;
  cookies: Record<(typeof VISITORS)[number], string | undefined>;
  users: Record<'mem' | 'org' | 'out' | 'sek' | 'adm' | 'off' | 'invited' | 'par', { userId: number; personId: number }>;
  ids: {
    slug: string;
    otherSlug: string;
    meeting: number;
    otherMeeting: number;
    item: number;
    guest: number;
    file: number;
    action: number;
    version: number;
    membership: number;
    /** The outsider's membership of the external group, for the published entry (representation unconfirmed). */
    representedMembership: number;
    /** The link of an invitation the organiser sent to a new address. */
    joinToken: string;
    memberFeed: number;
    memberFeedToken: string;
    /** An open date poll of the internal group, and the member's link to answer it. */
    poll: number;
    pollToken: string;
    /** The poll's two proposed dates (the answer fields are named after them). */
    pollOptions: number[];
    outsiderFeedToken: string;
    deactivatedFeedToken: string;
    rsvpToken: string;
    resetToken: string;
    inviteToken: string;
    /** The link to the new address of a pending change of the member's login address. */
    emailChangeToken: string;
    confirmToken: string;
    publishedOrg: number;
    pendingOrg: number;
    /** A contact of the published entry who consented, and the withdrawal link mailed to them. */
    contact: number;
    withdrawToken: string;
    change: number;
    mail: number;
    /** Breaks a series skips (src/breaks): one of the district, one of the internal group. */
    districtBreak: number;
    groupBreak: number;
    /** The office's contacts (src/contact): a seeded topic and a person of it. */
    contactTopic: number;
    contactPerson: number;
    /** A funding programme (src/programmes), open with a deadline. */
    programme: number;
    /** An open advice request on that programme, nobody assigned (src/advice). */
    adviceRequest: number;
    /**
     * A project of the office (src/projects) with the published entry as its partner, a deadline, a
     * grant notice and a receipt (part of the accounts: never for the partner).
     */
    project: number;
    projectDeadline: number;
    projectFile: number;
    projectReceipt: number;
    /** A project with accounts (src/projects/accounts): a line with an expense and its receipt, a tranche. */
    accountsProject: number;
    accountsLine: number;
    accountsExpense: number;
    accountsReceipt: number;
    accountsTranche: number;
  };
  /** A partner's representative: a member with a confirmed representation of the project's partner. */
  partnerCookie: string;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** pendingEmailChange: the two links of a change of an account's address (src/people/email-change.ts); returns the one to the new address. */
async function pendingEmailChange(db: Kysely<Database>, userId: number, now: Date): Promise<string> {
  const token = await createOneTimeToken(db, 'email_new', userId, now, { newEmail: 'neue-adresse@example.org' });
  await createOneTimeToken(db, 'email_old', userId, now, { newEmail: 'neue-adresse@example.org' });
  return token;
}

async function expectStatus(res: Response | Promise<Response>, status: number, what: string) {
  const r = await res;
  expect(r.status, `${what}: ${(await r.clone().text()).slice(0, 300)}`).toBe(status);
  return r;
}

export async function buildFixture(env: Record<string, string> = {}): Promise<Fixture> {
  const h = await createSecurityHarness(env);
  const { db } = h;
  const users = {
    sek: await createUser(db, { name: 'Sabine Sekretariat', email: 'sek@example.org', role: 'secretariat' }),
    adm: await createUser(db, { name: 'Anton Admin', email: 'adm@example.org', role: 'admin' }),
    mem: await createUser(db, { name: SECRETS.member, email: SECRETS.memberEmail }),
    org: await createUser(db, { name: SECRETS.organiser, email: 'otto.vertraulich@example.org' }),
    out: await createUser(db, { name: 'Fiona Fremd', email: 'fiona@example.org' }),
    off: await createUser(db, { name: SECRETS.deactivated, email: 'dora.deaktiviert@example.org' }),
    invited: await createUser(db, { name: 'Ingo Eingeladen', email: 'ingo@example.org', active: false }),
    par: await createUser(db, { name: 'Paula Partnerin', email: 'paula.partnerin@example.org' }),
  };
  const cookies = {
    pub: undefined,
    out: await h.sessionCookie(users.out.userId),
    mem: await h.sessionCookie(users.mem.userId),
    org: await h.sessionCookie(users.org.userId),
    sek: await h.sessionCookie(users.sek.userId),
    adm: await h.sessionCookie(users.adm.userId),
    off: await h.sessionCookie(users.off.userId),
  };
  const as = (who: keyof typeof cookies) => ({
    post: (path: string, form: Record<string, string | string[]> = {}) => h.request('POST', path, { cookie: cookies[who], form }),
    get: (path: string) => h.request('GET', path, { cookie: cookies[who] }),
  });

  await expectStatus(as('sek').post('/groups', { name: SECRETS.group, slug: 'ak-verschluss', kind: 'internal' }), 303, 'internal group');
  await expectStatus(as('sek').post('/groups', { name: 'AK Offen extern', slug: 'ak-offen', kind: 'external', dates_public: 'on' }), 303, 'external group');
  for (const [email, role] of [[SECRETS.memberEmail, 'member'], ['otto.vertraulich@example.org', 'organiser'], ['dora.deaktiviert@example.org', 'member']] as const) {
    await expectStatus(as('sek').post('/groups/ak-verschluss/members', { person: email, role, starts_on: '2026-01-01' }), 303, `membership ${email}`);
  }
  await expectStatus(as('sek').post('/groups/ak-offen/members', { person: 'fiona@example.org', role: 'member', starts_on: '2026-01-01' }), 303, 'outsider membership');
  await expectStatus(as('sek').post('/groups/ak-offen/members', { person: 'paula.partnerin@example.org', role: 'member', starts_on: '2026-01-01' }), 303, 'partner membership');

  const created = await expectStatus(
    as('org').post('/groups/ak-verschluss/meetings', { title: SECRETS.meeting, day: '2026-12-09', start_time: '18:00', end_time: '20:00', location: 'Kreishaus', default_agenda: 'on' }),
    303,
    'meeting',
  );
  const meeting = Number(created.headers.get('location')!.split('/').pop());
  const other = await expectStatus(as('sek').post('/groups/ak-offen/meetings', { title: 'Offene Runde', day: '2026-12-10', start_time: '10:00', end_time: '12:00' }), 303, 'other meeting');
  const otherMeeting = Number(other.headers.get('location')!.split('/').pop());
  await expectStatus(as('org').post(`/meetings/${meeting}/agenda`, { title: SECRETS.agendaItem }), 303, 'agenda item');
  await expectStatus(as('org').post(`/meetings/${meeting}/attendance/guests`, { name: SECRETS.guest }), 303, 'guest');
  const form = new FormData();
  form.set('file', new File([PNG], `${SECRETS.document}.png`, { type: 'image/png' }));
  await expectStatus(h.request('POST', `/meetings/${meeting}/files`, { cookie: cookies.org, body: form }), 303, 'document');
  await expectStatus(as('org').post(`/meetings/${meeting}/invite`), 303, 'invitation');
  const pollCreated = await expectStatus(
    as('org').post('/groups/ak-verschluss/polls', { title: SECRETS.meeting, day_1: '2027-01-12', start_1: '18:00', end_1: '20:00', day_2: '2027-01-14', start_2: '18:00', end_2: '20:00' }),
    303,
    'poll',
  );
  const poll = Number(pollCreated.headers.get('location')!.split('/').pop());

  const items = await db.selectFrom('agenda_items').select(['id', 'title']).where('meeting_id', '=', meeting).orderBy('position').execute();
  const item = items.find((i) => i.title === SECRETS.agendaItem)!.id;
  await expectStatus(
    as('org').post(`/meetings/${meeting}/minutes`, {
      version: '0',
      minute_taker: SECRETS.organiser,
      [`notes_${item}`]: SECRETS.notes,
      [`action_${item}_0_description`]: SECRETS.action,
      [`action_${item}_0_person`]: String(users.mem.personId),
      [`action_${item}_0_due`]: '2026-12-20',
    }),
    303,
    'minutes',
  );
  await expectStatus(as('org').post(`/meetings/${meeting}/minutes/circulate`), 303, 'circulate');

  const feedPage = await expectStatus(as('mem').post('/calendar/feeds', { name: 'Mein Kalender', scope: 'person' }), 200, 'member feed');
  const memberFeedToken = /\/feeds\/([a-z2-7]{52})\.ics/.exec(await feedPage.text())![1]!;
  const outFeedPage = await expectStatus(as('out').post('/calendar/feeds', { name: 'Fionas Kalender', scope: 'person' }), 200, 'outsider feed');
  const outsiderFeedToken = /\/feeds\/([a-z2-7]{52})\.ics/.exec(await outFeedPage.text())![1]!;
  const offFeedPage = await expectStatus(as('off').post('/calendar/feeds', { name: 'Doras Kalender', scope: 'person' }), 200, 'deactivated feed');
  const deactivatedFeedToken = /\/feeds\/([a-z2-7]{52})\.ics/.exec(await offFeedPage.text())![1]!;

  // The account is switched off in the database, keeping its session row and feed URL: the worst case
  // of a deactivation (the app itself deletes both), so the checks at sign-in and feed lookup must hold.
  await db.updateTable('users').set({ active: 0 }).where('id', '=', users.off.userId).execute();

  const now = h.clock.now();
  const publishedOrg = await addEntry(db, { name: 'Verein Offene Tür', email: 'kontakt@offene-tuer.example.org' });
  const pendingOrg = await addEntry(db, { name: 'Neue Initiative Sonnenblume' }, 'pending');
  const published = await findEntry(db, publishedOrg, 'editor');
  await proposeChange(db, { id: users.sek.userId, personId: users.sek.personId, name: 'Sabine', email: 'sek@example.org', role: 'secretariat' }, publishedOrg, { ...entryInputOf(published!), offers: 'Neue Sprechstunde' }, now);
  await sendDueConfirmations(db, now, 'http://localhost');
  const sekActor = { id: users.sek.userId, personId: users.sek.personId, name: 'Sabine', email: 'sek@example.org', role: 'secretariat' as const };
  const contact = await addContact(db, sekActor, publishedOrg, { name: 'Kira Kontakt', email: 'kira@offene-tuer.example.org' }, { method: 'written', at: now.toISOString() }, { now, baseUrl: 'http://localhost', districtName: 'Kreis Mettmann' });

  await expectStatus(as('org').post('/groups/ak-verschluss/members', { person: 'jana.join@example.org', new_name: 'Jana Join', role: 'member', starts_on: '2026-01-01' }), 303, 'group invitation');
  const representedMembership = (await db.selectFrom('memberships').select('id').where('person_id', '=', users.out.personId).executeTakeFirstOrThrow()).id;
  await db.updateTable('memberships').set({ organisation_id: publishedOrg }).where('id', '=', representedMembership).execute();
  // The partner's representative: the same entry, the representation confirmed (src/projects/access.ts).
  await db.updateTable('memberships').set({ organisation_id: publishedOrg, representation_confirmed_at: now.toISOString() }).where('person_id', '=', users.par.personId).execute();

  const mails = await db.selectFrom('outbox').select(['id', 'to_address', 'body_text']).orderBy('id').execute();
  const rsvpMail = mails.find((m) => m.to_address === SECRETS.memberEmail && m.body_text.includes('/rsvp/'))!;
  const rsvpToken = /\/rsvp\/([a-z2-7]{24}\.[a-z2-7]{24})/.exec(rsvpMail.body_text)![1]!;
  const pollToken = /\/poll\/([a-z2-7]{24}\.[a-z2-7]{24})/.exec(mails.find((m) => m.to_address === SECRETS.memberEmail && m.body_text.includes('/poll/'))!.body_text)![1]!;
  const confirmMail = mails.find((m) => m.body_text.includes('/directory/confirm/'))!;
  const confirmToken = linkFrom(confirmMail.body_text).split('/').pop()!;
  const withdrawToken = /\/directory\/withdraw\/([^\s/]+)/.exec(mails.find((m) => m.body_text.includes('/directory/withdraw/'))!.body_text)![1]!;

  const ids: Fixture['ids'] = {
    slug: 'ak-verschluss',
    otherSlug: 'ak-offen',
    meeting,
    otherMeeting,
    item,
    guest: (await db.selectFrom('meeting_guests').select('id').where('meeting_id', '=', meeting).executeTakeFirstOrThrow()).id,
    file: (await db.selectFrom('files').select('id').where('meeting_id', '=', meeting).executeTakeFirstOrThrow()).id,
    action: (await db.selectFrom('action_items').select('id').executeTakeFirstOrThrow()).id,
    version: (await db.selectFrom('minutes_versions').select('id').executeTakeFirstOrThrow()).id,
    membership: (await db.selectFrom('memberships').select('id').where('person_id', '=', users.mem.personId).executeTakeFirstOrThrow()).id,
    representedMembership,
    joinToken: /\/join\/([a-z2-7]{24}\.[a-z2-7]{24})/.exec(mails.find((m) => m.body_text.includes('/join/'))!.body_text)![1]!,
    memberFeed: (await db.selectFrom('feed_tokens').select('id').where('user_id', '=', users.mem.userId).executeTakeFirstOrThrow()).id,
    memberFeedToken,
    outsiderFeedToken,
    deactivatedFeedToken,
    rsvpToken,
    poll,
    pollToken,
    pollOptions: (await db.selectFrom('poll_options').select('id').where('poll_id', '=', poll).orderBy('id').execute()).map((o) => o.id),
    resetToken: await createOneTimeToken(db, 'reset', users.mem.userId, now),
    inviteToken: await createOneTimeToken(db, 'invite', users.invited.userId, now),
    emailChangeToken: await pendingEmailChange(db, users.mem.userId, now),
    confirmToken,
    publishedOrg,
    pendingOrg,
    contact,
    withdrawToken,
    change: (await db.selectFrom('organisation_changes').select('id').executeTakeFirstOrThrow()).id,
    mail: mails[0]!.id,
    ...(await fixtureBreaks(db, now)),
    ...(await fixtureContacts(db, now)),
    ...(await (async () => {
      const programme = await fixtureProgramme(db, now);
      return { programme, adviceRequest: await fixtureAdviceRequest(db, programme, now) };
    })()),
    ...(await fixtureProject(db, now, publishedOrg, users.sek.userId)),
    programme: await fixtureProgramme(db, now),
    ...(await fixtureAccounts(db, now)),
  };
  const partnerCookie = await h.sessionCookie(users.par.userId);
  await h.snapshot();
  return { h, cookies, users, ids, partnerCookie };
}

/** fixtureBreaks: a break of the district and one of the internal group (src/breaks). */
async function fixtureBreaks(db: SecurityHarness['db'], now: Date): Promise<{ districtBreak: number; groupBreak: number }> {
  const groupId = (await db.selectFrom('groups').select('id').where('slug', '=', 'ak-verschluss').executeTakeFirstOrThrow()).id;
  const add = async (group_id: number | null, name: string) =>
    (await db.insertInto('breaks').values({ group_id, name, starts_on: '2027-06-28', ends_on: '2027-08-10', created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
  return { districtBreak: await add(null, 'Sommerferien'), groupBreak: await add(groupId, 'Sommerpause') };
}

/** fixtureContacts: the first of the office's seeded contact topics, with one contact person (src/contact). */
async function fixtureContacts(db: SecurityHarness['db'], now: Date): Promise<{ contactTopic: number; contactPerson: number }> {
  const contactTopic = (await db.selectFrom('contact_topics').select('id').orderBy('position').executeTakeFirstOrThrow()).id;
  const at = now.toISOString();
  const contactPerson = (
    await db.insertInto('contact_persons').values({ topic_id: contactTopic, name: 'Frieda Fiktiv', job_function: 'Projektkoordination', position: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()
  ).id;
  return { contactTopic, contactPerson };
}

/** fixtureAdviceRequest: one open advice request on the programme, nobody assigned (src/advice). */
async function fixtureAdviceRequest(db: SecurityHarness['db'], programmeId: number, now: Date): Promise<number> {
  const at = now.toISOString();
  return (
    await db
      .insertInto('advice_requests')
      .values({ programme_id: programmeId, organisation_id: null, organisation_name: 'Verein Offene Tür', contact_name: 'Paula Plan', contact_email: 'paula.plan@example.org', contact_phone: null, idea: 'Sprachcafé', question: 'Wie beantragen?', consent_at: at, assigned_user_id: null, assigned_at: null, answered_at: null, closed_at: null, close_note: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** fixtureProject: a running project with the published entry as partner, a deadline, a grant notice and a receipt (src/projects). */
async function fixtureProject(db: SecurityHarness['db'], now: Date, partner: number, responsible: number) {
  const at = now.toISOString();
  const project = (
    await db
      .insertInto('projects')
      .values({ name: 'Projekt Brückenbau', short_name: 'BRÜ', description: null, reference_no: 'AZ 1', starts_on: '2026-01-01', ends_on: '2027-12-31', status: 'running', responsible_user_id: responsible, archived_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('project_partners').values({ project_id: project, organisation_id: partner }).execute();
  const projectDeadline = (await db.insertInto('project_deadlines').values({ project_id: project, kind: 'interim_report', title: 'Zwischenbericht', due_on: '2027-03-31', updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const file = (kind: 'grant_notice' | 'receipt', name: string) =>
    db
      .insertInto('project_files')
      .values({ project_id: project, kind, name, content_type: 'application/pdf', size: 4, sha256: 'abc', data: Buffer.from('%PDF'), uploaded_by_user_id: responsible, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
  return { project, projectDeadline, projectFile: (await file('grant_notice', 'bescheid.pdf')).id, projectReceipt: (await file('receipt', 'beleg.pdf')).id };
}

/** fixtureProgramme: one open funding programme with a deadline (src/programmes). */
async function fixtureProgramme(db: SecurityHarness['db'], now: Date): Promise<number> {
  const at = now.toISOString();
  const id = (
    await db
      .insertInto('programmes')
      .values({ name: 'KOMM-AN NRW', funder: 'Land NRW', level: 'land', description: null, amount_min_cents: null, amount_max_cents: 1500000, rate_percent: 90, own_share: null, link: null, office_contact_id: null, contact_text: null, status: 'open', rolling: 0, last_checked: null, archived_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('programme_deadlines').values({ programme_id: id, due_on: '2027-03-31', note: null }).execute();
  return id;
}

/**
 * fixtureAccounts: a project of its own for the accounts' routes (src/projects/accounts), with a budget
 * line that has an expense (so deleting the line is refused), the expense's receipt, and a tranche.
 */
async function fixtureAccounts(db: SecurityHarness['db'], now: Date) {
  const at = now.toISOString();
  const accountsProject = (
    await db
      .insertInto('projects')
      .values({ name: 'Abrechnungsprojekt Matrix', short_name: 'ABR-M', description: null, reference_no: null, starts_on: null, ends_on: null, responsible_user_id: null, archived_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const accountsLine = (await db.insertInto('project_budget_lines').values({ project_id: accountsProject, category: 'material', name: 'Sachkosten', planned_cents: 100000 }).returning('id').executeTakeFirstOrThrow()).id;
  const data = Buffer.from('%PDF-1.4\n%%EOF\n');
  const accountsReceipt = (
    await db
      .insertInto('project_files')
      .values({ project_id: accountsProject, kind: 'receipt', name: 'beleg.pdf', content_type: 'application/pdf', size: data.byteLength, sha256: 'x'.repeat(64), data, uploaded_by_user_id: null, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const accountsExpense = (
    await db
      .insertInto('project_expenses')
      .values({ project_id: accountsProject, budget_line_id: accountsLine, spent_on: '2026-11-02', amount_cents: 1999, payee: 'Druckerei', receipt_no: 'R-1', receipt_file_id: accountsReceipt, note: null, created_by_user_id: null, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const accountsTranche = (await db.insertInto('project_tranches').values({ project_id: accountsProject, received_on: '2026-03-01', amount_cents: 50000, note: null, created_by_user_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  return { accountsProject, accountsLine, accountsExpense, accountsReceipt, accountsTranche };
}
