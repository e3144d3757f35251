import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';

/**
 * Who may see and do what with advice requests (Antragsberatung, issue #19):
 * - everyone, signed in or not, sends a request through the form on a funding programme's page
 *   (/programmes/:id, every programme that is not archived, open or closed: associations prepare for the
 *   next round too); a visitor sees nothing of any request afterwards, not even their own;
 * - the staff (secretariat and admins) see every request in the work queue and at /admin/advice, assign
 *   them to themselves or a colleague, answer by mail from the hub, close and reopen them. Every change
 *   is audited. Members and partners see nothing: the requests hold other people's contact details.
 */
export function mayHandleAdvice(user: SessionUser | null): boolean {
  return isStaff(user);
}
