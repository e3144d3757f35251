import type { MiddlewareHandler } from 'hono';

// Path segments that look like tokens (session, reset, feed links) are never written to the log.
const TOKEN_SEGMENT = /\/[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]+)*/g;

/** redactPath drops the query string and replaces token-like segments. */
export function redactPath(path: string): string {
  return path.replace(TOKEN_SEGMENT, '/…');
}

/** requestLog writes one line per request: method, path without secrets, status, duration. */
export function requestLog(write: (line: string) => void = (line) => console.log(line)): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    write(`${c.req.method} ${redactPath(c.req.path)} ${c.res.status} ${ms}ms`);
  };
}
