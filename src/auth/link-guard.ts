import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { peekThrottle, recordHit, type ThrottleRule } from './throttle.js';

/**
 * Invalid one-time links (reply, password reset, invitation, group invitation, address change, directory confirmation) a client may open
 * in 15 minutes. The tokens have 120 random bits, so this is not what keeps them secret; it stops a
 * client from hammering the token lookups and keeps guessing visible. A person who mistyped a link or
 * clicked an expired one a few times stays far below it.
 */
export const LINK_RULE: ThrottleRule = { limit: 20, windowMs: 15 * 60 * 1000 };

/** The first path segments of every one-time link (its last segment is the token). */
export const ONE_TIME_LINK_PREFIXES = ['rsvp', 'invite', 'join', 'password/reset', 'email-change', 'directory/confirm', 'directory/withdraw', 'poll'];

/** The paths whose last segment is a one-time token; their pages answer 410 for an unusable link. */
export const ONE_TIME_LINK = new RegExp(`^/(${ONE_TIME_LINK_PREFIXES.join('|')})/[^/]+(/|$)`);

/**
 * guardOneTimeLinks counts the answers 410 (unknown, used or expired link) per client address and
 * answers 429 with Retry-After once the limit is used up. Valid links count nothing, so opening one
 * (mail scanners do) still writes nothing.
 */
export const guardOneTimeLinks: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!ONE_TIME_LINK.test(c.req.path)) return next();
  const key = `link:ip:${c.var.clientIp}`;
  const state = await peekThrottle(c.var.db, key, LINK_RULE, c.var.now());
  if (state.blocked) {
    c.header('Retry-After', String(state.retryAfterMinutes * 60));
    return renderError(c, 429);
  }
  await next();
  if (c.res.status === 410) await recordHit(c.var.db, key, LINK_RULE, c.var.now());
};
