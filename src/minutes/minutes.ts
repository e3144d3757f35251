import type { Kysely, Selectable } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { ActionItemsTable, Database, DecisionsTable, Day, MinutesTable } from '../db/schema.js';
import { carryNumbers, numberDecisions } from './decisions.js';
import { resolveComments, type ResolutionChoice } from './comments.js';
import { foldText } from '../lib/fold.js';

export type Minutes = Selectable<MinutesTable>;
export type Decision = Selectable<DecisionsTable>;
export type ActionItem = Selectable<ActionItemsTable>;

export interface MinutesContent {
  minutes: Minutes | null;
  notes: Map<number, string>;
  decisions: Decision[];
  actions: ActionItem[];
}

/** loadMinutes: a meeting's minutes with their notes, decisions and action items (empty when none yet). */
export async function loadMinutes(db: Kysely<Database>, meetingId: number): Promise<MinutesContent> {
  const minutes = (await db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst()) ?? null;
  if (!minutes) return { minutes, notes: new Map(), decisions: [], actions: [] };
  const [notes, decisions, actions] = await Promise.all([
    db.selectFrom('minute_notes').select(['agenda_item_id', 'notes']).where('minutes_id', '=', minutes.id).execute(),
    db.selectFrom('decisions').selectAll().where('minutes_id', '=', minutes.id).orderBy('agenda_item_id').orderBy('position').execute(),
    db.selectFrom('action_items').selectAll().where('minutes_id', '=', minutes.id).orderBy('id').execute(),
  ]);
  return { minutes, notes: new Map(notes.map((n) => [n.agenda_item_id, n.notes])), decisions, actions };
}

export interface MinutesInput {
  minute_taker?: string;
  notes: Map<number, string>;
  decisions: { agendaItemId: number; text: string; yes?: number; no?: number; abstain?: number }[];
  actions: { id?: number; agendaItemId: number; description: string; personId?: number; organisation?: string; dueOn?: Day }[];
  /** What became of members' comments, for those the form showed (src/minutes/comments.ts). */
  comments?: Map<number, ResolutionChoice>;
}

export type SaveResult = 'saved' | 'conflict' | 'readonly';

/**
 * saveMinutes stores the draft if it is still at `expectedVersion` (0: none yet) and raises the version;
 * a save based on an older version is a conflict and changes nothing. Action items keep their ids (and
 * their done state) across saves; items removed from the form are deleted only while still open.
 * With `correctionReason` it corrects approved minutes instead: they stay approved, and the corrected
 * text is kept as a new version with the reason, so what was approved before can still be read.
 */
export async function saveMinutes(
  db: Kysely<Database>,
  actor: SessionUser,
  meeting: { id: number; group_id: number },
  input: MinutesInput,
  expectedVersion: number,
  now: Date,
  correctionReason?: string,
): Promise<SaveResult> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let minutes = await trx.selectFrom('minutes').selectAll().where('meeting_id', '=', meeting.id).executeTakeFirst();
    if (minutes && minutes.status !== (correctionReason === undefined ? 'draft' : 'approved')) return 'readonly';
    if (!minutes && correctionReason !== undefined) return 'readonly';
    if (!minutes) {
      if (expectedVersion !== 0) return 'conflict';
      // Two first saves at once (two tabs, two instances on PostgreSQL) both find no minutes; the one
      // whose insert comes second waits for the first and is a conflict, not a unique-key error (500).
      const created = await trx
        .insertInto('minutes')
        .values({ meeting_id: meeting.id, status: 'draft', minute_taker: null, created_at: at, updated_at: at })
        .onConflict((oc) => oc.column('meeting_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!created) return 'conflict';
      minutes = created;
    } else {
      const bumped = await trx
        .updateTable('minutes')
        .set({ version: expectedVersion + 1, updated_at: at })
        .where('id', '=', minutes.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) !== 1) return 'conflict';
    }
    const minutesId = minutes.id;
    await trx.updateTable('minutes').set({ minute_taker: input.minute_taker?.trim() || null }).where('id', '=', minutesId).execute();
    await trx.deleteFrom('minute_notes').where('minutes_id', '=', minutesId).execute();
    const notes = [...input.notes].filter(([, text]) => text.trim()).map(([agenda_item_id, text]) => ({ minutes_id: minutesId, agenda_item_id, notes: text.trim() }));
    if (notes.length) await trx.insertInto('minute_notes').values(notes).execute();
    // Approved decisions keep their numbers through a correction (src/minutes/decisions.ts).
    const numbered = correctionReason === undefined ? [] : await trx.selectFrom('decisions').select(['agenda_item_id', 'text', 'number_year', 'number']).where('minutes_id', '=', minutesId).execute();
    await trx.deleteFrom('decisions').where('minutes_id', '=', minutesId).execute();
    if (input.decisions.length) {
      await trx
        .insertInto('decisions')
        .values(carryNumbers(numbered, input.decisions).map((d, i) => ({ minutes_id: minutesId, agenda_item_id: d.agendaItemId, position: i + 1, text: d.text, votes_yes: d.yes ?? null, votes_no: d.no ?? null, votes_abstain: d.abstain ?? null, number_year: d.number_year, number: d.number })))
        .execute();
    }
    if (correctionReason !== undefined) await numberDecisions(trx, minutesId);
    const kept = input.actions.filter((a) => a.id !== undefined).map((a) => a.id!);
    let removed = trx.deleteFrom('action_items').where('minutes_id', '=', minutesId).where('status', '=', 'open');
    if (kept.length) removed = removed.where('id', 'not in', kept);
    await removed.execute();
    for (const a of input.actions) {
      const values = { agenda_item_id: a.agendaItemId, description: a.description, responsible_person_id: a.personId ?? null, responsible_organisation: a.organisation?.trim() || null, responsible_organisation_folded: a.organisation?.trim() ? foldText(a.organisation) : null, due_on: a.dueOn ?? null };
      if (a.id !== undefined) await trx.updateTable('action_items').set(values).where('id', '=', a.id).where('minutes_id', '=', minutesId).execute();
      else await trx.insertInto('action_items').values({ ...values, minutes_id: minutesId, group_id: meeting.group_id, status: 'open', created_at: at }).execute();
    }
    if (input.comments) await resolveComments(trx, actor, meeting.id, minutesId, input.comments, now);
    if (correctionReason !== undefined) {
      const corrected = await trx.selectFrom('minutes').selectAll().where('id', '=', minutesId).executeTakeFirstOrThrow();
      await snapshot(trx, actor, corrected, 'approved', correctionReason, now);
    }
    const action = correctionReason === undefined ? 'minutes.save' : 'minutes.corrected';
    await audit(trx, { actorUserId: actor.id, action, entityType: 'meeting', entityId: meeting.id, after: { version: expectedVersion + 1, reason: correctionReason ?? null } }, now);
    return 'saved';
  });
}

