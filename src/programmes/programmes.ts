import type { Kysely, Selectable } from 'kysely';
import { DateTime } from 'luxon';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import { toFlag } from '../db/dialect.js';
import type { Database, Day, ProgrammeApplicant, ProgrammeLevel, ProgrammesTable } from '../db/schema.js';
import { APPLICANTS, LEVELS, type ProgrammeInput } from './form.js';

export type { ProgrammeInput } from './form.js';

// A programme is overdue for a check some months after it was last checked (or created, if never): the
// admin setting programme_check_months (src/settings/settings.ts, NUMBER_SETTINGS; default 12).

export type ProgrammeRow = Selectable<ProgrammesTable>;

export interface Programme extends ProgrammeRow {
  fields: number[];
  targets: number[];
  applicants: ProgrammeApplicant[];
  deadlines: { id: number; due_on: Day; note: string | null }[];
  contact: { name: string; job_function: string | null; phone: string | null; email: string | null } | null;
}

/** The filters of the public list (GET parameters, each optional). */
export interface ProgrammeFilters {
  field?: number;
  level?: ProgrammeLevel;
  applicant?: ProgrammeApplicant;
  openNow?: boolean;
}

/** readFilters: the list's filters from the query string; unknown values are ignored (shown as "all"). */
export function readFilters(query: Record<string, string | undefined>): ProgrammeFilters {
  const f: ProgrammeFilters = {};
  if (query.field && /^[1-9][0-9]{0,8}$/.test(query.field)) f.field = Number(query.field);
  if (query.level && LEVELS.includes(query.level as ProgrammeLevel)) f.level = query.level as ProgrammeLevel;
  if (query.applicant && APPLICANTS.includes(query.applicant as ProgrammeApplicant)) f.applicant = query.applicant as ProgrammeApplicant;
  if (query.open === '1') f.openNow = true;
  return f;
}

/** isOpenNow: open, and applications still possible (rolling, or a deadline today or later). */
export function isOpenNow(p: Pick<Programme, 'status' | 'rolling' | 'deadlines'>, today: Day): boolean {
  return p.status === 'open' && (Boolean(p.rolling) || p.deadlines.some((d) => d.due_on >= today));
}

/** nextDeadline: the first deadline today or later, if any. */
export function nextDeadline(p: Pick<Programme, 'deadlines'>, today: Day): Programme['deadlines'][number] | undefined {
  return p.deadlines.find((d) => d.due_on >= today);
}

async function complete(db: Kysely<Database>, rows: ProgrammeRow[]): Promise<Programme[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const contactIds = rows.map((r) => r.office_contact_id).filter((id): id is number => id !== null);
  const [fields, targets, applicants, deadlines, contacts] = await Promise.all([
    db.selectFrom('programme_fields').select(['programme_id', 'field_id']).where('programme_id', 'in', ids).execute(),
    db.selectFrom('programme_target_groups').select(['programme_id', 'target_group_id']).where('programme_id', 'in', ids).execute(),
    db.selectFrom('programme_applicants').select(['programme_id', 'applicant']).where('programme_id', 'in', ids).execute(),
    db.selectFrom('programme_deadlines').select(['id', 'programme_id', 'due_on', 'note']).where('programme_id', 'in', ids).where('cancelled_at', 'is', null).orderBy('due_on').orderBy('id').execute(),
    contactIds.length ? db.selectFrom('contact_persons').select(['id', 'name', 'job_function', 'phone', 'email']).where('id', 'in', contactIds).execute() : Promise.resolve([]),
  ]);
  return rows.map((r) => {
    const c = contacts.find((x) => x.id === r.office_contact_id);
    return {
      ...r,
      last_checked: r.last_checked,
      fields: fields.filter((f) => f.programme_id === r.id).map((f) => f.field_id),
      targets: targets.filter((f) => f.programme_id === r.id).map((f) => f.target_group_id),
      applicants: APPLICANTS.filter((a) => applicants.some((x) => x.programme_id === r.id && x.applicant === a)),
      deadlines: deadlines.filter((d) => d.programme_id === r.id).map((d) => ({ id: d.id, due_on: d.due_on, note: d.note })),
      contact: c ? { name: c.name, job_function: c.job_function, phone: c.phone, email: c.email } : null,
    };
  });
}

