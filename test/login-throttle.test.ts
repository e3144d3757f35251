import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { LOGIN_RULES, loginThrottleKeys } from '../src/auth/login.js';
import { RESET_RULES } from '../src/auth/password-reset.js';
import { Browser, createHarness, createUser, linkFrom, TEST_PASSWORD, testConfig, type TestHarness } from './helpers/app.js';

/**
 * The throttles stop the guessing client, not the account: wrong passwords or reset requests from
 * somewhere else never keep the real person out (issue: six wrong passwords from anywhere locked the
 * account for 15 minutes, three reset requests blocked resets for an hour).
 */
let h: TestHarness;
let proxied: TestHarness;
beforeAll(async () => {
  h = await createHarness();
  // Behind a trusted proxy, the client is the last X-Forwarded-For entry: one app, many clients.
  proxied = { ...h, app: createApp({ db: h.db, config: testConfig({ TRUST_PROXY: 'true' }), now: h.clock.now }) };
  await createUser(h.db, { name: 'Anna Schulz', email: 'anna@example.org', role: 'member' });
  await createUser(h.db, { name: 'Ben Berg', email: 'ben@example.org', role: 'member' });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.deleteFrom('throttle').execute();
  await h.db.deleteFrom('outbox').execute();
  await h.db.deleteFrom('auth_tokens').execute();
});

/** A browser at one client address. */
function client(ip: string) {
  const b = new Browser(proxied);
  return {
    b,
    login: (email: string, password: string) => b.post('/login', { email, password }, { 'X-Forwarded-For': ip }),
    reset: (email: string) => b.post('/password/reset', { email }, { 'X-Forwarded-For': ip }),
    get: (path: string) => b.get(path, { 'X-Forwarded-For': ip }),
    post: (path: string, form: Record<string, string>) => b.post(path, form, { 'X-Forwarded-For': ip }),
  };
}

async function setHits(key: string, hits: number) {
  await h.db.deleteFrom('throttle').where('key', '=', key).execute();
  await h.db.insertInto('throttle').values({ key, hits, window_started_at: h.clock.now().toISOString() }).execute();
}

describe('sign-in throttle', () => {
  it('six wrong passwords from one client lock that client out, not the real person at another', async () => {
    const guesser = client('198.51.100.66');
    for (let i = 0; i < 6; i++) expect((await guesser.login('anna@example.org', 'falsch-falsch')).status).not.toBe(303);
    const blocked = await guesser.login('anna@example.org', TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect(await blocked.text()).toContain('Zu viele Anmeldeversuche');
    // The real person, at her own computer, signs in at once.
    const anna = client('203.0.113.10');
    expect((await anna.login('anna@example.org', TEST_PASSWORD)).status).toBe(303);
    expect(await (await anna.get('/')).text()).toContain('Angemeldet als Anna Schulz');
  });

  it('a client trying many addresses is stopped across all of them', async () => {
    const sprayer = client('198.51.100.77');
    for (let i = 0; i < LOGIN_RULES.ip.limit; i++) expect((await sprayer.login(`person${i}@example.org`, 'falsch-falsch')).status).toBe(422);
    expect((await sprayer.login('ben@example.org', TEST_PASSWORD)).status).toBe(429);
    expect((await client('203.0.113.11').login('ben@example.org', TEST_PASSWORD)).status).toBe(303);
  });

  it('successes do not use up the client count of an office behind one address', async () => {
    const office = client('203.0.113.12');
    for (let i = 0; i < LOGIN_RULES.ip.limit + 5; i++) expect((await office.login(i % 2 ? 'anna@example.org' : 'ben@example.org', TEST_PASSWORD)).status).toBe(303);
    const row = await h.db.selectFrom('throttle').select('hits').where('key', '=', 'login:ip:203.0.113.12').executeTakeFirst();
    expect(row?.hits ?? 0).toBe(0);
  });

  it('over the account-wide ceiling (guessing from many addresses) a client without failures still gets in; a failing one does not', async () => {
    const keys = loginThrottleKeys('anna@example.org', '198.51.100.5');
    await setHits(keys.email, LOGIN_RULES.email.limit);
    // A client that has failed at this account is refused, even with the right password.
    await setHits(keys.emailIp, 1);
    expect((await client('198.51.100.5').login('anna@example.org', TEST_PASSWORD)).status).toBe(429);
    // A fresh client gets one check: the right password signs in…
    expect((await client('203.0.113.13').login('anna@example.org', TEST_PASSWORD)).status).toBe(303);
    // …and a wrong one is its last guess for the window.
    const fresh = client('198.51.100.6');
    expect((await fresh.login('anna@example.org', 'falsch-falsch')).status).toBe(422);
    expect((await fresh.login('anna@example.org', TEST_PASSWORD)).status).toBe(429);
  });

  it('counts in the database, so another instance sees the same counts', async () => {
    const other = createApp({ db: h.db, config: testConfig({ TRUST_PROXY: 'true' }), now: h.clock.now });
    const guesser = client('198.51.100.8');
    for (let i = 0; i < 5; i++) await guesser.login('ben@example.org', 'falsch-falsch');
    const res = await other.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ email: 'ben@example.org', password: TEST_PASSWORD }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', 'X-Forwarded-For': '198.51.100.8' },
    });
    expect(res.status).toBe(429);
  });
});

