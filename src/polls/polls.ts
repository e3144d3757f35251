import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { newToken, secretMatches, splitToken } from '../auth/secrets.js';
import type { SessionUser } from '../auth/sessions.js';
import { lockKey } from '../db/dialect.js';
import type { Database, PollAnswer } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import { today } from '../lib/berlin-time.js';
import { createMeeting } from '../meetings/meetings.js';
import { pollMail } from './mails.js';

export const POLL_ANSWERS: readonly PollAnswer[] = ['yes', 'maybe', 'no'];
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;

export interface PollInput {
  title: string;
  location?: string;
  note?: string;
  options: { starts_at: string; ends_at: string }[];
}

export interface PollContext {
  now: Date;
  baseUrl: string;
}

const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** The group's current members (on the day), by name: the people a poll asks and its table shows. */
export function currentMembers(db: Kysely<Database>, groupId: number, now: Date) {
  return db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.person_id')
    .select(['persons.id', 'persons.name', 'persons.email'])
    .where('memberships.group_id', '=', groupId)
    .where(currentOn(today(now)))
    .orderBy('persons.name_folded')
    .orderBy('persons.id')
    .execute();
}

/** isCurrentMember: whether a person belongs to the group today. */
export async function isCurrentMember(db: Kysely<Database>, groupId: number, personId: number, now: Date): Promise<boolean> {
  const row = await db.selectFrom('memberships').select('person_id').where('group_id', '=', groupId).where('person_id', '=', personId).where(currentOn(today(now))).executeTakeFirst();
  return Boolean(row);
}

/**
 * createPoll stores the poll and its dates and asks every current member with an e-mail address: one
 * mail each with their personal link, written to the outbox in the same transaction. Returns the id.
 */
export async function createPoll(db: Kysely<Database>, actor: SessionUser, group: { id: number; name: string }, input: PollInput, ctx: PollContext): Promise<number> {
  const at = ctx.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const poll = await trx
      .insertInto('polls')
      .values({ group_id: group.id, title: input.title.trim(), location: clean(input.location), note: clean(input.note), status: 'open', created_by_user_id: actor.id, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const options = [...input.options].sort((a, b) => (a.starts_at < b.starts_at ? -1 : a.starts_at > b.starts_at ? 1 : 0));
    await trx.insertInto('poll_options').values(options.map((o) => ({ poll_id: poll.id, starts_at: o.starts_at, ends_at: o.ends_at }))).execute();
    const people = (await currentMembers(trx, group.id, ctx.now)).filter((p) => p.email);
    for (const person of people) {
      const { id, token, secretHash } = newToken();
      await trx.insertInto('poll_invitees').values({ poll_id: poll.id, person_id: person.id, link_id: id, link_secret_hash: secretHash, invited_at: at }).execute();
      await pollMail(trx, { title: input.title.trim(), group: group.name, location: clean(input.location), note: clean(input.note), options }, person, `${ctx.baseUrl}/poll/${token}`, ctx.now);
    }
    await audit(trx, { actorUserId: actor.id, action: 'poll.create', entityType: 'group', entityId: group.id, after: { poll: poll.id, title: input.title.trim(), dates: options.length, asked: people.length } }, ctx.now);
    return poll.id;
  });
}

/** findPoll: a poll with its group's slug and name; undefined when there is none. Callers check access. */
export function findPoll(db: Kysely<Database>, id: number) {
  return db.selectFrom('polls').innerJoin('groups', 'groups.id', 'polls.group_id').selectAll('polls').select(['groups.slug as group_slug', 'groups.name as group_name']).where('polls.id', '=', id).executeTakeFirst();
}

export type PollWithGroup = NonNullable<Awaited<ReturnType<typeof findPoll>>>;

export function listOptions(db: Kysely<Database>, pollId: number) {
  return db.selectFrom('poll_options').select(['id', 'starts_at', 'ends_at']).where('poll_id', '=', pollId).orderBy('starts_at').orderBy('id').execute();
}

export type PollOption = Awaited<ReturnType<typeof listOptions>>[number];

export function listAnswers(db: Kysely<Database>, pollId: number) {
  return db.selectFrom('poll_answers').select(['option_id', 'person_id', 'answer', 'answered_at']).where('poll_id', '=', pollId).execute();
}

export type PollAnswerRow = Awaited<ReturnType<typeof listAnswers>>[number];

/** listGroupPolls: a group's polls, open ones first, newest first. */
export function listGroupPolls(db: Kysely<Database>, groupId: number) {
  return db.selectFrom('polls').select(['id', 'title', 'status', 'created_at', 'fixed_meeting_id']).where('group_id', '=', groupId).orderBy('status', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(20).execute();
}

/**
 * recordAnswers stores a person's answer for each date of an open poll (a date left out keeps no
 * answer). False when the poll is not open or the person is no current member of its group.
 */
export async function recordAnswers(db: Kysely<Database>, pollId: number, personId: number, answers: Map<number, PollAnswer>, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const poll = await trx.selectFrom('polls').select(['id', 'group_id', 'status']).where('id', '=', pollId).executeTakeFirst();
    if (!poll || poll.status !== 'open' || !(await isCurrentMember(trx, poll.group_id, personId, now))) return false;
    const optionIds = (await listOptions(trx, pollId)).map((o) => o.id);
    await trx.deleteFrom('poll_answers').where('poll_id', '=', pollId).where('person_id', '=', personId).execute();
    const rows = optionIds.filter((id) => answers.has(id)).map((id) => ({ poll_id: pollId, option_id: id, person_id: personId, answer: answers.get(id)!, answered_at: now.toISOString() }));
    if (rows.length) await trx.insertInto('poll_answers').values(rows).execute();
    return true;
  });
}

