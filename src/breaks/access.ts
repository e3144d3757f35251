import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { atLeast, type GroupAccess } from '../groups/access.js';

/**
 * Who manages the breaks a meeting series skips (school holidays, summer break):
 * - the district's breaks (group_id null), which every group's series skips: the staff (secretariat, admins);
 * - a group's own breaks: whoever manages the group (its chair and organisers) and the staff, using the
 *   group's access levels (src/groups/access.ts). Members see no break pages; the series preview names
 *   the break a date falls into to those who plan the series.
 */
export function mayManageDistrictBreaks(user: SessionUser | null): boolean {
  return isStaff(user);
}

export function mayManageGroupBreaks(access: GroupAccess | null): boolean {
  return atLeast(access, 'manager');
}
