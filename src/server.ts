import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { startHousekeeping } from './housekeeping.js';
import { smtpTransport, startMailLoop, type MailLoop } from './mail/sender.js';
import { issueSetupToken } from './setup/setup.js';

// Start order: configuration → database → migrations → app → listen. A bad setting or an unreachable
// database stops the start with one clear line, not a stack trace.
let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const db = openDatabase(config.database);
try {
  await migrateToLatest(db);
} catch (err) {
  console.error(`Datenbank nicht bereit: ${(err as Error).message}`);
  await db.destroy().catch(() => undefined);
  process.exit(1);
}

const setupToken = await issueSetupToken(db, new Date());
if (setupToken) {
  console.log(`\nErsteinrichtung: Öffnen Sie ${config.baseUrl}/setup?token=${setupToken}\nund legen Sie das erste Administrationskonto an.\n`);
}

const mailLoop: MailLoop | undefined = config.smtpUrl
  ? startMailLoop({ db, transport: smtpTransport(config.smtpUrl), from: config.mailFrom })
  : undefined;
if (!mailLoop) console.log('Kein SMTP_URL gesetzt: E-Mails bleiben im Postausgang (/admin/outbox).');
const housekeeping = startHousekeeping(db, { baseUrl: config.baseUrl, actionReminderDays: config.actionReminderDays });

const app = createApp({ db, config });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const where = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
  console.log(`Arbeitskreis-Hub läuft auf ${config.baseUrl} (Port ${info.port}, ${where}).`);
});
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${config.port} ist schon belegt. Setzen Sie PORT auf einen freien Port.` : `Serverfehler: ${err.message}`);
  process.exit(1);
});

// Graceful shutdown: stop taking requests, let running ones finish, stop the loops, close the database.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} empfangen, fahre herunter …`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await mailLoop?.stop();
  housekeeping.stop();
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
