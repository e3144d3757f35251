import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { emailChangeNewMail, emailChangeOldMail } from '../auth/mails.js';
import { checkOneTimeToken, consumeOneTimeToken, createOneTimeToken, endPasswordLinks } from '../auth/one-time-tokens.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { enqueueMail } from '../mail/outbox.js';
import { lockPerson } from './people.js';

/*
 * A change of an account's login address by the staff takes effect only when it is confirmed by the
 * link mailed to the new address AND by the link mailed to the old one; either link can cancel it.
 * The new address proves it reaches the person; the old one is the account's owner, who must not be
 * bypassed: otherwise whoever may edit the person (or holds such a session) could point the address at
 * a mailbox of their own, confirm it there and reset the password. Until both are confirmed the old
 * address stays the login and receives resets. Persons without an account, and accounts whose
 * invitation was never accepted (no password: nobody owns them yet), change at once as before.
 */

/** needsConfirmation: whether a change of an account's address from `before` to `after` waits for the links. */
export function needsConfirmation(account: { hasPassword: boolean } | undefined, before: string | null, after: string | null | undefined): boolean {
  return account !== undefined && account.hasPassword && !!after && (before === null || normalizeEmail(before) !== normalizeEmail(after));
}

const PURPOSE = { new: 'email_new', old: 'email_old' } as const;
export type LinkSide = keyof typeof PURPOSE;

/**
 * requestEmailChange (inside the transaction of the person's update) mails both links, each carrying the
 * new address. The pair of links is the pending change: a new request replaces both (and with them any
 * confirmation of the earlier one), and whatever ends an account's links (deactivation, anonymisation)
 * ends it.
 */
export async function requestEmailChange(
  trx: Kysely<Database>,
  actor: SessionUser,
  account: { userId: number; name: string; oldEmail: string },
  newEmail: string,
  ctx: { now: Date; baseUrl: string },
): Promise<void> {
  const toNew = await createOneTimeToken(trx, PURPOSE.new, account.userId, ctx.now, { newEmail });
  const toOld = await createOneTimeToken(trx, PURPOSE.old, account.userId, ctx.now, { newEmail });
  await enqueueMail(trx, emailChangeNewMail(newEmail, account.name, `${ctx.baseUrl}/email-change/${toNew}`), ctx.now);
  await enqueueMail(trx, emailChangeOldMail(account.oldEmail, account.name, newEmail, `${ctx.baseUrl}/email-change/${toOld}`), ctx.now);
  await audit(trx, { actorUserId: actor.id, action: 'user.email_change_requested', entityType: 'user', entityId: account.userId, after: { new_email: newEmail } }, ctx.now);
}

/** What a confirmation link's page shows: the person's name and the new address. */
export interface EmailChangeLink {
  side: LinkSide;
  name: string;
  newEmail: string;
}

/** linkOwner: which side a valid, unused link is, and its account; null otherwise. */
async function linkOwner(db: Kysely<Database>, token: string | undefined, now: Date, use: typeof checkOneTimeToken) {
  for (const side of ['new', 'old'] as const) {
    const owner = await use(db, token, PURPOSE[side], now);
    if (owner?.userId) return { side, userId: owner.userId, tokenId: owner.tokenId };
  }
  return null;
}

/** changeOf: the pair of links of the account (this one and the other side's) with the person, if both still exist. */
async function changeOf(db: Kysely<Database>, owner: { side: LinkSide; userId: number; tokenId: string }) {
  const [link, person] = await Promise.all([
    db.selectFrom('auth_tokens').select(['id', 'purpose', 'new_email', 'used_at']).where('user_id', '=', owner.userId).where('purpose', 'in', [PURPOSE.new, PURPOSE.old]).execute(),
    db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select(['persons.id', 'persons.name', 'persons.email', 'persons.anonymised_at']).where('users.id', '=', owner.userId).executeTakeFirst(),
  ]);
  const own = link.find((l) => l.id === owner.tokenId);
  const other = link.find((l) => l.purpose === PURPOSE[owner.side === 'new' ? 'old' : 'new']);
  if (!own?.new_email || !other || other.new_email !== own.new_email || !person || person.anonymised_at) return null;
  return { newEmail: own.new_email, otherConfirmed: other.used_at !== null, tokenIds: [own.id, other.id], person };
}

