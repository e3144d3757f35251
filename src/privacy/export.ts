import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { isStaff, mayManageAccountOf } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Instant } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { fromCirculatedMinutes } from '../minutes/actions.js';

/**
 * The personal data export (DSGVO Art. 15 and 20): everything the hub holds about one person, as plain
 * rows per section. Secrets never leave: no password hash, no token or link hashes, no session or link
 * ids (each is half of a token), no mail bodies (they carry sign-in links).
 */

export type ExportValue = string | number | boolean | null | Record<string, unknown> | unknown[];
export type ExportRow = Record<string, ExportValue>;

/** The sections in the order the page shows them. */
export const EXPORT_SECTIONS = [
  'person',
  'account',
  'sessions',
  'one_time_links',
  'address_change',
  'feeds',
  'memberships',
  'group_invitations',
  'invitations',
  'attendance',
  'minute_comments',
  'action_items',
  'consent_links',
  'directory_submissions',
  'documents',
  'minutes_versions',
  'directory_reviews',
  'directory_changes',
  'site_texts',
  'mails',
  'audit_log',
  'poll_answers',
  'statistics_changes',
  'advice_requests',
  'advice_work',
  'projects',
  'project_accounts',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

/**
 * Every column that points at a person or an account, and the section that exports what it points from.
 * test/privacy-export.test.ts reads the database's columns named *person_id / *user_id and fails for
 * one missing here: a new table that refers to people must be added to the export (or to EXEMPT_COLUMNS
 * with a reason) before it lands.
 */
export const PERSON_COLUMNS: Record<string, ExportSection> = {
  'users.person_id': 'account',
  'sessions.user_id': 'sessions',
  'auth_tokens.user_id': 'one_time_links',
  'feed_tokens.user_id': 'feeds',
  'memberships.person_id': 'memberships',
  'rsvps.person_id': 'invitations',
  'attendance.person_id': 'attendance',
  'minute_comments.person_id': 'minute_comments',
  'action_items.responsible_person_id': 'action_items',
  'action_items.done_by_user_id': 'action_items',
  'contact_consent_links.person_id': 'consent_links',
  'files.uploaded_by_user_id': 'documents',
  'minutes_versions.created_by_user_id': 'minutes_versions',
  'organisations.reviewed_by_user_id': 'directory_reviews',
  'organisation_changes.proposed_by_user_id': 'directory_changes',
  'organisation_changes.decided_by_user_id': 'directory_changes',
  'site_texts.updated_by_user_id': 'site_texts',
  'audit_log.actor_user_id': 'audit_log',
  'poll_answers.person_id': 'poll_answers',
  'poll_invitees.person_id': 'poll_answers',
  'polls.created_by_user_id': 'poll_answers',
  'statistic_values.updated_by_user_id': 'statistics_changes',
  'statistic_value_changes.changed_by_user_id': 'statistics_changes',
  'advice_requests.assigned_user_id': 'advice_work',
  'advice_answers.sender_user_id': 'advice_work',
  'projects.responsible_user_id': 'projects',
  'project_files.uploaded_by_user_id': 'projects',
  'project_expenses.created_by_user_id': 'project_accounts',
  'project_tranches.created_by_user_id': 'project_accounts',
};

/**
 * Every column that holds a person's e-mail address, and the section that exports it. Some tables are
 * keyed by the address, not by a person (an invitation names no person until it is accepted): the same
 * test reads the columns named *email* / *address and fails for one missing here or in EXEMPT_COLUMNS.
 */
export const ADDRESS_COLUMNS: Record<string, ExportSection> = {
  'persons.email': 'person',
  'persons.email_normalized': 'person',
  'auth_tokens.new_email': 'address_change',
  'membership_invitations.email': 'group_invitations',
  'membership_invitations.email_normalized': 'group_invitations',
  'organisations.submitter_email': 'directory_submissions',
  'outbox.to_address': 'mails',
  'outbox.reply_to_address': 'mails',
  'advice_requests.contact_email': 'advice_requests',
};

/** Columns that refer to people or hold an address but hold nothing to export, each with the reason. */
export const EXEMPT_COLUMNS: Record<string, string> = {
  'organisations.email': "the organisation's published contact address, shown in the directory; a person's own address belongs in persons.email",
  'rsvps.substitute_for_person_id': "on a substitute's invitation, the member they stand in for; that member's own invitation (exported) names the substitute they chose",
  'contact_topics.email': "an office mailbox for a contact topic (/contact), a functional address, not a person's",
  'contact_persons.email': "the work address of the office's contact person, published on /contact by the staff; a person's own address belongs in persons.email",
};

export interface PersonExport {
  format: 'arbeitskreis-hub/personal-data@1';
  generated_at: Instant;
  person_id: number;
  sections: Record<ExportSection, ExportRow[]>;
}

type AuditRow = { id: number; at: string; actor_user_id: number | null; action: string; entity_type: string; entity_id: string | null; before_json: string | null; after_json: string | null };

function parseJson(text: string | null): ExportValue {
  if (text === null) return null;
  try {
    return JSON.parse(text) as ExportValue;
  } catch {
    return text;
  }
}

/**
 * collectPersonData reads every section for one person. `viewer` scopes it: the person themself or the
 * staff who may manage the person's account (an admin's data only for admins, as for anonymising);
 * undefined for anyone else or an unknown person.
 */
export async function collectPersonData(db: Kysely<Database>, viewer: SessionUser, personId: number, now: Date): Promise<PersonExport | undefined> {
  if (!isStaff(viewer) && viewer.personId !== personId) return undefined;
  const person = await db
    .selectFrom('persons')
    .leftJoin('organisations', 'organisations.id', 'persons.organisation_id')
    .leftJoin('cities', 'cities.id', 'persons.city_id')
    .select([
      'persons.id',
      'persons.name',
      'persons.email',
      'persons.phone',
      'persons.job_function',
      'organisations.name as organisation',
      'cities.name as city',
      'persons.contact_consent_at',
      'persons.contact_consent_method',
      'persons.created_at',
      'persons.updated_at',
      'persons.anonymised_at',
      'persons.email_normalized',
    ])
    .where('persons.id', '=', personId)
    .executeTakeFirst();
  if (!person) return undefined;
  const { email_normalized: email, ...personRow } = person;
  const user = await db
    .selectFrom('users')
    .select((eb) => ['id', 'role', 'active', 'created_at', 'last_login_at', eb.case().when('password_hash', 'is not', null).then(1).else(0).end().as('has_password')])
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (viewer.personId !== personId && !mayManageAccountOf(viewer, user?.role ?? null)) return undefined;
  // A person without an account has no user id: -1 matches no row, so the user sections stay empty.
  const userId = user?.id ?? -1;
  // A change of the login address waiting for its links (src/people/email-change.ts): the address it
  // would set is the person's too, so group invitations sent there are theirs as well.
  const addressChange = await db
    .selectFrom('auth_tokens')
    .select(['new_email', 'created_at as requested_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('purpose', '=', 'email_new')
    .where('new_email', 'is not', null)
    .orderBy('created_at')
    .execute();
  const addresses = [...new Set([email, ...addressChange.map((c) => c.new_email)].filter((a): a is string => !!a).map(normalizeEmail))];
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('groups', 'groups.id', 'memberships.group_id')
    .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['memberships.id', 'groups.name as group', 'memberships.role', 'organisations.name as organisation', 'memberships.starts_on', 'memberships.ends_on'])
    .where('memberships.person_id', '=', personId)
    .orderBy('memberships.starts_on')
    .execute();

  const sections: Record<ExportSection, ExportRow[]> = {
    person: [personRow],
    account: user ? [{ role: user.role, active: user.active === 1, has_password: Number(user.has_password) === 1, created_at: user.created_at, last_login_at: user.last_login_at }] : [],
    sessions: await db.selectFrom('sessions').select(['created_at', 'last_verified_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    one_time_links: await db.selectFrom('auth_tokens').select(['purpose', 'created_at', 'expires_at', 'used_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    address_change: addressChange,
    feeds: await db
      .selectFrom('feed_tokens')
      .leftJoin('groups', 'groups.id', 'feed_tokens.group_id')
      .select(['feed_tokens.name', 'feed_tokens.scope', 'groups.name as group', 'feed_tokens.created_at', 'feed_tokens.rotated_at', 'feed_tokens.last_used_on'])
      .where('feed_tokens.user_id', '=', userId)
      .orderBy('feed_tokens.created_at')
      .execute(),
    memberships: memberships.map(({ id: _id, ...m }) => m),
    // Invitations name no person, only the address they were sent to; who sent one is in the audit log, not here.
    group_invitations: addresses.length
      ? await db
          .selectFrom('membership_invitations')
          .innerJoin('groups', 'groups.id', 'membership_invitations.group_id')
          .select([
            'groups.name as group',
            'membership_invitations.email',
            'membership_invitations.name',
            'membership_invitations.role',
            'membership_invitations.organisation',
            'membership_invitations.starts_on',
            'membership_invitations.ends_on',
            'membership_invitations.created_at',
            'membership_invitations.expires_at',
          ])
          .where('membership_invitations.email_normalized', 'in', addresses)
          .orderBy('membership_invitations.created_at')
          .execute()
      : [],
    invitations: await db
      .selectFrom('rsvps')
      .innerJoin('meetings', 'meetings.id', 'rsvps.meeting_id')
      .innerJoin('groups', 'groups.id', 'meetings.group_id')
      .select(['meetings.title as meeting', 'groups.name as group', 'meetings.starts_at', 'rsvps.invited_at', 'rsvps.answer', 'rsvps.comment', 'rsvps.substitute', 'rsvps.answered_at', 'rsvps.reminded_at'])
      .where('rsvps.person_id', '=', personId)
      .orderBy('meetings.starts_at')
      .execute(),
    attendance: await db
      .selectFrom('attendance')
      .innerJoin('meetings', 'meetings.id', 'attendance.meeting_id')
      .innerJoin('groups', 'groups.id', 'meetings.group_id')
      .select(['meetings.title as meeting', 'groups.name as group', 'meetings.starts_at', 'attendance.status', 'attendance.recorded_at'])
      .where('attendance.person_id', '=', personId)
      .orderBy('meetings.starts_at')
      .execute(),
    minute_comments: await db
      .selectFrom('minute_comments')
      .innerJoin('minutes', 'minutes.id', 'minute_comments.minutes_id')
      .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
      .innerJoin('agenda_items', 'agenda_items.id', 'minute_comments.agenda_item_id')
      .select(['meetings.title as meeting', 'meetings.starts_at', 'agenda_items.title as agenda_item', 'minute_comments.body', 'minute_comments.created_at'])
      .where('minute_comments.person_id', '=', personId)
      .orderBy('minute_comments.created_at')
      .execute(),
    action_items: (
      await db
        .selectFrom('action_items')
        .innerJoin('minutes', 'minutes.id', 'action_items.minutes_id')
        .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
        .select(['meetings.title as meeting', 'meetings.starts_at', 'action_items.description', 'action_items.due_on', 'action_items.status', 'action_items.done_note', 'action_items.done_at', 'action_items.responsible_person_id', 'action_items.done_by_user_id'])
        .where((eb) => eb.or([eb('action_items.responsible_person_id', '=', personId), eb('action_items.done_by_user_id', '=', userId)]))
        // As everywhere outside the minutes editor, the staff's lists included: a draft's items appear
        // once the minutes are circulated. The staff's export is what they hand the person, so it is the same.
        .where(fromCirculatedMinutes)
        .orderBy('action_items.created_at')
        .execute()
    ).map(({ responsible_person_id, done_by_user_id, ...item }) => ({ ...item, responsible: responsible_person_id === personId, done_by_you: done_by_user_id === userId })),
    consent_links: await db.selectFrom('contact_consent_links').select('created_at').where('person_id', '=', personId).orderBy('created_at').execute(),
    directory_submissions: email
      ? await db
          .selectFrom('organisations')
          .select(['name as organisation', 'status', 'submitter_name', 'submitter_email', 'consent_at', 'created_at'])
          // Submissions come from the public form, without an account: the address is what ties them to the person.
          .where((eb) => eb(eb.fn('lower', ['submitter_email']), '=', email))
          .orderBy('created_at')
          .execute()
      : [],
    documents: await db
      .selectFrom('files')
      .leftJoin('meetings', 'meetings.id', 'files.meeting_id')
      .select(['files.name', 'files.content_type', 'files.size', 'meetings.title as meeting', 'files.created_at'])
      .where('files.uploaded_by_user_id', '=', userId)
      .orderBy('files.created_at')
      .execute(),
    minutes_versions: await db
      .selectFrom('minutes_versions')
      .innerJoin('minutes', 'minutes.id', 'minutes_versions.minutes_id')
      .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
      .select(['meetings.title as meeting', 'minutes_versions.version', 'minutes_versions.status', 'minutes_versions.reason', 'minutes_versions.created_at'])
      .where('minutes_versions.created_by_user_id', '=', userId)
      .orderBy('minutes_versions.created_at')
      .execute(),
    directory_reviews: await db.selectFrom('organisations').select(['name as organisation', 'status', 'reviewed_at']).where('reviewed_by_user_id', '=', userId).orderBy('reviewed_at').execute(),
    directory_changes: (
      await db
        .selectFrom('organisation_changes')
        .innerJoin('organisations', 'organisations.id', 'organisation_changes.organisation_id')
        .select(['organisations.name as organisation', 'organisation_changes.status', 'organisation_changes.created_at', 'organisation_changes.decided_at', 'organisation_changes.proposed_by_user_id'])
        .where((eb) => eb.or([eb('organisation_changes.proposed_by_user_id', '=', userId), eb('organisation_changes.decided_by_user_id', '=', userId)]))
        .orderBy('organisation_changes.created_at')
        .execute()
    ).map(({ proposed_by_user_id, ...change }) => ({ ...change, proposed_by_you: proposed_by_user_id === userId })),
    site_texts: await db.selectFrom('site_texts').select(['key', 'updated_at']).where('updated_by_user_id', '=', userId).orderBy('updated_at').execute(),
    mails: email
      ? await db
          .selectFrom('outbox')
          .select(['to_address', 'subject', 'status', 'created_at', 'sent_at'])
          // Also the messages the person sent through the contact form (their address is the Reply-To).
          .where((eb) => eb.or([eb(eb.fn('lower', ['to_address']), '=', email), eb(eb.fn('lower', ['reply_to_address']), '=', email)]))
          .orderBy('id')
          .execute()
      : [],
    audit_log: await auditEntries(db, personId, userId, memberships.map((m) => String(m.id))),
    poll_answers: await pollRows(db, personId, userId),
    // The Datensammlung's figures this account entered or changed (who changed what is kept for accountability).
    statistics_changes: await db
      .selectFrom('statistic_value_changes')
      .innerJoin('statistic_indicators', 'statistic_indicators.id', 'statistic_value_changes.indicator_id')
      .innerJoin('cities', 'cities.id', 'statistic_value_changes.city_id')
      .select(['statistic_indicators.key as indicator', 'cities.name as city', 'statistic_value_changes.year', 'statistic_value_changes.via', 'statistic_value_changes.changed_at'])
      .where('statistic_value_changes.changed_by_user_id', '=', userId)
      .orderBy('statistic_value_changes.changed_at')
      .execute(),
    // Advice requests sent with the person's address (src/advice/): the public form needs no account.
    advice_requests: email
      ? await db
          .selectFrom('advice_requests')
          .innerJoin('programmes', 'programmes.id', 'advice_requests.programme_id')
          .select(['programmes.name as programme', 'advice_requests.organisation_name as organisation', 'advice_requests.contact_name as name', 'advice_requests.contact_email as email', 'advice_requests.contact_phone as phone', 'advice_requests.idea', 'advice_requests.question', 'advice_requests.consent_at', 'advice_requests.created_at', 'advice_requests.answered_at', 'advice_requests.closed_at'])
          .where((eb) => eb(eb.fn('lower', ['advice_requests.contact_email']), '=', email))
          .orderBy('advice_requests.created_at')
          .execute()
      : [],
    // The requests the account was assigned or answered: what they did, not the requesters' details.
    advice_work: await adviceWork(db, userId),
    // The office's projects this account is responsible for, and the project documents it uploaded (src/projects/).
    projects: [
      ...(await db.selectFrom('projects').select(['name as project', 'status', 'created_at']).where('responsible_user_id', '=', userId).orderBy('created_at').execute()).map((r) => ({ role: 'responsible', ...r, name: null })),
      ...(
        await db
          .selectFrom('project_files')
          .innerJoin('projects', 'projects.id', 'project_files.project_id')
          .select(['projects.name as project', 'project_files.name', 'project_files.created_at'])
          .where('project_files.uploaded_by_user_id', '=', userId)
          .orderBy('project_files.created_at')
          .execute()
      ).map((r) => ({ role: 'document', project: r.project, status: null, created_at: r.created_at, name: r.name })),
    ],
    project_accounts: await projectAccountRows(db, userId),
  };
  return { format: 'arbeitskreis-hub/personal-data@1', generated_at: now.toISOString(), person_id: personId, sections };
}

/** adviceWork: per advice request the account was assigned or answered, the programme and what they did. */
async function adviceWork(db: Kysely<Database>, userId: number): Promise<ExportRow[]> {
  const rows = await db
    .selectFrom('advice_requests')
    .innerJoin('programmes', 'programmes.id', 'advice_requests.programme_id')
    .select((eb) => [
      'programmes.name as programme',
      'advice_requests.created_at',
      'advice_requests.assigned_user_id',
      eb.selectFrom('advice_answers').select(eb.fn.countAll<number>().as('n')).whereRef('advice_answers.request_id', '=', 'advice_requests.id').where('advice_answers.sender_user_id', '=', userId).as('answers'),
    ])
    .where((eb) => eb.or([eb('advice_requests.assigned_user_id', '=', userId), eb.exists(eb.selectFrom('advice_answers').select('advice_answers.id').whereRef('advice_answers.request_id', '=', 'advice_requests.id').where('advice_answers.sender_user_id', '=', userId))]))
    .orderBy('advice_requests.created_at')
    .execute();
  return rows.map((r) => ({ programme: r.programme, created_at: r.created_at, assigned_to_you: r.assigned_user_id === userId, answers_by_you: Number(r.answers ?? 0) }));
}

/**
 * auditEntries: the log entries about the person (their person record, account and memberships) with
 * their details, and those they made about anything else without them: what they did, not the other
 * people's data their changes carried.
 */
async function auditEntries(db: Kysely<Database>, personId: number, userId: number, membershipIds: string[]): Promise<ExportRow[]> {
  const rows: AuditRow[] = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_user_id', 'action', 'entity_type', 'entity_id', 'before_json', 'after_json'])
    .where((eb) =>
      eb.or([
        eb('actor_user_id', '=', userId),
        eb.and([eb('entity_type', '=', 'person'), eb('entity_id', '=', String(personId))]),
        eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', String(userId))]),
        ...(membershipIds.length ? [eb.and([eb('entity_type', '=', 'membership'), eb('entity_id', 'in', membershipIds)])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  const own = new Set(membershipIds.map((id) => `membership:${id}`)).add(`person:${personId}`).add(`user:${userId}`);
  return rows.map((r) => {
    const aboutThem = own.has(`${r.entity_type}:${r.entity_id}`);
    return {
      at: r.at,
      action: r.action,
      entity_type: r.entity_type,
      entity_id: r.entity_id,
      by: r.actor_user_id === null ? 'system' : r.actor_user_id === userId ? 'self' : 'staff',
      before: aboutThem ? parseJson(r.before_json) : null,
      after: aboutThem ? parseJson(r.after_json) : null,
    };
  });
}

/**
 * exportPersonData collects the export and records in the audit log who looked at whose data (also when
 * a person fetches their own). Undefined when the viewer may not (see collectPersonData).
 */
export async function exportPersonData(db: Kysely<Database>, viewer: SessionUser, personId: number, format: 'json' | 'html', now: Date): Promise<PersonExport | undefined> {
  const data = await collectPersonData(db, viewer, personId, now);
  if (!data) return undefined;
  await audit(db, { actorUserId: viewer.id, action: 'person.data_export', entityType: 'person', entityId: personId, after: { format } }, now);
  return data;
}

/**
 * pollRows: the person's part in date polls (src/polls/): the polls they were asked in (not the link),
 * their answer for each date, and the polls they created.
 */
async function pollRows(db: Kysely<Database>, personId: number, userId: number): Promise<ExportRow[]> {
  const [asked, answers, created] = await Promise.all([
    db
      .selectFrom('poll_invitees')
      .innerJoin('polls', 'polls.id', 'poll_invitees.poll_id')
      .innerJoin('groups', 'groups.id', 'polls.group_id')
      .select(['polls.title as poll', 'groups.name as group', 'poll_invitees.invited_at'])
      .where('poll_invitees.person_id', '=', personId)
      .orderBy('poll_invitees.invited_at')
      .execute(),
    db
      .selectFrom('poll_answers')
      .innerJoin('polls', 'polls.id', 'poll_answers.poll_id')
      .innerJoin('groups', 'groups.id', 'polls.group_id')
      .innerJoin('poll_options', 'poll_options.id', 'poll_answers.option_id')
      .select(['polls.title as poll', 'groups.name as group', 'poll_options.starts_at', 'poll_options.ends_at', 'poll_answers.answer', 'poll_answers.answered_at'])
      .where('poll_answers.person_id', '=', personId)
      .orderBy('poll_options.starts_at')
      .execute(),
    db
      .selectFrom('polls')
      .innerJoin('groups', 'groups.id', 'polls.group_id')
      .select(['polls.title as poll', 'groups.name as group', 'polls.status', 'polls.created_at'])
      .where('polls.created_by_user_id', '=', userId)
      .orderBy('polls.created_at')
      .execute(),
  ]);
  return [...asked.map((r) => ({ kind: 'asked', ...r })), ...answers.map((r) => ({ kind: 'answer', ...r })), ...created.map((r) => ({ kind: 'created', ...r }))];
}

/**
 * projectAccountRows: the expenses and funds received this account recorded in the project accounts
 * (src/projects/accounts/): which project, what, when and how much; the staff's own bookkeeping.
 */
async function projectAccountRows(db: Kysely<Database>, userId: number): Promise<ExportRow[]> {
  const [expenses, tranches] = await Promise.all([
    db
      .selectFrom('project_expenses')
      .innerJoin('projects', 'projects.id', 'project_expenses.project_id')
      .select(['projects.name as project', 'project_expenses.spent_on as booked_on', 'project_expenses.amount_cents', 'project_expenses.payee', 'project_expenses.created_at'])
      .where('project_expenses.created_by_user_id', '=', userId)
      .orderBy('project_expenses.created_at')
      .execute(),
    db
      .selectFrom('project_tranches')
      .innerJoin('projects', 'projects.id', 'project_tranches.project_id')
      .select(['projects.name as project', 'project_tranches.received_on as booked_on', 'project_tranches.amount_cents', 'project_tranches.created_at'])
      .where('project_tranches.created_by_user_id', '=', userId)
      .orderBy('project_tranches.created_at')
      .execute(),
  ]);
  return [...expenses.map((r) => ({ kind: 'expense', ...r })), ...tranches.map((r) => ({ kind: 'tranche', ...r }))];
}
