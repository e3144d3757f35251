import { sql, type Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { newToken, secretMatches, splitToken } from '../auth/secrets.js';
import { pageOf, type Paging } from '../http/pagination.js';
import type { Database, Day } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import { translator } from '../i18n/index.js';
import { enqueueMail } from '../mail/outbox.js';
import { greeting } from '../mail/signature.js';
import { entryFingerprint, findEntry, type EntryInput } from './entries.js';

/**
 * Keeping the directory current: once a year every published entry's contact gets a link to confirm or
 * correct it; entries unconfirmed for 18 months are shown to the secretariat. Opening the link changes
 * nothing (mail scanners open links); only its page's buttons do.
 */
const DAY = 24 * 60 * 60 * 1000;
export const CONFIRM_EVERY_MS = 365 * DAY;
export const STALE_AFTER_MS = 548 * DAY;
export const LINK_LIFETIME_MS = 60 * DAY;

const t = translator('de');

/**
 * sendDueConfirmations mails the confirmation link for entries last confirmed (and last asked) a year ago
 * or more, at most `batch` per run. Each entry is claimed with a conditional update first, so several
 * instances never mail the same entry twice. Returns how many were sent.
 */
export async function sendDueConfirmations(db: Kysely<Database>, now: Date, baseUrl: string, batch = 100): Promise<number> {
  const cutoff = new Date(now.getTime() - CONFIRM_EVERY_MS).toISOString();
  const due = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'email', 'submitter_email', 'submitter_name'])
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('last_confirmed_at', 'is', null), eb('last_confirmed_at', '<=', cutoff)]))
    .where((eb) => eb.or([eb('confirmation_sent_at', 'is', null), eb('confirmation_sent_at', '<=', cutoff)]))
    .where((eb) => eb.or([eb('email', 'is not', null), eb('submitter_email', 'is not', null)]))
    .orderBy('id')
    .limit(batch)
    .execute();
  let sent = 0;
  for (const org of due) {
    const claimed = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('organisations')
        .set({ confirmation_sent_at: now.toISOString() })
        .where('id', '=', org.id)
        .where((eb) => eb.or([eb('confirmation_sent_at', 'is', null), eb('confirmation_sent_at', '<=', cutoff)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      const { id, token, secretHash } = newToken();
      await trx
        .insertInto('directory_confirmations')
        .values({ id, secret_hash: secretHash, organisation_id: org.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + LINK_LIFETIME_MS).toISOString() })
        .execute();
      // The organisation's own address may be read by anyone there: a name only when the mail goes to the submitter.
      const params = { name: org.name, greeting: greeting(t, org.email ? null : org.submitter_name), link: `${baseUrl}/directory/confirm/${token}` };
      await enqueueMail(trx, { to: (org.email ?? org.submitter_email)!, subject: t('confirm.mail.subject', params), text: t('confirm.mail.body', params) }, now);
      await audit(trx, { actorUserId: null, action: 'organisation.confirmation_sent', entityType: 'organisation', entityId: org.id }, now);
      return true;
    });
    if (claimed) sent += 1;
  }
  return sent;
}

/** checkConfirmation: the organisation a valid, unused, unexpired link is for; null otherwise. Changes nothing. */
export async function checkConfirmation(db: Kysely<Database>, token: string | undefined, now: Date): Promise<{ tokenId: string; organisationId: number } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const row = await db
    .selectFrom('directory_confirmations')
    .innerJoin('organisations', 'organisations.id', 'directory_confirmations.organisation_id')
    .selectAll('directory_confirmations')
    .where('directory_confirmations.id', '=', parts.id)
    .where('organisations.status', '=', 'published')
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= now.toISOString() || !secretMatches(parts.secret, row.secret_hash)) return null;
  return { tokenId: row.id, organisationId: row.organisation_id };
}

/**
 * confirmEntry uses the link: the entry counts as confirmed today; with a correction, the corrected
 * content waits for the secretariat's review as a proposed change. Returns false for an unusable link.
 */
export async function confirmEntry(db: Kysely<Database>, token: string, now: Date, correction?: EntryInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const link = await checkConfirmation(trx, token, now);
    if (!link) return false;
    const used = await trx.updateTable('directory_confirmations').set({ used_at: now.toISOString() }).where('id', '=', link.tokenId).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return false;
    await trx.updateTable('organisations').set({ last_confirmed_at: now.toISOString() }).where('id', '=', link.organisationId).execute();
    if (correction) {
      const current = await findEntry(trx, link.organisationId, 'editor');
      await trx
        .insertInto('organisation_changes')
        .values({ organisation_id: link.organisationId, proposed_json: JSON.stringify(correction), base_fingerprint: current ? entryFingerprint(current) : '', proposed_by_user_id: null, status: 'pending', created_at: now.toISOString() })
        .execute();
    }
    await audit(trx, { actorUserId: null, action: correction ? 'organisation.corrected_by_contact' : 'organisation.confirmed', entityType: 'organisation', entityId: link.organisationId }, now);
    return true;
  });
}

