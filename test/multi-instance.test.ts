import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { feedMemoFor } from '../src/calendar/feed-memo.js';
import { feedsVersion } from '../src/calendar/feeds-version.js';
import { today } from '../src/lib/berlin-time.js';
import { enqueueMail } from '../src/mail/outbox.js';
import { startMailLoop, type Transport } from '../src/mail/sender.js';
import { Browser, createUser, ORIGIN, TEST_PASSWORD, testConfig, type TestHarness } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { seedFigures } from './helpers/statistics.js';

// Two app instances on one database, each with its own connection pool, as behind a load balancer.
// With TEST_DATABASE_URL this is PostgreSQL; otherwise two connections to one SQLite file.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ shareable: true });
  await createUser(t.db, { name: 'Anna Schulz', email: 'anna@example.org' });
  await createUser(t.db, { name: 'Ada Admin', email: 'ada@example.org', role: 'admin' });
});
afterAll(() => t.destroy());

function post(app: ReturnType<typeof createApp>, path: string, form: Record<string, string>, cookie = '') {
  return app.request(path, {
    method: 'POST',
    body: new URLSearchParams(form).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, cookie },
  });
}

describe('two app instances on one database', () => {
  it('share sessions and login throttling', async () => {
    const a = createApp({ db: t.openAnother(), config: testConfig() });
    const b = createApp({ db: t.openAnother(), config: testConfig() });
    const login = await post(a, '/login', { email: 'anna@example.org', password: TEST_PASSWORD });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('hub_session='))!.split(';')[0]!;
    expect(await (await b.request('/', { headers: { cookie } })).text()).toContain('Angemeldet als Anna Schulz');
    await post(b, '/logout', {}, cookie);
    expect(await (await a.request('/', { headers: { cookie } })).text()).not.toContain('Angemeldet als');

    for (let i = 0; i < 5; i++) await post(i % 2 ? a : b, '/login', { email: 'anna@example.org', password: 'falsch-falsch' });
    expect((await post(a, '/login', { email: 'anna@example.org', password: TEST_PASSWORD })).status).toBe(429);
    expect((await post(b, '/login', { email: 'anna@example.org', password: TEST_PASSWORD })).status).toBe(429);
  });

  it('send every outbox mail exactly once while both mail loops run', async () => {
    const total = 40;
    for (let i = 0; i < total; i++) await enqueueMail(t.db, { to: `m${i}@example.org`, subject: `Mail ${i}`, text: 'x' }, new Date());
    const deliveries: { to: string; by: string }[] = [];
    const transport = (by: string): Transport => ({
      async sendMail(message) {
        // A slow SMTP server makes the two instances overlap.
        await new Promise((r) => setTimeout(r, 2));
        deliveries.push({ to: message.to, by });
      },
    });
    const loops = [
      startMailLoop({ db: t.openAnother(), transport: transport('a'), from: 'hub@example.org', intervalMs: 10 }),
      startMailLoop({ db: t.openAnother(), transport: transport('b'), from: 'hub@example.org', intervalMs: 10 }),
    ];
    for (let i = 0; i < 500 && deliveries.length < total; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all(loops.map((l) => l.stop()));

    expect(deliveries).toHaveLength(total);
    expect(new Set(deliveries.map((d) => d.to)).size).toBe(total);
    expect(new Set(deliveries.map((d) => d.by))).toEqual(new Set(['a', 'b']));
    const statuses = await t.db.selectFrom('outbox').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'sent' }]);
  });

  it('show a settings change made on one instance on the next page of the other', async () => {
    const a = createApp({ db: t.openAnother(), config: testConfig() });
    const b = createApp({ db: t.openAnother(), config: testConfig() });
    const admin = new Browser({ app: a } as TestHarness);
    await admin.login('ada@example.org', TEST_PASSWORD);
    const visitor = new Browser({ app: b } as TestHarness);
    // Both instances have shown the old name (and kept whatever they keep) before the change.
    expect(await (await visitor.get('/')).text()).toContain('Sachgebiet Integration');
    expect(await (await admin.get('/')).text()).toContain('Sachgebiet Integration');

    const saved = await admin.post('/admin/settings', { office_name: 'Integrationsbüro Nord', postal_address: 'Nordstraße 1\n40822 Mettmann' });
    expect(saved.status).toBe(303);
    const home = await (await visitor.get('/')).text();
    expect(home).toContain('Integrationsbüro Nord');
    expect(home).not.toContain('Sachgebiet Integration');
    expect(await (await visitor.get('/impressum')).text()).toContain('Nordstraße 1');

    // A renamed field of action, too: the lists are read from the database on every page.
    const field = await t.db.selectFrom('fields_of_action').select(['id', 'name']).orderBy('position').executeTakeFirstOrThrow();
    expect(await (await visitor.get('/directory')).text()).toContain(field.name);
    const renamed = await admin.post(`/admin/lists/fields/${field.id}`, { name_de: 'Sprache und Verständigung', position: '1' });
    expect(renamed.status).toBe(303);
    expect(await (await visitor.get('/directory')).text()).toContain('Sprache und Verständigung');
  });

  it('show a figure changed on one instance at once on the other, though each keeps the figures in memory', async () => {
    const a = t.openAnother();
    const b = createApp({ db: t.openAnother(), config: testConfig() });
    const { cities, indicators } = await seedFigures(a, [2024]);
    const erkrath = cities.find((c) => c.slug === 'erkrath')!;
    const rows = async () => await (await b.request('/statistics?indicator=population_total')).text();
    expect(await rows()).toContain('20.000');
    // Twice: the second answer comes from the kept figures.
    expect(await rows()).toContain('20.000');
    await a.updateTable('statistic_values').set({ value: 20001 }).where('indicator_id', '=', indicators.get('population_total')!).where('city_id', '=', erkrath.id).where('year', '=', 2024).execute();
    const after = await rows();
    expect(after).toContain('20.001');
    expect(after).not.toContain('>20.000<');
  });

  it('answer a feed poll from memory, and the poll after a change on the other instance with the new feed, never a stale 304', async () => {
    const dbA = t.openAnother();
    const dbB = t.openAnother();
    const a = createApp({ db: dbA, config: testConfig() });
    const b = createApp({ db: dbB, config: testConfig() });
    const sek = new Browser({ app: a } as TestHarness);
    await sek.login('ada@example.org', TEST_PASSWORD);
    await sek.post('/groups', { name: 'AK Feeds', slug: 'ak-feeds', kind: 'internal' });
    // Anna's logins are throttled by the first test: an organiser of her own.
    await createUser(t.db, { name: 'Olga Organisatorin', email: 'olga@example.org' });
    await sek.post('/groups/ak-feeds/members', { person: 'olga@example.org', role: 'organiser', starts_on: '2026-01-01' });
    const olga = new Browser({ app: a } as TestHarness);
    await olga.login('olga@example.org', TEST_PASSWORD);
    const day = new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const created = await olga.post('/groups/ak-feeds/meetings', { title: 'Sitzung vorher', day, start_time: '19:00', end_time: '21:00', location: 'Kreishaus' });
    const meetingId = Number(created.headers.get('location')!.split('/').pop());
    const page = await (await olga.post('/calendar/feeds', { name: 'Handy', scope: 'person' })).text();
    const path = /http:\/\/localhost(\/feeds\/[a-z2-7]{52}\.ics)/.exec(page)![1]!;
    const first = await b.request(path);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Sitzung vorher');
    const etag = first.headers.get('ETag')!;
    expect((await b.request(path, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    // B answers from memory now: the memo holds the feed under the version both instances read.
    const version = await feedsVersion(dbB);
    expect(version).not.toBeNull();
    expect(feedMemoFor(dbB).get(path.slice('/feeds/'.length), today(new Date()), version!)).toBeDefined();
    expect((await b.request(path, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    const edit = await olga.post(`/meetings/${meetingId}/edit`, { title: 'Sitzung nachher', day, start_time: '18:00', end_time: '20:00', location: 'Kreishaus' });
    expect(edit.status).toBe(303);
    const after = await b.request(path, { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    const text = await after.text();
    expect(text).toContain('Sitzung nachher');
    expect(text).not.toContain('Sitzung vorher');
    // An agenda item added on A: only the event's description changes, and B's next poll has it.
    expect((await olga.post(`/meetings/${meetingId}/agenda`, { title: 'Neuer Punkt: Übergänge' })).status).toBe(303);
    const added = await b.request(path, { headers: { 'If-None-Match': after.headers.get('ETag')! } });
    expect(added.status).toBe(200);
    expect((await added.text()).replace(/\r\n[ \t]/g, '')).toContain('Neuer Punkt: Übergänge');
  });
});
