import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Throttling in fixed windows, kept in the database so that every app instance counts the same hits.
 * A key names who is counted for what, e.g. "login:email:anna@example.org", "login:ip:203.0.113.9" or
 * "login:ip:203.0.113.9:email:anna@example.org" (src/auth/login.ts).
 */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
}

export interface ThrottleState {
  /** True for an attempt over the limit in the current window. */
  blocked: boolean;
  /** Whole minutes until the window ends (at least 1 when blocked). */
  retryAfterMinutes: number;
  /** Attempts in the current window, this one included. */
  hits: number;
}

/**
 * recordHit counts one attempt (in one atomic statement) and says whether it is over the limit:
 * with limit 5, attempts 1–5 pass and the 6th is blocked.
 */
export async function recordHit(db: Kysely<Database>, key: string, rule: ThrottleRule, now: Date): Promise<ThrottleState> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - rule.windowMs).toISOString();
  const expired = sql<boolean>`throttle.window_started_at <= ${cutoff}`;
  const row = await db
    .insertInto('throttle')
    .values({ key, window_started_at: at, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else throttle.hits + 1 end`,
        window_started_at: sql<string>`case when ${expired} then ${at} else throttle.window_started_at end`,
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return stateOf(row, rule, now);
}

/**
 * peekThrottle: whether a key has used up its limit in the current window, without counting anything
 * (a read): for guards that count only failures, so that using a valid link writes nothing.
 */
export async function peekThrottle(db: Kysely<Database>, key: string, rule: ThrottleRule, now: Date): Promise<ThrottleState> {
  const row = await db.selectFrom('throttle').select(['hits', 'window_started_at']).where('key', '=', key).executeTakeFirst();
  // hits + 1: would the next attempt be over the limit?
  return row ? stateOf({ ...row, hits: row.hits + 1 }, rule, now) : { blocked: false, retryAfterMinutes: 0, hits: 1 };
}

/**
 * releaseHit takes back one counted attempt that turned out not to be a failure (a correct password):
 * counting before the slow check keeps parallel guesses from slipping under a limit, and this keeps
 * successes from using it up.
 */
export async function releaseHit(db: Kysely<Database>, key: string): Promise<void> {
  await db.updateTable('throttle').set({ hits: sql<number>`hits - 1` }).where('key', '=', key).where('hits', '>', 0).execute();
}

/** clearThrottle forgets a key, e.g. the failed logins of an address after a successful one. */
export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('throttle').where('key', '=', key).execute();
}

/** deleteStaleThrottles removes windows that ended long ago; run by the housekeeping loop. */
export async function deleteStaleThrottles(db: Kysely<Database>, olderThan: Date): Promise<void> {
  await db.deleteFrom('throttle').where('window_started_at', '<', olderThan.toISOString()).execute();
}

function stateOf(row: { hits: number; window_started_at: string }, rule: ThrottleRule, now: Date): ThrottleState {
  const endsAt = new Date(row.window_started_at).getTime() + rule.windowMs;
  const blocked = endsAt > now.getTime() && row.hits > rule.limit;
  return { blocked, retryAfterMinutes: blocked ? Math.max(1, Math.ceil((endsAt - now.getTime()) / 60000)) : 0, hits: row.hits };
}
