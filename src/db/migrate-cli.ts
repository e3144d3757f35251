import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from './connect.js';
import { migrateToLatest } from './migrate.js';

// `npm run migrate`: apply pending migrations to the configured database and say which.
try {
  const config = loadConfig();
  const db = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Migrationen angewendet: ${applied.join(', ')}` : 'Datenbank ist aktuell.');
  } finally {
    await db.destroy();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Fehler: ${(err as Error).message}`);
  process.exitCode = 1;
}