/** checkEmailChangeLink: what the link is about, or null when it is unknown, used, expired or its change ended. Changes nothing. */
export async function checkEmailChangeLink(db: Kysely<Database>, token: string | undefined, now: Date): Promise<EmailChangeLink | null> {
  const owner = await linkOwner(db, token, now, checkOneTimeToken);
  const change = owner && (await changeOf(db, owner));
  return owner && change ? { side: owner.side, name: change.person.name, newEmail: change.newEmail } : null;
}

export type EmailChangeOutcome = 'invalid' | 'cancelled' | 'waiting' | 'changed' | 'taken';

/**
 * decideEmailChange uses a confirmation link (once): `cancel` ends the change (both links), `confirm`
 * records this side and, when the other side has confirmed too, makes the new address the login; the
 * open reset and invitation links, mailed to the old one, end. 'taken' when another person has the
 * address by now (the change ends).
 */
export async function decideEmailChange(db: Kysely<Database>, token: string, decision: 'confirm' | 'cancel', now: Date): Promise<EmailChangeOutcome> {
  return db.transaction().execute(async (trx) => {
    const owner = await linkOwner(trx, token, now, consumeOneTimeToken);
    if (!owner) return 'invalid';
    const change = await changeOf(trx, owner);
    if (!change) return 'invalid';
    await lockPerson(trx, change.person.id);
    const end = () => trx.deleteFrom('auth_tokens').where('id', 'in', change.tokenIds).execute();
    const entity = { actorUserId: owner.userId, entityType: 'user', entityId: owner.userId } as const;
    if (decision === 'cancel') {
      await end();
      await audit(trx, { ...entity, action: 'user.email_change_cancelled', after: { new_email: change.newEmail, by: `${owner.side}_address` } }, now);
      return 'cancelled';
    }
    if (!change.otherConfirmed) {
      await audit(trx, { ...entity, action: 'user.email_change_confirmed', after: { new_email: change.newEmail, by: `${owner.side}_address` } }, now);
      return 'waiting';
    }
    await end();
    const normalized = normalizeEmail(change.newEmail);
    const taken = await trx.selectFrom('persons').select('id').where('email_normalized', '=', normalized).where('id', '!=', change.person.id).executeTakeFirst();
    if (taken) return 'taken';
    await trx.updateTable('persons').set({ email: change.newEmail, email_normalized: normalized, updated_at: now.toISOString() }).where('id', '=', change.person.id).execute();
    await endPasswordLinks(trx, owner.userId);
    await audit(trx, { ...entity, action: 'user.email_change', before: { email: change.person.email }, after: { email: change.newEmail } }, now);
    return 'changed';
  });
}

export interface PendingEmailChange {
  new_email: string;
  expires_at: string;
  new_confirmed: boolean;
  old_confirmed: boolean;
}

/** findPendingEmailChange: the open change of a person's login address (the caller checks the viewer may change the person); undefined when none. */
export async function findPendingEmailChange(db: Kysely<Database>, personId: number, now: Date): Promise<PendingEmailChange | undefined> {
  const links = await db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .select(['auth_tokens.purpose', 'auth_tokens.new_email', 'auth_tokens.expires_at', 'auth_tokens.used_at'])
    .where('users.person_id', '=', personId)
    .where('auth_tokens.purpose', 'in', [PURPOSE.new, PURPOSE.old])
    .execute();
  const toNew = links.find((l) => l.purpose === PURPOSE.new);
  const toOld = links.find((l) => l.purpose === PURPOSE.old);
  if (!toNew?.new_email || !toOld || toNew.expires_at <= now.toISOString()) return undefined;
  return { new_email: toNew.new_email, expires_at: toNew.expires_at, new_confirmed: toNew.used_at !== null, old_confirmed: toOld.used_at !== null };
}

/** cancelEmailChange: the staff withdraw a pending change (say, a typo); false when there was none. */
export async function cancelEmailChange(db: Kysely<Database>, actor: SessionUser, personId: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('person_id', '=', personId).executeTakeFirst();
    if (!user) return false;
    const ended = await trx.deleteFrom('auth_tokens').where('user_id', '=', user.id).where('purpose', 'in', [PURPOSE.new, PURPOSE.old]).returning('new_email').execute();
    if (ended.length === 0) return false;
    await audit(trx, { actorUserId: actor.id, action: 'user.email_change_cancelled', entityType: 'user', entityId: user.id, after: { new_email: ended[0]!.new_email, by: 'staff' } }, now);
    return true;
  });
}
