import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database, OutboxMail } from '../db/schema.js';
import { ONE_TIME_LINK_PREFIXES } from '../auth/link-guard.js';
import { readSite, replyToOf } from '../http/site.js';
import type { MailAttachment } from './outbox.js';

/** Transport is what the sender needs of nodemailer; tests may pass their own. */
export interface Transport {
  sendMail(message: { from: string; to: string; subject: string; text: string; attachments?: MailAttachment[]; messageId?: string; replyTo?: string }): Promise<unknown>;
}

/**
 * smtpTransport: nodemailer over SMTP, with timeouts that end a hanging server's conversation well
 * within a mail's claim (nodemailer's own defaults wait up to ten minutes for a silent socket).
 */
export function smtpTransport(smtpUrl: string): Transport {
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
}

/** How the sender paces itself; the defaults are production's, tests and MAIL_* settings shorten them. */
export interface MailTiming {
  /** Wait before the first retry of a failed delivery; doubled with every further failure. */
  retryMs: number;
  /** How long a claim reserves a mail for one instance; renewed every third of it while the send runs. */
  claimMs: number;
}

export const DEFAULT_TIMING: MailTiming = { retryMs: 60_000, claimMs: 5 * 60 * 1000 };
export const MAX_ATTEMPTS = 8;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;

/** retryDelayMs: 1, 2, 4 … minutes (or `firstMs`, twice that …) after each failure, at most 6 hours. */
export function retryDelayMs(attempts: number, firstMs = DEFAULT_TIMING.retryMs): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * firstMs, MAX_RETRY_MS);
}

/**
 * claimNextMail takes one due mail for this instance. The conditional update means that of several
 * instances running the same statement only one gets the row (PostgreSQL re-checks the condition after
 * waiting for the row lock; SQLite runs writes one at a time). A claim of an instance that died runs out
 * after `claimMs`, and the mail is then due again. Returns undefined when nothing is due.
 */
export async function claimNextMail(db: Kysely<Database>, instanceId: string, now: Date, claimMs = DEFAULT_TIMING.claimMs): Promise<OutboxMail | undefined> {
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
    .set({ claimed_by: instanceId, claimed_until: new Date(now.getTime() + claimMs).toISOString() })
    .where('id', '=', candidate.id)
    .where('status', '=', 'pending')
    .where(free)
    .returningAll()
    .executeTakeFirst();
  // Another instance won this row; the caller simply asks again.
  return claimed ?? (await claimNextMail(db, instanceId, now, claimMs));
}

/**
 * messageIdOf: the Message-ID of an outbox mail, the same on every attempt. Should a crash between the
 * mail server's acceptance and our note of it make the hub send a mail again (see deliverMail), the
 * copy carries the same Message-ID, by which mail servers and programs can recognise the duplicate.
 */
