import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit/audit.js';
import { createHarness, createUser, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

let h: TestHarness;
beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org', role: 'member' });
});
afterAll(() => h.close());

async function as(email: string) {
  const b = h.browser();
  await b.login(email, TEST_PASSWORD);
  return b;
}

describe('who may use the administration', () => {
  const cases: [string, string | null, number][] = [
    ['/admin', null, 303],
    ['/admin', 'mia@example.org', 403],
    ['/admin', 'sek@example.org', 200],
    ['/admin', 'admin@example.org', 200],
    ['/admin/users', null, 303],
    ['/admin/users', 'mia@example.org', 403],
    ['/admin/users', 'sek@example.org', 403],
    ['/admin/users', 'admin@example.org', 200],
    ['/admin/outbox', 'mia@example.org', 403],
    ['/admin/outbox', 'sek@example.org', 403],
    ['/admin/outbox', 'admin@example.org', 200],
    ['/admin/audit', null, 303],
    ['/admin/audit', 'mia@example.org', 403],
    ['/admin/audit', 'sek@example.org', 403],
    ['/admin/audit', 'admin@example.org', 200],
  ];
  it.each(cases)('GET %s as %s → %i', async (path, who, status) => {
    const b = who ? await as(who) : h.browser();
    const res = await b.get(path);
    expect(res.status).toBe(status);
    if (status === 303) expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    if (status === 403) expect(await res.text()).toContain('Kein Zugriff');
  });

  it('the navigation shows "Verwaltung" only to those who may use it', async () => {
    expect(await (await (await as('mia@example.org')).get('/')).text()).not.toContain('href="/admin"');
    expect(await (await (await as('sek@example.org')).get('/')).text()).toContain('href="/admin"');
  });
});

describe('audit helper', () => {
  it('writes nothing when the change it belongs to is rolled back', async () => {
    const before = (await h.db.selectFrom('audit_log').select('id').execute()).length;
    await expect(
      h.db.transaction().execute(async (trx) => {
        await audit(trx, { actorUserId: null, action: 'test.rollback', entityType: 'test', entityId: 1, before: { a: 1 }, after: { a: 2 } }, new Date());
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await h.db.selectFrom('audit_log').select('id').execute()).toHaveLength(before);
    await audit(h.db, { actorUserId: null, action: 'test.commit', entityType: 'test', entityId: 1, before: { a: 1 }, after: { a: 2 } }, new Date());
    const row = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'test.commit').executeTakeFirstOrThrow();
    expect(JSON.parse(row.before_json!)).toEqual({ a: 1 });
    expect(JSON.parse(row.after_json!)).toEqual({ a: 2 });
  });
});
