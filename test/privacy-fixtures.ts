import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { foldText } from '../src/lib/fold.js';
import { enqueueMail } from '../src/mail/outbox.js';

// Rows for the data protection tests, written straight into the database: the tests are about what
// export, anonymisation and retention do with the rows, not about the forms that make them.

const AT = '2026-01-10T10:00:00.000Z';
const hex = () => randomBytes(16).toString('hex');

export async function addGroup(db: Kysely<Database>, slug: string): Promise<number> {
  const row = await db
    .insertInto('groups')
    .values({ name: `AK ${slug}`, slug, kind: 'internal', description: '', colour: '#0b5394', dates_public: 0, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addMeeting(db: Kysely<Database>, groupId: number, startsAt: string, title: string): Promise<number> {
  const ends = new Date(new Date(startsAt).getTime() + 2 * 3600_000).toISOString();
  const row = await db
    .insertInto('meetings')
    .values({ group_id: groupId, title, starts_at: startsAt, ends_at: ends, status: 'invited', created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addMembership(db: Kysely<Database>, groupId: number, personId: number, startsOn: string, endsOn: string | null = null): Promise<number> {
  const row = await db
    .insertInto('memberships')
    .values({ group_id: groupId, person_id: personId, role: 'member', organisation_id: null, starts_on: startsOn, ends_on: endsOn, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addReply(db: Kysely<Database>, meetingId: number, personId: number, answer: 'accepted' | 'declined' | 'tentative' | null, comment: string | null = null): Promise<void> {
  await db
    .insertInto('rsvps')
    .values({ meeting_id: meetingId, person_id: personId, invited_at: AT, answer, comment, substitute: null, answered_at: answer ? AT : null, link_id: hex(), link_secret_hash: hex() })
    .execute();
}

export async function addAttendance(db: Kysely<Database>, meetingId: number, personId: number, status: 'present' | 'excused' | 'absent'): Promise<void> {
  await db.insertInto('attendance').values({ meeting_id: meetingId, person_id: personId, status, recorded_at: AT }).execute();
}

export async function addGuest(db: Kysely<Database>, meetingId: number, name: string): Promise<void> {
  await db.insertInto('meeting_guests').values({ meeting_id: meetingId, name, organisation: 'Gastverein', created_at: AT }).execute();
}

/** addMinutes: minutes with one TOP for a meeting; returns their ids. */
export async function addMinutes(db: Kysely<Database>, meetingId: number): Promise<{ minutesId: number; itemId: number }> {
  const item = await db
    .insertInto('agenda_items')
    .values({ meeting_id: meetingId, position: 1, title: 'Berichte aus den Städten', created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  const minutes = await db
    .insertInto('minutes')
    .values({ meeting_id: meetingId, status: 'circulated', minute_taker: 'Geschäftsstelle', created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { minutesId: minutes.id, itemId: item.id };
}

export interface Subject {
  personId: number;
  userId: number;
  email: string;
}

/**
 * seedEverything gives the subject at least one row in every table that refers to a person or an
 * account (the export test checks that each section of the export then has something in it).
 */
export async function seedEverything(db: Kysely<Database>, subject: Subject, opts: { groupId: number; meetingId: number }): Promise<void> {
  const { personId, userId, email } = subject;
  const { minutesId, itemId } = await addMinutes(db, opts.meetingId);
  await addMembership(db, opts.groupId, personId, '2025-01-01');
  await addReply(db, opts.meetingId, personId, 'accepted', 'Ich komme etwas später.');
  await addAttendance(db, opts.meetingId, personId, 'present');
  await db.insertInto('minute_comments').values({ minutes_id: minutesId, agenda_item_id: itemId, person_id: personId, body: 'Bitte Hilden ergänzen.', created_at: AT }).execute();
  await db
    .insertInto('action_items')
    .values({ minutes_id: minutesId, agenda_item_id: itemId, group_id: opts.groupId, description: 'Flyer übersetzen', responsible_person_id: personId, due_on: '2026-12-01', status: 'done', done_note: 'erledigt', done_at: AT, done_by_user_id: userId, created_at: AT })
    .execute();
  await db.insertInto('minutes_versions').values({ minutes_id: minutesId, version: 1, status: 'circulated', snapshot_json: '{}', reason: null, created_by_user_id: userId, created_at: AT }).execute();
  await db.insertInto('feed_tokens').values({ user_id: userId, scope: 'person', group_id: null, name: 'Outlook im Büro', token_hash: `feed-${hex()}`, created_at: AT }).execute();
  await db.insertInto('auth_tokens').values({ id: hex(), secret_hash: `token-${hex()}`, user_id: userId, purpose: 'reset', created_at: AT, expires_at: AT, used_at: null }).execute();
  await db.insertInto('sessions').values({ id: hex(), secret_hash: `session-${hex()}`, user_id: userId, created_at: AT, last_verified_at: AT }).execute();
  const org = await db
    .insertInto('organisations')
    .values({ name: 'Verein Brücke', name_normalized: foldText('Verein Brücke'), kind: 'other', status: 'pending', created_at: AT, updated_at: AT, submitter_name: 'Selbst gemeldet', submitter_email: email.toUpperCase(), consent_at: AT, reviewed_by_user_id: userId, reviewed_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('persons').set({ organisation_id: org.id, contact_consent_at: AT, contact_consent_method: 'written', phone: '02104 12345' }).where('id', '=', personId).execute();
  await db.insertInto('contact_consent_links').values({ id: hex(), secret_hash: `consent-${hex()}`, person_id: personId, created_at: AT }).execute();
  await db.insertInto('organisation_changes').values({ organisation_id: org.id, proposed_json: '{}', base_fingerprint: 'x', proposed_by_user_id: userId, status: 'pending', created_at: AT }).execute();
  await db.insertInto('files').values({ meeting_id: opts.meetingId, name: 'praesentation.pdf', content_type: 'application/pdf', size: 4, sha256: 'abc', data: Buffer.from('%PDF'), uploaded_by_user_id: userId, created_at: AT }).execute();
  await db.insertInto('site_texts').values({ key: 'privacy', body: 'Datenschutzerklärung', updated_at: AT, updated_by_user_id: userId }).execute();
  await db.transaction().execute((trx) => enqueueMail(trx, { to: email, subject: 'Einladung zur Sitzung', text: 'Hallo' }, new Date(AT)));
  await db.insertInto('audit_log').values({ at: AT, actor_user_id: userId, action: 'feed.create', entity_type: 'feed', entity_id: '1', before_json: null, after_json: null }).execute();
  // A pending change of the login address to `neu.<address>` (its two links), and group invitations sent
  // to the current address (written in capitals by the manager) and to the new one.
  const newEmail = `neu.${email}`;
  const soon = '2026-12-20T10:00:00.000Z';
  for (const purpose of ['email_new', 'email_old'] as const) {
    await db.insertInto('auth_tokens').values({ id: hex(), secret_hash: `token-${hex()}`, user_id: userId, purpose, created_at: AT, expires_at: soon, used_at: null, new_email: newEmail }).execute();
  }
  await db.insertInto('audit_log').values({ at: AT, actor_user_id: null, action: 'user.email_change_requested', entity_type: 'user', entity_id: String(userId), before_json: null, after_json: JSON.stringify({ new_email: newEmail }) }).execute();
  for (const [to, name] of [[email.toUpperCase(), 'Selbst Eingeladen'], [newEmail, 'Neu Eingeladen']] as const) {
    await db
      .insertInto('membership_invitations')
      .values({ id: hex(), secret_hash: `invitation-${hex()}`, group_id: opts.groupId, email: to, email_normalized: to.toLowerCase(), name, role: 'member', organisation: 'Verein Brücke', starts_on: '2026-12-01', ends_on: null, created_at: AT, expires_at: soon })
      .execute();
  }
  // A date poll (src/polls/) the person was asked in, answered and created.
  const poll = await db.insertInto('polls').values({ group_id: opts.groupId, title: 'Terminsuche Frühjahr', location: null, note: null, status: 'open', created_by_user_id: userId, created_at: AT }).returning('id').executeTakeFirstOrThrow();
  const option = await db.insertInto('poll_options').values({ poll_id: poll.id, starts_at: '2026-02-10T17:00:00.000Z', ends_at: '2026-02-10T19:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('poll_invitees').values({ poll_id: poll.id, person_id: personId, link_id: hex(), link_secret_hash: `poll-${hex()}`, invited_at: AT }).execute();
  await db.insertInto('poll_answers').values({ poll_id: poll.id, option_id: option.id, person_id: personId, answer: 'maybe', answered_at: AT }).execute();
  // A figure of the Datensammlung (src/statistics/) the person entered by hand.
  const indicator = await db.selectFrom('statistic_indicators').select('id').where('key', '=', 'population_total').executeTakeFirstOrThrow();
  const city = await db.selectFrom('cities').select('id').where('kind', '=', 'city').orderBy('id').executeTakeFirstOrThrow();
  await db.insertInto('statistic_values').values({ indicator_id: indicator.id, city_id: city.id, year: 2025, value: 56000, special: null, source: null, note: null, updated_at: AT, updated_by_user_id: userId }).execute();
  await db
    .insertInto('statistic_value_changes')
    .values({ indicator_id: indicator.id, city_id: city.id, year: 2025, old_value: null, old_special: null, new_value: 56000, new_special: null, changed_at: AT, changed_by_user_id: userId, via: 'manual', file_name: null })
    .execute();
  // An advice request (src/advice/) sent with the person's address, assigned to and answered by them.
  const programme = await db
    .insertInto('programmes')
    .values({ name: 'KOMM-AN NRW', funder: 'Land NRW', level: 'land', description: null, amount_min_cents: null, amount_max_cents: null, rate_percent: null, own_share: null, link: null, office_contact_id: null, contact_text: null, status: 'open', rolling: 0, last_checked: null, archived_at: null, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  const advice = await db
    .insertInto('advice_requests')
    .values({ programme_id: programme.id, organisation_id: null, organisation_name: 'Verein Brücke', contact_name: 'Mia Mitglied', contact_email: email, contact_phone: null, idea: 'Sprachcafé', question: 'Wie beantragen?', consent_at: AT, assigned_user_id: userId, assigned_at: AT, answered_at: AT, closed_at: null, close_note: null, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('advice_answers').values({ request_id: advice.id, sender_user_id: userId, subject: 'Ihre Anfrage', body: 'So geht es.', outbox_id: null, sent_at: AT }).execute();
  // A project of the office (src/projects/) the person is responsible for, with a document they uploaded.
  const project = await db.insertInto('projects').values({ name: 'Sprachbrücken', short_name: null, description: null, reference_no: null, starts_on: null, ends_on: null, status: 'running', responsible_user_id: userId, archived_at: null, created_at: AT, updated_at: AT }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('project_files').values({ project_id: project.id, kind: 'report', name: 'zwischenbericht.pdf', content_type: 'application/pdf', size: 4, sha256: 'abc', data: Buffer.from('%PDF'), uploaded_by_user_id: userId, created_at: AT }).execute();
  // An expense and funds received the person booked in a project's accounts (src/projects/accounts/).
  const accountsProject = await db.insertInto('projects').values({ name: 'Abrechnungsprojekt Datenauskunft', short_name: null, description: null, reference_no: null, starts_on: null, ends_on: null, responsible_user_id: null, archived_at: null, created_at: AT, updated_at: AT }).returning('id').executeTakeFirstOrThrow();
  const line = await db.insertInto('project_budget_lines').values({ project_id: accountsProject.id, category: 'material', name: 'Sachkosten', planned_cents: 100000 }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('project_expenses').values({ project_id: accountsProject.id, budget_line_id: line.id, spent_on: '2026-01-10', amount_cents: 4999, payee: 'Druckerei Beispiel', receipt_no: 'R-1', receipt_file_id: null, note: null, created_by_user_id: userId, created_at: AT }).execute();
  await db.insertInto('project_tranches').values({ project_id: accountsProject.id, received_on: '2026-01-05', amount_cents: 50000, note: null, created_by_user_id: userId, created_at: AT }).execute();
}

/** addressColumns: every column of this database named like an e-mail address. */
export async function addressColumns(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  return (await allColumns(db, dialect))
    .filter((r) => /(^|_)(e?mail|email_normalized|address)$/.test(r.column_name))
    .map((r) => `${r.table_name}.${r.column_name}`)
    .sort();
}

async function allColumns(db: Kysely<Database>, dialect: 'sqlite' | 'postgres') {
  return dialect === 'postgres'
    ? (await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db)).rows
    : (await sql<{ table_name: string; column_name: string }>`select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(db)).rows;
}

/** personColumns: every column of this database named like a reference to a person or an account. */
export async function personColumns(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  return (await allColumns(db, dialect))
    .filter((r) => /(^|_)(person|user)_id$/.test(r.column_name))
    .map((r) => `${r.table_name}.${r.column_name}`)
    .sort();
}

/** everyText: every row of every table as one JSON text, to search for what must be gone. */
export async function everyText(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string> {
  const tables =
    dialect === 'postgres'
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows;
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
    parts.push(JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : v)));
  }
  return parts.join('\n').toLowerCase();
}
