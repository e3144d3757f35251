import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import { lockKey } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { translator } from '../i18n/index.js';
import { formatters } from '../lib/berlin-time.js';
import { enqueueMail } from '../mail/outbox.js';
import { greeting } from '../mail/signature.js';
import type { DocumentRow } from './documents.js';
import { noticeRecipients, type InvitationContext } from './invitations.js';
import { findMeeting, type Meeting } from './meetings.js';

const t = translator('de');
const fmt = formatters('de');

/**
 * documentsSinceNotice: a meeting's documents the invited have not been told about: those added after
 * the invitation went out (or after the last notice about documents). Empty before the invitation:
 * the invitation itself points to the meeting's page and its documents.
 */
export function documentsSinceNotice(meeting: Pick<Meeting, 'invitation_sent_at' | 'documents_notified_at'>, documents: DocumentRow[]): DocumentRow[] {
  const since = meeting.documents_notified_at ?? meeting.invitation_sent_at;
  return since ? documents.filter((d) => d.created_at > since) : [];
}

/**
 * notifyNewDocuments: "tell the members": one mail to each still invited with an address, naming the
 * new files and linking the meeting's page where they are. Null when the meeting has begun or is
 * cancelled; else how many were told (0: no new documents, or nobody to tell).
 */
export async function notifyNewDocuments(db: Kysely<Database>, actor: SessionUser, meetingId: number, ctx: InvitationContext): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `invite:${meetingId}`);
    const meeting = await findMeeting(trx, meetingId);
    if (!meeting || meeting.status === 'cancelled' || meeting.starts_at <= ctx.now.toISOString()) return null;
    const documents = await trx.selectFrom('files').select(['id', 'name', 'size', 'content_type', 'agenda_item_id', 'created_at']).where('meeting_id', '=', meetingId).orderBy('id').execute();
    const fresh = documentsSinceNotice(meeting, documents);
    if (fresh.length === 0) return 0;
    const people = await noticeRecipients(trx, meeting);
    for (const person of people) {
      const params = { greeting: greeting(t, person.name), title: meeting.title, group: meeting.group_name, date: fmt.date(meeting.starts_at), files: fresh.map((d) => `- ${d.name}`).join('\n'), link: `${ctx.baseUrl}/meetings/${meeting.id}#documents` };
      await enqueueMail(trx, { to: person.email!, subject: t('documents.notice.subject', params), text: t('documents.notice.body', params) }, ctx.now);
    }
    await trx.updateTable('meetings').set({ documents_notified_at: ctx.now.toISOString() }).where('id', '=', meetingId).execute();
    await audit(trx, { actorUserId: actor.id, action: 'meeting.documents_notice', entityType: 'meeting', entityId: meetingId, after: { files: fresh.map((d) => d.id), told: people.length } }, ctx.now);
    return people.length;
  });
}
