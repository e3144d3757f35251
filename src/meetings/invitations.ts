import { sql, type Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { newToken, secretMatches, splitToken } from '../auth/secrets.js';
import type { SessionUser } from '../auth/sessions.js';
import { agendaLines, describeMeeting } from '../calendar/describe.js';
import { meetingsCalendar } from '../calendar/ics.js';
import { markMeetingChanged, markPersonChanged } from '../calendar/stamps.js';
import { lockKey } from '../db/dialect.js';
import type { Database, Day, RsvpAnswer } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import { belongsOnMeetingDay } from './meeting-day.js';
import { formatters, today } from '../lib/berlin-time.js';
import { translator } from '../i18n/index.js';
import { enqueueMail, type MailAttachment, type NewMail } from '../mail/outbox.js';
import { atLeast, type GroupAccess } from '../groups/access.js';
import { pdfAttachment } from '../pdf/document.js';
import { invitationPdf } from '../pdf/invitation.js';
import { cancelMeeting, earliestUnendedStart, findMeeting, LISTED_MEETING_COLUMNS, listAgenda, type ListedMeeting, type Meeting, type MeetingWithGroup } from './meetings.js';

// Mails go out in German (the recipient's UI language is not known).
const t = translator('de');
const fmt = formatters('de');

export interface InvitationContext {
  now: Date;
  baseUrl: string;
  districtName: string;
  /** The office as the ORGANIZER of the attached calendar entry (organizerOf in src/http/site.ts). */
  organizer: { name: string; email: string };
}

export const RSVP_ANSWERS: readonly RsvpAnswer[] = ['accepted', 'declined', 'tentative'];

export async function agendaText(db: Kysely<Database>, meetingId: number): Promise<string> {
  return agendaLines(t, await listAgenda(db, meetingId)).join('\n');
}

export function whenText(m: MeetingWithGroup): string {
  return t('meetings.when', { weekday: fmt.weekday(m.starts_at), date: fmt.date(m.starts_at), start: fmt.time(m.starts_at), end: fmt.time(m.ends_at) });
}

/** meetingIcs: the meeting as an .ics attachment (METHOD:PUBLISH, the same UID as the feeds). */
export async function meetingIcs(db: Kysely<Database>, m: MeetingWithGroup, ctx: InvitationContext) {
  const description = describeMeeting(t, { pageUrl: `${ctx.baseUrl}/meetings/${m.id}`, agenda: await listAgenda(db, m.id), onlineUrl: m.online_url, cancelReason: m.status === 'cancelled' ? m.cancel_reason : null });
  const content = meetingsCalendar([{ ...m, description, category: m.group_name }], {
    baseUrl: ctx.baseUrl,
    districtName: ctx.districtName,
    cancelledPrefix: t('calendar.cancelledPrefix'),
    organizer: ctx.organizer,
  });
  return { filename: 'sitzung.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content };
}

/** What the organiser chose on the send page (src/meetings/invitation-send.ts). */
export interface InvitationOptions {
  /** A personal note after the first paragraph; undefined keeps the one stored (members invited later get the same). */
  note?: string | null;
  /** The day replies are asked for by; undefined keeps the stored one. */
  replyBy?: Day | null;
  /** The meeting's documents to attach. */
  fileIds?: number[];
  /** The invitation as a PDF (on unless switched off). */
  attachPdf?: boolean;
}

/** replyLinks: a person's one-click reply links (each opens a page that asks to confirm; mail scanners open links). */
export function replyLinks(baseUrl: string, token: string): { accept: string; decline: string; tentative: string } {
  const link = (answer: RsvpAnswer) => `${baseUrl}/rsvp/${token}?answer=${answer}`;
  return { accept: link('accepted'), decline: link('declined'), tentative: link('tentative') };
}

/** invitationMail: the invitation as it leaves (before the signature), for one person and their reply link. */
export function invitationMail(m: MeetingWithGroup, person: { name: string; email: string }, agenda: string, token: string, ctx: Pick<InvitationContext, 'baseUrl'>): NewMail {
  return {
    to: person.email,
    subject: t('invitation.mail.subject', { title: m.title, date: fmt.date(m.starts_at) }),
    text: t('invitation.mail.body', {
      name: person.name,
      group: m.group_name,
      title: m.title,
      note: m.invitation_note ? `${m.invitation_note.trim()}\n\n` : '',
      when: whenText(m),
      place: [m.location, m.room].filter(Boolean).join(', ') || '–',
      online: m.online_url ? `${t('meetings.online')}: ${m.online_url}\n` : '',
      agenda: agenda || t('meetings.noAgenda'),
      replyBy: m.reply_by ? t('invitation.mail.replyBy', { date: fmt.date(`${m.reply_by}T12:00:00Z`) }) : '',
      ...replyLinks(ctx.baseUrl, token),
      link: `${ctx.baseUrl}/meetings/${m.id}`,
    }),
  };
}

/** invitationAttachments: the .ics, the invitation PDF (unless switched off) and the chosen documents of the meeting. */
async function invitationAttachments(trx: Kysely<Database>, meeting: MeetingWithGroup, ctx: InvitationContext, options: InvitationOptions): Promise<MailAttachment[]> {
  // The .ics is written from the meeting as the invitation leaves it, so that its DTSTAMP is the feeds'
  // for the same SEQUENCE (written before, it carried the previous change's stamp).
  const attachments: MailAttachment[] = [await meetingIcs(trx, meeting, ctx)];
  // The invitation as a document (src/pdf/): the members see the agenda, the online link and the note.
  if (options.attachPdf !== false) attachments.push(pdfAttachment('Einladung', meeting, await invitationPdf(trx, meeting, { details: true, baseUrl: ctx.baseUrl, now: ctx.now, note: meeting.invitation_note ?? undefined })));
  if (options.fileIds?.length) {
    const files = await trx.selectFrom('files').select(['name', 'content_type', 'data']).where('meeting_id', '=', meeting.id).where('id', 'in', options.fileIds).orderBy('id').execute();
    for (const f of files) attachments.push({ filename: f.name, contentType: f.content_type, content: Buffer.from(f.data).toString('base64'), encoding: 'base64' });
  }
  return attachments;
}

/**
 * inviteMembers invites every current member of the meeting's group who has an e-mail address and has
 * not been invited yet: one mail each with the agenda, one-click reply links and an .ics file, written
 * to the outbox in the same transaction as the invitation records. Returns how many were invited.
 */
export async function inviteMembers(db: Kysely<Database>, actor: SessionUser, meetingId: number, ctx: InvitationContext, options: InvitationOptions = {}): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Two clicks at once must not invite anybody twice.
    await lockKey(trx, `invite:${meetingId}`);
    const meeting = await findMeeting(trx, meetingId);
    if (!meeting || meeting.status === 'cancelled' || meeting.ends_at <= ctx.now.toISOString()) return 0;
    const people = await uninvitedMembers(trx, meeting, ctx.now).where('persons.email', 'is not', null).execute();
    if (people.length === 0) return 0;
    const agenda = await agendaText(trx, meetingId);
    const at = ctx.now.toISOString();
    await trx
      .updateTable('meetings')
      .set({
        status: meeting.status === 'planned' ? 'invited' : meeting.status,
        invitation_sent_at: at,
        notified_sequence: meeting.sequence,
        updated_at: at,
        ...(options.note !== undefined ? { invitation_note: options.note?.trim() || null } : {}),
        ...(options.replyBy !== undefined ? { reply_by: options.replyBy } : {}),
      })
      .where('id', '=', meetingId)
      .execute();
    await markMeetingChanged(trx, meetingId, ctx.now);
    const sent = (await findMeeting(trx, meetingId))!;
    const attachments = await invitationAttachments(trx, sent, ctx, options);
    for (const person of people) {
      const { id, token, secretHash } = newToken();
      await trx.insertInto('rsvps').values({ meeting_id: meetingId, person_id: person.id, invited_at: at, link_id: id, link_secret_hash: secretHash }).execute();
      await enqueueMail(trx, { ...invitationMail(sent, { name: person.name, email: person.email! }, agenda, token, ctx), attachments }, ctx.now);
    }
    await audit(trx, { actorUserId: actor.id, action: 'meeting.invite', entityType: 'meeting', entityId: meetingId, after: { invited: people.map((p) => p.id), files: options.fileIds ?? [], note: Boolean(sent.invitation_note), reply_by: sent.reply_by } }, ctx.now);
    return people.length;
  });
}

