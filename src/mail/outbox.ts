import type { Kysely } from 'kysely';
import type { Database, OutboxMail } from '../db/schema.js';
import { signedText } from './signature.js';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text, or with encoding 'base64' the bytes of a binary file (a PDF). */
  content: string;
  encoding?: 'base64';
}

export interface NewMail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  /** Where answers go, for this mail only (a contact form message: its sender); default: the office. */
  replyTo?: string;
}

/**
 * enqueueMail writes a mail to the outbox, signed with the office's signature (./signature.ts: the one
 * sign-off of every mail, so mail texts end without one). Call it inside the transaction of the change
 * that causes the mail: then a mail exists exactly when its change was stored, and the sender loop
 * delivers it later.
 */
export async function enqueueMail(trx: Kysely<Database>, mail: NewMail, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await trx
    .insertInto('outbox')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      body_text: await signedText(trx, mail.text),
      attachments_json: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
      reply_to_address: mail.replyTo ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** listOutbox returns one page of mails, newest first, and whether there is a next page. */
export async function listOutbox(db: Kysely<Database>, page: number, pageSize: number): Promise<{ rows: OutboxMail[]; hasNext: boolean }> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/** findOutboxMail returns one mail, or undefined when there is none with that id. */
export function findOutboxMail(db: Kysely<Database>, id: number): Promise<OutboxMail | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