describe('reset request throttle', () => {
  it('requests on somebody else\'s behalf neither block their reset nor end the links they already have', async () => {
    const stranger = client('198.51.100.20');
    for (let i = 0; i < RESET_RULES.email.limit; i++) expect((await stranger.reset('anna@example.org')).status).toBe(303);
    const mails = await h.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'anna@example.org').orderBy('id').execute();
    expect(mails).toHaveLength(RESET_RULES.email.limit);

    // Anna asks too, from her own computer: no further mail, a clear answer, not an error.
    const anna = client('203.0.113.20');
    const res = await anna.reset('anna@example.org');
    expect(res.status).toBe(303);
    const page = await anna.get('/password/reset');
    expect(await page.text()).toContain('Bitte verwenden Sie den Link aus einer dieser E-Mails');
    expect(await h.db.selectFrom('outbox').select('id').execute()).toHaveLength(RESET_RULES.email.limit);

    // The first link delivered still works (a later request did not end it).
    const first = linkFrom(mails[0]!.body_text);
    expect((await anna.get(first)).status).toBe(200);
    expect((await anna.post(first, { password: 'annas-neues-passwort', password_confirm: 'annas-neues-passwort' })).status).toBe(303);
    // Using it ends the other links.
    for (const mail of mails.slice(1)) expect((await anna.get(linkFrom(mail.body_text))).status).toBe(410);
    expect((await client('203.0.113.21').login('anna@example.org', 'annas-neues-passwort')).status).toBe(303);
  });

  it('answers the same for an unknown address at its limit, revealing nothing', async () => {
    const stranger = client('198.51.100.21');
    for (let i = 0; i < RESET_RULES.email.limit; i++) expect((await stranger.reset('niemand@example.org')).status).toBe(303);
    expect((await stranger.reset('niemand@example.org')).status).toBe(303);
    expect(await (await stranger.get('/password/reset')).text()).toContain('Bitte verwenden Sie den Link aus einer dieser E-Mails');
    expect(await h.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('the client that asks too often is refused with 429', async () => {
    const stranger = client('198.51.100.22');
    for (let i = 0; i < RESET_RULES.ip.limit; i++) expect((await stranger.reset(`p${i}@example.org`)).status).toBe(303);
    const blocked = await stranger.reset('ben@example.org');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Zu viele Anfragen');
    expect((await client('203.0.113.22').reset('ben@example.org')).status).toBe(303);
    expect(await h.db.selectFrom('outbox').select('id').where('to_address', '=', 'ben@example.org').execute()).toHaveLength(1);
  });
});
