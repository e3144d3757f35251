import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/**
 * isHttps: whether the visitor reached the hub over HTTPS, so cookies get the Secure flag: the public
 * address (BASE_URL) is https, or, only behind a trusted proxy (TRUST_PROXY), the last X-Forwarded-Proto
 * entry says https: that is the one our proxy added (as with X-Forwarded-For), earlier ones the client
 * may have made up. Without TRUST_PROXY anyone could send that header, so it is ignored.
 */
export function isHttps(c: Context<AppEnv>): boolean {
  const { config } = c.var;
  if (config.secure) return true;
  return config.trustProxy && c.req.header('X-Forwarded-Proto')?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}