/**
 * uninvitedMembers: the group's current members not invited to the meeting yet (with or without an
 * address: the send page lists those it cannot reach), by name.
 */
export function uninvitedMembers(db: Kysely<Database>, meeting: Pick<Meeting, 'id' | 'group_id'>, now: Date) {
  const invited = db.selectFrom('rsvps').select('rsvps.person_id').where('rsvps.meeting_id', '=', meeting.id);
  return db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.person_id')
    .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['persons.id', 'persons.name', 'persons.email', 'persons.phone', 'organisations.name as organisation_name'])
    .where('memberships.group_id', '=', meeting.group_id)
    .where(currentOn(today(now)))
    .where('persons.id', 'not in', invited)
    .orderBy('persons.name_folded')
    .orderBy('persons.id');
}

/**
 * notifyInvited tells everyone still invited about a change of time or place, or the cancellation: one
 * mail each with the updated .ics (its higher SEQUENCE makes calendar apps replace the old event).
 * Given a transaction, it writes the mails in that one (a cancellation and its notices go together).
 */
export async function notifyInvited(db: Kysely<Database>, actor: SessionUser, meetingId: number, ctx: InvitationContext): Promise<number> {
  return inTransaction(db, async (trx) => {
    await lockKey(trx, `invite:${meetingId}`);
    const meeting = await findMeeting(trx, meetingId);
    // Only when something changed since the invited were last told (a second click sends nothing).
    if (!meeting || meeting.sequence <= meeting.notified_sequence) return 0;
    const people = await noticeRecipients(trx, meeting);
    const ics = await meetingIcs(trx, meeting, ctx);
    const cancelled = meeting.status === 'cancelled';
    for (const person of people) {
      const params = { name: person.name, title: meeting.title, date: fmt.date(meeting.starts_at), when: whenText(meeting), place: [meeting.location, meeting.room].filter(Boolean).join(', ') || '–', reason: meeting.cancel_reason ?? '', link: `${ctx.baseUrl}/meetings/${meeting.id}` };
      await enqueueMail(
        trx,
        {
          to: person.email!,
          subject: t(cancelled ? 'notify.cancelled.subject' : 'notify.changed.subject', params),
          text: t(cancelled ? 'notify.cancelled.body' : 'notify.changed.body', params),
          attachments: [ics],
        },
        ctx.now,
      );
    }
    await trx.updateTable('meetings').set({ notified_sequence: meeting.sequence }).where('id', '=', meetingId).execute();
    await audit(trx, { actorUserId: actor.id, action: 'meeting.notify', entityType: 'meeting', entityId: meetingId, after: { notified: people.length, cancelled } }, ctx.now);
    return people.length;
  });
}

