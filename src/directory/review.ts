import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { pageOf, type Page, type Paging } from '../http/pagination.js';
import { translator } from '../i18n/index.js';
import { enqueueMail } from '../mail/outbox.js';
import { greeting } from '../mail/signature.js';
import { assertChoices, InvalidChoiceError, type Choices } from './choices.js';
import { entryFingerprint, entryInputOf, findEntry, setStatus, writeEntry, type EntryInput } from './entries.js';

// Mails to submitters go out in German (their language is not known).
const t = translator('de');

export interface PendingEntry {
  id: number;
  name: string;
  submitter_name: string | null;
  submitter_email: string | null;
  created_at: string;
}

/** listPendingEntries: one page of the submissions awaiting review, oldest first. */
export function listPendingEntries(db: Kysely<Database>, paging: Paging): Promise<Page<PendingEntry>> {
  const query = db.selectFrom('organisations').select(['id', 'name', 'submitter_name', 'submitter_email', 'created_at']).where('status', '=', 'pending').orderBy('created_at').orderBy('id');
  return pageOf((limit, offset) => query.limit(limit).offset(offset).execute(), paging);
}

export interface PendingChange {
  id: number;
  organisation_id: number;
  organisation_name: string;
  proposed_by: string | null;
  created_at: string;
  proposed: EntryInput;
}

/**
 * listPendingChanges: one page of the proposed changes to published entries, oldest first (the review
 * page compares each with its entry, so its pages are short).
 */
export async function listPendingChanges(db: Kysely<Database>, paging: Paging): Promise<Page<PendingChange>> {
  const query = db
    .selectFrom('organisation_changes')
    .innerJoin('organisations', 'organisations.id', 'organisation_changes.organisation_id')
    .leftJoin('users', 'users.id', 'organisation_changes.proposed_by_user_id')
    .leftJoin('persons', 'persons.id', 'users.person_id')
    .select(['organisation_changes.id', 'organisation_changes.organisation_id', 'organisations.name as organisation_name', 'persons.name as proposed_by', 'organisation_changes.created_at', 'organisation_changes.proposed_json'])
    .where('organisation_changes.status', '=', 'pending')
    .orderBy('organisation_changes.created_at')
    .orderBy('organisation_changes.id');
  const page = await pageOf((limit, offset) => query.limit(limit).offset(offset).execute(), paging);
  return { ...page, rows: page.rows.map(({ proposed_json, ...r }) => ({ ...r, proposed: JSON.parse(proposed_json) as EntryInput })) };
}

/**
 * saveEntry applies an edit at once (the staff, or a representative of an entry that is not published),
 * with before/after in the audit log. `publish` also publishes it (review "save and publish").
 */
export async function saveEntry(db: Kysely<Database>, actor: SessionUser, id: number, input: EntryInput, now: Date, opts: { publish?: boolean; baseUrl?: string } = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findEntry(trx, id, 'editor');
    if (!before) throw new Error(`organisation ${id} not found`);
    await writeEntry(trx, id, input, now);
    await audit(trx, { actorUserId: actor.id, action: 'organisation.update', entityType: 'organisation', entityId: id, before: entryInputOf(before), after: input }, now);
    if (opts.publish) await publishInTransaction(trx, actor, id, now, opts.baseUrl ?? '');
  });
}

/**
 * proposeChange records a representative's edit of a published entry for review; the published entry
 * stays as it is until the secretariat applies the change (decision: representatives are not trusted
 * editors; the staff's own edits show at once).
 */
export async function proposeChange(db: Kysely<Database>, actor: SessionUser, id: number, input: EntryInput, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await findEntry(trx, id, 'editor');
    if (!current) throw new Error(`organisation ${id} not found`);
    const row = await trx
      .insertInto('organisation_changes')
      .values({ organisation_id: id, proposed_json: JSON.stringify(input), base_fingerprint: entryFingerprint(current), proposed_by_user_id: actor.id, status: 'pending', created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'organisation.propose', entityType: 'organisation', entityId: id, after: { change_id: row.id, ...input } }, now);
  });
}

/**
 * decideChange applies or discards a proposed change. "missing": not pending (any more); "stale": the
 * entry was edited after the proposal (applying the snapshot would undo that edit) or the proposal names
 * choices that no longer exist; nothing is changed then and the secretariat edits the entry by hand.
 */
