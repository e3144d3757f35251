import type { Kysely } from 'kysely';
import { deleteExpiredSessions } from './auth/sessions.js';
import { deleteStaleThrottles } from './auth/throttle.js';
import type { Database } from './db/schema.js';

const HOUR = 60 * 60 * 1000;

/** runHousekeeping removes expired sessions and day-old throttle windows; safe on several instances. */
export async function runHousekeeping(db: Kysely<Database>, now: Date): Promise<void> {
  await deleteExpiredSessions(db, now);
  await deleteStaleThrottles(db, new Date(now.getTime() - 24 * HOUR));
}

/** startHousekeeping runs it at start and then hourly. */
export function startHousekeeping(db: Kysely<Database>): { stop(): void } {
  const run = () => runHousekeeping(db, new Date()).catch((err: Error) => console.error(`Aufräumen fehlgeschlagen: ${err.message}`));
  void run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
