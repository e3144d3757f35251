import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DateTime } from 'luxon';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import { dialectOf } from '../db/dialect.js';
import type { Database, Instant } from '../db/schema.js';
import { translator, type PublicLocale } from '../i18n/index.js';
import { foldText } from '../lib/fold.js';
import { enqueueMail } from '../mail/outbox.js';
import { mayHandleAdvice } from './access.js';
import type { AnswerInput, RequestInput } from './schemas.js';

/**
 * The office answers an advice request within this many working days (Monday to Friday; public
 * holidays are not counted out, so the date errs on the early side): the work queue sorts a request
 * by it, and the confirmation mail promises it.
 */
export const ANSWER_WORKING_DAYS = 5;

/** Requests per page of /admin/advice. */
export const PAGE_SIZE = 30;

/** answerDue: the moment a request received at `created` should be answered by (see ANSWER_WORKING_DAYS). */
export function answerDue(created: Instant): Instant {
  let at = DateTime.fromISO(created, { zone: 'utc' }).setZone('Europe/Berlin');
  for (let left = ANSWER_WORKING_DAYS; left > 0; ) {
    at = at.plus({ days: 1 });
    if (at.weekday <= 5) left -= 1;
  }
  return at.toUTC().toISO()!;
}

/** publishedOrganisations: the directory's published entries, by name, for the form's suggestions. */
export function publishedOrganisations(db: Kysely<Database>): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('organisations').select(['id', 'name']).where('status', '=', 'published').orderBy('name').limit(2000).execute();
}

/**
 * createRequest stores a request from the public form with its audit entry and the confirmation mail
 * to the requester, in one transaction. The organisation's name links the directory entry of the same
 * name (case and accents aside, as the directory's search compares names), if one is published. The confirmation mail repeats none of what was typed but the
 * programme's name: the form cannot be used to send text to someone else's address.
 */
export async function createRequest(db: Kysely<Database>, programme: { id: number; name: string }, input: RequestInput, lang: PublicLocale, now: Date): Promise<number> {
  const t = translator(lang);
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const org = await trx
      .selectFrom('organisations')
      .select('id')
      .where('status', '=', 'published')
      .where('name_normalized', '=', foldText(input.organisation))
      .orderBy('id')
      .executeTakeFirst();
    const row = await trx
      .insertInto('advice_requests')
      .values({
        programme_id: programme.id,
        organisation_id: org?.id ?? null,
        organisation_name: input.organisation,
        contact_name: input.contact_name,
        contact_email: input.email,
        contact_phone: input.phone ?? null,
        idea: input.idea,
        question: input.question,
        lang,
        consent_at: at,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: null, action: 'advice.create', entityType: 'advice_request', entityId: row.id, after: { programme: programme.name, organisation: input.organisation } }, now);
    await enqueueMail(
      trx,
      {
        to: input.email,
        subject: t('advice.mail.confirmSubject', { programme: programme.name }),
        text: t('advice.mail.confirmBody', { programme: programme.name, days: ANSWER_WORKING_DAYS, number: row.id }),
      },
      now,
    );
    return row.id;
  });
}

/** The filters of /admin/advice. */
export interface AdviceFilters {
  /** open (default): new and in progress; new: nobody assigned; closed; all. */
  status: 'open' | 'new' | 'closed' | 'all';
  programme?: number;
  mine?: boolean;
  page: number;
}

const STATUSES = ['open', 'new', 'closed', 'all'] as const;

/** readFilters: the list's filters from the query string; unknown values fall back to the defaults. */
export function readFilters(query: Record<string, string | undefined>): AdviceFilters {
  const status = STATUSES.find((s) => s === query.status) ?? 'open';
  const f: AdviceFilters = { status, page: 1 };
  if (query.programme && /^[1-9][0-9]{0,8}$/.test(query.programme)) f.programme = Number(query.programme);
  if (query.mine === '1') f.mine = true;
  if (query.page && /^[1-9][0-9]{0,5}$/.test(query.page)) f.page = Number(query.page);
  return f;
}

export interface AdviceListRow {
  id: number;
  programme_id: number;
  programme_name: string;
  organisation_name: string;
  contact_name: string;
  status: 'open' | 'closed';
  assigned_user_id: number | null;
  assigned_name: string | null;
  answered_at: Instant | null;
  created_at: Instant;
  due: Instant;
}

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('advice_requests')
    .innerJoin('programmes', 'programmes.id', 'advice_requests.programme_id')
    .leftJoin('users', 'users.id', 'advice_requests.assigned_user_id')
    .leftJoin('persons', 'persons.id', 'users.person_id');
}

/**
 * listRequests: one page of requests for the staff, filtered, oldest first among the open ones (the
 * most overdue on top), newest first otherwise; undefined for anyone else.
 */
