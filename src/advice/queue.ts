import type { Kysely } from 'kysely';
import type { Database, Instant } from '../db/schema.js';
import { answerDue } from './requests.js';

/** At most this many requests in the work queue (the most overdue); /admin/advice has them all. */
const QUEUE_LIMIT = 20;

/**
 * adviceQueue: the open requests nobody has taken yet and those assigned to `userId` (the work queue's
 * lines, src/queue/queue.ts), oldest first, each with the moment its answer is due (ANSWER_WORKING_DAYS
 * after it came in). Answered requests still open stay: closing them is the last step.
 */
export async function adviceQueue(db: Kysely<Database>, userId: number): Promise<{ id: number; organisation: string; programme: string; mine: boolean; due: Instant }[]> {
  const rows = await db
    .selectFrom('advice_requests')
    .innerJoin('programmes', 'programmes.id', 'advice_requests.programme_id')
    .select(['advice_requests.id', 'advice_requests.organisation_name', 'programmes.name as programme', 'advice_requests.assigned_user_id', 'advice_requests.created_at'])
    .where('advice_requests.status', '=', 'open')
    .where((eb) => eb.or([eb('advice_requests.assigned_user_id', 'is', null), eb('advice_requests.assigned_user_id', '=', userId)]))
    .orderBy('advice_requests.created_at')
    .orderBy('advice_requests.id')
    .limit(QUEUE_LIMIT)
    .execute();
  return rows.map((r) => ({ id: r.id, organisation: r.organisation_name, programme: r.programme, mine: r.assigned_user_id === userId, due: answerDue(r.created_at) }));
}