export async function decideChange(
  db: Kysely<Database>,
  actor: SessionUser,
  changeId: number,
  apply: boolean,
  choices: Choices,
  now: Date,
): Promise<'applied' | 'discarded' | 'missing' | 'stale'> {
  return db.transaction().execute(async (trx) => {
    const change = await trx.selectFrom('organisation_changes').selectAll().where('id', '=', changeId).where('status', '=', 'pending').executeTakeFirst();
    if (!change) return 'missing';
    if (apply) {
      const current = await findEntry(trx, change.organisation_id, 'editor');
      if (!current || entryFingerprint(current) !== change.base_fingerprint) return 'stale';
      try {
        assertChoices(choices, JSON.parse(change.proposed_json) as EntryInput, entryInputOf(current));
      } catch (err) {
        if (err instanceof InvalidChoiceError) return 'stale';
        throw err;
      }
    }
    await trx
      .updateTable('organisation_changes')
      .set({ status: apply ? 'approved' : 'rejected', decided_at: now.toISOString(), decided_by_user_id: actor.id })
      .where('id', '=', changeId)
      .execute();
    if (apply) {
      const before = await findEntry(trx, change.organisation_id, 'editor');
      const input = JSON.parse(change.proposed_json) as EntryInput;
      await writeEntry(trx, change.organisation_id, input, now);
      await audit(trx, { actorUserId: actor.id, action: 'organisation.update', entityType: 'organisation', entityId: change.organisation_id, before: before && entryInputOf(before), after: input }, now);
    } else {
      await audit(trx, { actorUserId: actor.id, action: 'organisation.discard_change', entityType: 'organisation', entityId: change.organisation_id, after: { change_id: changeId } }, now);
    }
    return apply ? 'applied' : 'discarded';
  });
}

async function publishInTransaction(trx: Kysely<Database>, actor: SessionUser, id: number, now: Date, baseUrl: string): Promise<void> {
  const org = await trx.selectFrom('organisations').select(['name', 'status', 'submitter_name', 'submitter_email']).where('id', '=', id).executeTakeFirstOrThrow();
  await setStatus(trx, actor, id, 'published', null, now);
  if (org.status === 'pending' && org.submitter_email) {
    const params = { name: org.name, greeting: greeting(t, org.submitter_name), link: `${baseUrl}/directory/${id}` };
    await enqueueMail(trx, { to: org.submitter_email, subject: t('directory.published.mail.subject', params), text: t('directory.published.mail.body', params) }, now);
  }
}

/** publishEntry publishes a pending entry and tells the submitter. */
export async function publishEntry(db: Kysely<Database>, actor: SessionUser, id: number, now: Date, baseUrl: string): Promise<void> {
  await db.transaction().execute((trx) => publishInTransaction(trx, actor, id, now, baseUrl));
}

/** rejectEntry rejects a pending entry and mails the reason to the submitter. */
export async function rejectEntry(db: Kysely<Database>, actor: SessionUser, id: number, reason: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organisations').select(['name', 'submitter_name', 'submitter_email']).where('id', '=', id).executeTakeFirstOrThrow();
    await setStatus(trx, actor, id, 'rejected', reason, now);
    if (org.submitter_email) {
      const params = { name: org.name, greeting: greeting(t, org.submitter_name), reason };
      await enqueueMail(trx, { to: org.submitter_email, subject: t('directory.rejected.mail.subject', params), text: t('directory.rejected.mail.body', params) }, now);
    }
  });
}

/**
 * submissionMail: the confirmation a submitter gets. It repeats nothing they typed: the public form must
 * not be a way to make the office's mail server send someone else a text of one's choosing.
 */
export function submissionMail(to: string, districtName: string, withdrawLink: string | null = null) {
  const params = { district: districtName, greeting: greeting(t, null) };
  // The consent to be shown as a contact is withdrawn as easily as it was given (DSGVO Art. 7 (3)).
  const withdraw = withdrawLink ? t('directory.new.mail.withdraw', { link: withdrawLink }) : '';
  return { to, subject: t('directory.new.mail.subject', params), text: t('directory.new.mail.body', params) + withdraw };
}
