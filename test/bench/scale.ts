import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/auth/passwords.js';
import type { Database, MembershipRole } from '../../src/db/schema.js';
import { berlinToInstant, addDays } from '../../src/lib/berlin-time.js';
import { foldText } from '../../src/lib/fold.js';
import { random } from './common.js';
import { generateDirectory } from './directory.js';

/**
 * generateScale fills a fresh database with a federal state's worth of working groups at scale 1
 * (50 districts): 500 cities, 1,000 groups, 20,000 persons, 50,000 meetings with agendas, replies and
 * (for past meetings) minutes, and 100,000 directory entries. Other scales multiply every number.
 * Deterministic: the same scale gives the same data.
 */
export interface ScaleData {
  /** A member of several groups, with an account (password BENCH_PASSWORD): the signed-in visitor. */
  member: { userId: number; personId: number; email: string };
  groupSlug: string;
  meetingId: number;
  /** An upcoming meeting the member was invited to: the RSVP write. */
  openMeetingId: number;
  counts: Record<string, number>;
}

export const BENCH_PASSWORD = 'bench-passwort-2026';

const TOP_TITLES = ['Begrüßung und Protokoll', 'Bericht aus den Städten', 'Sprachkurse und Beratung', 'Interkulturelle Woche', 'Verschiedenes'];
const FIRST = ['Anna', 'Mehmet', 'Olga', 'Yusuf', 'Fatima', 'Jan', 'Maria', 'Ali', 'Sofia', 'Lukas', 'Ayşe', 'Dmytro'];
const LAST = ['Yilmaz', 'Schmidt', 'Kowalski', 'Haddad', 'Müller', 'Petrenko', 'Nguyen', 'Becker', 'Demir', 'Wagner'];

