import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { isHttps } from '../http/https.js';
import { can, type Permission } from './permissions.js';
import { SESSION_INACTIVITY_MS, validateSessionToken } from './sessions.js';

const COOKIE = 'hub_session';

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: SESSION_INACTIVITY_MS / 1000,
  });
}

export function deleteSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, COOKIE, { path: '/', secure: isHttps(c) });
}

/** session reads the session cookie and sets `user` and `sessionId` (null for visitors). */
export const session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, COOKIE);
  const valid = token ? await validateSessionToken(c.var.db, token, c.var.now()) : null;
  c.set('user', valid?.user ?? null);
  c.set('sessionId', valid?.id ?? null);
  if (token && !valid) deleteSessionCookie(c);
  if (valid?.renewed && token) setSessionCookie(c, token);
  await next();
};

/** requireUser sends visitors to the login page (GET) or answers 401 (other methods). */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.user) return next();
  if (c.req.method === 'GET') {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  return renderError(c, 401);
};

/** requirePermission: 401 for visitors (see requireUser), 403 for signed-in people without the right. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.var.user) return requireUser(c, next);
    if (!can(c.var.user, permission)) return renderError(c, 403);
    return next();
  };
}