/** inTransaction runs `work` in the caller's transaction when given one, else in a new one. */
function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * cancelWithNotice cancels a meeting and, when `notify` is set, writes the cancellation mails (with the
 * reason) to the outbox in the same transaction: either both happen or neither. Null when the meeting
 * was cancelled already; else how many were told.
 */
export async function cancelWithNotice(db: Kysely<Database>, actor: SessionUser, meetingId: number, reason: string, notify: boolean, ctx: InvitationContext): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await cancelMeeting(trx, actor, meetingId, reason, ctx.now))) return null;
    return notify ? notifyInvited(trx, actor, meetingId, ctx) : 0;
  });
}

/** noticeRecipients: who a change or cancellation notice goes to: those still invited who have an address. */
export function noticeRecipients(db: Kysely<Database>, meeting: Pick<Meeting, 'id' | 'group_id' | 'starts_at'>) {
  return db
    .selectFrom('rsvps')
    .innerJoin('persons', 'persons.id', 'rsvps.person_id')
    .select(['persons.id', 'persons.name', 'persons.email'])
    .where('rsvps.meeting_id', '=', meeting.id)
    .where('persons.email', 'is not', null)
    .where(invitationStands(db))
    .orderBy('persons.name_folded')
    .orderBy('persons.id')
    .execute();
}