/** snapshot: the minutes as they are, kept for every circulated and approved version. */
async function snapshot(trx: Kysely<Database>, actor: SessionUser, minutes: Minutes, status: string, reason: string | null, now: Date): Promise<void> {
  const content = await loadMinutes(trx, minutes.meeting_id);
  const json = JSON.stringify({ minute_taker: minutes.minute_taker, notes: [...content.notes], decisions: content.decisions, actions: content.actions });
  // Each kept version gets the next number of its own (not the editing counter, which approving does
  // not raise: the circulated and the approved version both said "Fassung 2").
  const last = await trx.selectFrom('minutes_versions').select((eb) => eb.fn.max('version').as('n')).where('minutes_id', '=', minutes.id).executeTakeFirst();
  await trx.insertInto('minutes_versions').values({ minutes_id: minutes.id, version: Number(last?.n ?? 0) + 1, status, snapshot_json: json, reason, created_by_user_id: actor.id, created_at: now.toISOString() }).execute();
}

const CHANGES = {
  circulated: { from: 'draft', set: (at: string, _meetingId?: number, commentsDue?: Day) => ({ circulated_at: at, comments_due_on: commentsDue ?? null }) },
  approved: { from: 'circulated', set: (at: string, meetingId?: number) => ({ approved_at: at, approved_in_meeting_id: meetingId ?? null }) },
  // Back to draft, to work in what the members pointed out; the circulated version stays kept.
  draft: { from: 'circulated', set: () => ({}) },
} as const;

/**
 * setMinutesStatus moves draft → circulated → approved (with the approving meeting), or circulated back
 * to draft for revision; false when the minutes are not in the state the step starts from.
 */
export async function setMinutesStatus(
  db: Kysely<Database>,
  actor: SessionUser,
  meetingId: number,
  to: 'circulated' | 'approved' | 'draft',
  opts: { approvedInMeetingId?: number; commentsDue?: Day; now: Date; onChange?: (trx: Kysely<Database>) => Promise<void> },
): Promise<boolean> {
  const { from, set } = CHANGES[to];
  return db.transaction().execute(async (trx) => {
    const at = opts.now.toISOString();
    const result = await trx
      .updateTable('minutes')
      .set({ status: to, updated_at: at, ...set(at, opts.approvedInMeetingId, opts.commentsDue) })
      .where('meeting_id', '=', meetingId)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const minutes = await trx.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    if (to === 'approved') await numberDecisions(trx, minutes.id);
    if (to !== 'draft') await snapshot(trx, actor, minutes, to, null, opts.now);
    await opts.onChange?.(trx);
    await audit(trx, { actorUserId: actor.id, action: `minutes.${to}`, entityType: 'meeting', entityId: meetingId, after: { version: minutes.version, approved_in: opts.approvedInMeetingId ?? null } }, opts.now);
    return true;
  });
}

export interface VersionEntry {
  id: number;
  version: number;
  status: Minutes['status'];
  reason: string | null;
  created_at: string;
  author: string | null;
}

/** listVersions: the kept versions of a meeting's minutes, newest first, with who made them. */
export async function listVersions(db: Kysely<Database>, minutesId: number): Promise<VersionEntry[]> {
  return db
    .selectFrom('minutes_versions')
    .leftJoin('users', 'users.id', 'minutes_versions.created_by_user_id')
    .leftJoin('persons', 'persons.id', 'users.person_id')
    .select(['minutes_versions.id', 'minutes_versions.version', 'minutes_versions.status', 'minutes_versions.reason', 'minutes_versions.created_at', 'persons.name as author'])
    .where('minutes_versions.minutes_id', '=', minutesId)
    .orderBy('minutes_versions.id', 'desc')
    .execute() as Promise<VersionEntry[]>;
}

/** loadVersion: one kept version as it was (undefined when it is not one of these minutes'). */
export async function loadVersion(db: Kysely<Database>, minutesId: number, versionId: number): Promise<(VersionEntry & { content: Omit<MinutesContent, 'minutes'> & { minute_taker: string | null } }) | undefined> {
  const row = await db.selectFrom('minutes_versions').selectAll().where('id', '=', versionId).where('minutes_id', '=', minutesId).executeTakeFirst();
  if (!row) return undefined;
  const entry = (await listVersions(db, minutesId)).find((v) => v.id === row.id)!;
  const saved = JSON.parse(row.snapshot_json) as { minute_taker: string | null; notes: [number, string][]; decisions: Decision[]; actions: ActionItem[] };
  return { ...entry, content: { minute_taker: saved.minute_taker, notes: new Map(saved.notes), decisions: saved.decisions, actions: saved.actions } };
}
