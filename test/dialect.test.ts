import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOf, isUniqueViolation } from '../src/db/dialect.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

describe('dialect module', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it('runs on the database the suite was asked for (no silent fallback to SQLite)', () => {
    const expected = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
    expect(dialectOf(t.db)).toBe(expected);
    expect(t.dialect).toBe(expected);
  });

  it('recognises a unique violation on either database', async () => {
    const at = new Date().toISOString();
    const person = { name: 'Doppelt', name_folded: 'doppelt', email: 'd@example.org', email_normalized: 'd@example.org', created_at: at, updated_at: at };
    await t.db.insertInto('persons').values(person).execute();
    const error = await t.db.insertInto('persons').values(person).execute().catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });
});