/**
 * checkPollLink: the poll and person a one-click poll link is for, while the poll is open and the person
 * still belongs to the group; null for a tampered, unknown or expired link (the routes answer all alike).
 * Changes nothing: opening the link (mail scanners do) records no answer.
 */
export async function checkPollLink(db: Kysely<Database>, token: string | undefined, now: Date): Promise<{ pollId: number; personId: number; name: string } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const row = await db
    .selectFrom('poll_invitees')
    .innerJoin('polls', 'polls.id', 'poll_invitees.poll_id')
    .innerJoin('persons', 'persons.id', 'poll_invitees.person_id')
    .select(['poll_invitees.poll_id', 'poll_invitees.person_id', 'poll_invitees.link_secret_hash', 'polls.status', 'polls.group_id', 'persons.name'])
    .where('poll_invitees.link_id', '=', parts.id)
    .executeTakeFirst();
  if (!row || !secretMatches(parts.secret, row.link_secret_hash) || row.status !== 'open') return null;
  if (!(await isCurrentMember(db, row.group_id, row.person_id, now))) return null;
  return { pollId: row.poll_id, personId: row.person_id, name: row.name };
}

export type FixResult = { meetingId: number } | 'not_open' | 'no_option';

/**
 * fixPoll makes one of an open poll's dates the group's meeting (planned, with the default agenda) and
 * marks the poll fixed, in one transaction: two clicks at once make one meeting.
 */
export async function fixPoll(db: Kysely<Database>, actor: SessionUser, pollId: number, optionId: number, now: Date): Promise<FixResult> {
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `poll:${pollId}`);
    const poll = await trx.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst();
    if (!poll || poll.status !== 'open') return 'not_open';
    const option = await trx.selectFrom('poll_options').select(['starts_at', 'ends_at']).where('id', '=', optionId).where('poll_id', '=', pollId).executeTakeFirst();
    if (!option) return 'no_option';
    const meetingId = await createMeeting(trx, actor, poll.group_id, { title: poll.title, starts_at: option.starts_at, ends_at: option.ends_at, location: poll.location ?? undefined }, true, now);
    await trx.updateTable('polls').set({ status: 'fixed', fixed_meeting_id: meetingId, closed_at: now.toISOString() }).where('id', '=', pollId).execute();
    await audit(trx, { actorUserId: actor.id, action: 'poll.fix', entityType: 'group', entityId: poll.group_id, after: { poll: pollId, title: poll.title, meeting: meetingId, starts_at: option.starts_at } }, now);
    return { meetingId };
  });
}

/** closePoll ends an open poll without a date (answers stay until retention). False when it was not open. */
export async function closePoll(db: Kysely<Database>, actor: SessionUser, pollId: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const poll = await trx.selectFrom('polls').select(['group_id', 'title']).where('id', '=', pollId).where('status', '=', 'open').executeTakeFirst();
    if (!poll) return false;
    await trx.updateTable('polls').set({ status: 'closed', closed_at: now.toISOString() }).where('id', '=', pollId).where('status', '=', 'open').execute();
    await audit(trx, { actorUserId: actor.id, action: 'poll.close', entityType: 'group', entityId: poll.group_id, after: { poll: pollId, title: poll.title } }, now);
    return true;
  });
}


/**
 * listOpenPollsOfPerson: the open polls of the groups the person belongs to today, oldest first, each
 * with whether the person has answered (the dashboard lists them; src/home/routes.tsx).
 */
export async function listOpenPollsOfPerson(db: Kysely<Database>, personId: number, now: Date): Promise<{ id: number; title: string; group_name: string; answered: boolean }[]> {
  const rows = await db
    .selectFrom('polls')
    .innerJoin('groups', 'groups.id', 'polls.group_id')
    .where('polls.status', '=', 'open')
    .where((eb) => eb.exists(eb.selectFrom('memberships').select('memberships.id').whereRef('memberships.group_id', '=', 'polls.group_id').where('memberships.person_id', '=', personId).where(currentOn(today(now)))))
    .select((eb) => [
      'polls.id',
      'polls.title',
      'groups.name as group_name',
      eb.exists(eb.selectFrom('poll_answers').select('poll_answers.poll_id').whereRef('poll_answers.poll_id', '=', 'polls.id').where('poll_answers.person_id', '=', personId)).as('answered'),
    ])
    .orderBy('polls.created_at')
    .orderBy('polls.id')
    .limit(20)
    .execute();
  return rows.map((r) => ({ ...r, answered: Boolean(r.answered) }));
}
