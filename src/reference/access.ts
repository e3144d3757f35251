import type { SessionUser } from '../auth/sessions.js';

/**
 * Who may do what with the reference lists (fields of action, kinds of organisation, target groups,
 * languages; the cities are src/cities/):
 * - see and change them at /admin/lists: admins only. The lists are the district's vocabulary for every
 *   directory entry, form and filter (like the office's settings, more than running the working groups,
 *   which is the secretariat's part); a rename or merge changes what every entry shows.
 * - read their names: everyone, in the reader's language, wherever an entry, form or filter shows them
 *   (the directory is public). A retired entry is still shown on the records that use it, but no form or
 *   filter offers it for a new choice.
 */
export function mayEditReferenceLists(user: SessionUser | null): boolean {
  return user?.role === 'admin';
}
