import { atLeast, type GroupAccess } from '../groups/access.js';

/**
 * Who may see and do what with a group's date polls, in terms of the group's access levels
 * (src/groups/access.ts):
 * - the group's managers (chair, organiser) and the staff create polls, fix a date and close them;
 * - the group's current members see the table of answers (dates × people) and answer for themselves;
 * - nobody else sees a poll: not the public, not signed-in viewers of an external group (the table
 *   names members and when they can). A person holding a poll's mail link answers through the link only.
 */
export function mayCreatePoll(access: GroupAccess | null): boolean {
  return atLeast(access, 'manager');
}

export function mayManagePoll(access: GroupAccess | null): boolean {
  return atLeast(access, 'manager');
}

export function maySeePoll(access: GroupAccess | null): boolean {
  return atLeast(access, 'member');
}

/** mayAnswerPoll: a current member answers for themselves (the staff only when they are members too). */
export function mayAnswerPoll(isCurrentMember: boolean): boolean {
  return isCurrentMember;
}

/** The least access creating a poll needs (withGroup in routes.tsx). */
export const POLL_MANAGE_ACCESS: GroupAccess = 'manager';
