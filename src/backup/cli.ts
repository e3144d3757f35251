import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { backupSqlite, defaultBackupFile, removeUnfinishedBackups } from './backup.js';
import { defaultDumpFile, postgresInstructions, runPgDump } from './postgres.js';

// `npm run backup [-- <Zieldatei>] [--run]`: a consistent copy of the configured database while the hub
// keeps serving. SQLite: online backup into the file, checked with integrity_check. PostgreSQL: how to
// use pg_dump / pg_restore, or (--run) pg_dump itself. Exit codes: 0 done, 1 failed, 2 wrong usage.

const USAGE = 'Aufruf: npm run backup [-- <Zieldatei>] [--run]';

/** formatBytes: a size as a German reader writes it ("1,4 MB"). */
function formatBytes(bytes: number): string {
  const units = ['Bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${units[unit]}`;
}

/**
 * targetPath resolves a target given on the command line. npm runs scripts in the project folder, so
 * a relative name is taken relative to where the command was typed (INIT_CWD), as the user means it.
 */
function targetPath(arg: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), arg);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { run: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch {
    console.error(`Unbekannte Option. ${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length > 1) {
    console.error(`Bitte nur eine Zieldatei angeben. ${USAGE}`);
    return 2;
  }
  const given = args.positionals[0];
  const config = loadConfig();
  const now = new Date();

  if (config.database.kind === 'postgres') {
    if (!args.values.run) {
      console.log(postgresInstructions(config.database.url, now));
      return 0;
    }
    const target = given ? targetPath(given) : defaultDumpFile(now);
    const { bytes } = await runPgDump(config.database.url, target);
    console.log(`Sicherung geschrieben: ${target} (${formatBytes(bytes)}), pg_restore --list: ok`);
    return 0;
  }

  const target = given ? targetPath(given) : defaultBackupFile(config.database.file, now);
  const { bytes, integrity } = await backupSqlite(config.database.file, target);
  console.log(`Sicherung geschrieben: ${target} (${formatBytes(bytes)}), Integritätsprüfung: ${integrity}`);
  return 0;
}

// Ctrl+C or a stopping service must not leave a half-written copy behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removeUnfinishedBackups();
    console.error('Sicherung abgebrochen; unvollständige Dateien wurden entfernt.');
    process.exit(1);
  });
}

try {
  process.exitCode = await main();
} catch (err) {
  // Expected failures carry their German sentence (BackupError, ConfigError); nothing prints a stack trace.
  console.error(err instanceof ConfigError ? err.message : `Sicherung fehlgeschlagen: ${(err as Error).message}`);
  process.exitCode = 1;
}
