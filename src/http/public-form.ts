import type { Context } from 'hono';
import { z } from 'zod';
import { recordHit, type ThrottleRule } from '../auth/throttle.js';
import type { AppEnv } from './env.js';

/**
 * The guard of the forms anyone may send without signing in (the directory submission, the contact
 * form): each sends a mail, so robots are kept out by a honeypot and floods by a throttle, per client
 * address and for everyone together (both counted in the database, so every instance counts the same).
 */

/** The honeypot field: hidden from people (views/honeypot.tsx), filled by form-filling robots. */
export const HONEYPOT_FIELD = 'fax_number';

/** Add to a public form's zod schema: the honeypot may hold anything, it is only looked at. */
export const honeypotSchema = { [HONEYPOT_FIELD]: z.string().optional() } as const;

export interface PublicFormRules {
  /** Sent forms allowed per client address in a window. */
  perClient: ThrottleRule;
  /** Sent forms allowed from everyone together in a window. */
  total: ThrottleRule;
}

export type PublicFormVerdict =
  /** A robot filled the honeypot: answer as for a person, store and send nothing. */
  | { kind: 'robot' }
  /** Over a limit: the status is 429 with Retry-After already; show the form again with the message. */
  | { kind: 'throttled'; retryAfterMinutes: number }
  | { kind: 'ok' };

/**
 * guardPublicForm looks at a validated form: a filled honeypot first (a robot counts nothing), then one
 * hit per client address and, when that passes, one for everyone. `scope` names the form in the
 * throttle's keys ("directory-submit", "contact").
 */
export async function guardPublicForm(c: Context<AppEnv>, scope: string, rules: PublicFormRules, form: Record<string, unknown>): Promise<PublicFormVerdict> {
  const trap = form[HONEYPOT_FIELD];
  if (typeof trap === 'string' && trap !== '') return { kind: 'robot' };
  const now = c.var.now();
  const perClient = await recordHit(c.var.db, `${scope}:ip:${c.var.clientIp}`, rules.perClient, now);
  const throttle = perClient.blocked ? perClient : await recordHit(c.var.db, `${scope}:all`, rules.total, now);
  if (!throttle.blocked) return { kind: 'ok' };
  c.status(429);
  c.header('Retry-After', String(throttle.retryAfterMinutes * 60));
  return { kind: 'throttled', retryAfterMinutes: throttle.retryAfterMinutes };
}
