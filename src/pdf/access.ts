import { atLeast, type GroupAccess } from '../groups/access.js';
import type { MinutesStatus } from '../db/schema.js';

/**
 * Who may fetch which meeting document: the rights of the page each document belongs to, nothing of
 * its own (src/groups/access.ts decides the access levels, src/meetings/load.ts applies them):
 * - the invitation: whoever sees the meeting page (its group's public dates included); the agenda and
 *   the online link only for those the meeting page shows them to (signed-in readers of the group,
 *   'viewer' and up), the others get date and place;
 * - the minutes: as /meetings/:id/minutes and minutes.md: members once the minutes went out, those who
 *   manage the meeting also the draft;
 * - the attendance sheet: as /meetings/:id/attendance: those who manage the meeting.
 */
export const DOCUMENT_ACCESS = { invitation: 'public', minutes: 'member', attendance: 'manager' } as const satisfies Record<string, GroupAccess>;

/** invitationDetails: whether the invitation shows the agenda and the online link (as the meeting page does). */
export function invitationDetails(access: GroupAccess): boolean {
  return atLeast(access, 'viewer');
}

/** mayReadMinutes: whether minutes in this state can be read (drafts only by those who manage the meeting). */
export function mayReadMinutes(access: GroupAccess, status: MinutesStatus | undefined): boolean {
  return status !== undefined && (status !== 'draft' || atLeast(access, 'manager'));
}
