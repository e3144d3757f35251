import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { renderError } from './errors.js';
import { CONTROL_CHARACTERS } from './schemas.js';

/**
 * refuseControlCharactersInQuery answers a query string with control characters (?q=%00) with the German
 * 400 page before any handler reads it. Nobody types them, and search terms go into SQL parameters,
 * where PostgreSQL refuses a NUL byte with an error (a 500) that SQLite would not show.
 */
export const refuseControlCharactersInQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
  const query = c.req.url.indexOf('?');
  if (query === -1) return next();
  for (const value of new URLSearchParams(c.req.url.slice(query + 1)).values()) {
    if (CONTROL_CHARACTERS.test(value)) return renderError(c, 400);
  }
  return next();
};
