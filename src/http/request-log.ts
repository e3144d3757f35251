import type { MiddlewareHandler } from 'hono';

// Path segments that look like tokens (session, reset, feed links) are never written to the log.
const TOKEN_SEGMENT = /\/[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]+)*/g;

// What a request may smuggle into a log line once its percent-encoding is decoded: control characters
// (a newline starts a line that looks like another request, NUL cuts the line for some readers, ESC
// drives the terminal), Unicode line and paragraph separators (new lines for some log viewers), and
// invisible format characters such as bidirectional overrides (they reorder what a reader sees). The
// backslash is escaped too, so that an escape in the log always stands for an escaped character.
const UNSAFE_IN_LOG = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]/gu;

/**
 * escapeForLog writes every character that could forge or hide part of a log line as an escape:
 * `\n` as `\x0a`, U+2028 as `\u2028`, a backslash as `\\`; everything else as it is.
 */
export function escapeForLog(value: string): string {
  return value.replace(UNSAFE_IN_LOG, (ch) => {
    if (ch === '\\') return '\\\\';
    const code = ch.codePointAt(0)!;
    if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
    if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
    return `\\u{${code.toString(16)}}`;
  });
}

/**
 * redactPath: a request's path as the logs show it (the request log and the error lines in app.ts):
 * without the query string, token-like segments replaced, unsafe characters escaped (escapeForLog).
 */
export function redactPath(path: string): string {
  // Redacted first: an escape in front of a token would leave it without the slash that marks a segment.
  return escapeForLog(path.replace(TOKEN_SEGMENT, '/…'));
}

/** requestLog writes one line per request: method, path without secrets, status, duration. */
export function requestLog(write: (line: string) => void = (line) => console.log(line)): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    // Node's parser only lets known methods through; escaped anyway, as everything the request brings.
    write(`${escapeForLog(c.req.method)} ${redactPath(c.req.path)} ${c.res.status} ${ms}ms`);
  };
}
