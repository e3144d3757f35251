import type { SessionUser } from '../auth/sessions.js';

/**
 * mayEditSettings: only admins. The settings speak for the office as a whole (its name and the address
 * every mail's answers and every calendar entry point to): like the legal texts, more than running the
 * working groups (the secretariat's part).
 */
export function mayEditSettings(user: SessionUser | null): boolean {
  return user?.role === 'admin';
}
