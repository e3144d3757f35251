import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database, OutboxMail } from '../db/schema.js';
import type { MailAttachment } from './outbox.js';

/** Transport is what the sender needs of nodemailer; tests may pass their own. */
export interface Transport {
  sendMail(message: { from: string; to: string; subject: string; text: string; attachments?: MailAttachment[] }): Promise<unknown>;
}

export function smtpTransport(smtpUrl: string): Transport {
  return nodemailer.createTransport(smtpUrl);
}

/** A claim lasts long enough for one delivery; an instance that dies mid-send frees the mail after it. */
const CLAIM_MS = 5 * 60 * 1000;
export const MAX_ATTEMPTS = 8;

/** retryDelayMs: 1, 2, 4 … minutes after each failure, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * 60_000, 6 * 60 * 60 * 1000);
}

/**
 * claimNextMail takes one due mail for this instance. The conditional update means that of several
 * instances running the same statement only one gets the row (PostgreSQL re-checks the condition after
 * waiting for the row lock; SQLite runs writes one at a time). Returns undefined when nothing is due.
 */
export async function claimNextMail(db: Kysely<Database>, instanceId: string, now: Date): Promise<OutboxMail | undefined> {
  const at = now.toISOString();
  const free = (eb: ExpressionBuilder<Database, 'outbox'>) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]);
  const candidate = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where(free)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!candidate) return undefined;
  const claimed = await db
    .updateTable('outbox')
    .set({ claimed_by: instanceId, claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
    .where('id', '=', candidate.id)
    .where('status', '=', 'pending')
    .where(free)
    .returningAll()
    .executeTakeFirst();
  // Another instance won this row; the caller simply asks again.
  return claimed ?? (await claimNextMail(db, instanceId, now));
}

// One-time links in a sent mail: after delivery the outbox keeps the mail, not the working link (an admin
// or a backup must not be able to answer or sign in for someone).
const LINK_TOKEN = /(\/(?:rsvp|invite|password\/reset|directory\/confirm)\/)[a-z2-7]{24}\.[a-z2-7]{24}/g;

/** redactLinks replaces the secret part of one-time links with a note. */
export function redactLinks(text: string): string {
  return text.replace(LINK_TOKEN, '$1[nach dem Versand entfernt]');
}

/** deliverMail sends one claimed mail and records the outcome; never throws for a failed delivery. */
export async function deliverMail(db: Kysely<Database>, transport: Transport, from: string, mail: OutboxMail, now: () => Date): Promise<boolean> {
  try {
    await transport.sendMail({
      from,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.body_text,
      attachments: mail.attachments_json ? (JSON.parse(mail.attachments_json) as MailAttachment[]) : undefined,
    });
    await db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: now().toISOString(), attempts: mail.attempts + 1, claimed_by: null, claimed_until: null, last_error: null, body_text: redactLinks(mail.body_text) })
      .where('id', '=', mail.id)
      .execute();
    return true;
  } catch (err) {
    const attempts = mail.attempts + 1;
    const failedForGood = attempts >= MAX_ATTEMPTS;
    await db
      .updateTable('outbox')
      .set({
        status: failedForGood ? 'failed' : 'pending',
        attempts,
        last_error: String((err as Error).message ?? err).slice(0, 1000),
        next_attempt_at: new Date(now().getTime() + retryDelayMs(attempts)).toISOString(),
        claimed_by: null,
        claimed_until: null,
      })
      .where('id', '=', mail.id)
      .execute();
    return false;
  }
}

/** sendDueMails delivers every due mail once; returns how many were sent. */
export async function sendDueMails(db: Kysely<Database>, transport: Transport, from: string, instanceId: string, now: () => Date): Promise<number> {
  let sent = 0;
  for (;;) {
    const mail = await claimNextMail(db, instanceId, now());
    if (!mail) return sent;
    if (await deliverMail(db, transport, from, mail, now)) sent += 1;
  }
}

export interface MailLoop {
  stop(): Promise<void>;
}

/**
 * startMailLoop polls the outbox every few seconds. Several instances may run it at once: each mail is
 * claimed by one of them. Errors of the loop itself (database away) are logged and the loop goes on.
 */
export function startMailLoop(opts: { db: Kysely<Database>; transport: Transport; from: string; intervalMs?: number; now?: () => Date }): MailLoop {
  const instanceId = randomUUID();
  const now = opts.now ?? (() => new Date());
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = sendDueMails(opts.db, opts.transport, opts.from, instanceId, now)
      .then(() => undefined)
      .catch((err: Error) => console.error(`Postausgang: ${err.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 5000);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