export async function listRequests(db: Kysely<Database>, viewer: SessionUser, f: AdviceFilters): Promise<{ rows: AdviceListRow[]; hasNext: boolean } | undefined> {
  if (!mayHandleAdvice(viewer)) return undefined;
  let q = withNames(db).select([
    'advice_requests.id',
    'advice_requests.programme_id',
    'programmes.name as programme_name',
    'advice_requests.organisation_name',
    'advice_requests.contact_name',
    'advice_requests.status',
    'advice_requests.assigned_user_id',
    'persons.name as assigned_name',
    'advice_requests.answered_at',
    'advice_requests.created_at',
  ]);
  if (f.status === 'open' || f.status === 'new') q = q.where('advice_requests.status', '=', 'open');
  if (f.status === 'new') q = q.where('advice_requests.assigned_user_id', 'is', null);
  if (f.status === 'closed') q = q.where('advice_requests.status', '=', 'closed');
  if (f.programme) q = q.where('advice_requests.programme_id', '=', f.programme);
  if (f.mine) q = q.where('advice_requests.assigned_user_id', '=', viewer.id);
  const direction = f.status === 'open' || f.status === 'new' ? 'asc' : 'desc';
  const rows = await q
    .orderBy('advice_requests.created_at', direction)
    .orderBy('advice_requests.id', direction)
    .limit(PAGE_SIZE + 1)
    .offset((f.page - 1) * PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, PAGE_SIZE).map((r) => ({ ...r, due: answerDue(r.created_at) })), hasNext: rows.length > PAGE_SIZE };
}

export interface AdviceRequest extends AdviceListRow {
  organisation_id: number | null;
  contact_email: string;
  contact_phone: string | null;
  idea: string;
  question: string;
  lang: string;
  consent_at: Instant;
  assigned_at: Instant | null;
  closed_at: Instant | null;
  close_note: string | null;
  answers: { id: number; subject: string; body: string; sent_at: Instant; sender_name: string | null }[];
  /** The audit entries of the request, oldest first: its history. */
  history: { at: Instant; action: string; actor_name: string | null; after: Record<string, unknown> }[];
}

/** findRequest: one request with its answers and history for the staff; undefined when not found or not allowed. */
export async function findRequest(db: Kysely<Database>, viewer: SessionUser, id: number): Promise<AdviceRequest | undefined> {
  if (!mayHandleAdvice(viewer)) return undefined;
  const row = await withNames(db).selectAll('advice_requests').select(['programmes.name as programme_name', 'persons.name as assigned_name']).where('advice_requests.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [answers, history] = await Promise.all([
    db
      .selectFrom('advice_answers')
      .leftJoin('users', 'users.id', 'advice_answers.sender_user_id')
      .leftJoin('persons', 'persons.id', 'users.person_id')
      .select(['advice_answers.id', 'advice_answers.subject', 'advice_answers.body', 'advice_answers.sent_at', 'persons.name as sender_name'])
      .where('advice_answers.request_id', '=', id)
      .orderBy('advice_answers.sent_at')
      .orderBy('advice_answers.id')
      .execute(),
    db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .leftJoin('persons', 'persons.id', 'users.person_id')
      .select(['audit_log.at', 'audit_log.action', 'persons.name as actor_name', 'audit_log.after_json'])
      .where('audit_log.entity_type', '=', 'advice_request')
      .where('audit_log.entity_id', '=', String(id))
      .orderBy('audit_log.id')
      .execute(),
  ]);
  const parse = (json: string | null): Record<string, unknown> => {
    try {
      const v: unknown = json ? JSON.parse(json) : {};
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    ...row,
    due: answerDue(row.created_at),
    answers,
    history: history.map((h) => ({ at: h.at, action: h.action, actor_name: h.actor_name, after: parse(h.after_json) })),
  };
}

/** staffMembers: the active accounts of the staff, who may be assigned a request, by name. */
export function staffMembers(db: Kysely<Database>): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'persons.name'])
    .where('users.role', 'in', ['secretariat', 'admin'])
    .where('users.active', '=', 1)
    .orderBy('persons.name')
    .execute();
}

type Outcome = 'done' | 'not-found' | 'unchanged';

/** assignRequest: the request goes to one of the staff (themself or a colleague); 'not-found' for an unknown request or assignee. */
export async function assignRequest(db: Kysely<Database>, actor: SessionUser, id: number, userId: number, now: Date): Promise<Outcome> {
  if (!mayHandleAdvice(actor)) return 'not-found';
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('advice_requests').select(['assigned_user_id']).where('id', '=', id).executeTakeFirst();
    const staff = (await staffMembers(trx)).find((s) => s.id === userId);
    if (!row || !staff) return 'not-found';
    if (row.assigned_user_id === userId) return 'unchanged';
    const at = now.toISOString();
    await trx.updateTable('advice_requests').set({ assigned_user_id: userId, assigned_at: at, updated_at: at }).where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'advice.assign', entityType: 'advice_request', entityId: id, before: { assigned_user_id: row.assigned_user_id }, after: { assigned_user_id: userId, assignee: staff.name } }, now);
    return 'done';
  });
}

/**
 * answerRequest mails the answer to the requester through the outbox (Reply-To: the office, as every
 * mail) and keeps it with the request; the first answer sets answered_at, and a request nobody had
 * taken is then the sender's. A closed request is not answered ('unchanged': reopen it first).
 */
