import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INVITATION, DEMO_ORGANISATION_COUNT, DEMO_PASSWORD, DEMO_PEOPLE_COUNT, DEMO_UNCONFIRMED_REPRESENTATIVE, seedDemo } from '../src/demo/seed.js';
import { createHarness, type TestHarness } from './helpers/app.js';

describe('demo data', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('creates about 40 people with accounts across the cities, once, and a calendar feed that answers', async () => {
    const first = await seedDemo(h.db, h.clock.now());
    expect(first.created).toBe(DEMO_PEOPLE_COUNT);
    const feed = await h.browser().get(first.feedPath!);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect(DEMO_PEOPLE_COUNT).toBeGreaterThanOrEqual(40);
    const cities = await h.db.selectFrom('persons').select('city_id').distinct().execute();
    expect(cities.length).toBe(11);
    expect(DEMO_ORGANISATION_COUNT).toBeGreaterThanOrEqual(60);
    // and one submission from the public form, waiting for review
    expect(await h.db.selectFrom('organisations').select('id').where('status', '=', 'published').execute()).toHaveLength(DEMO_ORGANISATION_COUNT);
    const people = await h.db.selectFrom('persons').select('organisation_id').where('organisation_id', 'is', null).execute();
    expect(people).toHaveLength(0);
    const groups = await h.db.selectFrom('groups').select(['slug', 'kind']).orderBy('slug').execute();
    expect(groups).toEqual([
      { slug: 'ak-integration-extern', kind: 'external' },
      { slug: 'ak-integration-intern', kind: 'internal' },
    ]);
    const meetings = await h.db.selectFrom('meetings').select(['status', 'group_id']).execute();
    expect(meetings.filter((m) => m.status === 'held').length).toBe(4);
    expect(meetings.filter((m) => m.status === 'invited').length).toBe(2);
    expect(await h.db.selectFrom('attendance').select('person_id').execute()).not.toHaveLength(0);
    const roles = await h.db.selectFrom('memberships').select('role').distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual(['chair', 'deputy', 'guest', 'member', 'organiser']);
    const again = await seedDemo(h.db, h.clock.now());
    expect(again.created).toBe(0);
    expect(again.feedPath).toBeNull();
    expect(await h.db.selectFrom('users').select('id').execute()).toHaveLength(DEMO_PEOPLE_COUNT);
  });

  it('every demo organisation name resolves (no typo leaves a person without one)', async () => {
    const orphans = await h.db.selectFrom('memberships').select('id').where('organisation_id', 'is', null).execute();
    expect(orphans).toHaveLength(0);
  });

  it('confirms the representations of published entries except one, which waits, and has one open group invitation', async () => {
    const memberships = await h.db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.person_id')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['persons.email', 'organisations.status', 'memberships.representation_confirmed_at'])
      .execute();
    const waiting = memberships.filter((m) => m.representation_confirmed_at === null);
    expect(waiting.map((m) => m.email)).toEqual([DEMO_UNCONFIRMED_REPRESENTATIVE]);
    expect(memberships.every((m) => m.status === 'published')).toBe(true);
    const invitations = await h.db.selectFrom('membership_invitations').select(['name', 'email', 'expires_at']).execute();
    expect(invitations).toEqual([{ name: DEMO_INVITATION.name, email: DEMO_INVITATION.email, expires_at: new Date(h.clock.now().getTime() + 14 * 24 * 3600_000).toISOString() }]);
    // The invitation shows in the external group's list for its managers.
    const chair = h.browser();
    await chair.login(DEMO_INVITATION.invitedBy, DEMO_PASSWORD);
    expect(await (await chair.get('/groups/ak-integration-extern/members')).text()).toContain(DEMO_INVITATION.name);
  });

  it('a demo representative may edit their organisation’s entry, the waiting one may not', async () => {
    const entryOf = async (email: string) =>
      (await h.db.selectFrom('persons').select('organisation_id').where('email_normalized', '=', email).executeTakeFirstOrThrow()).organisation_id!;
    const jana = h.browser();
    await jana.login('integration@erkrath.demo', DEMO_PASSWORD);
    expect((await jana.get(`/directory/${await entryOf('integration@erkrath.demo')}/edit`)).status).toBe(200);
    const lukas = h.browser();
    await lukas.login(DEMO_UNCONFIRMED_REPRESENTATIVE, DEMO_PASSWORD);
    expect((await lukas.get(`/directory/${await entryOf(DEMO_UNCONFIRMED_REPRESENTATIVE)}/edit`)).status).toBe(403);
  });

  it('shows the working day: minutes in every state, decisions, action items (one overdue), a document, directory work, a failed mail', async () => {
    const minutes = await h.db.selectFrom('minutes').select('status').execute();
    expect(minutes.map((m) => m.status).sort()).toEqual(['approved', 'approved', 'circulated', 'draft']);
    expect(await h.db.selectFrom('decisions').select('id').execute()).not.toHaveLength(0);
    expect(await h.db.selectFrom('minute_comments').select('id').execute()).toHaveLength(1);
    const today = h.clock.now().toISOString().slice(0, 10);
    const overdue = await h.db.selectFrom('action_items').select('id').where('status', '=', 'open').where('due_on', '<', today).execute();
    expect(overdue.length).toBeGreaterThan(0);
    expect(await h.db.selectFrom('action_items').select('id').where('status', '=', 'done').execute()).not.toHaveLength(0);
    expect(await h.db.selectFrom('files').select('name').execute()).toEqual([{ name: 'Sachstand KIM.pdf' }]);
    expect(await h.db.selectFrom('meeting_guests').select('name').execute()).toHaveLength(1);
    expect(await h.db.selectFrom('organisations').select('name').where('status', '=', 'pending').execute()).toHaveLength(1);
    expect(await h.db.selectFrom('organisation_changes').select('id').where('status', '=', 'pending').execute()).toHaveLength(1);
    expect(await h.db.selectFrom('outbox').select('status').execute()).toEqual([{ status: 'failed' }]);
  });

  it('dates every invitation before its meeting and every answer after its invitation', async () => {
    const rows = await h.db.selectFrom('rsvps').innerJoin('meetings', 'meetings.id', 'rsvps.meeting_id').select(['rsvps.invited_at', 'rsvps.answered_at', 'meetings.starts_at', 'meetings.invitation_sent_at']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.invited_at < r.starts_at).toBe(true);
      expect(r.invitation_sent_at).toBe(r.invited_at);
      if (r.answered_at) expect(r.answered_at >= r.invited_at && r.answered_at <= h.clock.now().toISOString()).toBe(true);
    }
  });

  it('places the integration councils in their cities and the integration committee in Monheim am Rhein', async () => {
    const councils = await h.db
      .selectFrom('organisations')
      .innerJoin('cities', 'cities.id', 'organisations.city_id')
      .select(['organisations.name', 'cities.short_name'])
      .where('organisations.kind', '=', 'integration_council')
      .orderBy('cities.short_name')
      .execute();
    expect(councils.map((c) => c.short_name)).toEqual(['Erkrath', 'Hilden', 'Langenfeld', 'Mettmann', 'Monheim', 'Ratingen', 'Velbert']);
    for (const c of councils) expect(c.name).toContain(c.short_name);
    expect(councils.find((c) => c.short_name === 'Monheim')!.name).toBe('Integrationsausschuss der Stadt Monheim am Rhein');
  });

  it('prints logins that work, one for every role, a group chair included', async () => {
    const { logins } = await seedDemo(h.db, h.clock.now());
    expect(logins.map((l) => l.role)).toEqual(expect.arrayContaining(['admin', 'secretariat', 'member']));
    const membershipRoles = await h.db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.person_id')
      .select('memberships.role')
      .where('persons.email', 'in', logins.map((l) => l.email))
      .distinct()
      .execute();
    expect(membershipRoles.map((r) => r.role).sort()).toEqual(['chair', 'deputy', 'guest', 'member', 'organiser']);
    for (const login of logins) {
      const b = h.browser();
      await b.login(login.email, DEMO_PASSWORD);
      expect(await (await b.get('/')).text()).toContain(`Angemeldet als ${login.name}`);
    }
  });
  it('has an open date poll in the external group with a few answers', async () => {
    const poll = await h.db.selectFrom('polls').innerJoin('groups', 'groups.id', 'polls.group_id').select(['polls.id', 'polls.status', 'groups.kind']).executeTakeFirstOrThrow();
    expect(poll).toMatchObject({ status: 'open', kind: 'external' });
    const answers = await h.db.selectFrom('poll_answers').select('person_id').where('poll_id', '=', poll.id).distinct().execute();
    expect(answers.length).toBeGreaterThanOrEqual(3);
  });

  it('the next external meeting has a substitute standing in for a member who declined, and reminded members', async () => {
    const sub = await h.db
      .selectFrom('rsvps')
      .innerJoin('persons as stood_in_for', 'stood_in_for.id', 'rsvps.substitute_for_person_id')
      .innerJoin('rsvps as theirs', (j) => j.onRef('theirs.meeting_id', '=', 'rsvps.meeting_id').onRef('theirs.person_id', '=', 'rsvps.substitute_for_person_id'))
      .select(['rsvps.meeting_id', 'theirs.answer', 'theirs.substitute'])
      .executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ answer: 'declined', substitute: 'Selin Aydın' });
    const reminded = await h.db.selectFrom('rsvps').select('person_id').where('meeting_id', '=', sub.meeting_id).where('reminded_at', 'is not', null).execute();
    const open = await h.db.selectFrom('rsvps').select('person_id').where('meeting_id', '=', sub.meeting_id).where('answer', 'is', null).execute();
    expect(reminded.length).toBeGreaterThan(0);
    expect(reminded).toEqual(open);
  });

  it('fills the office’s contacts with invented persons for the three topics', async () => {
    const html = await (await h.browser().get('/contact')).text();
    for (const name of ['Paula Platzhalter', 'Felix Fantasie', 'Gerda Gedacht', 'Willi Webbeispiel']) expect(html).toContain(name);
    const persons = await h.db.selectFrom('contact_persons').select(['email', 'phone']).execute();
    expect(persons).toHaveLength(4);
    for (const p of persons) expect(p.email).toMatch(/@demo\.arbeitskreis-hub\.de$/);
    for (const p of persons) expect(p.phone).toMatch(/^030 23125-/);
  });

  it('has synthetic figures of the Datensammlung for the ten cities, every one labelled as such', async () => {
    const values = await h.db.selectFrom('statistic_values').select(['city_id', 'year', 'source', 'note', 'special']).execute();
    expect(values.length).toBeGreaterThan(100);
    expect(new Set(values.map((v) => v.city_id)).size).toBe(10);
    expect(new Set(values.map((v) => v.year)).size).toBeGreaterThanOrEqual(5);
    for (const v of values) {
      expect(v.source).toBe('Synthetische Beispielzahlen (Demo)');
      expect(v.note).toContain('Synthetische Beispielzahlen (Demo)');
    }
    expect(values.some((v) => v.special === '.')).toBe(true);
    expect(values.some((v) => v.special === '…')).toBe(true);
    // The city page says where the numbers come from.
    expect(await (await h.browser().get('/cities/ratingen')).text()).toContain('Synthetische Beispielzahlen (Demo)');
  });
});
