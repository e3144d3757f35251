import type { Kysely } from 'kysely';
import { deleteExpiredSessions } from './auth/sessions.js';
import { purgeExpiredAdviceRequests } from './advice/retention.js';
import { deleteStaleThrottles } from './auth/throttle.js';
import type { Database } from './db/schema.js';
import { sendDueConfirmations } from './directory/confirmation.js';
import { sendSubmissionDigest } from './directory/digest.js';
import { deleteExpiredInvitations } from './groups/invitations.js';
import { sendActionReminders } from './minutes/actions.js';
import { sendProjectDeadlineReminders } from './projects/reminders.js';
import { purgeExpiredParticipation, purgeExpiredPollAnswers, purgeOldMails } from './privacy/retention.js';

const HOUR = 60 * 60 * 1000;

export interface HousekeepingOptions {
  baseUrl: string;
  actionReminderDays: number;
  /** RETENTION_MONTHS: replies and attendance of older meetings are deleted, older sent or failed mails, and advice requests closed before. */
  retentionMonths: number;
}

/**
 * runHousekeeping removes expired sessions, expired group invitations and day-old throttle windows, mails the directory's due
 * yearly confirmation links, the staff's daily digest of new submissions and the action items' and project deadlines' due-date reminders, and deletes replies, attendance
 * and sent or failed mails past the retention period; safe on several instances (each step claims its rows or takes a lock).
 */
export async function runHousekeeping(db: Kysely<Database>, now: Date, opts: HousekeepingOptions): Promise<void> {
  const { baseUrl } = opts;
  await deleteExpiredSessions(db, now);
  await deleteExpiredInvitations(db, now);
  await deleteStaleThrottles(db, new Date(now.getTime() - 24 * HOUR));
  await sendDueConfirmations(db, now, baseUrl);
  await sendSubmissionDigest(db, now, baseUrl);
  await sendActionReminders(db, now, baseUrl, opts.actionReminderDays);
  await sendProjectDeadlineReminders(db, now, baseUrl);
  await purgeExpiredParticipation(db, now, opts.retentionMonths);
  await purgeOldMails(db, now, opts.retentionMonths);
  await purgeExpiredPollAnswers(db, now, opts.retentionMonths);
  // Closed advice requests (src/advice/retention.ts): deleted, their numbers kept.
  await purgeExpiredAdviceRequests(db, now, opts.retentionMonths);
}

/** startHousekeeping runs it at start and then hourly. */
export function startHousekeeping(db: Kysely<Database>, opts: HousekeepingOptions): { stop(): void } {
  const run = () => runHousekeeping(db, new Date(), opts).catch((err: Error) => console.error(`Aufräumen fehlgeschlagen: ${err.message}`));
  void run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
