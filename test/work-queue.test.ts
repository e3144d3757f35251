import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// The dashboard's work queue: each line right for the viewer's rights, most overdue first.
// The clock stands at Wednesday 2026-11-25, 09:00 UTC.

let h: TestHarness;
const who: Record<string, Browser> = {};
const ids: Record<string, number> = {};
const AT = '2026-11-25T09:00:00.000Z';
const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.parse(AT) - days * DAY).toISOString();

async function meeting(group: string, title: string, startsInDays: number, extra: Record<string, unknown> = {}) {
  const row = await h.db
    .insertInto('meetings')
    .values({ group_id: ids[group]!, title, starts_at: ago(-startsInDays), ends_at: new Date(Date.parse(ago(-startsInDays)) + 2 * 3600_000).toISOString(), status: 'planned', created_at: ago(60), updated_at: ago(60), ...extra })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await h.db.insertInto('agenda_items').values({ meeting_id: row.id, position: 1, title: 'Bericht', created_at: ago(60), updated_at: ago(60) }).returning('id').executeTakeFirstOrThrow();
  ids[title] = row.id;
  ids[`${title}:top`] = item.id;
  return row.id;
}

async function minutes(title: string, values: { status: 'draft' | 'circulated' | 'approved'; created_at: string; updated_at?: string; circulated_at?: string; approved_at?: string }) {
  const row = await h.db
    .insertInto('minutes')
    .values({ meeting_id: ids[title]!, status: values.status, created_at: values.created_at, updated_at: values.updated_at ?? values.created_at, circulated_at: values.circulated_at ?? null, approved_at: values.approved_at ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[`${title}:minutes`] = row.id;
  return row.id;
}

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Anton Admin', email: 'admin@example.org', role: 'admin' });
  for (const name of ['Olaf Organisator', 'Ines Intern', 'Fritz Fremd']) await createUser(h.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
  for (const name of ['sek', 'admin', 'olaf', 'ines', 'fritz']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK Sprache', slug: 'sprache', kind: 'external' });
  await who.sek!.post('/groups', { name: 'AK Sport', slug: 'sport', kind: 'external' });
  for (const slug of ['sprache', 'sport']) ids[slug] = (await h.db.selectFrom('groups').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  await who.sek!.post('/groups/sprache/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/sprache/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/sport/members', { person: 'fritz@example.org', role: 'chair', starts_on: '2026-01-01' });

  // Sprache: one meeting to invite to, one with a missing reply, one without minutes, circulated and approved minutes.
  await meeting('sprache', 'Planungstreffen', 10);
  await meeting('sprache', 'Sitzung Dezember', 2, { status: 'invited', invitation_sent_at: ago(10) });
  const ines = await h.db.selectFrom('persons').select('id').where('name', '=', 'Ines Intern').executeTakeFirstOrThrow();
  await h.db.insertInto('rsvps').values({ meeting_id: ids['Sitzung Dezember']!, person_id: ines.id, invited_at: ago(10), link_id: 'x1', link_secret_hash: 'y' }).execute();
  await meeting('sprache', 'Sitzung Oktober', -20, { status: 'held' });
  await meeting('sprache', 'Sitzung September', -40, { status: 'held' });
  await minutes('Sitzung September', { status: 'circulated', created_at: ago(35), updated_at: ago(16), circulated_at: ago(16) });
  await h.db.insertInto('minute_comments').values({ minutes_id: ids['Sitzung September:minutes']!, agenda_item_id: ids['Sitzung September:top']!, person_id: ines.id, body: 'Bitte TOP 1 ergänzen.', created_at: ago(2) }).execute();
  await meeting('sprache', 'Sitzung August', -80, { status: 'held' });
  await minutes('Sitzung August', { status: 'approved', created_at: ago(70), approved_at: ago(5) });
  await h.db.insertInto('action_items').values({ minutes_id: ids['Sitzung August:minutes']!, group_id: ids.sprache!, description: 'Flyer drucken', status: 'open', due_on: '2026-11-01', created_at: ago(70) }).execute();
  // Sport: a draft stuck for three weeks.
  await meeting('sport', 'Sporttreffen', -25, { status: 'held' });
  await minutes('Sporttreffen', { status: 'draft', created_at: ago(21) });
  // Circulated minutes written into the database without the date they went out (older data, fixtures).
  await meeting('sport', 'Alte Sitzung', -60, { status: 'held' });
  await minutes('Alte Sitzung', { status: 'circulated', created_at: ago(50) });
  // The office: a submission to review and a mail that failed.
  await addEntry(h.db, { name: 'Neuer Verein Ratingen', kind: 'association' }, 'pending');
  await h.db.insertInto('outbox').values({ to_address: 'weg@example.org', subject: 'Einladung', body_text: '…', status: 'failed', attempts: 5, next_attempt_at: ago(1), last_error: '550 unknown user', created_at: ago(1) }).execute();
});
afterAll(() => h.close());

const queueOf = async (b: Browser) => {
  const html = await (await b.get('/')).text();
  const section = /<section class="section" aria-labelledby="work-queue">([\s\S]*?)<\/section>/.exec(html);
  if (!section) return null;
  return [...section[1]!.matchAll(/<li><a href="([^"]*)">([\s\S]*?)<\/a><\/li>/g)].map((m) => ({ href: m[1]!.replace(/&amp;/g, '&'), text: m[2]!.replace(/<[^>]+>/g, '') }));
};

describe('the work queue', () => {
  it('shows an organiser the work of their group, most overdue first, each line a link to where it is done', async () => {
    const queue = await queueOf(who.olaf!);
    expect(queue).not.toBeNull();
    expect(queue!.map((l) => l.text)).toEqual([
      // By the date each was due: the action item (1.11.), the comments (written after the last save on
      // 9.11.), the minutes (two weeks after 5.11.), the reminder (a week before 27.11.), the invitation
      // (two weeks before 5.12.), the approval (two weeks after circulating on 9.11.).
      'AK Sprache: überfällige Aufgaben (1)',
      'Sitzung September (AK Sprache, 16.10.2026): Kommentare zum Protokoll, noch nicht beantwortet (1)',
      'Sitzung Oktober (AK Sprache, 05.11.2026): Protokoll fehlt',
      'Sitzung Dezember (AK Sprache, 27.11.2026): Antworten fehlen (1) – an die Antwort erinnern',
      'Planungstreffen (AK Sprache, 05.12.2026): Einladung noch nicht verschickt',
      'Sitzung September (AK Sprache, 16.10.2026): Protokoll ist zur Genehmigung fällig',
    ]);
    expect(queue!.map((l) => l.href)).toEqual([
      '/actions?filtered=1&group=sprache&overdue=1',
      `/meetings/${ids['Sitzung September']}/minutes`,
      `/meetings/${ids['Sitzung Oktober']}/minutes`,
      `/meetings/${ids['Sitzung Dezember']}#replies`,
      `/meetings/${ids.Planungstreffen}`,
      `/meetings/${ids['Sitzung September']}/minutes`,
    ]);
  });

  it("shows another group's chair only their group's work, and nothing of the office", async () => {
    const queue = await queueOf(who.fritz!);
    // The minutes out for comment are listed, also those without the date they went out.
    const html = await (await who.fritz!.get('/')).text();
    expect(html).toMatch(/href="\/meetings\/\d+\/minutes">Alte Sitzung \(AK Sport, 26\.09\.2026\)<\/a> <\/li>/);
    expect(queue!.map((l) => l.text)).toEqual(['Sporttreffen (AK Sport, 31.10.2026): Protokoll seit 04.11.2026 im Entwurf']);
  });

  it('shows the secretariat every group and the directory, but not the outbox', async () => {
    const texts = (await queueOf(who.sek!))!.map((l) => l.text);
    expect(texts).toContain('Verzeichnis: neue Einträge warten auf Prüfung (1)');
    expect(texts).toContain('Sporttreffen (AK Sport, 31.10.2026): Protokoll seit 04.11.2026 im Entwurf');
    expect(texts).toContain('Planungstreffen (AK Sprache, 05.12.2026): Einladung noch nicht verschickt');
    expect(texts.some((t) => t.startsWith('Postausgang'))).toBe(false);
    expect(texts).toHaveLength(8);
  });

  it('shows admins the failed mails', async () => {
    expect((await queueOf(who.admin!))!.map((l) => l.text)).toContain('Postausgang: Mails konnten nicht verschickt werden (1)');
  });

  it('is not shown to a member, who sees minutes out for comment and approved lately instead', async () => {
    expect(await queueOf(who.ines!)).toBeNull();
    const html = await (await who.ines!.get('/')).text();
    expect(html).toContain('Protokolle zur Korrektur');
    expect(html).toMatch(new RegExp(`href="/meetings/${ids['Sitzung September']}/minutes">Sitzung September \\(AK Sprache, 16.10.2026\\)</a> <span class="meta">versandt am 09.11.2026</span>`));
    expect(html).toContain('Neu genehmigte Protokolle (letzte 30 Tage)');
    expect(html).toContain('genehmigt am 20.11.2026');
    // A draft is not for members, and another group's minutes are not theirs.
    expect(html).not.toContain('Sporttreffen');
  });

  it("someone outside the groups sees neither queue nor minutes; the minutes' list leaves approved ones after 30 days", async () => {
    const html = await (await who.fritz!.get('/')).text();
    expect(html).not.toContain('Sitzung September');
    h.clock.advance(26 * DAY);
    expect(await (await who.ines!.get('/')).text()).not.toContain('Neu genehmigte Protokolle');
  });
});