/**
 * listProgrammes: the public list, filtered, without archived programmes. Ordered by the next deadline
 * (rolling programmes and those without one after them), then by name.
 */
export async function listProgrammes(db: Kysely<Database>, filters: ProgrammeFilters, today: Day): Promise<Programme[]> {
  let q = db.selectFrom('programmes').selectAll().where('archived_at', 'is', null);
  if (filters.level) q = q.where('level', '=', filters.level);
  if (filters.field) q = q.where('id', 'in', db.selectFrom('programme_fields').select('programme_id').where('field_id', '=', filters.field));
  if (filters.applicant) q = q.where('id', 'in', db.selectFrom('programme_applicants').select('programme_id').where('applicant', '=', filters.applicant));
  if (filters.openNow) {
    q = q
      .where('status', '=', 'open')
      .where((eb) => eb.or([eb('rolling', '=', toFlag(true)), eb('id', 'in', db.selectFrom('programme_deadlines').select('programme_id').where('due_on', '>=', today).where('cancelled_at', 'is', null))]));
  }
  const all = await complete(db, await q.orderBy('name').execute());
  const key = (p: Programme) => nextDeadline(p, today)?.due_on ?? '9999-12-31';
  return all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.name.localeCompare(b.name, 'de')));
}

/** listAllProgrammes: the staff's list, archived ones included (last), by name. */
export async function listAllProgrammes(db: Kysely<Database>): Promise<Programme[]> {
  const rows = await db.selectFrom('programmes').selectAll().orderBy('name').execute();
  const all = await complete(db, rows);
  return [...all.filter((p) => !p.archived_at), ...all.filter((p) => p.archived_at)];
}

export async function findProgramme(db: Kysely<Database>, id: number): Promise<Programme | undefined> {
  const row = await db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await complete(db, [row]))[0] : undefined;
}

/** upcomingProgrammes: the next open programmes for the home page (by next deadline, rolling ones after). */
export async function upcomingProgrammes(db: Kysely<Database>, today: Day, limit = 3): Promise<Programme[]> {
  return (await listProgrammes(db, { openNow: true }, today)).slice(0, limit);
}

/** checkDueBefore: programmes last checked (or, never checked, created) before this day are overdue. */
export function checkDueBefore(today: Day, months: number): Day {
  return DateTime.fromISO(today).minus({ months }).toISODate()!;
}

/** overdueChecks: how many programmes (not archived) are overdue for a check, and since when the oldest. */
export async function overdueChecks(db: Kysely<Database>, today: Day, months: number): Promise<{ count: number; since: Day | null }> {
  const before = checkDueBefore(today, months);
  const rows = await db.selectFrom('programmes').select(['last_checked', 'created_at']).where('archived_at', 'is', null).execute();
  const days = rows.map((r) => r.last_checked ?? r.created_at.slice(0, 10)).filter((d) => d < before).sort();
  return { count: days.length, since: days[0] ?? null };
}

function columns(input: ProgrammeInput) {
  return {
    name: input.name,
    funder: input.funder,
    level: input.level,
    description: input.description,
    amount_min_cents: input.amount_min_cents,
    amount_max_cents: input.amount_max_cents,
    rate_percent: input.rate_percent,
    own_share: input.own_share,
    link: input.link,
    office_contact_id: input.office_contact_id,
    contact_text: input.contact_text,
    status: input.status,
    rolling: toFlag(input.rolling),
    last_checked: input.last_checked,
  };
}

/** What the audit log keeps of a programme: its columns and lists. */
function record(input: ProgrammeInput) {
  return { ...columns(input), rolling: input.rolling, fields: input.fields, targets: input.targets, applicants: input.applicants, deadlines: input.deadlines };
}

function recordOf(p: Programme) {
  const { id: _id, created_at: _c, updated_at: _u, archived_at: _a, contact: _k, ...rest } = p;
  return { ...rest, rolling: Boolean(p.rolling), deadlines: p.deadlines.map((d) => ({ due_on: d.due_on, note: d.note })) };
}

