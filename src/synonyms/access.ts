import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';

/**
 * Who may edit the search synonyms (issue #21): the staff (secretariat and admins), at
 * /admin/search-synonyms. They change what everyone's directory search finds, so every change is in the
 * audit log. Nobody else sees the list: it is a working tool, and its effect is visible in the search.
 */
export function mayEditSynonyms(user: SessionUser | null): boolean {
  return isStaff(user);
}
