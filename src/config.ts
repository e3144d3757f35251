import { z } from 'zod';

/**
 * Every setting of the hub comes from the environment and is parsed here, once.
 * The defaults need no set-up: a SQLite file under data/, port 3000, mails kept in the outbox.
 */
const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT muss eine Zahl sein' })
    .int('PORT muss eine ganze Zahl sein')
    .min(0, 'PORT muss zwischen 0 und 65535 liegen')
    .max(65535, 'PORT muss zwischen 0 und 65535 liegen')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BASE_URL: z
    .url({ protocol: /^https?$/, error: 'BASE_URL muss eine http(s)-Adresse sein, z. B. https://hub.kreis-mettmann.de' })
    .optional(),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres(ql)?:\/\/|sqlite:|file:)/.test(v) || !v.includes('://'), {
      message: 'DATABASE_URL muss mit postgres:// beginnen oder ein Dateipfad für SQLite sein',
    })
    .default('sqlite:data/hub.sqlite'),
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: 'DATABASE_POOL_SIZE muss eine Zahl sein' })
    .int()
    .min(1, 'DATABASE_POOL_SIZE muss mindestens 1 sein')
    .max(200, 'DATABASE_POOL_SIZE darf höchstens 200 sein')
    .default(10),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'DATABASE_STATEMENT_TIMEOUT_SECONDS muss eine Zahl sein' })
    .int('DATABASE_STATEMENT_TIMEOUT_SECONDS muss eine ganze Zahl sein')
    .min(1, 'DATABASE_STATEMENT_TIMEOUT_SECONDS muss mindestens 1 sein')
    .max(3600, 'DATABASE_STATEMENT_TIMEOUT_SECONDS darf höchstens 3600 sein')
    .default(30),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^/]+/.test(v), { message: 'SMTP_URL muss die Form smtp://benutzer:passwort@host:587 haben' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Arbeitskreis-Hub <no-reply@localhost>'),
  MAIL_RETRY_SECONDS: z.coerce
    .number({ error: 'MAIL_RETRY_SECONDS muss eine Zahl sein' })
    .int('MAIL_RETRY_SECONDS muss eine ganze Zahl sein')
    .min(1, 'MAIL_RETRY_SECONDS muss mindestens 1 sein')
    .max(3600, 'MAIL_RETRY_SECONDS darf höchstens 3600 sein')
    .default(60),
  MAIL_CLAIM_SECONDS: z.coerce
    .number({ error: 'MAIL_CLAIM_SECONDS muss eine Zahl sein' })
    .int('MAIL_CLAIM_SECONDS muss eine ganze Zahl sein')
    .min(2, 'MAIL_CLAIM_SECONDS muss mindestens 2 sein')
    .max(3600, 'MAIL_CLAIM_SECONDS darf höchstens 3600 sein')
    .default(300),
  ACTION_REMINDER_DAYS: z.coerce
    .number({ error: 'ACTION_REMINDER_DAYS muss eine Zahl sein' })
    .int('ACTION_REMINDER_DAYS muss eine ganze Zahl sein')
    .min(0, 'ACTION_REMINDER_DAYS darf nicht negativ sein')
    .max(60, 'ACTION_REMINDER_DAYS darf höchstens 60 sein')
    .default(3),
  RETENTION_MONTHS: z.coerce
    .number({ error: 'RETENTION_MONTHS muss eine Zahl sein' })
    .int('RETENTION_MONTHS muss eine ganze Zahl sein')
    .min(1, 'RETENTION_MONTHS muss mindestens 1 sein')
    .max(240, 'RETENTION_MONTHS darf höchstens 240 sein')
    .default(24),
  GROUP_FILE_QUOTA_MB: z.coerce
    .number({ error: 'GROUP_FILE_QUOTA_MB muss eine Zahl sein' })
    .int('GROUP_FILE_QUOTA_MB muss eine ganze Zahl sein')
    .min(1, 'GROUP_FILE_QUOTA_MB muss mindestens 1 sein')
    .max(1_000_000, 'GROUP_FILE_QUOTA_MB darf höchstens 1000000 sein')
    .default(500),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { error: 'TRUST_PROXY muss true oder false sein' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_REQUESTS: z
    .enum(['true', 'false', '1', '0'], { error: 'LOG_REQUESTS muss true oder false sein' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export interface Config {
  port: number;
  host: string;
  /** The public address of the hub, without trailing slash; used in mails and feed links. */
  baseUrl: string;
  /** True when the public address is https: cookies get the Secure flag and HSTS is sent. */
  secure: boolean;
  /**
   * PostgreSQL: `statementTimeoutSeconds` is the longest a statement may run (lock waits included) and a
   * transaction may sit idle before the server cancels it; the request then gets the 503 page.
   */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number; statementTimeoutSeconds: number };
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Wait before the first retry of a failed delivery; doubled with every further failure (at most 6 h). */
  mailRetrySeconds: number;
  /** How long a mail being sent stays reserved for one instance (renewed while the send runs). */
  mailClaimSeconds: number;
  /** Days before an action item's due date when its responsible person is reminded. */
  actionReminderDays: number;
  /** Months after a meeting when its attendance list and replies are deleted (src/privacy/retention.ts). */
  retentionMonths: number;
  /** Megabytes all documents of one group's meetings may take together (src/meetings/documents.ts). */
  groupFileQuotaMb: number;
  trustProxy: boolean;
  logRequests: boolean;
}

export class ConfigError extends Error {}

/** loadConfig parses the environment; throws ConfigError with one German line when a value is invalid. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '');
    const message = issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
    throw new ConfigError(`Konfigurationsfehler: ${message} (Wert: ${JSON.stringify(cleaned[name] ?? '')})`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    secure: baseUrl.startsWith('https://'),
    database: parseDatabaseUrl(e.DATABASE_URL, e.DATABASE_POOL_SIZE, e.DATABASE_STATEMENT_TIMEOUT_SECONDS),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailRetrySeconds: e.MAIL_RETRY_SECONDS,
    mailClaimSeconds: e.MAIL_CLAIM_SECONDS,
    actionReminderDays: e.ACTION_REMINDER_DAYS,
    retentionMonths: e.RETENTION_MONTHS,
    groupFileQuotaMb: e.GROUP_FILE_QUOTA_MB,
    trustProxy: e.TRUST_PROXY,
    logRequests: e.LOG_REQUESTS,
  };
}

function parseDatabaseUrl(url: string, poolSize: number, statementTimeoutSeconds: number): Config['database'] {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url, poolSize, statementTimeoutSeconds };
  return { kind: 'sqlite', file: url.replace(/^(sqlite|file):(\/\/)?/, '') };
}
