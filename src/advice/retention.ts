import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { lockKey } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { retentionCutoff } from '../privacy/retention.js';

/**
 * Retention of advice requests (DSGVO Art. 5 (1) e), as for replies and attendance
 * (src/privacy/retention.ts): a request names a person and their address, so a closed one is deleted
 * with its answers RETENTION_MONTHS after it was closed. Open requests stay: they are still work (the
 * queue shows them). Decision: the numbers stay, in advice_request_tallies per year of receipt and
 * programme (received, answered), added in the same transaction as the deletion, because the yearly
 * report and the office's funding applications refer to how many associations asked, never to who.
 * The audit entries of a deleted request lose their details (organisation, subject, note) at the same
 * time; what was done and when stays.
 */

/** Requests per transaction: short writes, as in src/privacy/retention.ts. */
const BATCH = 100;

/**
 * purgeExpiredAdviceRequests deletes closed requests closed before the retention cutoff, keeping their
 * numbers; returns how many it deleted. Idempotent, and instances sharing one PostgreSQL take turns on
 * the retention's advisory lock, so no request is counted twice.
 */
export async function purgeExpiredAdviceRequests(db: Kysely<Database>, now: Date, months: number): Promise<number> {
  const cutoff = retentionCutoff(now, months);
  let purged = 0;
  // Bounded like the other purges: what is left goes in the next hour's run.
  for (let round = 0; round < 1000; round++) {
    const ids = (await db.selectFrom('advice_requests').select('id').where('status', '=', 'closed').where('closed_at', '<', cutoff).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
    if (ids.length === 0) break;
    purged += await db.transaction().execute(async (trx) => {
      await lockKey(trx, 'privacy.retention');
      // Read again under the lock: another instance may have deleted some, or someone reopened one.
      const rows = await trx.selectFrom('advice_requests').select(['id', 'programme_id', 'created_at', 'answered_at']).where('id', 'in', ids).where('status', '=', 'closed').where('closed_at', '<', cutoff).execute();
      if (rows.length === 0) return 0;
      await deleteKeepingCounts(trx, rows);
      const gone = rows.map((r) => r.id);
      await audit(trx, { actorUserId: null, action: 'privacy.retention_advice', entityType: 'advice_request', entityId: null, after: { deleted: gone.length, before: cutoff } }, now);
      return gone.length;
    });
  }
  return purged;
}

/**
 * deleteKeepingCounts deletes these requests with their answers, adds them to the tallies (per UTC year
 * of receipt and programme) and empties their audit entries' details, in the caller's transaction.
 * Also used when a person is anonymised (src/privacy/anonymise.ts): their requests go, their numbers stay.
 */
export async function deleteKeepingCounts(trx: Kysely<Database>, rows: { id: number; programme_id: number; created_at: string; answered_at: string | null }[]): Promise<void> {
  if (rows.length === 0) return;
  const tallies = new Map<string, { year: number; programme_id: number; received: number; answered: number }>();
  for (const r of rows) {
    // The UTC year, as yearlyCounts counts the stored ones (src/advice/requests.ts).
    const year = Number(new Date(r.created_at).toISOString().slice(0, 4));
    const key = `${year}:${r.programme_id}`;
    const tally = tallies.get(key) ?? tallies.set(key, { year, programme_id: r.programme_id, received: 0, answered: 0 }).get(key)!;
    tally.received += 1;
    if (r.answered_at) tally.answered += 1;
  }
  await trx
    .insertInto('advice_request_tallies')
    .values([...tallies.values()])
    .onConflict((oc) =>
      oc.columns(['year', 'programme_id']).doUpdateSet((eb) => ({
        received: eb('advice_request_tallies.received', '+', eb.ref('excluded.received')),
        answered: eb('advice_request_tallies.answered', '+', eb.ref('excluded.answered')),
      })),
    )
    .execute();
  const gone = rows.map((r) => r.id);
  await trx.deleteFrom('advice_answers').where('request_id', 'in', gone).execute();
  await trx.deleteFrom('advice_requests').where('id', 'in', gone).execute();
  await trx
    .updateTable('audit_log')
    .set({ before_json: null, after_json: null })
    .where('entity_type', '=', 'advice_request')
    .where('entity_id', 'in', gone.map(String))
    .execute();
}

/** deleteRequestsFrom: every request sent with this (normalised) address, deleted keeping the counts; returns how many. */
export async function deleteRequestsFrom(trx: Kysely<Database>, email: string): Promise<number> {
  const rows = await trx.selectFrom('advice_requests').select(['id', 'programme_id', 'created_at', 'answered_at']).where((eb) => eb(eb.fn('lower', ['contact_email']), '=', email)).execute();
  await deleteKeepingCounts(trx, rows);
  return rows.length;
}
