import type { Context } from 'hono';
import { ErrorPage } from '../../views/errors.js';
import type { AppEnv } from '../http/env.js';
import type { MeetingWithGroup } from './meetings.js';

/** hasStarted: the meeting has begun; from then on it is recorded, not cancelled or invited to. */
export function hasStarted(c: Context<AppEnv>, m: Pick<MeetingWithGroup, 'starts_at'>): boolean {
  return m.starts_at <= c.var.now().toISOString();
}

/** alreadyStarted: 409 for cancelling or inviting to a meeting that has begun, saying what to do instead. */
export function alreadyStarted(c: Context<AppEnv>, text: 'meetings.startedNoCancel' | 'meetings.startedNoInvite') {
  c.status(409);
  return c.render(ErrorPage({ t: c.var.t, title: 'meetings.startedTitle', text }), { title: c.var.t('meetings.startedTitle') });
}
