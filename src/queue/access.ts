import type { Kysely } from 'kysely';
import { can, isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day } from '../db/schema.js';
import { MANAGING_ROLES } from '../groups/access.js';
import { currentOn } from '../groups/groups.js';
import { mayHandleAdvice } from '../advice/access.js';
import { mayEditProgrammes } from '../programmes/access.js';
import { mayEditProjects } from '../projects/access.js';

/**
 * What the dashboard's work queue shows whom, decided here and nowhere else:
 * - the groups' work (invitations, replies, minutes, overdue action items) for the groups the viewer
 *   manages today (chair or organiser), and for the staff of every group that is not archived;
 * - directory submissions, proposed changes and entries overdue for their yearly confirmation for
 *   those who review the directory (permission directory.review);
 * - mails that failed to send for those who read the outbox (permission admin.outbox: admins);
 * - funding programmes whose details are overdue for a check, for those who edit them (the staff);
 * - advice requests nobody has taken yet and those assigned to the viewer, for those who handle them
 *   (src/advice/access.ts: the staff); requests a colleague has are the colleague's.
 * - the office's project deadlines that are overdue (not done), for those who edit projects (the staff).
 * What a member sees of their own (open invitations and action items, minutes out for comment, minutes
 * approved lately) follows the membership: the groups they belong to today, as the minutes pages do.
 */
export interface QueueScope {
  /** The groups whose work the viewer sees; empty: none. */
  managedGroupIds: number[];
  reviewsDirectory: boolean;
  readsOutbox: boolean;
  /** The groups the viewer reads the minutes of (members today; the staff: all). */
  memberGroupIds: number[];
  /** Funding programmes overdue for their check (src/programmes/access.ts: the staff). */
  checksProgrammes: boolean;
  /** The account whose advice requests (and the unassigned ones) are listed; null: none. */
  adviceFor: number | null;
  /** Overdue project deadlines (src/projects/access.ts: the staff). */
  followsProjects: boolean;
}

export async function queueScope(db: Kysely<Database>, user: SessionUser, day: Day): Promise<QueueScope> {
  const staff = isStaff(user);
  const [all, mine] = await Promise.all([
    staff ? db.selectFrom('groups').select('id').where('archived_at', 'is', null).execute() : Promise.resolve([]),
    db.selectFrom('memberships').select(['group_id', 'role']).where('person_id', '=', user.personId).where(currentOn(day)).execute(),
  ]);
  const managed = staff ? all.map((g) => g.id) : mine.filter((m) => MANAGING_ROLES.includes(m.role)).map((m) => m.group_id);
  return {
    managedGroupIds: managed,
    reviewsDirectory: can(user, 'directory.review'),
    readsOutbox: can(user, 'admin.outbox'),
    memberGroupIds: staff ? all.map((g) => g.id) : mine.map((m) => m.group_id),
    checksProgrammes: mayEditProgrammes(user),
    adviceFor: mayHandleAdvice(user) ? user.id : null,
    followsProjects: mayEditProjects(user),
  };
}
