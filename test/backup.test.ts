import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSqlite, BackupError } from '../src/backup/backup.js';
import { parsePostgresUrl } from '../src/backup/postgres.js';
import { freePort } from './helpers/ports.js';

// `npm run backup` as a person runs it: its own process, next to a real hub (also its own process)
// on the same SQLite file, while a second connection keeps committing. These tests use SQLite files
// of their own also when TEST_DATABASE_URL points the other tests at PostgreSQL.

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** childEnv: the environment for child processes, without Vitest's BASE_URL="/", which the hub rightly refuses. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { BASE_URL: _vite, DATABASE_URL: _db, ...inherited } = process.env;
  return { ...inherited, LOG_REQUESTS: 'false', ...env };
}

/** runBackup starts `src/backup/cli.ts` with the arguments and resolves when it exits (killed after 15 s). */
function runBackup(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/backup/cli.ts', ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}


/** startHub runs `src/server.ts` on the file, as `npm start` would, and waits until it serves. */
async function startHub(file: string): Promise<{ child: ChildProcess; baseUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: childEnv({ DATABASE_URL: `sqlite:${file}`, PORT: String(port), HOST: '127.0.0.1', BASE_URL: baseUrl, SMTP_URL: '' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (let i = 0; i < 300 && !output.includes('läuft auf') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
  if (!output.includes('läuft auf')) {
    child.kill('SIGKILL');
    throw new Error(`hub did not start: ${output}`);
  }
  return {
    child,
    baseUrl,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/** filesIn: the files in a folder, e.g. to see that no temporary copy was left behind. */
const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

const PERSONS = 1500;
const MAILS = 1500;

describe('npm run backup (SQLite) while the hub is serving and another connection writes', () => {
  let dir: string;
  let file: string;
  let hub: Awaited<ReturnType<typeof startHub>>;
  let writer: SQLite.Database;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-backup-'));
    file = path.join(dir, 'hub.sqlite');
    hub = await startHub(file); // creates and migrates the database
    writer = new SQLite(file);
    writer.pragma('busy_timeout = 5000');
    // Keep every commit in the WAL (no automatic checkpoint on this connection): a backup that copied
    // only the main database file would then miss the rows below, and the test would fail.
    writer.pragma('wal_autocheckpoint = 0');
  }, 30_000);

  afterAll(async () => {
    writer?.close();
    await hub?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every row committed before it started, consistently, and checks the copy', async () => {
    const now = new Date().toISOString();
    const addPerson = writer.prepare('insert into persons (name, name_folded, email, email_normalized, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
    const addMail = writer.prepare(
      "insert into outbox (to_address, subject, body_text, status, attempts, next_attempt_at, created_at) values (?, ?, ?, 'pending', 0, ?, ?)",
    );
    writer.transaction(() => {
      for (let i = 0; i < PERSONS; i++) {
        const name = `Person ${i} ${randomBytes(8).toString('hex')}`;
        addPerson.run(name, name.toLowerCase(), `p${i}@example.org`, `p${i}@example.org`, now, now);
      }
      // ~12 MB of mail bodies, so that the copy is more than a few pages.
      for (let i = 0; i < MAILS; i++) addMail.run(`m${i}@example.org`, `Einladung ${i}`, randomBytes(4096).toString('hex'), now, now);
    })();
    const personsBefore = writer.prepare('select id, name, email from persons order by id').all();
    const mailsBefore = writer.prepare('select id, subject, body_text from outbox order by id').all();
    expect(personsBefore.length).toBeGreaterThanOrEqual(PERSONS);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(10_000_000);

    // The writer keeps committing a person and a mail in one transaction: a consistent copy holds both
    // or neither of each pair, and exactly a prefix of the sequence.
    let written = 0;
    let writing = true;
    const pair = writer.transaction((n: number) => {
      addPerson.run(`writer-${n}`, `writer-${n}`, null, null, now, now);
      addMail.run(`writer-${n}@example.org`, `writer-${n}`, 'x', now, now);
    });
    const busyWriter = (async () => {
      while (writing) {
        pair(written++);
        await new Promise((r) => setImmediate(r));
      }
    })();
    // The hub keeps answering (and reading the same file) meanwhile.
    const health: number[] = [];
    const poller = (async () => {
      while (writing) {
        health.push((await fetch(`${hub.baseUrl}/healthz`)).status);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const target = path.join(dir, 'sicherungen', 'kopie.sqlite');
    const writtenAtStart = written;
    const result = await runBackup([target], { DATABASE_URL: file });
    const writtenAtEnd = written;
    writing = false;
    await Promise.all([busyWriter, poller]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(writtenAtEnd - writtenAtStart).toBeGreaterThan(0);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200)).toBe(true);
    const size = fs.statSync(target).size;
    expect(size).toBeGreaterThan(10_000_000);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/^Sicherung geschrieben: .*kopie\.sqlite \(\d+,\d MB\), Integritätsprüfung: ok\n$/);
    expect(result.stdout).toContain(target);
    // Only the finished copy, no temporary file or journal beside it.
    expect(filesIn(path.dirname(target))).toEqual(['kopie.sqlite']);

    const copy = new SQLite(target, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      // A single self-contained file: not in WAL mode, so opening it creates nothing beside it.
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const persons = copy.prepare("select id, name, email from persons where name not like 'writer-%' order by id").all();
      const mails = copy.prepare("select id, subject, body_text from outbox where subject not like 'writer-%' order by id").all();
      expect(persons).toHaveLength(personsBefore.length);
      expect(persons).toEqual(personsBefore);
      expect(mails).toHaveLength(mailsBefore.length);
      expect(mails).toEqual(mailsBefore);
      const writerPersons = copy.prepare("select name from persons where name like 'writer-%' order by id").pluck().all();
      const writerMails = copy.prepare("select subject from outbox where subject like 'writer-%' order by id").pluck().all();
      expect(writerMails).toEqual(writerPersons);
      expect(writerPersons).toEqual(Array.from({ length: writerPersons.length }, (_, n) => `writer-${n}`));
      expect(writerPersons.length).toBeGreaterThanOrEqual(writtenAtStart);
      expect(writerPersons.length).toBeLessThanOrEqual(writtenAtEnd);
      // The hub's own tables came along too.
      expect(copy.prepare('select count(*) from kysely_migration').pluck().get()).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
    expect(filesIn(path.dirname(target))).toEqual(['kopie.sqlite']);

    // Never overwrite: the same target again is refused, and the copy stays as it was.
    const hash = sha256(target);
    const again = await runBackup([target], { DATABASE_URL: file });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    const lines = again.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/existiert bereits.*nie überschrieben/);
    expect(lines[0]).toContain(target);
    expect(sha256(target)).toBe(hash);
    expect(filesIn(path.dirname(target))).toEqual(['kopie.sqlite']);
  }, 30_000);

  it('writes backups/hub-<Zeitpunkt>.sqlite beside the database when no target is given', async () => {
    const result = await runBackup([], { DATABASE_URL: `sqlite:${file}` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const made = filesIn(path.join(dir, 'backups'));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^hub-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.sqlite$/);
    expect(result.stdout).toContain(path.join(dir, 'backups', made[0]!));
    const copy = new SQLite(path.join(dir, 'backups', made[0]!), { readonly: true, fileMustExist: true });
    try {
      expect(copy.prepare('select count(*) from persons').pluck().get()).toBeGreaterThanOrEqual(PERSONS);
    } finally {
      copy.close();
    }
  }, 20_000);
});

describe('npm run backup (SQLite) failures', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-backup-fail-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails in one German line for a missing database, and creates neither it nor a copy', async () => {
    const missing = path.join(dir, 'gibt-es-nicht.sqlite');
    const target = path.join(dir, 'out', 'kopie.sqlite');
    const result = await runBackup([target], { DATABASE_URL: missing });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`Sicherung fehlgeschlagen: Datenbankdatei nicht gefunden: ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);
    expect(filesIn(dir)).toEqual([]);
  }, 20_000);

  it('refuses a file that is not a database and leaves no temporary file', async () => {
    const junk = path.join(dir, 'kein-sqlite.sqlite');
    fs.writeFileSync(junk, randomBytes(8192));
    const target = path.join(dir, 'junk-out', 'kopie.sqlite');
    const error = await backupSqlite(junk, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/keine SQLite-Datenbank/);
    expect(filesIn(path.dirname(target))).toEqual([]);
    fs.rmSync(junk);
  });

  it('refuses an existing target before reading the database', async () => {
    const target = path.join(dir, 'schon-da.sqlite');
    fs.writeFileSync(target, 'nicht anfassen');
    await expect(backupSqlite(path.join(dir, 'egal.sqlite'), target)).rejects.toThrow(/existiert bereits/);
    expect(fs.readFileSync(target, 'utf8')).toBe('nicht anfassen');
    fs.rmSync(target);
  });
});

const pgDumpAvailable = spawnSync('pg_dump', ['--version']).status === 0;

describe('npm run backup (PostgreSQL)', () => {
  it('prints pg_dump / pg_restore instructions with the password masked', async () => {
    const url = 'postgres://hub:g3h%C3%BCim%21pw@db.example.org:5432/hub?sslmode=require';
    const result = await runBackup([], { DATABASE_URL: url });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('postgres://hub:***@db.example.org:5432/hub?sslmode=require');
    expect(result.stdout).toMatch(/pg_dump --format=custom --file=hub-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.dump --dbname='postgres:\/\/hub@db\.example\.org:5432\/hub\?sslmode=require'/);
    expect(result.stdout).toContain('pg_restore --clean --if-exists');
    expect(result.stdout).not.toMatch(/g3h|%C3%BC|ü/i);
  }, 20_000);

  it('masks a password given as query parameter too', () => {
    const conn = parsePostgresUrl('postgresql://hub@db.example.org/hub?password=geheim&sslmode=disable');
    expect(conn.password).toBe('geheim');
    expect(conn.masked).toBe('postgresql://hub@db.example.org/hub?password=***&sslmode=disable');
    expect(conn.withoutPassword).toBe('postgresql://hub@db.example.org/hub?sslmode=disable');
  });

  // Only in the PostgreSQL run (CI sets TEST_DATABASE_URL) with the client programs installed.
  it.runIf(process.env.TEST_DATABASE_URL && pgDumpAvailable)('with --run, writes a custom-format dump via pg_dump', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const { username, password } = new URL(url);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-backup-pg-'));
    try {
      const info = await runBackup([], { DATABASE_URL: url });
      expect(info.code).toBe(0);
      if (password) expect(info.stdout).not.toContain(`${username}:${password}@`);

      const target = path.join(dir, 'hub.dump');
      const result = await runBackup(['--run', target], { DATABASE_URL: url });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Sicherung geschrieben: .*hub\.dump \(.*\), pg_restore --list: ok\n$/);
      if (password) expect(result.stdout).not.toContain(password === username ? `:${password}@` : password);
      expect(fs.readFileSync(target).subarray(0, 5).toString()).toBe('PGDMP');
      expect(filesIn(dir)).toEqual(['hub.dump']);

      const again = await runBackup(['--run', target], { DATABASE_URL: url });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/existiert bereits/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
