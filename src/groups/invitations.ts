import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { newToken, secretMatches, splitToken } from '../auth/secrets.js';
import type { SessionUser } from '../auth/sessions.js';
import { markPersonChanged } from '../calendar/stamps.js';
import { lockKey } from '../db/dialect.js';
import type { Database, Day, MembershipRole } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { translator } from '../i18n/index.js';
import { foldText } from '../lib/fold.js';
import { enqueueMail } from '../mail/outbox.js';
import { findOrCreateOrganisation } from '../organisations/organisations.js';
import { lockPerson } from '../people/people.js';
import { atLeast, type GroupAccess } from './access.js';
import { assertNoOverlap, OverlappingMembershipError } from './memberships.js';

/**
 * Invitations to a group, sent by its managers (access.ts). The manager types an address and a name; the
 * invitation names no person, and what the manager sees and what is mailed are the same whether the
 * address belongs to someone in the hub or not: the hub's address book cannot be probed this way. The
 * address's owner becomes a member only by accepting through the link; a person is created then if the
 * address is new. Used and declined invitations are deleted, expired ones by the hourly housekeeping
 * (deleteExpiredInvitations) and with the next invitation.
 */
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

export interface InvitationInput {
  email: string;
  name: string;
  role: MembershipRole;
  organisation?: string;
  starts_on: Day;
  ends_on?: Day;
}

export interface InvitationContext {
  now: Date;
  baseUrl: string;
  districtName: string;
}

// Mails go out in German, like the hub's other mails: the recipient's language is not known.
const t = translator('de');

/**
 * inviteInTransaction stores an invitation (replacing an open one for the same address and group) and
 * queues its mail, in the caller's transaction, with the audit entry.
 */
export async function inviteInTransaction(trx: Kysely<Database>, actor: SessionUser, group: { id: number; name: string }, input: InvitationInput, ctx: InvitationContext): Promise<void> {
  const email = input.email.trim();
  const normalized = normalizeEmail(email);
  const at = ctx.now.toISOString();
  await trx.deleteFrom('membership_invitations').where('expires_at', '<=', at).execute();
  await trx.deleteFrom('membership_invitations').where('group_id', '=', group.id).where('email_normalized', '=', normalized).execute();
  const { id, token, secretHash } = newToken();
  await trx
    .insertInto('membership_invitations')
    .values({
      id,
      secret_hash: secretHash,
      group_id: group.id,
      email,
      email_normalized: normalized,
      name: input.name.trim(),
      role: input.role,
      organisation: input.organisation?.trim() || null,
      starts_on: input.starts_on,
      ends_on: input.ends_on ?? null,
      created_at: at,
      expires_at: new Date(ctx.now.getTime() + INVITATION_LIFETIME_MS).toISOString(),
    })
    .execute();
  const params = { name: input.name.trim(), inviter: actor.name, group: group.name, role: t(`membershipRole.${input.role}`), district: ctx.districtName, link: `${ctx.baseUrl}/join/${token}` };
  await enqueueMail(trx, { to: email, subject: t('join.mail.subject', params), text: t('join.mail.body', params) }, ctx.now);
  await audit(trx, { actorUserId: actor.id, action: 'membership.invite', entityType: 'group', entityId: group.id, after: { name: input.name.trim(), email, role: input.role, organisation: input.organisation ?? null } }, ctx.now);
}

/** Invitations per delete: short writes, as with the housekeeping's other deletions. */
const EXPIRED_BATCH = 500;

/**
 * deleteExpiredInvitations removes invitations past their expiry (a name and an address nobody answered
 * for); returns how many. Run by the hourly housekeeping. Safe on several instances: each batch deletes
 * by id and re-checks the expiry, and rows another instance deleted first are simply not counted.
 */
export async function deleteExpiredInvitations(db: Kysely<Database>, now: Date): Promise<number> {
  const at = now.toISOString();
  let deleted = 0;
  // Bounded: what is left goes in the next hour's run, so a fault can never make this loop forever.
  for (let round = 0; round < 1000; round++) {
    const ids = (await db.selectFrom('membership_invitations').select('id').where('expires_at', '<=', at).orderBy('id').limit(EXPIRED_BATCH).execute()).map((r) => r.id);
    if (ids.length === 0) break;
    deleted += Number((await db.deleteFrom('membership_invitations').where('id', 'in', ids).where('expires_at', '<=', at).executeTakeFirst()).numDeletedRows);
  }
  return deleted;
}

/** invite: inviteInTransaction in a transaction of its own. */
export async function invite(db: Kysely<Database>, actor: SessionUser, group: { id: number; name: string }, input: InvitationInput, ctx: InvitationContext): Promise<void> {
  await db.transaction().execute((trx) => inviteInTransaction(trx, actor, group, input, ctx));
}

