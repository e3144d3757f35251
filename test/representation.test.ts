import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0013 from '../migrations/0013_membership_consent.js';
import { submitEntry } from '../src/directory/entries.js';
import { createTestDatabase } from './helpers/db.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// Who represents an organisation (and so may edit its directory entry): only a confirmed choice of a
// published entry, never a typed name.
let h: TestHarness;
let sek: Browser;
let carla: Browser;
let published: number;
let pending: number;
let carlaPerson: number;
const MEMBERS = '/groups/ak-offen/members';
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  carlaPerson = (await createUser(h.db, { name: 'Carla Chair', email: 'carla@example.org' })).personId;
  sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  carla = h.browser();
  await carla.login('carla@example.org', TEST_PASSWORD);
  await sek.post('/groups', { name: 'AK Offen', slug: 'ak-offen', kind: 'external' });
  expect((await sek.post(MEMBERS, { person: 'carla@example.org', role: 'chair', starts_on: '2026-01-01' })).status).toBe(303);
  published = await addEntry(h.db, { name: 'Caritas Mettmann' });
  pending = await h.db.transaction().execute((trx) =>
    submitEntry(trx, { entry: { name: 'Verein im Entwurf', kind: 'association', city_id: null, descriptions: { de: 'x' }, languages: [], fields: [], cities: [], targets: [] }, submitter: { name: 'Sam Submitter', email: 'submitter@example.org' }, contact: { name: 'Sam Submitter', email: 'submitter@example.org', phone: '0211 123456' } }, h.clock.now()),
  );
});
afterAll(() => h.close());

async function carlaMembership() {
  return h.db.selectFrom('memberships').selectAll().where('person_id', '=', carlaPerson).where('ends_on', 'is', null).executeTakeFirstOrThrow();
}

