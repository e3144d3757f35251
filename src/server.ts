import path from 'node:path';
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { describeDatabaseError, openDatabase, unavailableCause } from './db/connect.js';
import type { Database } from './db/schema.js';
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

/** notReady: the one line that says why the database cannot be used, then exit 1. */
async function notReady(database: Config['database'], err: unknown, db?: Kysely<Database>): Promise<never> {
  let why: string;
  if (database.kind === 'sqlite' && !db) why = `Die SQLite-Datei ${path.resolve(database.file)} lässt sich nicht anlegen oder öffnen (${describeDatabaseError(err)}).`;
  else if (database.kind === 'postgres' && unavailableCause(err)) {
    // Host and port only: the URL may hold the password.
    const url = new URL(database.url);
    why = `PostgreSQL auf ${url.hostname}:${url.port || '5432'} ist nicht erreichbar (${describeDatabaseError(unavailableCause(err))}).`;
  } else why = describeDatabaseError(err);
  console.error(`Datenbank nicht bereit: ${why}`);
  // Closing may itself wait for a server that is away; the line above is what counts.
  if (db) await Promise.race([db.destroy().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
  process.exit(1);
}

/** openReady opens the database and brings it to the latest migration, or exits through notReady. */
async function openReady(database: Config['database']): Promise<Kysely<Database>> {
  let db: Kysely<Database>;
  try {
    db = openDatabase(database);
  } catch (err) {
    return notReady(database, err);
  }
  try {
    await migrateToLatest(db);
  } catch (err) {
    return notReady(database, err, db);
  }
  return db;
}

const db = await openReady(config.database);

const setupToken = await issueSetupToken(db, new Date());
if (setupToken) {
  console.log(`\nErsteinrichtung: Öffnen Sie ${config.baseUrl}/setup?token=${setupToken}\nund legen Sie das erste Administrationskonto an.\n`);
}

// A failed mail waits for the next poll after its retry delay, so the poll is never slower than that delay.
const timing = { retryMs: config.mailRetrySeconds * 1000, claimMs: config.mailClaimSeconds * 1000 };
const mailLoop: MailLoop | undefined = config.smtpUrl
  ? startMailLoop({ db, transport: smtpTransport(config.smtpUrl), from: config.mailFrom, timing, intervalMs: Math.min(5000, timing.retryMs) })
  : undefined;
if (!mailLoop) console.log('Kein SMTP_URL gesetzt: E-Mails bleiben im Postausgang (/admin/outbox).');
const housekeeping = startHousekeeping(db, { baseUrl: config.baseUrl, actionReminderDays: config.actionReminderDays, retentionMonths: config.retentionMonths });

const app = createApp({ db, config });
let stopping = false;

/**
 * answer: the app's answer to a request; once the hub is shutting down, it also ends its connection
 * (Connection: close). A keep-alive client that sends back to back never leaves its connection idle, so
 * closing the idle connections alone went on serving it until the forced exit cut what was in flight.
 */
function answer(request: Request, env: HttpBindings | Http2Bindings) {
  const closeIfStopping = () => {
    if (stopping && !env.outgoing.headersSent) env.outgoing.setHeader('Connection', 'close');
  };
  const res = app.fetch(request, env);
  if (res instanceof Promise) return res.then((r) => (closeIfStopping(), r));
  closeIfStopping();
  return res;
}

const server = serve({ fetch: answer, port: config.port, hostname: config.host }, (info) => {
  const where = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
  console.log(`Arbeitskreis-Hub läuft auf ${config.baseUrl} (Port ${info.port}, ${where}).`);
});
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${config.port} ist schon belegt. Setzen Sie PORT auf einen freien Port.` : `Serverfehler: ${err.message}`);
  process.exit(1);
});

/** How long running requests get to finish after SIGTERM before the process exits anyway (code 1). */
const GRACE_MS = 10_000;

// Graceful shutdown: stop taking connections, close the idle ones at once, let running requests finish
// (their answers close their connections, see answer), stop the loops, close the database, exit 0.
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} empfangen, fahre herunter …`);
  const force = setTimeout(() => {
    console.error(`Herunterfahren dauert länger als ${GRACE_MS / 1000} s: beende sofort, auch laufende Anfragen.`);
    process.exit(1);
  }, GRACE_MS);
  force.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  await closed;
  await mailLoop?.stop();
  housekeeping.stop();
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
