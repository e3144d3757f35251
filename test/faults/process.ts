import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createSession } from '../../src/auth/sessions.js';
import { openPostgres, openSqlite } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { createUser } from '../helpers/app.js';
import { migrateInSchema } from '../helpers/db.js';
import { freePort } from '../helpers/ports.js';
export { freePort };

// The fault tests run the real server (`node --import tsx src/server.ts`) in child processes, so that
// they can kill it, start it again, and run two of them against one database.

export type Dialect = 'sqlite' | 'postgres';

/** dialects: SQLite always; PostgreSQL too when TEST_DATABASE_URL names a server (CI's second pass). */
export function dialects(): Dialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** waitUntil polls `check` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 50): Promise<NonNullable<Awaited<T>>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<Awaited<T>>;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}


/** A migrated database of the test's own, its URL for the server, and a connection for the test. */
export interface Fixture {
  dialect: Dialect;
  /** DATABASE_URL for the server process. */
  url: string;
  /** The test's own connection: to seed before the start and to check afterwards. */
  db: Kysely<Database>;
  /** urlVia: the same database through another host:port (a proxy in front of PostgreSQL). */
  urlVia(port: number): string;
  dispose(): Promise<void>;
}

/**
 * createFixture: a SQLite file in a temporary directory, or a schema of its own on TEST_DATABASE_URL
 * (selected through the URL's `options=-c search_path=…`, so the server needs no test-only setting).
 */
export async function createFixture(dialect: Dialect): Promise<Fixture> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-faults-'));
    const file = path.join(dir, 'hub.sqlite');
    const db = openSqlite(file);
    await migrateToLatest(db);
    return {
      dialect,
      url: file,
      db,
      urlVia: () => file,
      async dispose() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const schema = `faults_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(base, 1);
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const db = openPostgres(base, 4, schema);
  try {
    await migrateInSchema(db);
  } catch (err) {
    await db.destroy();
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
    await admin.destroy();
    throw err;
  }
  const withSchema = (u: URL) => {
    u.searchParams.set('options', `-c search_path=${schema}`);
    return u.toString();
  };
  return {
    dialect,
    url: withSchema(new URL(base)),
    db,
    urlVia(port) {
      const u = new URL(base);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return withSchema(u);
    },
    async dispose() {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}

export interface Member {
  personId: number;
  userId: number;
  /** A session token, sent as the hub_session cookie. */
  token: string;
}

export interface Seed {
  groupId: number;
  meetingId: number;
  agendaItemId: number;
  members: Member[];
  /** The group's organiser: writes the minutes. */
  organiser: Member;
  admin: Member;
}

/**
 * seedMeeting writes, directly into the database, what the write load needs: a group with members and
 * an organiser, an admin, a meeting a week from now to which every member is invited, one TOP, and
 * minutes in the given state; each person with a session.
 */
export async function seedMeeting(db: Kysely<Database>, opts: { members: number; minutes?: 'draft' | 'circulated' }): Promise<Seed> {
  const now = new Date();
  const at = now.toISOString();
  const tag = randomBytes(3).toString('hex');
  const group = await db
    .insertInto('groups')
    .values({ name: `AK Ausfall ${tag}`, slug: `ak-${tag}`, kind: 'internal', description: '', colour: '#1d4ed8', dates_public: 0, archived_at: null, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = async (name: string, role: 'member' | 'organiser' | 'none', userRole: 'member' | 'admin' = 'member'): Promise<Member> => {
    const u = await createUser(db, { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${tag}@example.org`, role: userRole });
    if (role !== 'none') {
      await db.insertInto('memberships').values({ group_id: group.id, person_id: u.personId, role, organisation_id: null, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at }).execute();
    }
    return { ...u, token: await createSession(db, u.userId, now) };
  };
  const members: Member[] = [];
  for (let i = 0; i < opts.members; i++) members.push(await person(`Mitglied ${i}`, 'member'));
  const organiser = await person('Olga Organisatorin', 'organiser');
  const admin = await person('Adam Admin', 'none', 'admin');
  const { meetingId, agendaItemId } = await addMeeting(db, group.id, now);
  for (const m of [...members, organiser]) {
    await db
      .insertInto('rsvps')
      .values({ meeting_id: meetingId, person_id: m.personId, invited_at: at, answer: null, comment: null, substitute: null, answered_at: null, link_id: randomBytes(12).toString('hex'), link_secret_hash: randomBytes(32).toString('hex') })
      .execute();
  }
  if (opts.minutes) {
    await db
      .insertInto('minutes')
      .values({ meeting_id: meetingId, status: opts.minutes, minute_taker: null, circulated_at: opts.minutes === 'circulated' ? at : null, approved_at: null, approved_in_meeting_id: null, created_at: at, updated_at: at })
      .execute();
  }
  return { groupId: group.id, meetingId, agendaItemId, members, organiser, admin };
}

