import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/db/connect.js';
import { isConflict, retryConflicts } from '../src/db/retry.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

// Deadlocks and serialization failures are run again, never a 500 (issue #21, src/db/retry.ts).

const conflict = (code: string) => Object.assign(new Error(`conflict ${code}`), { code });

describe('retryConflicts', () => {
  const noPause = () => 0;

  it('runs a transaction again after a deadlock or a serialization failure, until it succeeds', async () => {
    for (const code of ['40P01', '40001']) {
      let calls = 0;
      const result = await retryConflicts(async () => {
        calls += 1;
        if (calls < 3) throw conflict(code);
        return 'done';
      }, noPause);
      expect(result).toBe('done');
      expect(calls).toBe(3);
    }
  });

  it('gives up after four attempts and lets the conflict through (the 503 page, not a 500)', async () => {
    let calls = 0;
    await expect(
      retryConflicts(async () => {
        calls += 1;
        throw conflict('40P01');
      }, noPause),
    ).rejects.toThrow('conflict 40P01');
    expect(calls).toBe(4);
    expect(isDatabaseUnavailable(conflict('40P01'))).toBe(true);
    expect(isDatabaseUnavailable(conflict('40001'))).toBe(true);
  });

  it('never runs again after any other error (a broken query, a unique violation)', async () => {
    for (const err of [conflict('23505'), new Error('syntax'), conflict('42P01')]) {
      let calls = 0;
      await expect(
        retryConflicts(async () => {
          calls += 1;
          throw err;
        }, noPause),
      ).rejects.toBe(err);
      expect(calls).toBe(1);
    }
  });

  it('finds the conflict also as the cause of another error', () => {
    expect(isConflict(new Error('wrapped', { cause: conflict('40001') }))).toBe(true);
    expect(isConflict(new Error('plain'))).toBe(false);
  });
});

describe('two transactions that take the same rows in opposite order', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.insertInto('settings').values([{ key: 'retry_a', value: '0' }, { key: 'retry_b', value: '0' }]).execute();
  });
  afterAll(() => t.destroy());

  // On PostgreSQL the two deadlock: the server ends one of them (40P01), which is run again and then
  // commits. SQLite runs one writing transaction at a time, so there they simply follow each other.
  it('both commit, each exactly once', async () => {
    const { db } = t;
    let firstHolds: () => void = () => undefined;
    let secondHolds: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (firstHolds = resolve));
    const second = new Promise<void>((resolve) => (secondHolds = resolve));
    // Wait for the other to hold its row, but not for ever: on SQLite the other cannot start before this one ends.
    const until = (p: Promise<void>) => Promise.race([p, sleep(300)]);
    let runs = 0;
    const take = (own: string, other: string, holds: () => void, otherHolds: Promise<void>) =>
      db.transaction().execute(async (trx) => {
        runs += 1;
        await trx.updateTable('settings').set({ value: sql<string>`value || '+'` }).where('key', '=', own).execute();
        holds();
        await until(otherHolds);
        await trx.updateTable('settings').set({ value: sql<string>`value || '+'` }).where('key', '=', other).execute();
      });
    await Promise.all([take('retry_a', 'retry_b', firstHolds, second), take('retry_b', 'retry_a', secondHolds, first)]);
    const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['retry_a', 'retry_b']).orderBy('key').execute();
    // Each transaction added one "+" to each row, once: a retried attempt left nothing behind.
    expect(rows).toEqual([
      { key: 'retry_a', value: '0++' },
      { key: 'retry_b', value: '0++' },
    ]);
    expect(runs).toBeGreaterThanOrEqual(2);
    if (t.dialect === 'postgres') expect(runs).toBe(3);
  });
});
