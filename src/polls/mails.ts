import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { translator } from '../i18n/index.js';
import { formatters } from '../lib/berlin-time.js';
import { enqueueMail } from '../mail/outbox.js';
import { greeting } from '../mail/signature.js';

// Mails go out in German (the recipient's UI language is not known).
const t = translator('de');
const fmt = formatters('de');

export interface PollMailContent {
  title: string;
  group: string;
  location: string | null;
  note: string | null;
  options: { starts_at: string; ends_at: string }[];
}

/** pollMailText: the request to answer a date poll, for one person and their link (before the signature). */
export function pollMailText(poll: PollMailContent, person: { name: string }, link: string): { subject: string; text: string } {
  const dates = poll.options.map((o) => `- ${t('meetings.when', { weekday: fmt.weekday(o.starts_at), date: fmt.date(o.starts_at), start: fmt.time(o.starts_at), end: fmt.time(o.ends_at) })}`).join('\n');
  return {
    subject: t('polls.mail.subject', { title: poll.title }),
    text: t('polls.mail.body', {
      greeting: greeting(t, person.name),
      group: poll.group,
      title: poll.title,
      place: poll.location ?? '–',
      note: poll.note ? `${poll.note}\n\n` : '',
      dates,
      link,
    }),
  };
}

/** pollMail writes the request to the outbox, in the caller's transaction. */
export async function pollMail(trx: Kysely<Database>, poll: PollMailContent, person: { name: string; email: string | null }, link: string, now: Date): Promise<void> {
  if (!person.email) return;
  await enqueueMail(trx, { to: person.email, ...pollMailText(poll, person, link) }, now);
}
