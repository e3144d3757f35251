import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { newToken } from '../auth/secrets.js';
import type { SessionUser } from '../auth/sessions.js';
import { lockKey } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { translator } from '../i18n/index.js';
import { formatters } from '../lib/berlin-time.js';
import { greeting } from '../mail/signature.js';
import { enqueueMail } from '../mail/outbox.js';
import { invitationStands, meetingIcs, replyLinks, whenText, type InvitationContext } from './invitations.js';
import { findMeeting } from './meetings.js';

// Mails go out in German (the recipient's UI language is not known).
const t = translator('de');
const fmt = formatters('de');

/**
 * remindUnanswered: "remind those who have not answered": one mail each to everyone still invited who
 * has an address and has not answered, with one-click reply links of their own (a second link of the
 * same invitation: the first one's secret is only kept as a hash) and the .ics again. The reply list
 * shows when each was reminded. Null once the meeting has begun or when it is cancelled; else how many were reminded.
 */
export async function remindUnanswered(db: Kysely<Database>, actor: SessionUser, meetingId: number, ctx: InvitationContext): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    // Two clicks at once must not remind anybody twice.
    await lockKey(trx, `invite:${meetingId}`);
    const meeting = await findMeeting(trx, meetingId);
    if (!meeting || meeting.status === 'cancelled' || meeting.starts_at <= ctx.now.toISOString()) return null;
    const people = await trx
      .selectFrom('rsvps')
      .innerJoin('persons', 'persons.id', 'rsvps.person_id')
      .select(['persons.id', 'persons.name', 'persons.email'])
      .where('rsvps.meeting_id', '=', meetingId)
      .where('rsvps.answer', 'is', null)
      .where('persons.email', 'is not', null)
      .where(invitationStands(trx))
      .orderBy('persons.id')
      .execute();
    if (people.length === 0) return 0;
    const ics = await meetingIcs(trx, meeting, ctx);
    const at = ctx.now.toISOString();
    for (const person of people) {
      const { id, token, secretHash } = newToken();
      await trx.updateTable('rsvps').set({ reminded_at: at, reminder_link_id: id, reminder_secret_hash: secretHash }).where('meeting_id', '=', meetingId).where('person_id', '=', person.id).execute();
      const params = {
        greeting: greeting(t, person.name),
        title: meeting.title,
        group: meeting.group_name,
        date: fmt.date(meeting.starts_at),
        when: whenText(meeting),
        place: [meeting.location, meeting.room].filter(Boolean).join(', ') || '–',
        ...replyLinks(ctx.baseUrl, token),
        link: `${ctx.baseUrl}/meetings/${meeting.id}`,
        replyBy: meeting.reply_by ? t('invitation.mail.replyBy', { date: fmt.date(`${meeting.reply_by}T12:00:00Z`) }) : '',
      };
      await enqueueMail(trx, { to: person.email!, subject: t('reminder.mail.subject', params), text: t('reminder.mail.body', params), attachments: [ics] }, ctx.now);
    }
    await audit(trx, { actorUserId: actor.id, action: 'meeting.remind', entityType: 'meeting', entityId: meetingId, after: { reminded: people.map((p) => p.id) } }, ctx.now);
    return people.length;
  });
}
