import type { ExpressionBuilder, Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import { formatters, today } from '../lib/berlin-time.js';
import { translator } from '../i18n/index.js';
import { containsFolded } from '../lib/fold.js';
import { pageOf, type Page, type Paging } from '../http/pagination.js';
import { enqueueMail } from '../mail/outbox.js';

export interface ActionRow {
  id: number;
  description: string;
  status: 'open' | 'done';
  due_on: Day | null;
  responsible_person_id: number | null;
  responsible_name: string | null;
  responsible_organisation: string | null;
  done_note: string | null;
  group_name: string;
  group_slug: string;
  meeting_id: number;
  meeting_title: string;
}

export interface ActionFilters {
  status?: 'open' | 'done';
  groupSlug?: string;
  mine?: boolean;
  overdue?: boolean;
  /** Part of the responsible person's or organisation's name, as typed (umlauts and case do not matter). */
  responsible?: string;
  /** Only items due on or before this day. */
  dueBy?: Day;
}

/**
 * fromCirculatedMinutes: the one rule for which action items anyone sees outside the minutes editor
 * (lists, agenda, reminders, the personal data export): those of circulated or approved minutes; a
 * draft is not yet the group's record. For a query that joins `minutes`.
 */
export function fromCirculatedMinutes(eb: ExpressionBuilder<Database, 'minutes'>) {
  return eb('minutes.status', '!=', 'draft');
}

/**
 * visibleActionItems: the action items the viewer may see outside the minutes editor: those of the
 * groups they currently belong to (the staff: all), once their minutes have been circulated (a draft is
 * not yet the group's record). The one query behind the list, the dashboard and marking an item done.
 */
function visibleActionItems(db: Kysely<Database>, viewer: SessionUser, day: Day) {
  let query = db
    .selectFrom('action_items')
    .innerJoin('minutes', 'minutes.id', 'action_items.minutes_id')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .innerJoin('groups', 'groups.id', 'action_items.group_id')
    .leftJoin('persons', 'persons.id', 'action_items.responsible_person_id')
    .select([
      'action_items.id',
      'action_items.description',
      'action_items.status',
      'action_items.due_on',
      'action_items.responsible_person_id',
      'persons.name as responsible_name',
      'action_items.responsible_organisation',
      'action_items.done_note',
      'groups.name as group_name',
      'groups.slug as group_slug',
      'meetings.id as meeting_id',
      'meetings.title as meeting_title',
    ])
    .where(fromCirculatedMinutes);
  if (!isStaff(viewer)) {
    query = query.where('action_items.group_id', 'in', db.selectFrom('memberships').select('memberships.group_id').where('memberships.person_id', '=', viewer.personId).where(currentOn(day)));
  }
  return query;
}

/**
 * listActionItems: one page of the action items the viewer may see (visibleActionItems), filtered, open
 * ones first, earliest due first. `hasNext` says whether another page follows (one row more is read).
 */
export async function listActionItems(db: Kysely<Database>, viewer: SessionUser, day: Day, filters: ActionFilters, paging: Paging): Promise<Page<ActionRow>> {
  let query = visibleActionItems(db, viewer, day);
  if (filters.status) query = query.where('action_items.status', '=', filters.status);
  if (filters.groupSlug) query = query.where('groups.slug', '=', filters.groupSlug);
  if (filters.mine) query = query.where('action_items.responsible_person_id', '=', viewer.personId);
  if (filters.overdue) query = query.where('action_items.status', '=', 'open').where('action_items.due_on', '<', day);
  if (filters.dueBy) query = query.where('action_items.due_on', '<=', filters.dueBy);
  // Names are compared folded (Müller = mueller), the same way on both databases.
  if (filters.responsible) {
    const typed = filters.responsible;
    query = query.where((eb) => eb.or([containsFolded('persons.name_folded', typed), containsFolded('action_items.responsible_organisation_folded', typed)]));
  }
  const ordered = query.orderBy('action_items.status', 'desc').orderBy('action_items.due_on').orderBy('action_items.id');
  return pageOf((limit, offset) => ordered.limit(limit).offset(offset).execute(), paging);
}

/** findActionItem: one item, if the viewer may see it (the same rule as the list). */
export function findActionItem(db: Kysely<Database>, viewer: SessionUser, day: Day, id: number): Promise<ActionRow | undefined> {
  return visibleActionItems(db, viewer, day).where('action_items.id', '=', id).executeTakeFirst();
}

/** listOpenGroupActions: a group's open action items from circulated or approved minutes (for the agenda). */
export function listOpenGroupActions(db: Kysely<Database>, groupId: number) {
  return db
    .selectFrom('action_items')
    .innerJoin('minutes', 'minutes.id', 'action_items.minutes_id')
    .leftJoin('persons', 'persons.id', 'action_items.responsible_person_id')
    .select(['action_items.id', 'action_items.description', 'action_items.due_on', 'persons.name as responsible_name', 'action_items.responsible_organisation'])
    .where('action_items.group_id', '=', groupId)
    .where('action_items.status', '=', 'open')
    .where(fromCirculatedMinutes)
    .orderBy('action_items.due_on')
    .orderBy('action_items.id')
    .limit(100)
    .execute();
}

/**
 * sendActionReminders mails the responsible person of every open item due within `days` (from
 * circulated or approved minutes), once per item; each item is claimed by a conditional update, so
 * several instances never mail twice. Returns how many were sent.
 */
export async function sendActionReminders(db: Kysely<Database>, now: Date, baseUrl: string, days: number): Promise<number> {
  const t = translator('de');
  const fmt = formatters('de');
  const day = today(now);
  const until = today(new Date(now.getTime() + days * 24 * 60 * 60 * 1000));
  const due = await db
    .selectFrom('action_items')
    .innerJoin('minutes', 'minutes.id', 'action_items.minutes_id')
    .innerJoin('persons', 'persons.id', 'action_items.responsible_person_id')
    .select(['action_items.id', 'action_items.description', 'action_items.due_on', 'persons.name', 'persons.email'])
    .where('action_items.status', '=', 'open')
    .where('action_items.reminded_at', 'is', null)
    .where('action_items.due_on', '>=', day)
    .where('action_items.due_on', '<=', until)
    .where(fromCirculatedMinutes)
    .where('persons.email', 'is not', null)
    .limit(500)
    .execute();
  let sent = 0;
  for (const item of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable('action_items').set({ reminded_at: now.toISOString() }).where('id', '=', item.id).where('reminded_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      const params = { name: item.name, description: item.description, date: fmt.date(`${item.due_on}T12:00:00Z`), link: `${baseUrl}/actions?mine=1` };
      await enqueueMail(trx, { to: item.email!, subject: t('actions.reminder.subject', params), text: t('actions.reminder.body', params) }, now);
      sent += 1;
    });
  }
  return sent;
}

/**
 * markActionDone: the responsible person, or whoever manages the group (checked by the caller through
 * `mayComplete`), closes an item with a note. False when it is not open (any more).
 */
export async function markActionDone(db: Kysely<Database>, actor: SessionUser, itemId: number, note: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('action_items')
      .set({ status: 'done', done_note: note.trim() || null, done_at: now.toISOString(), done_by_user_id: actor.id })
      .where('id', '=', itemId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await audit(trx, { actorUserId: actor.id, action: 'action.done', entityType: 'action_item', entityId: itemId, after: { note } }, now);
    return true;
  });
}
