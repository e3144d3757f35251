import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Site } from '../http/env.js';
import { officeEmail } from '../http/site.js';
import { translator } from '../i18n/index.js';
import { enqueueMail } from '../mail/outbox.js';
import { findTopic } from './contacts.js';
import type { MessageInput } from './schemas.js';

/**
 * What the hub keeps of a contact form message (data minimisation): nothing but the mail itself in the
 * outbox, like every mail: to the topic's mailbox (or the office's functional address), Reply-To the
 * sender, deleted with the other mails after RETENTION_MONTHS (src/privacy/retention.ts). No table of
 * messages, no audit entry, no copy to the sender (that would let anyone send mails to any address).
 *
 * The mail is in German whatever the page's language: the office reads it.
 */
export async function sendContactMessage(db: Kysely<Database>, site: Site, mailFrom: string, input: MessageInput, now: Date): Promise<'sent' | 'unknown-topic'> {
  const t = translator('de');
  return db.transaction().execute(async (trx) => {
    const topic = await findTopic(trx, input.topic);
    if (!topic) return 'unknown-topic';
    await enqueueMail(
      trx,
      {
        to: topic.email || officeEmail(site, mailFrom),
        replyTo: input.email,
        subject: t('contact.mail.subject', { topic: topic.title, name: input.name }),
        text: t('contact.mail.body', { topic: topic.title, name: input.name, email: input.email, message: input.message }),
      },
      now,
    );
    return 'sent';
  });
}
