import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { atLeast, type GroupAccess } from '../groups/access.js';

/**
 * Who may see and do what with the city pages (issue #17):
 * - everyone, signed in or not, reads /cities and /cities/:slug (the council body, election dates,
 *   public chair and contact, the coverage row, published directory entries, public dates);
 * - the members of the internal working group for the city show only to those who may read that group's
 *   member list (its members and the staff): an internal group does not exist for anyone else;
 * - the staff (secretariat, admins) edit a city's council data;
 * - admins edit the city list itself (names, AGS, slug, council body; add, retire, restore).
 */
export function mayEditCouncil(user: SessionUser | null): boolean {
  return isStaff(user);
}

export function mayEditCityList(user: SessionUser | null): boolean {
  return user !== null && user.role === 'admin';
}

export function mayReadGroupMembersOnCityPage(access: GroupAccess | null): boolean {
  return atLeast(access, 'member');
}
