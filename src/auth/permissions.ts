import type { Role } from '../db/schema.js';
import type { SessionUser } from './sessions.js';

/**
 * Who may do what in the foundation's own areas. Each feature keeps its rules in its own module; views
 * never decide permissions, they are told.
 */
const rules = {
  /** The administration area's start page. */
  'admin.view': ['admin', 'secretariat'],
  /** Accounts: create, invite, (later) deactivate. */
  'admin.accounts': ['admin'],
  /** Read mails in the outbox (they contain sign-in links). */
  'admin.outbox': ['admin'],
  /** The accountability log. */
  'admin.audit': ['admin', 'secretariat'],
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof rules;

export function can(user: SessionUser | null, permission: Permission): boolean {
  return user !== null && (rules[permission] as Role[]).includes(user.role);
}
