import type { Role } from '../db/schema.js';
import type { SessionUser } from './sessions.js';

/**
 * Who may do what in the foundation's own areas. Each feature keeps its rules in its own module; views
 * never decide permissions, they are told.
 */
const rules = {
  /** The administration area's start page. */
  'admin.view': ['admin', 'secretariat'],
  /** The list of accounts with their roles and last sign-in. */
  'admin.accounts': ['admin'],
  /** Read mails in the outbox (they contain sign-in links). */
  'admin.outbox': ['admin'],
  /** The accountability log. */
  // The log holds everyone's personal data (before/after of every change) and who exported whose data:
  // it is the admins' tool for accountability (issue #10), like the outbox with its sign-in links.
  'admin.audit': ['admin'],
  /** Add and edit people, invite and deactivate accounts. */
  'people.manage': ['admin', 'secretariat'],
  /** Give an account another role (admin makes admins). */
  'people.role': ['admin'],
  /** Review directory submissions and proposed changes; edit every entry. */
  'directory.review': ['admin', 'secretariat'],
  /** Create, edit and archive working groups; manage every group's members. */
  'groups.manage': ['admin', 'secretariat'],
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof rules;

export function can(user: SessionUser | null, permission: Permission): boolean {
  return user !== null && (rules[permission] as Role[]).includes(user.role);
}

/**
 * mayManageAccountOf: the one rule for who may change a person and their account (details and address,
 * invitation, activation, consent, anonymisation; src/people, src/privacy). Persons without an account
 * and members: the whole staff. Accounts with staff rights (secretariat, admin): admins only; otherwise
 * one secretariat account could take over another, or an admin's, by pointing its address elsewhere
 * and asking for a reset.
 */
export function mayManageAccountOf(actor: SessionUser | null, targetRole: Role | null): boolean {
  return targetRole === null || targetRole === 'member' ? isStaff(actor) : can(actor, 'people.role');
}

/** isStaff: the secretariat and admins, who run the groups and keep the people. */
export function isStaff(user: SessionUser | null): boolean {
  return user !== null && (user.role === 'secretariat' || user.role === 'admin');
}
