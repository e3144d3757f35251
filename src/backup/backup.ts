import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DateTime } from 'luxon';
import { ZONE } from '../lib/berlin-time.js';

/**
 * BackupError: a backup that could not be written, with one German line that says why (printed as it
 * is by the CLI). Any other error is unexpected and shown with a generic German prefix.
 */
export class BackupError extends Error {}

/** BackupResult: what backupSqlite wrote. */
export interface BackupResult {
  /** Size of the written copy in bytes. */
  bytes: number;
  /** What `PRAGMA integrity_check` said about the copy: "ok" (anything else is refused, see below). */
  integrity: string;
}

/**
 * backupTimestamp: the wall-clock time in Europe/Berlin as it appears in backup file names
 * ("2026-11-25T18-30-00"). Berlin time because that is what the office reads, independent of the
 * server's TZ; dashes instead of colons because colons are not allowed in Windows file names.
 */
export function backupTimestamp(now: Date): string {
  return DateTime.fromJSDate(now).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH-mm-ss");
}

/** defaultBackupFile: backups/hub-<timestamp>.sqlite in the folder of the database file. */
export function defaultBackupFile(databaseFile: string, now: Date): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'backups', `hub-${backupTimestamp(now)}.sqlite`);
}

/** Temporary files of backups still being written, so that an interrupted run can remove them. */
const unfinished = new Set<string>();

/**
 * temporaryFile names a hidden file beside `target` for the copy being written. The same folder makes
 * the final step a link/rename on one file system; the name is remembered until discardTemporary.
 */
export function temporaryFile(target: string): string {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  unfinished.add(temp);
  return temp;
}

/** discardTemporary removes a temporary copy (a no-op once it was published) and the journals SQLite may have put beside it. */
export function discardTemporary(temp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(temp + suffix, { force: true });
  unfinished.delete(temp);
}

/**
 * removeUnfinishedBackups deletes the temporary files of backups that have not been completed; the
 * CLI calls it on Ctrl+C / SIGTERM so that no half-written file is left behind.
 */
export function removeUnfinishedBackups(): void {
  for (const temp of [...unfinished]) discardTemporary(temp);
}

/**
 * backupSqlite writes a consistent copy of the SQLite database `sourceFile` to `targetFile` while
 * other processes (the running hub) keep reading and writing it, then checks the copy with
 * `PRAGMA integrity_check`. The copy appears under `targetFile` only when it is complete and sound;
 * an existing file is never replaced. Throws BackupError with a German message.
 */
export async function backupSqlite(sourceFile: string, targetFile: string): Promise<BackupResult> {
  const source = path.resolve(sourceFile);
  const target = path.resolve(targetFile);
  // Checked first (and again, atomically, when publishing) so that a wrong name fails fast.
  if (fs.existsSync(target)) throw targetExistsError(target);
  const db = openSource(source);
  let temp: string | undefined;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    temp = temporaryFile(target);
    // The first step of better-sqlite3's backup copies nothing; the progress callback then asks for
    // every remaining page at once. One step is one read transaction on the source: in WAL mode it
    // sees one committed state and never blocks the hub's writers. Copying in small steps instead
    // would restart from scratch after every write by another connection, and a busy hub could keep
    // a large backup from ever finishing.
    await db.backup(temp, { progress: () => 0x7fffffff });
    db.close();
    await turn();
    singleFile(temp);
    const integrity = integrityCheck(temp);
    if (integrity !== 'ok') throw new BackupError(`Die Integritätsprüfung der Kopie meldet Fehler: ${integrity}`);
    await turn();
    publishWithoutOverwrite(temp, target);
    return { bytes: fs.statSync(target).size, integrity };
  } catch (err) {
    throw asBackupError(err);
  } finally {
    if (db.open) db.close();
    if (temp) discardTemporary(temp);
  }
}

/**
 * turn lets the event loop run once between the long synchronous steps, so that a Ctrl+C pressed
 * during the copy or the check is handled before the copy is published, not after.
 */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * openSource opens the live database read-only: the backup must never change it, and must not
 * create an empty database where the configured file is missing (a typo in DATABASE_URL).
 */
function openSource(file: string): SQLite.Database {
  if (!fs.existsSync(file)) throw new BackupError(`Datenbankdatei nicht gefunden: ${file}`);
  try {
    // The hub may hold a write lock for a moment; wait for it like the hub's own connections do.
    return new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (err) {
    throw asBackupError(err);
  }
}

/**
 * singleFile switches the copy from WAL to a rollback journal. The online backup copies the source's
 * header, so the copy would be a WAL database, and every later open (even read-only) would create
 * -wal and -shm files beside it. As a single self-contained file it can be moved, mailed and restored
 * by copying one file; the hub switches it back to WAL when it opens it.
 */
function singleFile(file: string): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** integrityCheck opens the copy read-only and returns what `PRAGMA integrity_check` says ("ok"). */
function integrityCheck(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    return messages.length > 3 ? `${messages.slice(0, 3).join('; ')} (und ${messages.length - 3} weitere)` : messages.join('; ');
  } finally {
    db.close();
  }
}

/**
 * publishWithoutOverwrite gives the finished copy its final name without ever replacing a file: a hard link fails
 * with EEXIST where rename would silently overwrite a file created in the meantime (two backups in
 * the same second). File systems without hard links fall back to check-then-rename.
 */
export function publishWithoutOverwrite(temp: string, target: string): void {
  let linked = false;
  try {
    fs.linkSync(temp, target);
    linked = true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw targetExistsError(target);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  }
  if (linked) fs.unlinkSync(temp);
  else if (fs.existsSync(target)) throw targetExistsError(target);
  else fs.renameSync(temp, target);
  syncFolder(path.dirname(target));
}

/** syncFolder makes the new directory entry durable, so that a power cut right after the message keeps the file. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not every platform can sync a folder (Windows); the file's own data is already synced by SQLite.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** targetExistsError: the refusal to replace an existing file. */
export function targetExistsError(target: string): BackupError {
  return new BackupError(`${target} existiert bereits. Eine vorhandene Datei wird nie überschrieben; wählen Sie einen anderen Namen.`);
}

/** asBackupError turns the usual SQLite and file-system failures into one German sentence. */
function asBackupError(err: unknown): Error {
  if (err instanceof BackupError) return err;
  const e = err as { code?: string; message?: string; path?: string };
  const detail = e.message ?? String(err);
  switch (e.code) {
    case 'SQLITE_NOTADB':
      return new BackupError(`Die Datei ist keine SQLite-Datenbank (${detail}).`);
    case 'SQLITE_CANTOPEN':
      return new BackupError(`Die Datenbank kann nicht geöffnet werden (${detail}).`);
    case 'SQLITE_BUSY':
      return new BackupError('Die Datenbank ist gesperrt; bitte in einem Moment noch einmal versuchen.');
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return new BackupError('Auf dem Datenträger ist nicht genug Platz für die Sicherung.');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new BackupError(`Keine Schreibberechtigung${e.path ? ` für ${e.path}` : ''} (${detail}).`);
    default:
      return err instanceof Error ? err : new Error(detail);
  }
}