/**
 * Representation of an organisation in a working group (memberships.organisation_id) counts only once
 * confirmed: by the staff (src/groups/memberships.ts, setRepresentation) or by the organisation itself,
 * through its yearly confirmation link, the same credential that confirms its entry and withdraws its
 * contacts. The link's page lists the current memberships that claim the organisation; it can confirm
 * or reject each. Rejecting removes the claim (the membership stays, without the organisation), so it is
 * not listed again. Both only while the entry is published (checkConfirmation); the link stays usable.
 */
export interface ClaimedRepresentation {
  membershipId: number;
  name: string;
  group: string;
  confirmed: boolean;
}

/** representationsOf: the current memberships claiming to represent the organisation, for its link's page. */
export async function representationsOf(db: Kysely<Database>, organisationId: number, day: Day): Promise<ClaimedRepresentation[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.person_id')
    .innerJoin('groups', 'groups.id', 'memberships.group_id')
    .select(['memberships.id', 'persons.name', 'groups.name as group', 'memberships.representation_confirmed_at'])
    .where('memberships.organisation_id', '=', organisationId)
    .where('persons.anonymised_at', 'is', null)
    .where(currentOn(day))
    .orderBy('persons.name_folded')
    .orderBy('groups.name')
    .limit(200)
    .execute();
  return rows.map((r) => ({ membershipId: r.id, name: r.name, group: r.group, confirmed: r.representation_confirmed_at !== null }));
}

/**
 * decideRepresentationByLink: the organisation confirms or rejects one membership's claim to represent
 * it, audited. "invalid": the link is unusable (also when the entry is no longer published); "none": the
 * link is fine but the membership is not a current claim on this organisation, or already confirmed (a
 * second click), which is no reason to call the link broken.
 */
export async function decideRepresentationByLink(db: Kysely<Database>, token: string, membershipId: number, confirm: boolean, now: Date, day: Day): Promise<'done' | 'none' | 'invalid'> {
  return db.transaction().execute(async (trx) => {
    const link = await checkConfirmation(trx, token, now);
    if (!link) return 'invalid';
    const membership = await trx
      .selectFrom('memberships')
      .select(['id', 'representation_confirmed_at'])
      .where('id', '=', membershipId)
      .where('organisation_id', '=', link.organisationId)
      .where(currentOn(day))
      .executeTakeFirst();
    if (!membership || (confirm && membership.representation_confirmed_at !== null)) return 'none';
    const at = now.toISOString();
    // Conditional on the claim still standing: of two answers at once only one acts.
    const changed = await trx
      .updateTable('memberships')
      .set(confirm ? { representation_confirmed_at: at, updated_at: at } : { organisation_id: null, representation_confirmed_at: null, updated_at: at })
      .where('id', '=', membershipId)
      .where('organisation_id', '=', link.organisationId)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return 'none';
    await audit(
      trx,
      {
        actorUserId: null,
        action: confirm ? 'membership.representation_confirm' : 'membership.representation_reject',
        entityType: 'membership',
        entityId: membershipId,
        before: { organisation_id: link.organisationId, representation_confirmed_at: membership.representation_confirmed_at },
        after: { organisation_id: confirm ? link.organisationId : null, representation_confirmed_at: confirm ? at : null, via: 'confirmation_link' },
      },
      now,
    );
    return 'done';
  });
}

/** staleEntries: published entries not confirmed for 18 months. */
function staleEntries(db: Kysely<Database>, now: Date) {
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  return db
    .selectFrom('organisations')
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('last_confirmed_at', 'is', null), eb('last_confirmed_at', '<=', cutoff)]));
}

/** listStaleEntries: one page of them, longest unconfirmed first. */
export function listStaleEntries(db: Kysely<Database>, now: Date, paging: Paging) {
  const query = staleEntries(db, now)
    .select(['id', 'name', 'last_confirmed_at', 'confirmation_sent_at'])
    .orderBy(sql`case when last_confirmed_at is null then 0 else 1 end`)
    .orderBy('last_confirmed_at')
    .orderBy('id');
  return pageOf((limit, offset) => query.limit(limit).offset(offset).execute(), paging);
}

/** countStaleEntries: how many there are (the work queue's line). */
export async function countStaleEntries(db: Kysely<Database>, now: Date): Promise<number> {
  const row = await staleEntries(db, now).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
