import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/**
 * isHttps: whether the visitor reached the hub over HTTPS, so cookies get the Secure flag: the public
 * address (BASE_URL) is https, or, only behind a trusted proxy (TRUST_PROXY), the proxy's first
 * X-Forwarded-Proto says https. Without TRUST_PROXY anyone could send that header, so it is ignored.
 */
export function isHttps(c: Context<AppEnv>): boolean {
  const { config } = c.var;
  if (config.secure) return true;
  return config.trustProxy && c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
