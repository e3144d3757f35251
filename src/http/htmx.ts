import type { Context } from 'hono';

/**
 * isFragmentRequest: true when htmx asked for a part of a page. Boosted navigation also sends
 * HX-Request but wants the whole page, so it is excluded. This is the one place that reads htmx's
 * request headers (an htmx 4 upgrade changes only this function).
 */
export function isFragmentRequest(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-Boosted') !== 'true';
}
