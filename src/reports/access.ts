import type { SessionUser } from '../auth/sessions.js';
import type { GroupAccess } from '../groups/access.js';
import { mayReadYearlyReport } from '../statistics/access.js';

/**
 * Who may see and do what with the yearly report and the fields of action:
 * - the yearly report (/reports/:year as page, PDF and CSV): the staff only (src/statistics/access.ts
 *   decides: it counts internal groups' meetings, attendance and action items);
 * - a group's fields of action: edited by those who edit the group (the staff), shown to everyone who
 *   sees the group page;
 * - a meeting's and its agenda items' fields: edited by those who edit the meeting and its agenda (the
 *   group's chair or organiser, and the staff), shown to everyone who sees the meeting page.
 */
export function mayReadReport(user: SessionUser | null): boolean {
  return mayReadYearlyReport(user);
}

/** The access a group page needs to edit the group's fields (as its edit form). */
export const GROUP_FIELDS_ACCESS: GroupAccess = 'staff';

/** The access a meeting needs to edit its and its agenda items' fields (as its edit form and agenda). */
export const MEETING_FIELDS_ACCESS: GroupAccess = 'manager';
