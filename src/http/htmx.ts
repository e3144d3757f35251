import type { Context } from 'hono';

/**
 * isFragmentRequest: true when htmx asked for a part of a page. Boosted navigation also sends
 * HX-Request but wants the whole page, so it is excluded. This is the one place that reads htmx's
 * request headers (an htmx 4 upgrade changes only this function and keepAddress).
 */
export function isFragmentRequest(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-Boosted') !== 'true';
}

/**
 * keepAddress: a page that answers a form posted through htmx (a failed form's re-render, an error
 * page) tells htmx not to put the form's POST address into the address bar: reloading or bookmarking
 * it would ask for a GET that does not exist (404). The address stays the page the form was on. A
 * successful form redirects (303) and htmx shows the address it was redirected to.
 */
export function keepAddress(c: Context): void {
  if (c.req.header('HX-Request') === 'true' && c.req.method !== 'GET' && c.req.method !== 'HEAD') c.header('HX-Push-Url', 'false');
}
