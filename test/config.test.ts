import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('needs no settings: port 3000, SQLite under data/, mails kept in the outbox', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({ kind: 'sqlite', file: 'data/hub.sqlite' });
    expect(config.smtpUrl).toBeUndefined();
    expect(config.secure).toBe(false);
    expect(config.trustProxy).toBe(false);
  });

  it('reads PostgreSQL, https and proxy settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://hub:pw@db:5432/hub',
      DATABASE_POOL_SIZE: '25',
      BASE_URL: 'https://hub.kreis-mettmann.de/',
      TRUST_PROXY: 'true',
      SMTP_URL: 'smtp://user:pw@mail.example.org:587',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://hub:pw@db:5432/hub', poolSize: 25, statementTimeoutSeconds: 30 });
    expect(config.baseUrl).toBe('https://hub.kreis-mettmann.de');
    expect(config.secure).toBe(true);
    expect(config.trustProxy).toBe(true);
    expect(config.smtpUrl).toBe('smtp://user:pw@mail.example.org:587');
  });

  it('keeps attendance lists and replies 24 months unless RETENTION_MONTHS says otherwise', () => {
    expect(loadConfig({}).retentionMonths).toBe(24);
    expect(loadConfig({ RETENTION_MONTHS: '36' }).retentionMonths).toBe(36);
  });

  it('gives a PostgreSQL statement 30 seconds unless DATABASE_STATEMENT_TIMEOUT_SECONDS says otherwise', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/hub', DATABASE_STATEMENT_TIMEOUT_SECONDS: '5' }).database).toMatchObject({ statementTimeoutSeconds: 5 });
  });

  it('treats a plain path as a SQLite file', () => {
    expect(loadConfig({ DATABASE_URL: '/var/lib/hub/hub.sqlite' }).database).toEqual({ kind: 'sqlite', file: '/var/lib/hub/hub.sqlite' });
  });

  it.each([
    ['PORT', 'abc', /PORT/],
    ['PORT', '70000', /PORT muss zwischen 0 und 65535/],
    ['BASE_URL', 'ftp://x', /BASE_URL muss eine http\(s\)-Adresse/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL muss mit postgres:\/\//],
    ['SMTP_URL', 'mail.example.org', /SMTP_URL muss die Form/],
    ['TRUST_PROXY', 'vielleicht', /TRUST_PROXY muss true oder false/],
    ['RETENTION_MONTHS', 'zwei Jahre', /RETENTION_MONTHS muss eine Zahl sein/],
    ['RETENTION_MONTHS', '0', /RETENTION_MONTHS muss mindestens 1 sein/],
    ['RETENTION_MONTHS', '1.5', /RETENTION_MONTHS muss eine ganze Zahl sein/],
    ['RETENTION_MONTHS', '241', /RETENTION_MONTHS darf höchstens 240 sein/],
    ['DATABASE_STATEMENT_TIMEOUT_SECONDS', '0', /DATABASE_STATEMENT_TIMEOUT_SECONDS muss mindestens 1 sein/],
    ['DATABASE_STATEMENT_TIMEOUT_SECONDS', 'lang', /DATABASE_STATEMENT_TIMEOUT_SECONDS muss eine Zahl sein/],
  ])('refuses %s=%s with one German line', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    expect(text).toMatch(/^Konfigurationsfehler: /);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
