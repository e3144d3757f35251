import type { Context } from 'hono';
import { requireUser } from '../auth/middleware.js';
import { atLeast, type GroupAccess } from '../groups/access.js';
import { findGroupForViewer, type VisibleGroup } from '../groups/groups.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { isFragmentRequest } from '../http/htmx.js';
import { today } from '../lib/berlin-time.js';
import { findMeeting, type MeetingWithGroup } from './meetings.js';

/**
 * login: visitors are sent to sign in; an htmx fragment request (a live refresh after the session
 * ended) gets 401 with HX-Redirect, so the whole page goes to the login instead of a login page being
 * swapped into a section.
 */
function login(c: Context<AppEnv>): Promise<Response> | Response {
  if (isFragmentRequest(c)) {
    c.header('HX-Redirect', `/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`);
    return c.body(null, 401);
  }
  return requireUser(c, async () => undefined) as Promise<Response>;
}

/**
 * withGroup / withMeeting load what the URL names and check the viewer's access to its group (the
 * group's rules decide who sees and manages meetings): invisible → 404 (or the login for visitors),
 * visible but not enough → 403.
 */
export async function withGroup(c: Context<AppEnv>, needed: GroupAccess, then: (vg: VisibleGroup) => Response | Promise<Response>) {
  const vg = await findGroupForViewer(c.var.db, c.var.user, c.req.param('slug') ?? '', today(c.var.now()));
  if (!vg || !atLeast(vg.access, needed)) return c.var.user ? renderError(c, vg ? 403 : 404) : login(c);
  return then(vg);
}

export function withMeeting(c: Context<AppEnv>, needed: GroupAccess, then: (m: MeetingWithGroup, vg: VisibleGroup) => Response | Promise<Response>) {
  return withMeetingId(c, Number(c.req.param('id')), needed, then);
}

export async function withMeetingId(c: Context<AppEnv>, meetingId: number, needed: GroupAccess, then: (m: MeetingWithGroup, vg: VisibleGroup) => Response | Promise<Response>) {
  const meeting = await findMeeting(c.var.db, meetingId);
  const vg = meeting && (await findGroupForViewer(c.var.db, c.var.user, meeting.group_slug, today(c.var.now())));
  if (!meeting || !vg || !atLeast(vg.access, needed)) return c.var.user ? renderError(c, vg ? 403 : 404) : login(c);
  return then(meeting, vg);
}

