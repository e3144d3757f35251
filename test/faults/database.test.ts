import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { answerFor, ReplyWriter, runLoad } from './load.js';
import { TcpProxy } from './peers.js';
import { createFixture, dialects, freePort, request, seedMeeting, spawnServer, startHub, stopAll, waitUntil, type Hub, type Seed } from './process.js';

// The database missing at start (one German line, exit 1, within seconds) and going away while the
// hub runs (a 503 page, /healthz says so, the same process works again when the database is back).

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await stopAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** startAndFail: starts the server, expects exit 1 within `withinMs`, returns its stderr lines. */
async function startAndFail(env: Record<string, string>, withinMs: number): Promise<string[]> {
  const started = Date.now();
  const proc = spawnServer({ PORT: String(await freePort()), HOST: '127.0.0.1', ...env });
  expect(await proc.exited).toBe(1);
  expect(Date.now() - started).toBeLessThan(withinMs);
  expect(proc.stdout()).not.toContain('läuft auf');
  return proc.stderr().trim().split('\n');
}

describe('database gone at start', () => {
  it('SQLite in a directory that cannot be created: one German line and exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-faults-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    // A file where the data directory should be: mkdir fails (ENOTDIR), for root as for anyone.
    const blocker = path.join(dir, 'daten');
    fs.writeFileSync(blocker, '');
    const lines = await startAndFail({ DATABASE_URL: `sqlite:${path.join(blocker, 'hub', 'hub.sqlite')}` }, 15_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Datenbank nicht bereit: Die SQLite-Datei ${blocker}/hub/hub\\.sqlite lässt sich nicht anlegen oder öffnen \\(ENOTDIR`));
  }, 30_000);

  it('PostgreSQL where nobody listens: one German line and exit 1', async () => {
    const port = await freePort();
    const lines = await startAndFail({ DATABASE_URL: `postgres://hub:geheim@127.0.0.1:${port}/hub` }, 15_000);
    expect(lines).toEqual([`Datenbank nicht bereit: PostgreSQL auf 127.0.0.1:${port} ist nicht erreichbar (connect ECONNREFUSED 127.0.0.1:${port}).`]);
  }, 30_000);

  it('PostgreSQL on a host that never answers: gives up after the connect timeout, not minutes later', async () => {
    // Accepts the connection and then says nothing, like a firewall that swallows packets.
    const silent = net.createServer(() => undefined);
    const sockets = new Set<net.Socket>();
    silent.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const { port } = silent.address() as net.AddressInfo;
    const lines = await startAndFail({ DATABASE_URL: `postgres://hub:geheim@127.0.0.1:${port}/hub` }, 20_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Datenbank nicht bereit: PostgreSQL auf 127\\.0\\.0\\.1:${port} ist nicht erreichbar \\(.*timeout`));
    expect(lines[0]).not.toContain('geheim');
  }, 30_000);
});

/** expectUnavailablePage: the German 503 page, with Retry-After, no trace of a crash. */
function expectUnavailablePage(res: { status: number; body: string }) {
  expect(res.status).toBe(503);
  expect(res.body).toContain('<html lang="de"');
  expect(res.body).toContain('<h1>Vorübergehend nicht verfügbar</h1>');
  expect(res.body).toContain('Die Datenbank des Hubs ist gerade nicht erreichbar oder ausgelastet.');
}

/** health: /healthz's status and JSON. */
const health = async (hub: Hub) => {
  const res = await request(hub.baseUrl, '/healthz', { timeoutMs: 20_000 });
  return { status: res.status, json: JSON.parse(res.body) as unknown };
};

/** reply: the first member's reply number n to the meeting, through the hub's form. */
function reply(hub: Hub, seed: Seed, n: number) {
  return request(hub.baseUrl, `/meetings/${seed.meetingId}/rsvp`, { token: seed.members[0]!.token, form: { answer: answerFor(n), comment: `Antwort ${n}` }, timeoutMs: 20_000 });
}

describe.each(dialects())('database gone while running (%s)', (dialect) => {
  // PostgreSQL: the server stops (connections reset, port closed) or the network swallows packets; a
  // proxy between hub and database plays both. SQLite is a file inside the hub's own process, so it
  // cannot become unreachable the way a server can; what does happen is another program holding its
  // write lock longer than the busy timeout (a long write, a backup tool, the sqlite3 shell).
  if (dialect === 'postgres') {
    it('answers 503 while PostgreSQL is away, /healthz says so, and recovers without a restart', async () => {
      const fx = await createFixture('postgres');
      cleanups.push(() => fx.dispose());
      const seed = await seedMeeting(fx.db, { members: 5 });
      const target = new URL(process.env.TEST_DATABASE_URL!);
      const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
      cleanups.push(() => proxy.close());
      const hub = await startHub({ DATABASE_URL: fx.urlVia(proxy.port) });
      const page = () => request(hub.baseUrl, `/meetings/${seed.meetingId}`, { token: seed.members[0]!.token, timeoutMs: 20_000 });
      expect((await page()).status).toBe(200);
      expect(await health(hub)).toEqual({ status: 200, json: { status: 'ok', database: 'ok' } });

      // The database server stops in the middle of a write load: connections reset, port closed.
      const writers = seed.members.slice(1).map((m) => new ReplyWriter(seed, m));
      const load = runLoad(() => hub.baseUrl, writers);
      await waitUntil('writes under way', () => writers.every((w) => w.okCount >= 3));
      await proxy.down();
      await load.stop();
      // Every write either succeeded or got the 503 page; the process is still there.
      for (const wrong of writers.flatMap((w) => w.wrong)) expect(wrong).toMatch(/^503 /);
      expect(hub.child.exitCode, hub.stderr()).toBe(null);
      let started = Date.now();
      expectUnavailablePage(await page());
      expectUnavailablePage(await reply(hub, seed, 1));
      expect(await health(hub)).toEqual({ status: 503, json: { status: 'error', database: 'unreachable' } });
      expect(Date.now() - started).toBeLessThan(3000);

      // A network that swallows packets: each request waits for the connect timeout (5 s), no longer.
      await proxy.blackhole();
      started = Date.now();
      const [swallowed, swallowedHealth] = await Promise.all([page(), health(hub)]);
      expectUnavailablePage(swallowed);
      expect(swallowedHealth.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(9000);

      // Back: the same process serves again, reads and writes.
      await proxy.up();
      await waitUntil('/healthz 200', async () => (await health(hub)).status === 200, 15_000, 200);
      expect((await page()).status).toBe(200);
      const back = await reply(hub, seed, 2);
      expect(back.status).toBe(303);
      expect(await fx.db.selectFrom('rsvps').select(['answer', 'comment']).where('person_id', '=', seed.members[0]!.personId).executeTakeFirst()).toEqual({ answer: answerFor(2), comment: 'Antwort 2' });
      // Each member's row is whole: an answer and comment of the same reply.
      const rows = await fx.db.selectFrom('rsvps').select(['person_id', 'answer', 'comment']).where('meeting_id', '=', seed.meetingId).execute();
      for (const w of writers) {
        const row = rows.find((r) => r.person_id === w.member.personId)!;
        const n = Number(/^Antwort (\d+)$/.exec(row.comment ?? '')?.[1]);
        expect(n).toBeGreaterThanOrEqual(w.acked);
        expect(row.answer).toBe(answerFor(n));
      }

      expect(await hub.kill('SIGTERM')).toBe(0);
      // One line per failed request or lost connection, no stack trace and no 500.
      for (const line of hub.stderr().trim().split('\n')) expect(line).toMatch(/^(Datenbank nicht erreichbar bei |Datenbankverbindung verloren: |Aufräumen fehlgeschlagen: )/);
    }, 60_000);

    it('answers 503 after the statement timeout while the database does not finish, and serves again after', async () => {
      const fx = await createFixture('postgres');
      cleanups.push(() => fx.dispose());
      const seed = await seedMeeting(fx.db, { members: 1 });
      const hub = await startHub({ DATABASE_URL: fx.url, DATABASE_STATEMENT_TIMEOUT_SECONDS: '1' });
      const page = () => request(hub.baseUrl, `/meetings/${seed.meetingId}`, { token: seed.members[0]!.token, timeoutMs: 20_000 });
      expect((await page()).status).toBe(200);

      // Another session takes the meetings table and keeps it: every statement that reads it waits.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = fx.db.connection().execute(async (conn) => {
        await sql`begin`.execute(conn);
        await sql`lock table meetings in access exclusive mode`.execute(conn);
        locked();
        await released;
        await sql`rollback`.execute(conn);
      });
      cleanups.push(async () => {
        release();
        await holder;
      });
      await isLocked;

      // Without a statement timeout this waited for ever (the client's 20 s here); now the German 503
      // page with Retry-After, while the lock is still held.
      const res = await fetch(`${hub.baseUrl}/meetings/${seed.meetingId}`, { headers: { cookie: `hub_session=${seed.members[0]!.token}` }, signal: AbortSignal.timeout(20_000) });
      expect(res.headers.get('retry-after')).toBe('30');
      expectUnavailablePage({ status: res.status, body: await res.text() });
      // Only what touches the frozen table waits; the rest of the hub answers.
      expect(await health(hub)).toEqual({ status: 200, json: { status: 'ok', database: 'ok' } });

      release();
      await holder;
      expect((await page()).status).toBe(200);
      expect(await hub.kill('SIGTERM')).toBe(0);
      expect(hub.stderr().trim().split('\n')).toEqual([`Datenbank nicht erreichbar bei GET /meetings/${seed.meetingId}: canceling statement due to statement timeout`]);
    }, 60_000);
  } else {
    it('answers 503 to writes while another program holds the SQLite write lock, and writes again after', async () => {
      const fx = await createFixture('sqlite');
      cleanups.push(() => fx.dispose());
      const seed = await seedMeeting(fx.db, { members: 1 });
      const hub = await startHub({ DATABASE_URL: fx.url });
      expect((await reply(hub, seed, 1)).status).toBe(303);

      const locker = new SQLite(fx.url);
      cleanups.push(async () => void (locker.open && locker.close()));
      locker.exec('begin immediate');
      const started = Date.now();
      expectUnavailablePage(await reply(hub, seed, 2));
      // It waited for the busy timeout (5 s) and then gave up, rather than failing at once or hanging.
      expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
      expect(Date.now() - started).toBeLessThan(15_000);
      // Reading does not need the write lock (WAL): pages and /healthz still work, and say so.
      expect((await request(hub.baseUrl, `/meetings/${seed.meetingId}`, { token: seed.members[0]!.token })).status).toBe(200);
      expect(await health(hub)).toEqual({ status: 200, json: { status: 'ok', database: 'ok' } });
      locker.exec('rollback');
      locker.close();

      expect((await reply(hub, seed, 3)).status).toBe(303);
      expect(await fx.db.selectFrom('rsvps').select(['answer', 'comment']).where('person_id', '=', seed.members[0]!.personId).executeTakeFirst()).toEqual({ answer: answerFor(3), comment: 'Antwort 3' });
      expect(await hub.kill('SIGTERM')).toBe(0);
      expect(hub.stderr().trim().split('\n')).toEqual([`Datenbank nicht erreichbar bei POST /meetings/${seed.meetingId}/rsvp: database is locked`]);
    }, 60_000);
  }
});
