import type { Kysely } from 'kysely';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day, ProjectFileKind } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';

/**
 * Who may see and do what with the office's projects (issue #19), decided here and nowhere else:
 * - the staff (secretariat and admins) see every project at /projects, create and edit them, their
 *   documents, deadlines and accounts; every change is in the audit log;
 * - a representative of a partner organisation (a confirmed representation of a published directory
 *   entry, as src/directory/entries.ts isRepresentative says) sees the pages of the projects their
 *   organisation is a partner in: the project itself, its deadlines and its documents, but never the
 *   accounts nor the receipts among the documents, and changes nothing;
 * - nobody else sees a project (not even that it exists: 404).
 */
export function mayEditProjects(user: SessionUser | null): boolean {
  return isStaff(user);
}

/** The accounts (budget lines, expenses, tranches, their exports) and receipts: the staff only. */
export function mayReadAccounts(user: SessionUser | null): boolean {
  return isStaff(user);
}

/** The file kinds a viewer may see of a project they may read: receipts are part of the accounts. */
export function visibleFileKinds(user: SessionUser | null): ProjectFileKind[] {
  return mayReadAccounts(user) ? ['grant_notice', 'report', 'other', 'receipt'] : ['grant_notice', 'report', 'other'];
}

/**
 * partnerProjectIds: the projects the viewer's organisations are partners in, through a current,
 * confirmed representation of a published entry (empty for everyone else).
 */
export async function partnerProjectIds(db: Kysely<Database>, user: SessionUser, day: Day): Promise<number[]> {
  const rows = await db
    .selectFrom('project_partners')
    .innerJoin('memberships', 'memberships.organisation_id', 'project_partners.organisation_id')
    .innerJoin('organisations', 'organisations.id', 'project_partners.organisation_id')
    .select('project_partners.project_id')
    .distinct()
    .where('memberships.person_id', '=', user.personId)
    .where('memberships.representation_confirmed_at', 'is not', null)
    .where('organisations.status', '=', 'published')
    .where(currentOn(day))
    .execute();
  return rows.map((r) => r.project_id);
}

/** mayReadProject: the staff every project; a partner's representative the projects of their organisations. */
export async function mayReadProject(db: Kysely<Database>, user: SessionUser | null, projectId: number, day: Day): Promise<boolean> {
  if (!user) return false;
  if (mayEditProjects(user)) return true;
  return (await partnerProjectIds(db, user, day)).includes(projectId);
}
