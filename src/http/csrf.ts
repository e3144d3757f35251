import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

const SAFE_METHODS = /^(GET|HEAD|OPTIONS)$/;

/**
 * sameOriginOnly refuses every state-changing request (any method but GET, HEAD and OPTIONS) that does
 * not come from a page of this site: it needs `Sec-Fetch-Site: same-origin` or an allowed Origin header,
 * else the app's 403 page (error.csrf.text). Like hono/csrf, but for every content type: hono/csrf
 * checks only what a cross-site form can send, so a JSON or empty-bodied POST to an action that reads
 * no form (sign-out, invite, archive) would depend on browsers' CORS preflight alone.
 */
export function sameOriginOnly(allowedOrigin: (origin: string, c: Context) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.test(c.req.method)) return next();
    if (c.req.header('sec-fetch-site') === 'same-origin') return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && allowedOrigin(origin, c)) return next();
    throw new HTTPException(403, { message: 'cross-site request refused' });
  };
}
