import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, type Transaction, type TransactionBuilder } from 'kysely';

/**
 * PostgreSQL ends a transaction with a deadlock (40P01) or a serialization failure (40001) when two
 * instances' transactions get in each other's way. Neither is a mistake of the request: the same
 * transaction run again a moment later succeeds. So every transaction is run again from its start, up to
 * ATTEMPTS times with a short random pause (two instances retrying in step would collide again); a
 * conflict that outlasts them is answered like a busy database (the German 503 page with Retry-After,
 * src/db/connect.ts), never a 500. SQLite runs one writer at a time and knows neither error.
 */
const CONFLICT_CODES = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

/** isConflict: whether an error (or its cause) is a deadlock or a serialization failure. */
export function isConflict(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as Error).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONFLICT_CODES.has(code)) return true;
  }
  return false;
}

/** retryConflicts runs `run` and runs it again while it fails with a conflict, at most ATTEMPTS times in all. */
export async function retryConflicts<T>(run: () => Promise<T>, pauseMs = (attempt: number) => 5 + Math.random() * 20 * attempt): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isConflict(err) || attempt >= ATTEMPTS) throw err;
      await sleep(pauseMs(attempt));
    }
  }
}

/**
 * RetryingKysely is Kysely whose `transaction().execute(callback)` runs the callback again after a
 * conflict (the rolled-back attempt left nothing behind: mails go through the outbox table, audit rows
 * are rows). A callback must therefore do nothing outside the database that it must not do twice; none
 * of the hub's does. (`setIsolationLevel()` and friends return Kysely's own builder, without retries;
 * the hub uses neither.)
 */
export class RetryingKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction();
    return new Proxy(builder, {
      get(target, prop) {
        if (prop === 'execute') return <T>(callback: (trx: Transaction<DB>) => Promise<T>) => retryConflicts(() => target.execute(callback));
        // Kysely's builders keep their state in private fields: their methods must run on the builder itself.
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
