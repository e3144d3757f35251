import { createApp } from '../../src/app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { loadConfig } from '../../src/config.js';
import type { Database, Role } from '../../src/db/schema.js';
import { normalizeEmail } from '../../src/http/schemas.js';
import type { Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from './db.js';
import { foldText } from '../../src/lib/fold.js';

export const ORIGIN = 'http://localhost';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public current = new Date('2026-11-25T09:00:00.000Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A tiny cookie jar: enough to follow one browser's session through app.request(). */
export class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly harness: TestHarness) {}

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim())) || attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await this.harness.app.request(path, { headers: { cookie: this.cookieHeader(), ...headers } });
    this.store(res);
    return res;
  }

  /**
   * post sends a form like a browser on this site does (same Origin) unless headers say otherwise; a list
   * value is sent as repeated fields, like ticked checkboxes.
   */
  async post(path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await this.harness.app.request(path, {
      method: 'POST',
      body: body.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, cookie: this.cookieHeader(), ...headers },
    });
    this.store(res);
    return res;
  }

  /** upload sends a multipart form (file uploads) like a browser on this site. */
  async upload(path: string, form: FormData) {
    const res = await this.harness.app.request(path, { method: 'POST', body: form, headers: { Origin: ORIGIN, cookie: this.cookieHeader() } });
    this.store(res);
    return res;
  }

  async login(email: string, password: string) {
    const res = await this.post('/login', { email, password });
    if (res.status !== 303) throw new Error(`login failed with ${res.status}`);
    return res;
  }
}

export interface TestHarness {
  app: ReturnType<typeof createApp>;
  db: Kysely<Database>;
  testDb: TestDatabase;
  clock: TestClock;
  browser(): Browser;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ BASE_URL: ORIGIN, LOG_REQUESTS: 'false', ...env });
}

/** createHarness: the app on a fresh database with a hand-moved clock. */
export async function createHarness(opts: { shareable?: boolean } = {}): Promise<TestHarness> {
  const testDb = await createTestDatabase(opts);
  const clock = new TestClock();
  const harness: TestHarness = {
    app: createApp({ db: testDb.db, config: testConfig(), now: clock.now }),
    db: testDb.db,
    testDb,
    clock,
    browser: () => new Browser(harness),
    close: () => testDb.destroy(),
  };
  return harness;
}

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'richtig-geheim-123';

/** createUser adds a person with an account and the test password. */
export async function createUser(db: Kysely<Database>, opts: { name?: string; email: string; role?: Role; active?: boolean; password?: string }) {
  const hash = opts.password ? await hashPassword(opts.password) : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const at = new Date('2026-01-01T00:00:00.000Z').toISOString();
  const person = await db
    .insertInto('persons')
    .values({ name: opts.name ?? 'Test Person', name_folded: foldText(opts.name ?? 'Test Person'), email: opts.email, email_normalized: normalizeEmail(opts.email), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({ person_id: person.id, password_hash: hash, role: opts.role ?? 'member', active: opts.active === false ? 0 : 1, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { personId: person.id, userId: user.id };
}

/** tampered: a one-time link with its last character changed (to another one: never the same link by chance). */
export function tampered(link: string): string {
  return `${link.slice(0, -1)}${link.endsWith('a') ? 'b' : 'a'}`;
}

/** linkFrom finds the first link to this hub in a mail body. */
export function linkFrom(body: string): string {
  const match = /http:\/\/localhost(\/\S+)/.exec(body);
  if (!match) throw new Error(`no link in mail: ${body}`);
  return match[1]!;
}
