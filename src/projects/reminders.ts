import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { translator } from '../i18n/index.js';
import { addDays, formatters, today } from '../lib/berlin-time.js';
import { enqueueMail } from '../mail/outbox.js';
import { readNumberSetting } from '../settings/settings.js';

/**
 * sendProjectDeadlineReminders mails the responsible person of every open deadline due within the
 * admin's setting (project_reminder_days, default 14) a reminder, once per deadline: each is claimed by
 * a conditional update of reminded_at, in the same transaction as its mail, so that two instances
 * running at once send it once (as sendActionReminders in src/minutes/actions.ts). A deadline that is
 * moved gets reminded_at cleared (src/projects/deadlines.ts) and is reminded again before its new day.
 * Deadlines of archived projects, done or removed ones, and people without an active account or an
 * address get none. Returns how many were sent.
 */
export async function sendProjectDeadlineReminders(db: Kysely<Database>, now: Date, baseUrl: string): Promise<number> {
  const t = translator('de');
  const fmt = formatters('de');
  const day = today(now);
  const days = await readNumberSetting(db, 'projectReminderDays');
  const due = await db
    .selectFrom('project_deadlines')
    .innerJoin('projects', 'projects.id', 'project_deadlines.project_id')
    .innerJoin('users', 'users.id', 'projects.responsible_user_id')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['project_deadlines.id', 'project_deadlines.kind', 'project_deadlines.title', 'project_deadlines.due_on', 'projects.id as project_id', 'projects.name as project', 'persons.name', 'persons.email'])
    .where('project_deadlines.done_at', 'is', null)
    .where('project_deadlines.cancelled_at', 'is', null)
    .where('project_deadlines.reminded_at', 'is', null)
    .where('project_deadlines.due_on', '>=', day)
    .where('project_deadlines.due_on', '<=', addDays(day, days))
    .where('projects.archived_at', 'is', null)
    .where('users.active', '=', 1)
    .where('persons.email', 'is not', null)
    .orderBy('project_deadlines.due_on')
    .limit(500)
    .execute();
  let sent = 0;
  for (const d of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable('project_deadlines').set({ reminded_at: now.toISOString() }).where('id', '=', d.id).where('reminded_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      const params = { name: d.name, title: d.title, kind: t(`projects.deadlineKind.${d.kind}`), project: d.project, date: fmt.date(`${d.due_on}T12:00:00Z`), link: `${baseUrl}/projects/${d.project_id}#deadlines` };
      await enqueueMail(trx, { to: d.email!, subject: t('projects.reminder.subject', params), text: t('projects.reminder.body', params) }, now);
      sent += 1;
    });
  }
  return sent;
}
