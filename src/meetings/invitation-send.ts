import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Day } from '../db/schema.js';
import { instantToBerlin, today } from '../lib/berlin-time.js';
import { isDay } from '../lib/days.js';
import { signedText } from '../mail/signature.js';
import { agendaText, invitationMail, uninvitedMembers, type InvitationContext } from './invitations.js';
import type { MeetingWithGroup } from './meetings.js';
import { translator } from '../i18n/index.js';

/**
 * The send page of an invitation (/meetings/:id/invite): the organiser adds a personal note, a reply
 * deadline and the documents to attach, sees the mail exactly as it leaves (with the office's
 * signature) and, before sending, how many get it and who cannot be reached by mail (to print or call).
 */

/** Attachments beyond this size make mails that many mailboxes refuse; the page says so. */
export const MAX_ATTACHMENTS_BYTES = 10 * 1024 * 1024;

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
  .refine((v) => v.length <= 50 && v.every((x) => /^[1-9][0-9]{0,8}$/.test(x)), 'field.choose')
  .transform((v) => v.map(Number));

export const sendSchema = z.object({
  note: z
    .string()
    .trim()
    .max(2000, 'field.tooLong')
    .optional()
    .transform((v) => v ?? ''),
  reply_by: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? '')
    .refine((v) => v === '' || isDay(v), 'field.date'),
  files: ids,
  attach_pdf: z.literal('on').optional(),
});
export type SendForm = z.infer<typeof sendSchema>;

/**
 * checkSendForm: the rules that need the meeting: the deadline lies between today and the meeting's day,
 * the documents are the meeting's and not too big together. Returns field errors (empty when fine).
 */
export async function checkSendForm(db: Kysely<Database>, meeting: MeetingWithGroup, form: SendForm, now: Date): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (form.reply_by && (form.reply_by < today(now) || form.reply_by > instantToBerlin(meeting.starts_at).day)) errors.reply_by = 'sendInvite.replyByRange';
  if (form.files.length) {
    const files = await db.selectFrom('files').select(['id', 'size']).where('meeting_id', '=', meeting.id).where('id', 'in', form.files).execute();
    if (files.length !== new Set(form.files).size) errors.files = 'field.choose';
    else if (files.reduce((sum, f) => sum + f.size, 0) > MAX_ATTACHMENTS_BYTES) errors.files = 'sendInvite.tooBig';
  }
  return errors;
}

export interface SendPlan {
  /** Who gets the invitation now: current members not invited yet, with an address. */
  recipients: { id: number; name: string }[];
  /** Who it cannot reach: current members not invited yet without an address (to print or call). */
  unreachable: { id: number; name: string; phone: string | null; organisation_name: string | null }[];
  documents: { id: number; name: string; size: number }[];
}

export async function sendPlan(db: Kysely<Database>, meeting: MeetingWithGroup, now: Date): Promise<SendPlan> {
  const [members, documents] = await Promise.all([
    uninvitedMembers(db, meeting, now).execute(),
    db.selectFrom('files').select(['id', 'name', 'size']).where('meeting_id', '=', meeting.id).orderBy('id').execute(),
  ]);
  return {
    recipients: members.filter((m) => m.email).map((m) => ({ id: m.id, name: m.name })),
    unreachable: members.filter((m) => !m.email).map((m) => ({ id: m.id, name: m.name, phone: m.phone, organisation_name: m.organisation_name })),
    documents,
  };
}

/**
 * previewMail: the invitation as the first recipient gets it, signed as it leaves; only the reply
 * links differ per person (shown with a placeholder), and the note and deadline are those of the form.
 */
export async function previewMail(db: Kysely<Database>, meeting: MeetingWithGroup, form: SendForm, recipient: string, ctx: Pick<InvitationContext, 'baseUrl'>): Promise<{ subject: string; text: string }> {
  const agenda = await agendaText(db, meeting.id);
  const shown = { ...meeting, invitation_note: form.note || null, reply_by: (form.reply_by || null) as Day | null };
  const mail = invitationMail(shown, { name: recipient, email: '' }, agenda, translator('de')('sendInvite.personalLink'), ctx);
  return { subject: mail.subject, text: await signedText(db, mail.text) };
}
