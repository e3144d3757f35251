import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';

/**
 * Who may see and do what with the office's contacts (/contact):
 * - everyone, signed in or not, reads the page and sends the contact form (it is the office's public face);
 * - the staff (secretariat and admins) add, edit, reorder and remove the topics and their persons.
 *   Decision: not admins alone. The secretariat is the office whose contacts these are: it knows first
 *   when a colleague takes over a topic or a phone number changes, and the page is only useful when it
 *   is current. Nothing here grants rights or shows personal data beyond what the office publishes
 *   itself, and every change is in the audit log. The office's postal address, phone and functional
 *   e-mail stay in /admin/settings (admins).
 */
export function mayEditContacts(user: SessionUser | null): boolean {
  return isStaff(user);
}
