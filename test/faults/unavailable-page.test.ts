import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { isDatabaseUnavailable } from '../../src/db/connect.js';
import { testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

// The 503 page itself, in-process: every query fails the way a vanished database makes it fail, from
// the very first request (so even the district's name, read from the database, is missing).

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

/** A database that is away: every query fails with "connection refused". */
const away: KyselyPlugin = {
  transformQuery() {
    throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
  },
  async transformResult(args) {
    return args.result;
  },
};

describe('the 503 page', () => {
  it('is German, says to try again later, and comes with Retry-After; English for English readers', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const app = createApp({ db: t.db.withPlugin(away), config: testConfig() });
      const de = await app.request('/groups');
      expect(de.status).toBe(503);
      expect(de.headers.get('retry-after')).toBe('30');
      const html = await de.text();
      expect(html).toContain('<html lang="de"');
      expect(html).toContain('<title>Vorübergehend nicht verfügbar');
      expect(html).toContain('Bitte versuchen Sie es in einigen Minuten erneut.');
      const en = await app.request('/groups', { headers: { cookie: 'lang=en' } });
      expect(en.status).toBe(503);
      expect(await en.text()).toContain('<h1>Temporarily unavailable</h1>');
      const health = await app.request('/healthz');
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'error', database: 'unreachable' });
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
        'Datenbank nicht erreichbar bei GET /groups: connect ECONNREFUSED 10.0.0.5:5432',
        'Datenbank nicht erreichbar bei GET /groups: connect ECONNREFUSED 10.0.0.5:5432',
      ]);
    } finally {
      errors.mockRestore();
    }
  });

  it('is only for an unreachable or busy database, not for mistakes in a query', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Migration fehlgeschlagen', { cause: new Error('timeout exceeded when trying to connect') }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to idle-in-transaction timeout'), { code: '25P03' }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
