import type { Context } from 'hono';

/** What a calendar answer's freshness is judged by: an ETag and a Last-Modified time (whole seconds). */
export interface Validators {
  etag: string;
  lastModified: Date;
}

/**
 * notModified: whether the calendar app's copy is still current (RFC 9110: If-None-Match wins over
 * If-Modified-Since). Calendar apps poll often; an unchanged calendar is answered 304 without reading meetings.
 */
export function notModified(c: Context, v: Validators): boolean {
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => ['*', v.etag].includes(tag.trim().replace(/^W\//, '')));
  const since = Date.parse(c.req.header('If-Modified-Since') ?? '');
  return !Number.isNaN(since) && v.lastModified.getTime() <= since;
}

/** setValidators writes the ETag and Last-Modified headers, and asks every cache to revalidate. */
export function setValidators(c: Context, v: Validators, shared: boolean): void {
  c.header('Cache-Control', shared ? 'public, no-cache' : 'private, no-cache');
  c.header('ETag', v.etag);
  c.header('Last-Modified', v.lastModified.toUTCString());
}

/** wholeSeconds: HTTP dates have whole seconds; rounded down, a request's If-Modified-Since compares equal. */
export function wholeSeconds(at: string): Date {
  return new Date(Math.floor(Date.parse(at) / 1000) * 1000);
}