/** addMeeting: one more meeting of the group a week from `now`, with one TOP and no minutes yet. */
export async function addMeeting(db: Kysely<Database>, groupId: number, now = new Date()): Promise<{ meetingId: number; agendaItemId: number }> {
  const at = now.toISOString();
  const starts = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  const meeting = await db
    .insertInto('meetings')
    .values({ group_id: groupId, title: 'Sitzung unter Last', starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 2 * 3600 * 1000).toISOString(), location: 'Kreishaus Mettmann', room: null, online_url: null, status: 'invited', cancel_reason: null, cancelled_at: null, invitation_sent_at: at, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await db
    .insertInto('agenda_items')
    .values({ meeting_id: meeting.id, position: 1, title: 'Berichte aus den Städten', presenter: null, planned_minutes: 30, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { meetingId: meeting.id, agendaItemId: item.id };
}

// Every process a test starts, so that afterEach(stopAll) can end the ones a failed test left running.
const running = new Set<ChildProcess>();

export interface Hub {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** kill sends a signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** spawnServer starts `node --import tsx src/server.ts` with the given environment; does not wait. */
export function spawnServer(env: Record<string, string>): Omit<Hub, 'port' | 'baseUrl'> {
  // Vitest puts Vite's BASE_URL="/" into the environment; the hub would rightly refuse it.
  const { BASE_URL: _vite, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...inherited, LOG_REQUESTS: 'false', SMTP_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * startHub starts the server on `port` (a free one by default) and waits until /healthz answers 200;
 * throws with the server's output when it exits first or takes longer than `timeoutMs`.
 */
export async function startHub(env: Record<string, string>, opts: { port?: number; timeoutMs?: number } = {}): Promise<Hub> {
  const port = opts.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = spawnServer({ PORT: String(port), HOST: '127.0.0.1', BASE_URL: baseUrl, ...env });
  let gone = false;
  void proc.exited.then(() => (gone = true));
  const end = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    if (gone) throw new Error(`server exited at start: ${proc.stdout()} ${proc.stderr()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      await proc.kill('SIGKILL');
      throw new Error(`server did not become healthy: ${proc.stdout()} ${proc.stderr()}`);
    }
    await sleep(50);
  }
  return { ...proc, port, baseUrl };
}

/** stopAll kills every server process still running (a failed test's leftovers). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export interface Answer {
  status: number;
  location: string | null;
  body: string;
}

/**
 * request sends one request like a browser of this site: the session cookie and, for forms, the Origin
 * header (CSRF). Never follows redirects; gives up after `timeoutMs`. Throws when there is no answer
 * (server down, connection reset).
 */
export async function request(baseUrl: string, pathname: string, opts: { token?: string; form?: Record<string, string>; timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.cookie = `hub_session=${opts.token}`;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers.origin = baseUrl;
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await fetch(`${baseUrl}${pathname}`, {
    method: opts.form ? 'POST' : 'GET',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** sqliteIntegrity: PRAGMA integrity_check and foreign_key_check, as one list of problems (empty: fine). */
export async function sqliteIntegrity(db: Kysely<Database>): Promise<string[]> {
  const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  const foreign = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
  return [...integrity.rows.map((r) => r.integrity_check).filter((r) => r !== 'ok'), ...foreign.rows.map((r) => JSON.stringify(r))];
}
