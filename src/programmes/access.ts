import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';

/**
 * Who may see and do what with the funding programmes (issue #19):
 * - everyone, signed in or not, reads /programmes and /programmes/:id: every programme that is not
 *   archived, open and closed alike (a closed programme tells associations what to expect next round);
 * - the staff (secretariat and admins) add, edit, archive and restore programmes at /admin/programmes,
 *   and see programmes overdue for a check in their work queue. Every change is in the audit log.
 */
export function mayEditProgrammes(user: SessionUser | null): boolean {
  return isStaff(user);
}