/**
 * listNoticeRecipients: the names a change or cancellation notice of this meeting would go to, for
 * those who manage it (the meeting page says who will be told); empty for everyone else.
 */
export async function listNoticeRecipients(db: Kysely<Database>, access: GroupAccess, meeting: Pick<Meeting, 'id' | 'group_id' | 'starts_at'>): Promise<{ id: number; name: string }[]> {
  if (!atLeast(access, 'manager')) return [];
  return (await noticeRecipients(db, meeting)).map(({ id, name }) => ({ id, name }));
}

/**
 * invitationStands: the one rule for "still invited", as a condition on an `rsvps` row (of any meeting,
 * so that lists apply it in the same query). A withdrawn invitation has no row any more (anonymisation
 * deletes those ahead); besides, the person must belong to the meeting's group on the meeting's day
 * (Berlin time). Ending a membership removes no invitations (src/groups/memberships.ts only sets its last
 * day, which may lie ahead), so whatever acts on or offers an invitation checks this at the time: the
 * reply link, the reply on the meeting page, change notices, the dashboard's open invitations.
 */
export function invitationStands(db: Kysely<Database>) {
  return sql<boolean>`exists (select 1 from meetings as invited_to where invited_to.id = rsvps.meeting_id and ${belongsOnMeetingDay(db, sql.ref('rsvps.person_id'), 'invited_to')})`;
}

export interface ReplyRow {
  person_id: number;
  name: string;
  organisation_name: string | null;
  invited_at: string;
  answer: RsvpAnswer | null;
  comment: string | null;
  substitute: string | null;
  answered_at: string | null;
  reminded_at: string | null;
  /** For a substitute: the member they stand in for. */
  substitute_for_name: string | null;
}

/** listReplies: who was invited when, and what they answered (for those who manage the meeting). */
export function listReplies(db: Kysely<Database>, meetingId: number): Promise<ReplyRow[]> {
  return db
    .selectFrom('rsvps')
    .innerJoin('persons', 'persons.id', 'rsvps.person_id')
    .leftJoin('organisations', 'organisations.id', 'persons.organisation_id')
    .leftJoin('persons as stood_in_for', 'stood_in_for.id', 'rsvps.substitute_for_person_id')
    .select(['rsvps.person_id', 'persons.name', 'organisations.name as organisation_name', 'rsvps.invited_at', 'rsvps.answer', 'rsvps.comment', 'rsvps.substitute', 'rsvps.answered_at', 'rsvps.reminded_at', 'stood_in_for.name as substitute_for_name'])
    .where('rsvps.meeting_id', '=', meetingId)
    .orderBy('persons.name_folded')
    .execute();
}

/** findOwnReply: the viewer's invitation to a meeting, or undefined when they were not invited or are no longer. */
export function findOwnReply(db: Kysely<Database>, meeting: Pick<Meeting, 'id' | 'group_id' | 'starts_at'>, personId: number) {
  return db
    .selectFrom('rsvps')
    .select(['answer', 'comment', 'substitute', 'answered_at'])
    .where('meeting_id', '=', meeting.id)
    .where('person_id', '=', personId)
    .where(invitationStands(db))
    .executeTakeFirst();
}

