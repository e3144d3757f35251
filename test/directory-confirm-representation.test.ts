import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueConfirmations } from '../src/directory/confirmation.js';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';
import { addGroup } from './privacy-fixtures.js';

// An organisation confirms or rejects, through its yearly confirmation link, the memberships that claim
// to represent it; only a confirmed representation lets the member edit the entry.
let h: TestHarness;
let org: number;
let otherOrg: number;
let link: string;
let rosa: { personId: number; userId: number };
let mem = { rosa: 0, tim: 0, elsewhere: 0, ended: 0 };

const membership = (id: number) => h.db.selectFrom('memberships').select(['organisation_id', 'representation_confirmed_at']).where('id', '=', id).executeTakeFirstOrThrow();
const audits = (id: number) => h.db.selectFrom('audit_log').select(['actor_user_id', 'action', 'after_json']).where('entity_type', '=', 'membership').where('entity_id', '=', String(id)).execute();

async function claim(groupId: number, personId: number, organisationId: number, endsOn: string | null = null): Promise<number> {
  const at = '2026-01-01T00:00:00.000Z';
  const row = await h.db
    .insertInto('memberships')
    .values({ group_id: groupId, person_id: personId, role: 'member', organisation_id: organisationId, starts_on: '2026-01-01', ends_on: endsOn, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  h = await createHarness();
  org = await addEntry(h.db, { name: 'Nachbarschaftsverein Linde', email: 'linde@example.org' });
  otherOrg = await addEntry(h.db, { name: 'Anderer Verein', email: 'anders@example.org' });
  await h.db.updateTable('organisations').set({ last_confirmed_at: '2025-01-01T00:00:00.000Z' }).where('id', '=', org).execute();
  const extern = await addGroup(h.db, 'extern');
  const intern = await addGroup(h.db, 'intern');
  rosa = await createUser(h.db, { name: 'Rosa Rot', email: 'rosa@example.org' });
  const tim = await createUser(h.db, { name: 'Tim Trittbrett', email: 'tim@example.org' });
  const ole = await createUser(h.db, { name: 'Ole Anders', email: 'ole@example.org' });
  const ute = await createUser(h.db, { name: 'Ute Ehemals', email: 'ute@example.org' });
  mem = {
    rosa: await claim(extern, rosa.personId, org),
    tim: await claim(intern, tim.personId, org),
    elsewhere: await claim(extern, ole.personId, otherOrg),
    ended: await claim(intern, ute.personId, org, '2026-06-30'),
  };
  await sendDueConfirmations(h.db, h.clock.now(), 'http://localhost');
  const mail = await h.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'linde@example.org').executeTakeFirstOrThrow();
  link = linkFrom(mail.body_text);
});
afterAll(() => h.close());

describe('representation confirmed through the organisation’s confirmation link', () => {
  it('the link’s page lists the current claims with name, group and state; opening it changes nothing', async () => {
    const html = await (await h.browser().get(link)).text();
    const section = html.slice(html.indexOf('id="representations"'), html.indexOf('id="correct"'));
    expect(section).toContain('Rosa Rot, AK extern');
    expect(section).toContain('Tim Trittbrett, AK intern');
    expect(section).toContain('wartet auf Bestätigung');
    expect(section).toContain(`/representations/${mem.rosa}/confirm`);
    // Another organisation's claim and a membership that has ended are not the organisation's to decide.
    expect(section).not.toContain('Ole Anders');
    expect(section).not.toContain('Ute Ehemals');
    expect((await membership(mem.rosa)).representation_confirmed_at).toBeNull();
  });

  it('confirming lets the member edit the entry, audited without an account; a second click changes nothing', async () => {
    const rosaBrowser = h.browser();
    await rosaBrowser.login('rosa@example.org', TEST_PASSWORD);
    expect((await rosaBrowser.get(`/directory/${org}/edit`)).status).toBe(403);
    const res = await h.browser().post(`${link}/representations/${mem.rosa}/confirm`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${link}#representations`);
    expect(await membership(mem.rosa)).toEqual({ organisation_id: org, representation_confirmed_at: h.clock.now().toISOString() });
    expect((await rosaBrowser.get(`/directory/${org}/edit`)).status).toBe(200);
    expect(await audits(mem.rosa)).toEqual([{ actor_user_id: null, action: 'membership.representation_confirm', after_json: expect.stringContaining('"via":"confirmation_link"') }]);
    expect((await h.browser().post(`${link}/representations/${mem.rosa}/confirm`, {})).status).toBe(303);
    expect(await audits(mem.rosa)).toHaveLength(1);
    // The link is still the organisation's: it can confirm the entry afterwards.
    expect((await h.browser().get(link)).status).toBe(200);
  });

  it('rejecting removes the claim (the membership stays), audited; it is no longer listed', async () => {
    expect((await h.browser().post(`${link}/representations/${mem.tim}/reject`, {})).status).toBe(303);
    expect(await membership(mem.tim)).toEqual({ organisation_id: null, representation_confirmed_at: null });
    expect((await audits(mem.tim)).map((a) => a.action)).toEqual(['membership.representation_reject']);
    const html = await (await h.browser().get(link)).text();
    expect(html).not.toContain('Tim Trittbrett');
    // A confirmed representation can be rejected too.
    expect((await h.browser().post(`${link}/representations/${mem.rosa}/reject`, {})).status).toBe(303);
    expect(await membership(mem.rosa)).toEqual({ organisation_id: null, representation_confirmed_at: null });
    await h.db.updateTable('memberships').set({ organisation_id: org }).where('id', '=', mem.rosa).execute();
  });

  it('decides nothing about another organisation’s or an ended membership', async () => {
    for (const id of [mem.elsewhere, mem.ended]) {
      for (const decision of ['confirm', 'reject']) expect((await h.browser().post(`${link}/representations/${id}/${decision}`, {})).status).toBe(303);
    }
    expect(await membership(mem.elsewhere)).toEqual({ organisation_id: otherOrg, representation_confirmed_at: null });
    expect(await membership(mem.ended)).toEqual({ organisation_id: org, representation_confirmed_at: null });
    expect([...(await audits(mem.elsewhere)), ...(await audits(mem.ended))]).toEqual([]);
  });

  it('is refused when the entry is not published, and for a forged link (410), changing nothing', async () => {
    const forged = `/directory/confirm/${'a'.repeat(24)}.${'b'.repeat(24)}`;
    expect((await h.browser().post(`${forged}/representations/${mem.rosa}/confirm`, {})).status).toBe(410);
    for (const status of ['unlisted', 'pending'] as const) {
      await h.db.updateTable('organisations').set({ status }).where('id', '=', org).execute();
      expect((await h.browser().post(`${link}/representations/${mem.rosa}/confirm`, {})).status).toBe(410);
      expect((await h.browser().get(link)).status).toBe(410);
    }
    expect((await membership(mem.rosa)).representation_confirmed_at).toBeNull();
    await h.db.updateTable('organisations').set({ status: 'published' }).where('id', '=', org).execute();
  });

  it('a request from another site is refused', async () => {
    const res = await h.browser().post(`${link}/representations/${mem.rosa}/confirm`, {}, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await membership(mem.rosa)).representation_confirmed_at).toBeNull();
  });
});
