import type { Kysely } from 'kysely';
import type { Database, TokenPurpose } from '../db/schema.js';
import { newToken, secretMatches, splitToken } from './secrets.js';

/**
 * Single-use links (password reset, account invitation, first setup): "<id>.<secret>" like sessions,
 * only the hash stored. Opening the link (GET) only checks it; the form's POST consumes it, because mail
 * security scanners open links before people do.
 */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  invite: 7 * 24 * 60 * 60 * 1000,
  setup: 365 * 24 * 60 * 60 * 1000,
  email_new: 7 * 24 * 60 * 60 * 1000,
  email_old: 7 * 24 * 60 * 60 * 1000,
};

/**
 * createOneTimeToken stores a new token and returns it; earlier tokens of the same purpose end, unless
 * `keepEarlier` (reset links: a link already delivered keeps working when someone asks for another one,
 * so that asking for links on somebody's behalf cannot take theirs away; the number is throttled).
 */
export async function createOneTimeToken(
  db: Kysely<Database>,
  purpose: TokenPurpose,
  userId: number | null,
  now: Date,
  opts: { keepEarlier?: boolean; newEmail?: string } = {},
): Promise<string> {
  if (!opts.keepEarlier) {
    let stale = db.deleteFrom('auth_tokens').where('purpose', '=', purpose);
    stale = userId === null ? stale.where('user_id', 'is', null) : stale.where('user_id', '=', userId);
    await stale.execute();
  }
  const { id, token, secretHash } = newToken();
  await db
    .insertInto('auth_tokens')
    .values({
      id,
      secret_hash: secretHash,
      user_id: userId,
      purpose,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString(),
      used_at: null,
      new_email: opts.newEmail ?? null,
    })
    .execute();
  return token;
}

export interface TokenOwner {
  tokenId: string;
  userId: number | null;
}

/** checkOneTimeToken: the token's owner if it is valid, unused and unexpired; null otherwise. Changes nothing. */
export async function checkOneTimeToken(db: Kysely<Database>, token: string | undefined, purpose: TokenPurpose, now: Date): Promise<TokenOwner | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const row = await db
    .selectFrom('auth_tokens')
    .select(['id', 'secret_hash', 'user_id', 'expires_at', 'used_at'])
    .where('id', '=', parts.id)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= now.toISOString()) return null;
  if (!secretMatches(parts.secret, row.secret_hash)) return null;
  return { tokenId: row.id, userId: row.user_id };
}

/**
 * consumeOneTimeToken marks a valid token used and returns its owner; null when it is invalid or was
 * used in the meantime (the conditional update lets only one of two racing requests win).
 */
export async function consumeOneTimeToken(db: Kysely<Database>, token: string | undefined, purpose: TokenPurpose, now: Date): Promise<TokenOwner | null> {
  const owner = await checkOneTimeToken(db, token, purpose, now);
  if (!owner) return null;
  const result = await db
    .updateTable('auth_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', owner.tokenId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? owner : null;
}

/**
 * endPasswordLinks: every open link that sets the account's password (reset and invitation) stops
 * working. Called whenever the password is set or the address they went to is no longer the account's:
 * a link mailed before must not set yet another password afterwards.
 */
export async function endPasswordLinks(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('auth_tokens').where('user_id', '=', userId).where('purpose', 'in', ['reset', 'invite']).execute();
}
