import type { MiddlewareHandler } from 'hono';
import { databaseVersion } from '../db/change-counter.js';
import type { AppEnv } from './env.js';

/**
 * The pages people open most (the dashboard, a group's page, a meeting's page) are answered from memory
 * while nothing they are made of has changed (issue #21: the signed-in layout and the dozen queries of
 * a dashboard cost 1–2 ms; a kept answer a few µs). A kept answer is exactly as fresh as a new one:
 * - it is used only while the database is unchanged: SQLite's change counter (src/db/change-counter.ts)
 *   moves with any write, in this process or another on the same file, a session's renewal or deletion
 *   (sign-out) included; PostgreSQL has no such counter, so nothing is kept there;
 * - and only within the minute it was made in: the times a page compares with now (meetings' starts
 *   and ends, due days, the work queue's deadlines) are whole minutes, so no threshold passes inside one;
 * - it belongs to the exact request: its session cookie, flash and language cookies (the whole Cookie
 *   header), URL, htmx headers and Accept-Language;
 * - only a plain 200 page is kept: never one that sets a cookie (a renewed session, a shown flash).
 * A kept session cannot outlive itself: a page is kept only when the session was not renewed, that is,
 * used within the last hour, so its ten days of inactivity are far away.
 */
const CACHED_PAGES = [/^\/$/, /^\/groups\/[a-z0-9-]{1,80}$/, /^\/meetings\/[1-9][0-9]{0,8}$/];
const MAX_ENTRIES = 500;
const MAX_BYTES = 16 * 1024 * 1024;

interface Kept {
  version: string;
  minute: number;
  body: string;
  headers: [string, string][];
}

const keyOf = (req: Request) =>
  [req.url, req.headers.get('cookie'), req.headers.get('accept-language'), req.headers.get('hx-request'), req.headers.get('hx-target'), req.headers.get('hx-boosted'), req.headers.get('hx-current-url')].join('\n');

/** pageCache keeps answers per app (a test's app and a server's never share them). */
export function pageCache(): MiddlewareHandler<AppEnv> {
  const kept = new Map<string, Kept>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    bytes -= entry.body.length * 2;
    kept.delete(key);
  };
  return async (c, next) => {
    if (c.req.method !== 'GET' || !CACHED_PAGES.some((p) => p.test(c.req.path))) return next();
    const version = databaseVersion(c.var.db);
    if (version === null) return next();
    const minute = Math.floor(c.var.now().getTime() / 60_000);
    const key = keyOf(c.req.raw);
    const entry = kept.get(key);
    if (entry && entry.version === version && entry.minute === minute) {
      // Most recently used last: the Map's order is the eviction order.
      kept.delete(key);
      kept.set(key, entry);
      // Says so, for whoever looks at a slow page (and for the tests).
      const res = new Response(entry.body, { status: 200, headers: entry.headers });
      res.headers.set('X-Page-Cache', 'hit');
      return res;
    }
    forget(key);
    await next();
    const res = c.res;
    if (res.status !== 200 || res.headers.has('set-cookie') || !res.headers.get('content-type')?.startsWith('text/html')) return;
    const body = await res.clone().text();
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => headers.push([name, value]));
    kept.set(key, { version, minute, body, headers });
    bytes += body.length * 2;
    for (const oldest of kept.keys()) {
      if (kept.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
      forget(oldest);
    }
  };
}