export async function answerRequest(db: Kysely<Database>, actor: SessionUser, id: number, input: AnswerInput, now: Date): Promise<Outcome> {
  if (!mayHandleAdvice(actor)) return 'not-found';
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('advice_requests').select(['contact_email', 'status', 'answered_at', 'assigned_user_id']).where('id', '=', id).executeTakeFirst();
    if (!row) return 'not-found';
    if (row.status === 'closed') return 'unchanged';
    const at = now.toISOString();
    const outboxId = await enqueueMail(trx, { to: row.contact_email, subject: input.subject, text: input.text }, now);
    await trx.insertInto('advice_answers').values({ request_id: id, sender_user_id: actor.id, subject: input.subject, body: input.text, outbox_id: outboxId, sent_at: at }).execute();
    await trx
      .updateTable('advice_requests')
      .set({
        answered_at: row.answered_at ?? at,
        ...(row.assigned_user_id === null ? { assigned_user_id: actor.id, assigned_at: at } : {}),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, { actorUserId: actor.id, action: 'advice.answer', entityType: 'advice_request', entityId: id, after: { subject: input.subject } }, now);
    return 'done';
  });
}

/** closeRequest / reopenRequest: 'unchanged' when it already is so. */
export async function closeRequest(db: Kysely<Database>, actor: SessionUser, id: number, note: string | undefined, now: Date): Promise<Outcome> {
  if (!mayHandleAdvice(actor)) return 'not-found';
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('advice_requests').select('status').where('id', '=', id).executeTakeFirst();
    if (!row) return 'not-found';
    if (row.status === 'closed') return 'unchanged';
    const at = now.toISOString();
    await trx.updateTable('advice_requests').set({ status: 'closed', closed_at: at, close_note: note ?? null, updated_at: at }).where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'advice.close', entityType: 'advice_request', entityId: id, after: { note: note ?? null } }, now);
    return 'done';
  });
}

export async function reopenRequest(db: Kysely<Database>, actor: SessionUser, id: number, now: Date): Promise<Outcome> {
  if (!mayHandleAdvice(actor)) return 'not-found';
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('advice_requests').select(['status', 'close_note']).where('id', '=', id).executeTakeFirst();
    if (!row) return 'not-found';
    if (row.status === 'open') return 'unchanged';
    const at = now.toISOString();
    // The retention period runs from the (next) closing: a reopened request is work again.
    await trx.updateTable('advice_requests').set({ status: 'open', closed_at: null, close_note: null, updated_at: at }).where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'advice.reopen', entityType: 'advice_request', entityId: id, before: { note: row.close_note } }, now);
    return 'done';
  });
}

/** Per year of receipt: how many requests came and how many were answered, deleted ones included. */
export interface YearCount {
  year: number;
  received: number;
  answered: number;
}

/**
 * yearlyCounts: the requests still stored, counted per year of receipt (UTC, as the tallies are), plus
 * the tallies of deleted ones; newest year first. Optionally for one programme. Undefined for anyone
 * but the staff.
 */
export async function yearlyCounts(db: Kysely<Database>, viewer: SessionUser, programmeId?: number): Promise<YearCount[] | undefined> {
  if (!mayHandleAdvice(viewer)) return undefined;
  let live = db
    .selectFrom('advice_requests')
    .select((eb) => [yearOf(db, 'created_at').as('year'), eb.fn.countAll().as('received'), eb.fn.count('answered_at').as('answered')])
    .groupBy(yearOf(db, 'created_at'));
  let kept = db.selectFrom('advice_request_tallies').select((eb) => ['year', eb.fn.sum<number>('received').as('received'), eb.fn.sum<number>('answered').as('answered')]).groupBy('year');
  if (programmeId) {
    live = live.where('programme_id', '=', programmeId);
    kept = kept.where('programme_id', '=', programmeId);
  }
  const [a, b] = await Promise.all([live.execute(), kept.execute()]);
  const years = new Map<number, YearCount>();
  const add = (year: number, received: number, answered: number) => {
    const y = years.get(year) ?? { year, received: 0, answered: 0 };
    y.received += received;
    y.answered += answered;
    years.set(year, y);
  };
  for (const r of a) add(Number(r.year), Number(r.received), Number(r.answered));
  for (const r of b) add(Number(r.year), Number(r.received), Number(r.answered));
  return [...years.values()].sort((x, y) => y.year - x.year);
}

/**
 * yearOf: the calendar year (UTC) of an instant column on either database: SQLite keeps instants as ISO
 * text, PostgreSQL as timestamptz. The UTC year is what the retention's tallies count by too.
 */
function yearOf(db: Kysely<Database>, column: string): RawBuilder<number> {
  return dialectOf(db) === 'postgres' ? sql<number>`cast(extract(year from ${sql.ref(column)} at time zone 'UTC') as integer)` : sql<number>`cast(substr(${sql.ref(column)}, 1, 4) as integer)`;
}
