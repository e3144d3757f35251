import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';

/**
 * Who may see and do what with the Datensammlung Integration (issue #18):
 * - everyone, signed in or not, reads the figures: /statistics with its charts, SVG and CSV downloads,
 *   need next to offer, and the figures on the city pages (they are official, published statistics);
 * - the staff (secretariat, admins) define indicators, import, enter and correct values, export
 *   everything with sources and notes, and see the history of changes;
 * - the staff read the yearly report (/reports/:year): it counts meetings, attendance and action items
 *   of internal groups too, which the public does not see.
 */
export function mayReadFigures(_user: SessionUser | null): boolean {
  return true;
}

export function mayEditFigures(user: SessionUser | null): boolean {
  return isStaff(user);
}

export function mayReadYearlyReport(user: SessionUser | null): boolean {
  return isStaff(user);
}
