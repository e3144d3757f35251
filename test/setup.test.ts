import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../src/setup/setup.js';
import { createHarness, type TestHarness } from './helpers/app.js';

describe('first start: /setup', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('works once with the printed token, then never again', async () => {
    const token = (await issueSetupToken(h.db, h.clock.now()))!;
    expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);

    expect((await h.browser().get('/setup')).status).toBe(403);
    const forged = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    expect((await h.browser().get(`/setup?token=${forged}`)).status).toBe(403);

    const b = h.browser();
    const page = await b.get(`/setup?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ersteinrichtung');

    const bad = await b.post(`/setup?token=${token}`, { name: '', email: 'x', password: 'kurz', password_confirm: 'kurz' });
    expect(bad.status).toBe(422);
    expect(await h.db.selectFrom('users').select('id').execute()).toHaveLength(0);

    const ok = await b.post(`/setup?token=${token}`, {
      name: 'Jürgen Weiß',
      email: 'Juergen.Weiss@kreis-mettmann.de',
      password: 'ein-sicheres-passwort',
      password_confirm: 'ein-sicheres-passwort',
    });
    expect(ok.status).toBe(303);
    const home = await (await b.get('/')).text();
    expect(home).toContain('Angemeldet als Jürgen Weiß');
    expect(home).toContain('Das Administrationskonto ist angelegt.');

    const users = await h.db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select(['role', 'email_normalized']).execute();
    expect(users).toEqual([{ role: 'admin', email_normalized: 'juergen.weiss@kreis-mettmann.de' }]);
    const audit = await h.db.selectFrom('audit_log').select(['action', 'actor_user_id']).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'setup.first_admin' })]);

    // Setup is over: the same token, a new token, any visitor → 404.
    expect((await h.browser().get(`/setup?token=${token}`)).status).toBe(404);
    const replay = await h.browser().post(`/setup?token=${token}`, { name: 'X', email: 'x@example.org', password: 'ein-sicheres-passwort', password_confirm: 'ein-sicheres-passwort' });
    expect(replay.status).toBe(404);
    expect(await issueSetupToken(h.db, h.clock.now())).toBeNull();
    expect(await h.db.selectFrom('users').select('id').execute()).toHaveLength(1);
  });
});
