import type { SessionUser } from '../auth/sessions.js';
import { can } from '../auth/permissions.js';
import type { Group, MembershipRole } from '../db/schema.js';

/**
 * What a visitor may see and do in one group, decided here and nowhere else:
 * - public: a visitor (or non-member) of a group that publishes its dates: name, description, public dates
 * - viewer: a signed-in person outside an external group: also its organisers and meetings, not its members
 * - member: a current member: also the member list and its export
 * - manager: a current chair or organiser: also adds and ends memberships, imports members
 * - staff: the secretariat and admins: everything, in every group, also editing and archiving
 * An internal group is invisible (404) to everyone but its members and the staff, unless it publishes
 * its dates; an archived group only to its members and the staff.
 *
 * What a manager can see of whom (README, "Security notes"): the staff add anyone and see everyone's
 * details. A manager adds directly only a person they can already see: a current member of one of their
 * own groups, or a consenting contact of a published directory entry (mayPickPerson in memberships.ts).
 * Anyone else, and every address typed in, gets an invitation by mail (invitations.ts) that looks the same
 * whether the address is known to the hub or not; the person becomes a member, and their details show,
 * only once they accept. A member's e-mail, phone and function show to the group only where the
 * membership shares them (mayReadContact).
 */
export type GroupAccess = 'public' | 'viewer' | 'member' | 'manager' | 'staff';

/** Membership roles that let a person manage their group's members. */
export const MANAGING_ROLES: readonly MembershipRole[] = ['chair', 'organiser'];

const rank: Record<GroupAccess, number> = { public: 0, viewer: 1, member: 2, manager: 3, staff: 4 };

/** accessTo: the viewer's access to a group, given their current membership role; null = not visible. */
export function accessTo(viewer: SessionUser | null, group: Pick<Group, 'kind' | 'dates_public' | 'archived_at'>, role: MembershipRole | null): GroupAccess | null {
  if (can(viewer, 'groups.manage')) return 'staff';
  if (role) return MANAGING_ROLES.includes(role) ? 'manager' : 'member';
  if (group.archived_at) return null;
  if (viewer && group.kind === 'external') return 'viewer';
  return group.dates_public ? 'public' : null;
}

/** atLeast: whether an access level includes another (staff ⊃ manager ⊃ member ⊃ viewer ⊃ public). */
export function atLeast(access: GroupAccess | null, needed: GroupAccess): boolean {
  return access !== null && rank[access] >= rank[needed];
}

/**
 * mayReadContact: whether the viewer sees a member's e-mail, phone and function in the member list and
 * its CSV: the staff always, everyone their own, the group's members only where the membership shares
 * them (not where a manager added the person without asking, before invitations existed).
 */
export function mayReadContact(viewer: SessionUser | null, access: GroupAccess | null, member: { person_id: number; contact_shared: number | boolean }): boolean {
  if (access === 'staff') return true;
  if (viewer && viewer.personId === member.person_id) return true;
  return atLeast(access, 'member') && Boolean(member.contact_shared);
}

/**
 * mayConfirmRepresentation: in a group, only the staff confirm (or take back) that a member represents an
 * organisation; outside it, the organisation's own contact does through its confirmation link.
 */
export function mayConfirmRepresentation(access: GroupAccess | null): boolean {
  return access === 'staff';
}