async function insertBatched<T>(db: Kysely<Database>, rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function generateScale(db: Kysely<Database>, scale: number, now: Date, log: (line: string) => void): Promise<ScaleData> {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const rnd = random(2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const at = now.toISOString();
  const counts = { cities: n(500), groups: n(1000), persons: n(20_000), meetings: n(50_000), directory: n(100_000) };

  const firstCity = (await db.selectFrom('cities').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst())?.p ?? 0;
  await insertBatched(db, Array.from({ length: counts.cities }, (_, i) => ({ name: `Stadt ${i + 1}`, short_name: `S${i + 1}`, slug: `bench-stadt-${i + 1}`, kind: 'city' as const, position: Number(firstCity) + i + 1 })), (b) => db.insertInto('cities').values(b).execute());
  const cityIds = (await db.selectFrom('cities').select('id').execute()).map((c) => c.id);
  log(`Städte: ${counts.cities}`);

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const personRows = Array.from({ length: counts.persons }, (_, i) => {
    const name = `${pick(FIRST)} ${pick(LAST)} ${i + 1}`;
    const email = `person${i + 1}@bench.example`;
    return { name, name_folded: foldText(name), email, email_normalized: email, city_id: pick(cityIds), created_at: at, updated_at: at };
  });
  await db.transaction().execute((trx) => insertBatched(trx, personRows, (b) => trx.insertInto('persons').values(b).execute()));
  const personIds = (await db.selectFrom('persons').select('id').orderBy('id').execute()).map((p) => p.id);
  // Every tenth person has an account; the first is the benchmark's signed-in member.
  const userRows = personIds.filter((_, i) => i % 10 === 0).map((person_id) => ({ person_id, password_hash: passwordHash, role: 'member' as const, active: 1 as const, created_at: at }));
  await db.transaction().execute((trx) => insertBatched(trx, userRows, (b) => trx.insertInto('users').values(b).execute()));
  log(`Personen: ${counts.persons} (${userRows.length} mit Konto)`);

  const groupRows = Array.from({ length: counts.groups }, (_, i) => ({
    name: `Arbeitskreis ${i + 1} ${pick(['Integration', 'Sprache', 'Arbeit', 'Wohnen', 'Bildung', 'Gesundheit'])}`,
    slug: `ak-${i + 1}`,
    kind: (rnd() < 0.3 ? 'external' : 'internal') as 'external' | 'internal',
    description: 'Ein Arbeitskreis des Integrationsbüros.',
    colour: '#0b5394',
    dates_public: (rnd() < 0.4 ? 1 : 0) as 0 | 1,
    calendar_stamp: at,
    created_at: at,
    updated_at: at,
  }));
  await db.transaction().execute((trx) => insertBatched(trx, groupRows, (b) => trx.insertInto('groups').values(b).execute()));
  const groupIds = (await db.selectFrom('groups').select('id').orderBy('id').execute()).map((g) => g.id);

  // 20 members a group, the first an organiser; the benchmark member sits in the first five groups.
  const members = new Map<number, number[]>();
  const membershipRows: { group_id: number; person_id: number; role: MembershipRole; starts_on: string; created_at: string; updated_at: string }[] = [];
  for (const [g, groupId] of groupIds.entries()) {
    const chosen = new Set<number>(g < 5 ? [personIds[0]!] : []);
    while (chosen.size < Math.min(20, personIds.length)) chosen.add(pick(personIds));
    members.set(groupId, [...chosen]);
    for (const [k, person_id] of [...chosen].entries()) membershipRows.push({ group_id: groupId, person_id, role: k === 0 && person_id !== personIds[0] ? 'organiser' : 'member', starts_on: '2020-01-01', created_at: at, updated_at: at });
  }
  await db.transaction().execute((trx) => insertBatched(trx, membershipRows, (b) => trx.insertInto('memberships').values(b).execute()));
  log(`Arbeitskreise: ${counts.groups}, Mitgliedschaften: ${membershipRows.length}`);

  // Meetings from two years back to two years ahead, monthly-ish per group, at 18:00 Berlin time.
  const today = now.toISOString().slice(0, 10);
  const perGroup = Math.ceil(counts.meetings / groupIds.length);
  let made = 0;
  for (let start = 0; start < groupIds.length && made < counts.meetings; start += 20) {
    await db.transaction().execute(async (trx) => {
      for (const groupId of groupIds.slice(start, start + 20)) {
        for (let k = 0; k < perGroup && made < counts.meetings; k++, made++) {
          const day = addDays(today, Math.round((k / perGroup) * 1460 - 730 + rnd() * 10));
          const startsAt = berlinToInstant(day, '18:00') ?? berlinToInstant(day, '19:00')!;
          const past = startsAt < at;
          const cancelled = rnd() < 0.03;
          const meeting = await trx
            .insertInto('meetings')
            .values({
              group_id: groupId,
              title: `Sitzung ${k + 1}`,
              starts_at: startsAt,
              ends_at: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString(),
              location: `Rathaus, Raum ${1 + (k % 9)}`,
              status: cancelled ? 'cancelled' : past ? 'held' : 'invited',
              cancel_reason: cancelled ? 'Krankheit' : null,
              cancelled_at: cancelled ? at : null,
              sequence: cancelled ? 1 : 0,
              invitation_sent_at: at,
              created_at: at,
              updated_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const items = await trx
            .insertInto('agenda_items')
            .values(TOP_TITLES.map((title, p) => ({ meeting_id: meeting.id, position: p + 1, title, created_at: at, updated_at: at })))
            .returning('id')
            .execute();
          const invited = members.get(groupId)!;
          await trx
            .insertInto('rsvps')
            .values(
              invited.map((person_id, p) => {
                const answer = rnd() < 0.7 ? pick(['accepted', 'declined', 'tentative'] as const) : null;
                return { meeting_id: meeting.id, person_id, invited_at: at, answer, answered_at: answer ? at : null, link_id: `m${meeting.id}p${p}`, link_secret_hash: 'bench' };
              }),
            )
            .execute();
          if (past && !cancelled) {
            const minutes = await trx.insertInto('minutes').values({ meeting_id: meeting.id, status: 'approved', minute_taker: 'Protokoll', approved_at: at, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
            await trx.insertInto('minute_notes').values(items.map((item) => ({ minutes_id: minutes.id, agenda_item_id: item.id, notes: 'Die Runde berichtet aus den Städten.\n\n- Sprachkurse voll\n- Beratung gut besucht' }))).execute();
            await trx.insertInto('decisions').values({ minutes_id: minutes.id, agenda_item_id: items[2]!.id, position: 1, text: 'Der Arbeitskreis empfiehlt mehr Sprachkurse.', votes_yes: 12, votes_no: 0, votes_abstain: 1 }).execute();
            await trx.insertInto('action_items').values({ minutes_id: minutes.id, agenda_item_id: items[3]!.id, group_id: groupId, description: 'Programm entwerfen', responsible_person_id: invited[1] ?? null, due_on: addDays(day, 30), status: rnd() < 0.8 ? 'done' : 'open', created_at: at }).execute();
          }
        }
      }
    });
    if ((start / 20) % 10 === 0) log(`Sitzungen: ${made} / ${counts.meetings}`);
  }
  log(`Sitzungen: ${made}`);
  await generateDirectory(db, counts.directory);

  const member = await db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select(['users.id as userId', 'persons.id as personId', 'persons.email']).where('persons.id', '=', personIds[0]!).executeTakeFirstOrThrow();
  const meetingId = (await db.selectFrom('meetings').select('id').where('group_id', '=', groupIds[0]!).where('starts_at', '<', at).orderBy('starts_at', 'desc').executeTakeFirstOrThrow()).id;
  const openMeetingId = (await db.selectFrom('meetings').select('id').where('group_id', '=', groupIds[0]!).where('starts_at', '>', at).where('status', '!=', 'cancelled').orderBy('starts_at').executeTakeFirstOrThrow()).id;
  return { member: { ...member, email: member.email! }, groupSlug: 'ak-1', meetingId, openMeetingId, counts: { ...counts, memberships: membershipRows.length } };
}
