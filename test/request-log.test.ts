import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.js';
import { escapeForLog, redactPath } from '../src/http/request-log.js';
import { testConfig } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

// A request's path is percent-decoded before it reaches the log: `%0a` would write a newline and with it
// a line that looks like another request, `%00` a NUL byte. Whatever a request brings is escaped.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

/** Every character that could end, cut or disguise a log line: C0, DEL, C1, U+2028 and U+2029. */
const UNSAFE = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  0x7f,
  ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
  0x2028,
  0x2029,
].map((code) => String.fromCodePoint(code));

/** hex: the two-digit or four-digit escape the log shows for a character. */
const escaped = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** logged: the lines the request log writes for the given requests. */
async function logged(paths: string[]): Promise<string[]> {
  const app = createApp({ db: t.db, config: testConfig({ LOG_REQUESTS: 'true' }) });
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    for (const p of paths) await app.request(p);
  } finally {
    log.mockRestore();
  }
  return lines;
}

describe('request log', () => {
  it('writes a forged request line as one escaped line', async () => {
    const [line, ...rest] = await logged(['/x%0d%0aPOST%20/admin/users%20200%201.0ms%00']);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^GET \/x\\x0d\\x0aPOST \/admin\/users 200 1\.0ms\\x00 404 \d+\.\dms$/);
  });

  it('escapes every control character and the Unicode line separators, one line per request', async () => {
    const lines = await logged(UNSAFE.map((ch) => `/vor${encodeURIComponent(ch)}nach`));
    expect(lines).toHaveLength(UNSAFE.length);
    UNSAFE.forEach((ch, i) => {
      expect(lines[i]).toMatch(new RegExp(`^GET /vor${escaped(ch).replace(/\\/g, '\\\\')}nach 404 \\d+\\.\\dms$`));
      expect(lines[i]).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    });
  });

  it('keeps tokens redacted next to escaped characters, and umlauts as they are', async () => {
    const token = 'abcdefghijklmnopqrstuvwx.abcdefghijklmnopqrstuvwx';
    const lines = await logged([`/password/reset/${token}%0a`, `/feeds/${token.slice(0, 24)}.ics%E2%80%A8`, '/gruppen/%C3%BCbersicht']);
    expect(lines[0]).toMatch(/^GET \/password\/reset\/…\\x0a \d{3} /);
    expect(lines[1]).toMatch(/^GET \/feeds\/…\\u2028 \d{3} /);
    expect(lines[2]).toMatch(/^GET \/gruppen\/übersicht 404 /);
    for (const line of lines) expect(line).not.toContain('abcdefghij');
  });

  it('escapes a backslash, so that an escape in the log always means an escaped character', () => {
    expect(escapeForLog('/a\\x0ab')).toBe('/a\\\\x0ab');
    expect(escapeForLog('/a\u202eb\u{e0001}')).toBe('/a\\u202eb\\u{e0001}');
    expect(redactPath('/a\nb')).toBe('/a\\x0ab');
  });
});

/** A database that is away: every query fails with "connection refused". */
const away: KyselyPlugin = {
  transformQuery() {
    throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
  },
  async transformResult(args) {
    return args.result;
  },
};

describe('error log', () => {
  it('escapes the path in the line for an unreachable database', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const app = createApp({ db: t.db.withPlugin(away), config: testConfig() });
      expect((await app.request('/groups%0aFehler%20bei%20GET%20/admin%E2%80%A9')).status).toBe(503);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual(['Datenbank nicht erreichbar bei GET /groups\\x0aFehler bei GET /admin\\u2029: connect ECONNREFUSED 10.0.0.5:5432']);
    } finally {
      errors.mockRestore();
    }
  });
});