export interface OpenInvitation {
  name: string;
  role: MembershipRole;
  created_at: string;
  expires_at: string;
}

/**
 * listOpenInvitations: the group's unanswered invitations for its managers and the staff, by the name the
 * manager typed (never the stored person's data, and no address); empty for everyone else.
 */
export async function listOpenInvitations(db: Kysely<Database>, access: GroupAccess, groupId: number, now: Date): Promise<OpenInvitation[]> {
  if (!atLeast(access, 'manager')) return [];
  return db
    .selectFrom('membership_invitations')
    .select(['name', 'role', 'created_at', 'expires_at'])
    .where('group_id', '=', groupId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

export interface InvitationView {
  id: string;
  groupId: number;
  groupName: string;
  groupSlug: string;
  name: string;
  role: MembershipRole;
  organisation: string | null;
}

/** checkInvitation: the invitation a link stands for, while it is open; null for a forged, used or expired link. Changes nothing. */
export async function checkInvitation(db: Kysely<Database>, token: string | undefined, now: Date): Promise<InvitationView | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const row = await db
    .selectFrom('membership_invitations')
    .innerJoin('groups', 'groups.id', 'membership_invitations.group_id')
    .select([
      'membership_invitations.id',
      'membership_invitations.secret_hash',
      'membership_invitations.expires_at',
      'membership_invitations.name',
      'membership_invitations.role',
      'membership_invitations.organisation',
      'groups.id as group_id',
      'groups.name as group_name',
      'groups.slug as group_slug',
    ])
    .where('membership_invitations.id', '=', parts.id)
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString() || !secretMatches(parts.secret, row.secret_hash)) return null;
  return { id: row.id, groupId: row.group_id, groupName: row.group_name, groupSlug: row.group_slug, name: row.name, role: row.role, organisation: row.organisation };
}

export type InvitationAnswer = 'accepted' | 'declined' | 'already' | 'invalid';

/**
 * answerInvitation: the address's owner accepts or declines. Accepting makes the owner of the address a
 * member (a new person, named as the manager typed, when the address is not known yet), their details
 * shared with the group; "already" when they are a member in that period anyway. Either answer uses the
 * link up. "invalid" for an unusable link.
 */
export async function answerInvitation(db: Kysely<Database>, token: string, accept: boolean, now: Date): Promise<InvitationAnswer> {
  return db.transaction().execute(async (trx) => {
    const invitation = await checkInvitation(trx, token, now);
    if (!invitation) return 'invalid';
    const row = await trx.selectFrom('membership_invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
    // Conditional delete: of two answers at once only one acts.
    const deleted = await trx.deleteFrom('membership_invitations').where('id', '=', row.id).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) return 'invalid';
    if (!accept) {
      await audit(trx, { actorUserId: null, action: 'membership.invite_declined', entityType: 'group', entityId: row.group_id, after: { email: row.email } }, now);
      return 'declined';
    }
    const at = now.toISOString();
    await lockKey(trx, `person-email:${row.email_normalized}`);
    let person = await trx.selectFrom('persons').select('id').where('email_normalized', '=', row.email_normalized).where('anonymised_at', 'is', null).executeTakeFirst();
    if (person) {
      await lockPerson(trx, person.id);
      const still = await trx.selectFrom('persons').select('anonymised_at').where('id', '=', person.id).executeTakeFirstOrThrow();
      if (still.anonymised_at) person = undefined;
    }
    const organisationId = await findOrCreateOrganisation(trx, row.organisation ?? undefined, now, { reviewedOnly: true });
    let personId: number;
    if (person) personId = person.id;
    else {
      const values = { name: row.name, name_folded: foldText(row.name), email: row.email, email_normalized: row.email_normalized, organisation_id: organisationId };
      personId = (await trx.insertInto('persons').values({ ...values, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
      await audit(trx, { actorUserId: null, action: 'person.create', entityType: 'person', entityId: personId, after: { ...values, source: 'invitation' } }, now);
    }
    await lockKey(trx, `membership:${row.group_id}:${personId}`);
    try {
      await assertNoOverlap(trx, row.group_id, { personId, starts_on: row.starts_on, ends_on: row.ends_on ?? undefined });
    } catch (err) {
      if (err instanceof OverlappingMembershipError) return 'already';
      throw err;
    }
    const membership = await trx
      .insertInto('memberships')
      .values({ group_id: row.group_id, person_id: personId, role: row.role, organisation_id: organisationId, starts_on: row.starts_on, ends_on: row.ends_on, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await markPersonChanged(trx, personId, now);
    await audit(trx, { actorUserId: null, action: 'membership.create', entityType: 'membership', entityId: membership.id, after: { group_id: row.group_id, person_id: personId, role: row.role, organisation_id: organisationId, source: 'invitation' } }, now);
    return 'accepted';
  });
}