describe('representation', () => {
  it('a chair who re-adds herself with a typed organisation represents nothing', async () => {
    const first = await carlaMembership();
    expect((await carla.post(`${MEMBERS}/${first.id}/end`, {})).status).toBe(303);
    const tomorrow = new Date(h.clock.now().getTime() + DAY).toISOString().slice(0, 10);
    const res = await carla.post(MEMBERS, { person: '', person_id: String(carlaPerson), role: 'chair', organisation: 'Caritas Mettmann', starts_on: tomorrow });
    expect(res.status).toBe(303);
    h.clock.advance(DAY);
    const m = await carlaMembership();
    expect(m.organisation_id).toBe(published);
    expect(m.representation_confirmed_at).toBeNull();
    expect((await carla.get(`/directory/${published}/edit`)).status).toBe(403);
    expect((await carla.post(`/directory/${published}/edit`, { name: 'Gekapert', kind: 'other', description_de: 'x' })).status).toBe(403);
    // The typed name of a pending submission never ties a membership to it, not even the staff's.
    await createUser(h.db, { name: 'Paul Pending', email: 'paul@example.org' });
    expect((await sek.post(MEMBERS, { person: 'paul@example.org', role: 'member', organisation: 'Verein im Entwurf', starts_on: '2026-01-01' })).status).toBe(303);
    const paul = await h.db.selectFrom('memberships').innerJoin('persons', 'persons.id', 'memberships.person_id').select('memberships.organisation_id').where('persons.email_normalized', '=', 'paul@example.org').executeTakeFirstOrThrow();
    expect(paul.organisation_id).not.toBe(pending);
    expect((await carla.get(`/directory/${pending}`)).status).toBe(404);
    expect((await carla.get(`/directory/${pending}/edit`)).status).toBe(404);
  });

  it('a pending entry is never shown to a member, even with a confirmed membership pointing at it', async () => {
    const m = await carlaMembership();
    await h.db.updateTable('memberships').set({ organisation_id: pending, representation_confirmed_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', m.id).execute();
    for (const path of [`/directory/${pending}`, `/directory/${pending}/edit`]) {
      const res = await carla.get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).not.toContain('Sam Submitter');
      expect(html).not.toContain('submitter@example.org');
      expect(html).not.toContain('0211 123456');
    }
    expect((await carla.post(`/directory/${pending}/edit`, { name: 'Gekapert', kind: 'other', description_de: 'x' })).status).toBe(404);
    await h.db.updateTable('memberships').set({ organisation_id: published, representation_confirmed_at: null }).where('id', '=', m.id).execute();
  });

  it('only the staff confirm a representation, only of a published entry, and can take it back', async () => {
    const m = await carlaMembership();
    const path = `${MEMBERS}/${m.id}/representation`;
    expect((await carla.post(path, { confirm: '1' })).status).toBe(403);
    expect((await carla.get(`/directory/${published}/edit`)).status).toBe(403);
    expect(await (await sek.get(MEMBERS)).text()).toContain('Als Vertretung bestätigen');
    expect((await sek.post(path, { confirm: '1' })).status).toBe(303);
    expect((await carla.get(`/directory/${published}/edit`)).status).toBe(200);
    expect(await (await carla.get(MEMBERS)).text()).toContain('Vertretung bestätigt');
    expect(await h.db.selectFrom('audit_log').select('action').where('action', '=', 'membership.representation_confirm').executeTakeFirst()).toBeDefined();
    expect((await sek.post(path, { confirm: '0' })).status).toBe(303);
    expect((await carla.get(`/directory/${published}/edit`)).status).toBe(403);
    // An organisation that is no directory entry cannot be represented.
    const unlisted = await addEntry(h.db, { name: 'Nur intern bekannt' }, 'unlisted');
    await h.db.updateTable('memberships').set({ organisation_id: unlisted }).where('id', '=', m.id).execute();
    const refused = await sek.post(path, { confirm: '1' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Nur eine im Verzeichnis veröffentlichte Organisation kann vertreten werden.');
    expect((await h.db.selectFrom('memberships').select('representation_confirmed_at').where('id', '=', m.id).executeTakeFirstOrThrow()).representation_confirmed_at).toBeNull();
    expect((await sek.post(`${MEMBERS}/999999/representation`, { confirm: '1' })).status).toBe(404);
    expect((await sek.post(path, { confirm: 'ja' })).status).toBe(400);
  });
});

describe('migration 0013 on existing memberships', () => {
  it('keeps what the staff set up and takes back what managers did on their own', async () => {
    const t = await createTestDatabase();
    try {
      const db = t.db;
      await m0013.down(db as never);
      const at = '2026-01-01T00:00:00.000Z';
      const staff = await createUser(db, { name: 'Sina', email: 'sina@example.org', role: 'secretariat' });
      const chair = await createUser(db, { name: 'Carla', email: 'carla@example.org' });
      const victim = await createUser(db, { name: 'Vera', email: 'vera@example.org' });
      const org = await addEntry(db, { name: 'Caritas' });
      const draft = await addEntry(db, { name: 'Entwurf' }, 'pending');
      const group = await db.insertInto('groups').values({ name: 'AK', slug: 'ak', kind: 'external', description: '', colour: '#000000', dates_public: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      const add = async (personId: number, organisationId: number, actorUserId: number | null) => {
        const row = await db.insertInto('memberships').values({ group_id: group.id, person_id: personId, role: 'member', organisation_id: organisationId, starts_on: '2026-01-01', created_at: at, updated_at: at } as never).returning('id').executeTakeFirstOrThrow();
        if (actorUserId !== null) await db.insertInto('audit_log').values({ at, actor_user_id: actorUserId, action: 'membership.create', entity_type: 'membership', entity_id: String(row.id), before_json: null, after_json: null }).execute();
        return row.id;
      };
      const byStaff = await add(chair.personId, org, staff.userId);
      const byChair = await add(victim.personId, org, chair.userId);
      const seeded = await add(staff.personId, org, null);
      const pending = await add(chair.personId, draft, staff.userId);
      await m0013.up(db as never);
      const rows = await db.selectFrom('memberships').select(['id', 'contact_shared', 'representation_confirmed_at']).orderBy('id').execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(byStaff)).toMatchObject({ contact_shared: 1, representation_confirmed_at: at });
      expect(byId.get(byChair)).toMatchObject({ contact_shared: 0, representation_confirmed_at: null });
      expect(byId.get(seeded)).toMatchObject({ contact_shared: 1, representation_confirmed_at: at });
      expect(byId.get(pending)).toMatchObject({ contact_shared: 1, representation_confirmed_at: null });
    } finally {
      await t.destroy();
    }
  });
});
