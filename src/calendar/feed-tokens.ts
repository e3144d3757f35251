import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { hashSecret } from '../auth/secrets.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, FeedScope } from '../db/schema.js';

/**
 * Feed tokens: the secret in a calendar subscription URL. A calendar app sends no cookie, so the URL is
 * the credential: 256 random bits, of which only the SHA-256 is stored (a leaked database gives no
 * working URL), shown once when made or rotated. Rotating gives the same subscription a new URL;
 * revoking deletes it, so the old URL answers 404 at once.
 */

/** The most feed URLs one account may have: enough for every calendar app and group, not a flood. */
export const MAX_FEEDS_PER_ACCOUNT = 20;

const TOKEN = /^[a-z2-7]{52}$/;

/** newFeedToken: 32 random bytes as 52 base32 characters, and their hash. */
function newFeedToken(): { token: string; hash: string } {
  const token = encodeBase32LowerCaseNoPadding(randomBytes(32));
  return { token, hash: hashSecret(token) };
}

/**
 * findFeedToken: the feed a token in a URL belongs to, with its account and person; undefined for a
 * malformed, unknown or revoked token and for a deactivated account (its feeds stop at once). The
 * lookup is by the token's hash, so there is nothing to compare in non-constant time.
 */
export function findFeedToken(db: Kysely<Database>, token: string) {
  if (!TOKEN.test(token)) return Promise.resolve(undefined);
  return db
    .selectFrom('feed_tokens')
    .innerJoin('users', 'users.id', 'feed_tokens.user_id')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select([
      'feed_tokens.id',
      'feed_tokens.scope',
      'feed_tokens.group_id',
      'feed_tokens.name',
      'feed_tokens.last_used_on',
      'users.id as user_id',
      'users.role',
      'persons.id as person_id',
      'persons.name as person_name',
      'persons.email',
      'persons.updated_at as person_updated_at',
      'persons.calendar_version as person_version',
      'persons.calendar_stamp as person_stamp',
    ])
    .where('feed_tokens.token_hash', '=', hashSecret(token))
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

export type FeedToken = NonNullable<Awaited<ReturnType<typeof findFeedToken>>>;

/** listFeedTokens: an account's feed URLs (without secrets), newest first, with their group's name. */
export function listFeedTokens(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('feed_tokens')
    .leftJoin('groups', 'groups.id', 'feed_tokens.group_id')
    .select(['feed_tokens.id', 'feed_tokens.scope', 'feed_tokens.name', 'feed_tokens.created_at', 'feed_tokens.rotated_at', 'feed_tokens.last_used_on', 'groups.name as group_name', 'groups.slug as group_slug'])
    .where('feed_tokens.user_id', '=', userId)
    .orderBy('feed_tokens.id', 'desc')
    .execute();
}

export class TooManyFeedsError extends Error {}

/** createFeedToken makes a feed URL for the account; returns the token, which is never shown again. */
export async function createFeedToken(db: Kysely<Database>, actor: SessionUser, feed: { scope: FeedScope; groupId: number | null; name: string }, now: Date): Promise<{ id: number; token: string }> {
  return db.transaction().execute(async (trx) => {
    const { count } = await trx.selectFrom('feed_tokens').select((eb) => eb.fn.countAll<number>().as('count')).where('user_id', '=', actor.id).executeTakeFirstOrThrow();
    if (Number(count) >= MAX_FEEDS_PER_ACCOUNT) throw new TooManyFeedsError();
    const { token, hash } = newFeedToken();
    const row = await trx
      .insertInto('feed_tokens')
      .values({ user_id: actor.id, scope: feed.scope, group_id: feed.groupId, name: feed.name, token_hash: hash, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'feed.create', entityType: 'feed', entityId: row.id, after: { scope: feed.scope, group_id: feed.groupId, name: feed.name } }, now);
    return { id: row.id, token };
  });
}

/** rotateFeedToken gives one of the account's feeds a new URL; null when it is not theirs. */
export async function rotateFeedToken(db: Kysely<Database>, actor: SessionUser, feedId: number, now: Date): Promise<{ token: string; name: string } | null> {
  return db.transaction().execute(async (trx) => {
    const { token, hash } = newFeedToken();
    const row = await trx
      .updateTable('feed_tokens')
      .set({ token_hash: hash, rotated_at: now.toISOString(), last_used_on: null })
      .where('id', '=', feedId)
      .where('user_id', '=', actor.id)
      .returning('name')
      .executeTakeFirst();
    if (!row) return null;
    await audit(trx, { actorUserId: actor.id, action: 'feed.rotate', entityType: 'feed', entityId: feedId }, now);
    return { token, name: row.name };
  });
}

/** revokeFeedToken deletes one of the account's feeds; false when it is not theirs. */
export async function revokeFeedToken(db: Kysely<Database>, actor: SessionUser, feedId: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('feed_tokens').where('id', '=', feedId).where('user_id', '=', actor.id).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return false;
    await audit(trx, { actorUserId: actor.id, action: 'feed.revoke', entityType: 'feed', entityId: feedId }, now);
    return true;
  });
}

/** markFeedUsed records the day of a poll, at most one write a day per feed. */
export async function markFeedUsed(db: Kysely<Database>, feed: Pick<FeedToken, 'id' | 'last_used_on'>, day: string): Promise<void> {
  if (feed.last_used_on === day) return;
  await db.updateTable('feed_tokens').set({ last_used_on: day }).where('id', '=', feed.id).execute();
}
