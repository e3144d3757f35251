import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { translator } from '../i18n/index.js';
import { interfaceLocale } from '../i18n/public-pages.js';
import { formatters } from '../lib/berlin-time.js';
import type { AppDeps, AppEnv } from './env.js';
import { takeFlash } from './flash.js';
import { isFragmentRequest } from './htmx.js';
import { siteLoader } from './site.js';

/** requestContext puts the app's dependencies and the reader's language on every request. */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const loadSite = siteLoader(deps.db);
  const now = deps.now ?? (() => new Date());
  return async (c, next) => {
    // Members' pages speak German or English; public pages may switch to more (src/i18n/public-pages.ts).
    const locale = interfaceLocale(c);
    c.set('db', deps.db);
    c.set('config', deps.config);
    c.set('now', now);
    c.set('locale', locale);
    c.set('lang', locale);
    c.set('t', translator(locale));
    c.set('fmt', formatters(locale));
    c.set('user', null);
    c.set('sessionId', null);
    c.set('site', await loadSite());
    c.set('clientIp', clientIp(c, deps.config.trustProxy));
    // A flash message is shown by the next full page, not by a fragment that happens to come first.
    c.set('flash', c.req.method === 'GET' && !isFragmentRequest(c) ? takeFlash(c) : null);
    await next();
  };
}

/**
 * clientIp: behind a trusted reverse proxy the last X-Forwarded-For entry (the one our proxy added),
 * otherwise the socket's address. "unknown" in tests that call app.request() without a socket.
 */
function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1]!;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
