import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, secretMatches, splitToken } from '../src/auth/secrets.js';
import {
  SESSION_INACTIVITY_MS,
  SESSION_RENEW_AFTER_MS,
  createSession,
  deleteExpiredSessions,
  invalidateUserSessions,
  validateSessionToken,
} from '../src/auth/sessions.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { createUser } from './helpers/app.js';

describe('sessions (Lucia design)', () => {
  let t: TestDatabase;
  let userId: number;
  const start = new Date('2026-11-25T09:00:00.000Z');
  const later = (ms: number) => new Date(start.getTime() + ms);

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ userId } = await createUser(t.db, { name: 'Anna Schulz', email: 'anna@example.org', role: 'secretariat' }));
  });
  afterAll(() => t.destroy());

  it('issue "<id>.<secret>" tokens and store only the SHA-256 of the secret', async () => {
    const token = await createSession(t.db, userId, start);
    const parts = splitToken(token)!;
    expect(parts).not.toBeNull();
    const row = await t.db.selectFrom('sessions').selectAll().where('id', '=', parts.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(hashSecret(parts.secret));
    expect(row.secret_hash).not.toContain(parts.secret);
    const valid = await validateSessionToken(t.db, token, start);
    expect(valid?.user).toMatchObject({ id: userId, name: 'Anna Schulz', email: 'anna@example.org', role: 'secretariat' });
  });

  it('refuse a token whose secret is wrong or malformed', async () => {
    const token = await createSession(t.db, userId, start);
    const [id] = token.split('.');
    expect(await validateSessionToken(t.db, `${id}.${'a'.repeat(24)}`, start)).toBeNull();
    expect(await validateSessionToken(t.db, 'nonsense', start)).toBeNull();
    expect(await validateSessionToken(t.db, `${token}x`, start)).toBeNull();
    expect(secretMatches('x', 'ab')).toBe(false);
  });

  it('renew at most hourly while used and end after 10 days without use', async () => {
    const token = await createSession(t.db, userId, start);
    expect((await validateSessionToken(t.db, token, later(SESSION_RENEW_AFTER_MS - 1)))?.renewed).toBe(false);
    expect((await validateSessionToken(t.db, token, later(SESSION_RENEW_AFTER_MS)))?.renewed).toBe(true);
    // Renewed at +1h, so it is still alive 10 days after the start …
    const renewedAt = SESSION_RENEW_AFTER_MS;
    expect(await validateSessionToken(t.db, token, later(renewedAt + SESSION_INACTIVITY_MS - 1))).not.toBeNull();
    // … which renewed it again; 10 days of silence after that end it, and the row is gone.
    const lastUse = renewedAt + SESSION_INACTIVITY_MS - 1;
    expect(await validateSessionToken(t.db, token, later(lastUse + SESSION_INACTIVITY_MS))).toBeNull();
    const id = token.split('.')[0]!;
    expect(await t.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });

  it('end every session of a user at once', async () => {
    const a = await createSession(t.db, userId, start);
    const b = await createSession(t.db, userId, start);
    await invalidateUserSessions(t.db, userId);
    expect(await validateSessionToken(t.db, a, start)).toBeNull();
    expect(await validateSessionToken(t.db, b, start)).toBeNull();
  });

  it('are not valid for a deactivated account', async () => {
    const token = await createSession(t.db, userId, start);
    await t.db.updateTable('users').set({ active: 0 }).where('id', '=', userId).execute();
    expect(await validateSessionToken(t.db, token, start)).toBeNull();
    await t.db.updateTable('users').set({ active: 1 }).where('id', '=', userId).execute();
  });

  it('are cleaned up by housekeeping once expired', async () => {
    await createSession(t.db, userId, start);
    const deleted = await deleteExpiredSessions(t.db, later(SESSION_INACTIVITY_MS + 1));
    expect(deleted).toBeGreaterThan(0);
    const left = await t.db.selectFrom('sessions').select('id').execute();
    expect(left).toHaveLength(0);
  });
});
