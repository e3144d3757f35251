import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from './seed.js';

// `npm run demo`: fill the configured database with demo data and print demo logins.
try {
  const config = loadConfig();
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const { created, logins, feedPath } = await seedDemo(db, new Date());
    console.log(created > 0 ? `Demodaten angelegt: ${created} Personen mit Konto.` : 'Demodaten sind schon vorhanden.');
    console.log(`\nDemo-Anmeldungen (Passwort für alle: ${DEMO_PASSWORD}):`);
    for (const l of logins) console.log(`  ${l.email.padEnd(46)} ${l.name.padEnd(18)} ${l.what}`);
    if (feedPath) console.log(`\nKalender-Abo der Geschäftsstelle (in einer Kalender-App abonnieren): ${config.baseUrl}${feedPath}`);
    console.log(`\nStarten Sie den Hub mit "npm start" und öffnen Sie ${config.baseUrl}/login`);
  } finally {
    await db.destroy();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Fehler: ${(err as Error).message}`);
  process.exitCode = 1;
}