export interface Reply {
  answer: RsvpAnswer;
  comment?: string;
  substitute?: string;
}

/**
 * recordReply stores an invited person's answer; they may change it until the meeting ends. False when
 * they were not invited or are no longer (invitationStands), or the meeting is over or cancelled.
 */
export async function recordReply(db: Kysely<Database>, meetingId: number, personId: number, reply: Reply, now: Date): Promise<boolean> {
  const open = db.selectFrom('meetings').select('meetings.id').where('meetings.id', '=', meetingId).where('meetings.ends_at', '>', now.toISOString()).where('meetings.status', '!=', 'cancelled');
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('rsvps')
      .set({ answer: reply.answer, comment: reply.comment?.trim() || null, substitute: reply.substitute?.trim() || null, answered_at: now.toISOString() })
      .where('meeting_id', '=', meetingId)
      .where('person_id', '=', personId)
      .where('meeting_id', 'in', open)
      .where(invitationStands(trx))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await markPersonChanged(trx, personId, now);
    return true;
  });
}

/**
 * checkReplyLink: the meeting and person a one-click reply link is for, while the meeting has not ended
 * and is not cancelled and the person is still invited (invitationStands); null for a tampered, unknown
 * or expired link, and for one whose person left the group: the routes answer all alike. Changes nothing.
 */
export async function checkReplyLink(db: Kysely<Database>, token: string | undefined, now: Date): Promise<{ meetingId: number; personId: number; name: string } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  // The invitation's link or the last reminder's (src/meetings/reminders.ts): both answer the same invitation.
  const row = await db
    .selectFrom('rsvps')
    .innerJoin('meetings', 'meetings.id', 'rsvps.meeting_id')
    .innerJoin('persons', 'persons.id', 'rsvps.person_id')
    .select(['rsvps.meeting_id', 'rsvps.person_id', 'rsvps.link_id', 'rsvps.link_secret_hash', 'rsvps.reminder_secret_hash', 'meetings.ends_at', 'meetings.status', 'persons.name'])
    .where((eb) => eb.or([eb('rsvps.link_id', '=', parts.id), eb('rsvps.reminder_link_id', '=', parts.id)]))
    .where(invitationStands(db))
    .executeTakeFirst();
  const hash = row && (row.link_id === parts.id ? row.link_secret_hash : row.reminder_secret_hash);
  if (!row || !hash || !secretMatches(parts.secret, hash)) return null;
  if (row.ends_at <= now.toISOString() || row.status === 'cancelled') return null;
  return { meetingId: row.meeting_id, personId: row.person_id, name: row.name };
}

/**
 * listOpenInvitations: upcoming meetings a person is still invited to (invitationStands) and has not
 * answered yet: no meeting of a group they have left, or will have left by its day. Unanswered
 * replies of past meetings pile up over the years; a partial index holds only the unanswered ones
 * (migration 0012).
 */
export function listOpenInvitations(db: Kysely<Database>, personId: number, now: Date): Promise<ListedMeeting[]> {
  return db
    .selectFrom('rsvps')
    .innerJoin('meetings', 'meetings.id', 'rsvps.meeting_id')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .select([...LISTED_MEETING_COLUMNS, 'groups.name as group_name'])
    .where('rsvps.person_id', '=', personId)
    .where('rsvps.answer', 'is', null)
    .where('meetings.status', '!=', 'cancelled')
    .where('meetings.starts_at', '>=', earliestUnendedStart(now))
    .where('meetings.ends_at', '>=', now.toISOString())
    .where(invitationStands(db))
    .orderBy('meetings.starts_at')
    .limit(20)
    .execute();
}