export function messageIdOf(mail: Pick<OutboxMail, 'id' | 'created_at'>, from: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<outbox.${mail.id}.${Date.parse(mail.created_at).toString(36)}@${domain}>`;
}

// One-time links in a sent mail: after delivery the outbox keeps the mail, not the working link (an admin
// or a backup must not be able to answer or sign in for someone).
// Every kind of one-time link the link guard knows, so a new kind cannot be forgotten here.
const LINK_TOKEN = new RegExp(`(/(?:${ONE_TIME_LINK_PREFIXES.join('|')})/)[a-z2-7]{24}\\.[a-z2-7]{24}`, 'g');

/** redactLinks replaces the secret part of one-time links with a note. */
export function redactLinks(text: string): string {
  return text.replace(LINK_TOKEN, '$1[nach dem Versand entfernt]');
}

/**
 * deliverMail sends one claimed mail and records the outcome; never throws for a failed delivery (it
 * throws only when the database cannot record a failure, and then the claim runs out and the mail is
 * tried again: it has not gone out).
 *
 * Exactly once, as far as SMTP allows: the claim is renewed while the mail server takes its time, so no
 * other instance starts the same mail; a failure of the database after the server accepted the mail is
 * not taken for a failed delivery (that would send it again) but retried while the claim lasts. What no
 * sender can close is a crash (or a database gone for longer than the claim) between the server's
 * acceptance and the note "sent": the mail is then sent a second time when the claim runs out, with the
 * same Message-ID (messageIdOf).
 */
export async function deliverMail(
  db: Kysely<Database>,
  transport: Transport,
  from: string,
  mail: OutboxMail,
  now: () => Date,
  opts: { timing?: MailTiming; stopped?: () => boolean; replyTo?: string } = {},
): Promise<boolean> {
  const timing = opts.timing ?? DEFAULT_TIMING;
  const owner = mail.claimed_by ?? '';
  let claimedUntil = Date.parse(mail.claimed_until ?? now().toISOString());
  const renewal = setInterval(() => {
    const until = now().getTime() + timing.claimMs;
    void db
      .updateTable('outbox')
      .set({ claimed_until: new Date(until).toISOString() })
      .where('id', '=', mail.id)
      .where('status', '=', 'pending')
      .where('claimed_by', '=', owner)
      .executeTakeFirst()
      .then((r) => {
        if (Number(r.numUpdatedRows) === 1) claimedUntil = until;
      })
      // The database is away: the claim may run out; that is noticed when marking the mail sent.
      .catch(() => undefined);
  }, timing.claimMs / 3);
  try {
    await transport.sendMail({
      from,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.body_text,
      attachments: mail.attachments_json ? (JSON.parse(mail.attachments_json) as MailAttachment[]) : undefined,
      messageId: messageIdOf(mail, from),
      replyTo: mail.reply_to_address ?? opts.replyTo,
    });
  } catch (err) {
    clearInterval(renewal);
    const attempts = mail.attempts + 1;
    const failedForGood = attempts >= MAX_ATTEMPTS;
    await db
      .updateTable('outbox')
      .set({
        status: failedForGood ? 'failed' : 'pending',
        attempts,
        last_error: String((err as Error).message ?? err).slice(0, 1000),
        next_attempt_at: new Date(now().getTime() + retryDelayMs(attempts, timing.retryMs)).toISOString(),
        claimed_by: null,
        claimed_until: null,
      })
      .where('id', '=', mail.id)
      // Only while the mail is still ours and unsent: if our claim ran out during a slow send and
      // another instance has sent it meanwhile, our failure must not put it back in the queue.
      .where('status', '=', 'pending')
      .where('claimed_by', '=', owner)
      .execute();
    return false;
  }
  try {
    await markSent(db, mail, now, () => claimedUntil, opts.stopped);
  } finally {
    clearInterval(renewal);
  }
  return true;
}

/**
 * markSent notes a mail the server accepted. While the database is away it tries again every second,
 * for as long as this instance's claim lasts (after that another instance may send the mail again, and
 * the log says so).
 */
async function markSent(db: Kysely<Database>, mail: OutboxMail, now: () => Date, claimedUntil: () => number, stopped?: () => boolean): Promise<void> {
  for (;;) {
    try {
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: now().toISOString(), attempts: mail.attempts + 1, claimed_by: null, claimed_until: null, last_error: null, body_text: redactLinks(mail.body_text) })
        .where('id', '=', mail.id)
        .execute();
      return;
    } catch (err) {
      if (now().getTime() + 1000 >= claimedUntil() || stopped?.()) {
        console.error(`Postausgang: E-Mail ${mail.id} ist versendet, konnte aber nicht als versendet vermerkt werden (${(err as Error).message}); sie kann ein zweites Mal versendet werden.`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/**
 * replyToAddress: where answers to the hub's mails go: the setting reply_to, else the office (the setting
 * office_email; both edited at /admin/settings), else the sender's own address (MAIL_FROM), which is
 * often a no-reply box.
 */
export async function replyToAddress(db: Kysely<Database>, from: string): Promise<string> {
  return replyToOf(await readSite(db), from);
}

/** sendDueMails delivers every due mail once; returns how many were sent. */
export async function sendDueMails(
  db: Kysely<Database>,
  transport: Transport,
  from: string,
  instanceId: string,
  now: () => Date,
  timing: MailTiming = DEFAULT_TIMING,
  stopped: () => boolean = () => false,
): Promise<number> {
  let sent = 0;
  let replyTo: string | undefined;
  while (!stopped()) {
    const mail = await claimNextMail(db, instanceId, now(), timing.claimMs);
    if (!mail) return sent;
    // Read once a round, when there is something to send: a changed setting holds from the next round.
    replyTo ??= await replyToAddress(db, from);
    if (await deliverMail(db, transport, from, mail, now, { timing, stopped, replyTo })) sent += 1;
  }
  return sent;
}

export interface MailLoop {
  stop(): Promise<void>;
}

/**
 * startMailLoop polls the outbox every few seconds. Several instances may run it at once: each mail is
 * claimed by one of them. Errors of the loop itself (database away) are logged and the loop goes on.
 */
export function startMailLoop(opts: { db: Kysely<Database>; transport: Transport; from: string; intervalMs?: number; now?: () => Date; timing?: MailTiming }): MailLoop {
  const instanceId = randomUUID();
  const now = opts.now ?? (() => new Date());
  const timing = opts.timing ?? DEFAULT_TIMING;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = sendDueMails(opts.db, opts.transport, opts.from, instanceId, now, timing, () => stopped)
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
