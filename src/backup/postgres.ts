import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BackupError, backupTimestamp, discardTemporary, publishWithoutOverwrite, targetExistsError, temporaryFile } from './backup.js';

// PostgreSQL has its own consistent online backup, pg_dump (one snapshot, the hub keeps running); the
// hub does not imitate it but says how to use it, and runs it only when asked to (--run).

const MASK = '***';

/** PostgresConnection: DATABASE_URL split into what may be shown and what must not be. */
export interface PostgresConnection {
  /** The URL with the password replaced by ***, for messages. */
  masked: string;
  /** The URL without any password, for commands: pg_dump and pg_restore ask for it or read ~/.pgpass. */
  withoutPassword: string;
  /** The decoded password, if the URL had one (passed to pg_dump as PGPASSWORD, never printed). */
  password: string | undefined;
}

/**
 * parsePostgresUrl splits a postgres:// URL; a password may sit in the user part or, as libpq also
 * allows, in a `password` query parameter.
 */
export function parsePostgresUrl(url: string): PostgresConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BackupError('DATABASE_URL ist keine gültige postgres://-Adresse.');
  }
  const password = parsed.password ? decodeURIComponent(parsed.password) : (parsed.searchParams.get('password') ?? undefined);
  const masked = new URL(parsed.href);
  if (masked.password) masked.password = MASK;
  if (masked.searchParams.has('password')) masked.searchParams.set('password', MASK);
  const bare = new URL(parsed.href);
  bare.password = '';
  bare.searchParams.delete('password');
  return { masked: decodeMask(masked.href), withoutPassword: bare.href, password };
}

/** URLSearchParams encodes "***" as "%2A%2A%2A"; the mask reads better as it is. */
function decodeMask(href: string): string {
  return href.replaceAll('%2A%2A%2A', MASK);
}

/** shellQuote puts a value in single quotes for a POSIX shell (a URL may contain & or ?). */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** defaultDumpFile: backups/hub-<timestamp>.dump in the current folder (the hub has no data folder on PostgreSQL). */
export function defaultDumpFile(now: Date): string {
  return path.resolve('backups', `hub-${backupTimestamp(now)}.dump`);
}

/**
 * postgresInstructions: German text on backing up and restoring the configured PostgreSQL database
 * with pg_dump / pg_restore; the password never appears in it.
 */
export function postgresInstructions(url: string, now: Date): string {
  const conn = parsePostgresUrl(url);
  const db = shellQuote(conn.withoutPassword);
  const file = `hub-${backupTimestamp(now)}.dump`;
  return [
    `Die Datenbank des Hubs ist PostgreSQL: ${conn.masked}`,
    'Eine Sicherung macht pg_dump; sie ist konsistent und kann laufen, während der Hub arbeitet:',
    '',
    `  pg_dump --format=custom --file=${file} --dbname=${db}`,
    '',
    'Wiederherstellen (vorher alle Instanzen des Hubs stoppen; vorhandene Tabellen werden ersetzt):',
    '',
    `  pg_restore --clean --if-exists --no-owner --single-transaction --dbname=${db} ${file}`,
    '',
    `Das Passwort steht nicht in den Befehlen${conn.password !== undefined ? ` (oben als ${MASK})` : ''}: pg_dump und pg_restore fragen danach,`,
    'oder es steht in ~/.pgpass bzw. in der Umgebungsvariablen PGPASSWORD.',
    'pg_dump muss mindestens die Version des PostgreSQL-Servers haben.',
    'Mit "npm run backup -- --run [Datei]" ruft der Hub pg_dump selbst auf (Vorgabe: backups/hub-<Zeitpunkt>.dump).',
  ].join('\n');
}

/**
 * runPgDump runs `pg_dump --format=custom` into `targetFile` and reads the archive's table of contents
 * back with `pg_restore --list` as a check. Like the SQLite backup it writes to a temporary name and
 * never replaces an existing file. Returns the size in bytes; throws BackupError.
 */
export async function runPgDump(url: string, targetFile: string): Promise<{ bytes: number }> {
  const conn = parsePostgresUrl(url);
  const target = path.resolve(targetFile);
  if (fs.existsSync(target)) throw targetExistsError(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = temporaryFile(target);
  // The password goes through the environment, never the command line (which other users can see in
  // ps); --no-password because libpq would otherwise prompt on the terminal and wait.
  const env = { ...process.env, ...(conn.password !== undefined ? { PGPASSWORD: conn.password } : {}) };
  try {
    await run('pg_dump', ['--format=custom', '--no-password', `--file=${temp}`, `--dbname=${conn.withoutPassword}`], env);
    await run('pg_restore', ['--list', temp], env);
    publishWithoutOverwrite(temp, target);
    return { bytes: fs.statSync(target).size };
  } finally {
    discardTemporary(temp);
  }
}

/** run starts a PostgreSQL client program and rejects with its last error line. */
function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new BackupError(`${program} wurde nicht gefunden. Installieren Sie die PostgreSQL-Client-Programme (Debian: apt-get install postgresql-client).`)
          : new BackupError(`${program} konnte nicht gestartet werden: ${err.message}`),
      );
    });
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? `Exit-Code ${code}`;
      reject(new BackupError(`${program} ist fehlgeschlagen: ${last}`));
    });
  });
}