async function writeLists(trx: Kysely<Database>, id: number, input: ProgrammeInput, now: Date): Promise<void> {
  await trx.deleteFrom('programme_fields').where('programme_id', '=', id).execute();
  await trx.deleteFrom('programme_target_groups').where('programme_id', '=', id).execute();
  await trx.deleteFrom('programme_applicants').where('programme_id', '=', id).execute();
  if (input.fields.length) await trx.insertInto('programme_fields').values(input.fields.map((field_id) => ({ programme_id: id, field_id }))).execute();
  if (input.targets.length) await trx.insertInto('programme_target_groups').values(input.targets.map((target_group_id) => ({ programme_id: id, target_group_id }))).execute();
  if (input.applicants.length) await trx.insertInto('programme_applicants').values(input.applicants.map((applicant) => ({ programme_id: id, applicant }))).execute();
  await writeDeadlines(trx, id, input.deadlines, now);
}

/**
 * writeDeadlines: a deadline whose day stays keeps its row; the others are paired in order with the
 * rows that lost their day (a moved deadline: same row, so the same UID in the feed, SEQUENCE raised);
 * rows left over are kept as cancelled (the feed shows them as such for 30 days), new days are added.
 */
async function writeDeadlines(trx: Kysely<Database>, id: number, deadlines: ProgrammeInput['deadlines'], now: Date): Promise<void> {
  const at = now.toISOString();
  const old = await trx.selectFrom('programme_deadlines').select(['id', 'due_on', 'note', 'sequence']).where('programme_id', '=', id).where('cancelled_at', 'is', null).orderBy('due_on').orderBy('id').execute();
  const kept = new Set<number>();
  const added: ProgrammeInput['deadlines'] = [];
  for (const d of deadlines) {
    const same = old.find((o) => o.due_on === d.due_on && !kept.has(o.id));
    if (!same) {
      added.push(d);
      continue;
    }
    kept.add(same.id);
    if (same.note !== d.note) await trx.updateTable('programme_deadlines').set({ note: d.note, sequence: same.sequence + 1, updated_at: at }).where('id', '=', same.id).execute();
  }
  const free = old.filter((o) => !kept.has(o.id));
  for (const d of added) {
    const moved = free.shift();
    if (moved) await trx.updateTable('programme_deadlines').set({ due_on: d.due_on, note: d.note, sequence: moved.sequence + 1, updated_at: at }).where('id', '=', moved.id).execute();
    else await trx.insertInto('programme_deadlines').values({ programme_id: id, due_on: d.due_on, note: d.note, updated_at: at }).execute();
  }
  for (const gone of free) await trx.updateTable('programme_deadlines').set({ cancelled_at: at, sequence: gone.sequence + 1, updated_at: at }).where('id', '=', gone.id).execute();
}

export async function createProgramme(db: Kysely<Database>, actor: SessionUser | null, input: ProgrammeInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const row = await trx
      .insertInto('programmes')
      .values({ ...columns(input), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeLists(trx, row.id, input, now);
    await audit(trx, { actorUserId: actor?.id ?? null, action: 'programme.create', entityType: 'programme', entityId: row.id, after: record(input) }, now);
    return row.id;
  });
}

export async function updateProgramme(db: Kysely<Database>, actor: SessionUser, id: number, input: ProgrammeInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findProgramme(trx, id);
    if (!before) return false;
    await trx.updateTable('programmes').set({ ...columns(input), updated_at: now.toISOString() }).where('id', '=', id).execute();
    await writeLists(trx, id, input, now);
    await audit(trx, { actorUserId: actor.id, action: 'programme.update', entityType: 'programme', entityId: id, before: recordOf(before), after: record(input) }, now);
    return true;
  });
}

/** archiveProgramme: archived (gone from the public pages) or back; false when there is no such programme. */
export async function archiveProgramme(db: Kysely<Database>, actor: SessionUser, id: number, archived: boolean, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('programmes').select(['name', 'archived_at']).where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    if (Boolean(row.archived_at) === archived) return true;
    await trx
      .updateTable('programmes')
      .set({ archived_at: archived ? now.toISOString() : null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await audit(trx, { actorUserId: actor.id, action: archived ? 'programme.archive' : 'programme.restore', entityType: 'programme', entityId: id, after: { name: row.name } }, now);
    return true;
  });
}
