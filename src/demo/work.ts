import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/sessions.js';
import { createFeedToken } from '../calendar/feed-tokens.js';
import type { Database, PollAnswer } from '../db/schema.js';
import { entryInputOf, findEntry, writeEntry } from '../directory/entries.js';
import { proposeChange } from '../directory/review.js';
import { normalizeEmail } from '../http/schemas.js';
import { addDays, berlinToInstant, dayOf, instantToBerlin } from '../lib/berlin-time.js';
import { newToken } from '../auth/secrets.js';
import { audit } from '../audit/audit.js';
import { recordAnswers } from '../polls/polls.js';
import { foldText } from '../lib/fold.js';
import { MAX_ATTEMPTS } from '../mail/sender.js';
import { addGuest } from '../meetings/attendance.js';
import { storeDocument } from '../meetings/documents.js';
import { markActionDone } from '../minutes/actions.js';
import { addComment } from '../minutes/comments.js';
import { saveMinutes, setMinutesStatus, type MinutesInput } from '../minutes/minutes.js';
import { addBreak } from '../breaks/breaks.js';
import { FONT_BOLD, FONT_REGULAR, pdfBuffer } from '../pdf/document.js';

/**
 * The secretariat's working day in the demo: minutes in every state (approved, circulated with a
 * member's comment, a draft), decisions and action items (one overdue), a document for the next meeting,
 * a pending directory submission and a proposed change, a calendar feed and a mail that failed. Written
 * through the same functions the pages use, so versions, audit entries and numbers are what real use
 * leaves behind.
 */

async function userByEmail(db: Kysely<Database>, email: string): Promise<SessionUser> {
  const row = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'users.person_id', 'users.role', 'persons.name', 'persons.email'])
    .where('persons.email_normalized', '=', normalizeEmail(email))
    .executeTakeFirstOrThrow();
  return { id: row.id, personId: row.person_id, name: row.name, email: row.email!, role: row.role };
}

const SECRETARIAT = 'geschaeftsstelle@demo.arbeitskreis-hub.de';

/** The text of the minutes, agenda item by agenda item (Markdown: lists, emphasis, numbered steps). */
const NOTES: Record<string, string[]> = {
  intern: [
    'Frau Krüger begrüßt die Anwesenden. Das Protokoll der letzten Sitzung wird ohne Änderungen genehmigt.',
    'Berichte aus den Städten:\n\n- **Hilden:** neue Sprechstunde im Rathaus, dienstags 14–16 Uhr\n- **Ratingen:** Wohnraum für Geflüchtete bleibt knapp\n- **Velbert:** Elterncafé an zwei Grundschulen gestartet',
    'Stand der Fallzahlen im *Kommunalen Integrationsmanagement*: 412 begleitete Personen, davon 38 % unter 25 Jahren.',
    'Die Interkulturelle Woche 2027 wird gemeinsam geplant:\n\n1. Termine der Städte sammeln\n2. gemeinsames Programmheft gestalten\n3. Pressearbeit über den Kreis',
    'Keine weiteren Themen.',
  ],
  extern: [
    'Frau Lange begrüßt die Anwesenden und die Gäste.',
    'Frau Kovalenko stellt die *Ukrainische Gemeinde Ratingen* vor: Beratung auf Ukrainisch und Russisch, Hausaufgabenhilfe, Treffpunkt am Samstag.',
    'Die VHS berichten über die Sprachkurse 2027. Wartelisten gibt es vor allem bei **Berufssprachkursen**.',
    'Austausch zum Wohnraum: Die Wohlfahrtsverbände sammeln Beispiele gelungener Vermittlung.',
    'Nächste Sitzung: Vorstellung des Psychosozialen Zentrums.',
  ],
};

const DECISIONS: Record<string, { item: number; text: string; yes: number; no: number; abstain: number }[]> = {
  intern: [{ item: 3, text: 'Der Arbeitskreis plant die Interkulturelle Woche 2027 gemeinsam; die Geschäftsstelle koordiniert.', yes: 11, no: 0, abstain: 1 }],
  extern: [
    { item: 2, text: 'Die Sprachkursträger legen bis zur nächsten Sitzung eine gemeinsame Übersicht der Wartelisten vor.', yes: 18, no: 0, abstain: 2 },
    { item: 3, text: 'Der Arbeitskreis richtet eine Unterarbeitsgruppe „Wohnen“ ein.', yes: 15, no: 2, abstain: 3 },
  ],
};

async function minutesInput(db: Kysely<Database>, meetingId: number, key: string, responsibleId: number, dueOn: string): Promise<MinutesInput> {
  const items = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
  const itemId = (n: number) => items[Math.min(n, items.length - 1)]!.id;
  return {
    minute_taker: key === 'intern' ? 'Thomas Becker' : 'Ayşe Demir',
    notes: new Map(NOTES[key]!.map((text, n) => [itemId(n), text])),
    decisions: DECISIONS[key]!.map((d) => ({ agendaItemId: itemId(d.item), text: d.text, yes: d.yes, no: d.no, abstain: d.abstain })),
    actions: [
      { agendaItemId: itemId(3), description: key === 'intern' ? 'Termine der Städte für die Interkulturelle Woche sammeln' : 'Beispiele gelungener Wohnraumvermittlung sammeln', personId: responsibleId, dueOn },
      { agendaItemId: itemId(2), description: 'Präsentation an alle Mitglieder schicken', organisation: 'Geschäftsstelle', dueOn: addDays(dueOn, 30) },
    ],
  };
}

async function heldMeetings(db: Kysely<Database>, groupId: number) {
  return db.selectFrom('meetings').select(['id', 'group_id', 'starts_at']).where('group_id', '=', groupId).where('status', '=', 'held').orderBy('starts_at').execute();
}

/** seedMinutes: the older held meeting's minutes approved at the later one; the later one's circulated (intern) or in draft (extern). */
async function seedMinutes(db: Kysely<Database>, groupIds: Record<string, number>, now: Date): Promise<void> {
  const staff = await userByEmail(db, SECRETARIAT);
  const member = await userByEmail(db, 'integration@hilden.demo');
  for (const [key, groupId] of Object.entries(groupIds)) {
    const [older, later] = await heldMeetings(db, groupId);
    if (!older || !later) continue;
    // Written a few days after each meeting; the first action item of the older minutes is overdue.
    const olderWritten = new Date(Date.parse(older.starts_at) + 3 * 86_400_000);
    if (key === 'extern') await addGuest(db, staff, older.id, { name: 'Dr. Lena Brandt', organisation: 'Psychosoziales Zentrum für Geflüchtete' }, olderWritten);
    await saveMinutes(db, staff, older, await minutesInput(db, older.id, key, staff.personId, addDays(dayOf(older.starts_at), 28)), 0, olderWritten);
    await setMinutesStatus(db, staff, older.id, 'circulated', { now: new Date(olderWritten.getTime() + 86_400_000) });
    await setMinutesStatus(db, staff, older.id, 'approved', { approvedInMeetingId: later.id, now: new Date(Date.parse(later.starts_at) + 3_600_000) });
    // The presentation was sent; the first item stays open past its date (the overdue one).
    const sent = await db.selectFrom('action_items').innerJoin('minutes', 'minutes.id', 'action_items.minutes_id').select('action_items.id').where('minutes.meeting_id', '=', older.id).orderBy('action_items.id', 'desc').executeTakeFirstOrThrow();
    await markActionDone(db, staff, sent.id, 'Per E-Mail an alle Mitglieder verschickt.', new Date(Date.parse(later.starts_at) - 7 * 86_400_000));
    const laterWritten = new Date(Math.min(now.getTime(), Date.parse(later.starts_at) + 2 * 86_400_000));
    // Saved, sent out with two weeks for comments, then a member's comment not yet worked in (the work queue shows it).
    await saveMinutes(db, staff, later, await minutesInput(db, later.id, key, staff.personId, addDays(dayOf(later.starts_at), 42)), 0, new Date(laterWritten.getTime() - 7_200_000));
    if (key === 'intern') {
      const circulatedAt = new Date(laterWritten.getTime() - 3_600_000);
      await setMinutesStatus(db, staff, later.id, 'circulated', { now: circulatedAt, commentsDue: addDays(dayOf(circulatedAt.toISOString()), 14) });
      const item = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', later.id).orderBy('position').offset(1).limit(1).executeTakeFirstOrThrow();
      await addComment(db, member, later.id, item.id, 'Bitte ergänzen: Die Sprechstunde in Hilden ist auch donnerstags von 9 bis 11 Uhr.', laterWritten);
    }
  }
}

/** seedDocument: an agenda paper for the next invited meeting of the internal group, a real (tagged) PDF. */
async function seedDocument(db: Kysely<Database>, groupId: number, now: Date): Promise<void> {
  const staff = await userByEmail(db, SECRETARIAT);
  const next = await db.selectFrom('meetings').select('id').where('group_id', '=', groupId).where('status', '=', 'invited').executeTakeFirst();
  if (!next) return;
  const bytes = await pdfBuffer('Sachstand Kommunales Integrationsmanagement', (doc, root) => {
    root.add(doc.struct('H1', {}, () => doc.font(FONT_BOLD).fontSize(16).text('Sachstand Kommunales Integrationsmanagement')));
    root.add(doc.struct('P', {}, () => doc.font(FONT_REGULAR).fontSize(11).text('Fallzahlen, Schwerpunkte und offene Fragen für die Sitzung des Arbeitskreises Integration intern.')));
  });
  await storeDocument(db, staff, next.id, { name: 'Sachstand KIM.pdf', bytes }, null, now, 500 * 1024 * 1024);
}

/** seedDirectoryWork: a submission from the public form waiting for review, and a representative's proposed change. */
async function seedDirectoryWork(db: Kysely<Database>, now: Date): Promise<void> {
  const at = now.toISOString();
  const city = await db.selectFrom('cities').select('id').where('short_name', '=', 'Erkrath').executeTakeFirst();
  await db.transaction().execute(async (trx) => {
    const name = 'Nachbarschaftshilfe Hochdahl e. V.';
    const row = await trx
      .insertInto('organisations')
      .values({ name, name_normalized: foldText(name), kind: 'association', city_id: city?.id ?? null, status: 'pending', consent_at: at, submitter_name: 'Miriam Sommer', submitter_email: 'miriam.sommer@nachbarschaftshilfe-hochdahl.demo', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeEntry(
      trx,
      row.id,
      {
        name,
        kind: 'association',
        city_id: city?.id ?? null,
        street: 'Hochdahler Markt 3',
        postal_code: '40699',
        place: 'Erkrath',
        offers: 'Begleitung zu Ärzten und Ämtern, Fahrdienst, Deutsch-Treff am Mittwoch',
        descriptions: { de: 'Ehrenamtliche aus Hochdahl helfen Nachbarinnen und Nachbarn, die neu in Deutschland sind.' },
        languages: ['de', 'en', 'ar'],
        fields: [],
        cities: city ? [city.id] : [],
        targets: [],
      },
      now,
    );
  });
  const representative = await userByEmail(db, 'olena.kovalenko@ukrainische-gemeinde.demo');
  const organisationId = (await db.selectFrom('persons').select('organisation_id').where('id', '=', representative.personId).executeTakeFirstOrThrow()).organisation_id!;
  const entry = (await findEntry(db, organisationId, 'editor'))!;
  await proposeChange(db, representative, organisationId, { ...entryInputOf(entry), offers: `${entry.offers ?? ''}, Samstagsschule für Kinder (Ukrainisch)`, opening_hours: 'Di und Do 15–18 Uhr, Sa 10–13 Uhr' }, now);
}

/** seedFailedMail: a mail the server refused for good, as the admins' outbox shows it. */
async function seedFailedMail(db: Kysely<Database>, now: Date): Promise<void> {
  const at = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  await db
    .insertInto('outbox')
    .values({
      to_address: 'r.zimmermann@jobcenter-me-aktiv.demo',
      subject: 'Einladung: Sitzung Arbeitskreis extern',
      body_text: 'Guten Tag Ralf Zimmermann,\n\nzur Sitzung „Sitzung Arbeitskreis extern“ laden wir Sie herzlich ein.\n',
      attachments_json: null,
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      next_attempt_at: at,
      last_error: '550 5.1.1 <r.zimmermann@jobcenter-me-aktiv.demo>: Recipient address rejected: User unknown',
      created_at: at,
    })
    .execute();
}

/** seedWork adds the working day's data; returns the URL path of the secretariat's calendar feed. */
export async function seedWork(db: Kysely<Database>, groupIds: Record<string, number>, now: Date): Promise<{ feedPath: string }> {
  await seedMinutes(db, groupIds, now);
  await seedDocument(db, groupIds.intern!, now);
  await seedDirectoryWork(db, now);
  await seedFailedMail(db, now);
  const staff = await userByEmail(db, SECRETARIAT);
  const feed = await createFeedToken(db, staff, { scope: 'person', groupId: null, name: 'Dienstkalender' }, now);
  // The district's summer break: series planned across the summer skip it, and the preview says so.
  await addBreak(db, staff, null, { name: 'Sommerferien NRW 2027', starts_on: '2027-07-19', ends_on: '2027-08-31' }, now);
  await seedPoll(db, groupIds.extern!, now);
  await seedSubstituteAndReminder(db, groupIds.extern!, now);
  return { feedPath: `/feeds/${feed.token}.ics` };
}

/** seedPoll: an open date poll of the external group with three proposed dates and a few answers. */
async function seedPoll(db: Kysely<Database>, groupId: number, now: Date): Promise<void> {
  const organiser = await userByEmail(db, SECRETARIAT);
  const group = await db.selectFrom('groups').select(['id', 'name']).where('id', '=', groupId).executeTakeFirstOrThrow();
  const day = (days: number) => addDays(dayOf(now.toISOString()), days);
  const at = (d: string, time: string) => berlinToInstant(d, time)!;
  const options = [day(29), day(31), day(36)].map((d) => ({ starts_at: at(d, '14:00'), ends_at: at(d, '16:30') }));
  // Written straight in, without the request mails: the demo's outbox holds only the failed mail.
  const pollId = (
    await db
      .insertInto('polls')
      .values({ group_id: group.id, title: 'Frühjahrssitzung Arbeitskreis extern', location: 'Kreishaus Mettmann, Raum 2.14', note: 'Schwerpunkt: Sprachkurse und Kinderbetreuung.', status: 'open', created_by_user_id: organiser.id, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('poll_options').values(options.map((o) => ({ poll_id: pollId, ...o }))).execute();
  const ids = (await db.selectFrom('poll_options').select('id').where('poll_id', '=', pollId).orderBy('starts_at').execute()).map((o) => o.id);
  const answers: [string, PollAnswer[]][] = [
    ['integration@hilden.demo', ['yes', 'maybe', 'no']],
    ['integration@ratingen.demo', ['yes', 'yes', 'maybe']],
    ['olena.kovalenko@ukrainische-gemeinde.demo', ['no', 'yes', 'yes']],
    ['ahmad.haidari@afghanischer-kulturverein.demo', ['yes', 'no', 'yes']],
  ];
  for (const [email, answer] of answers) {
    const person = await userByEmail(db, email);
    await recordAnswers(db, pollId, person.personId, new Map(ids.map((id, i) => [id, answer[i]!])), now);
  }
}

/**
 * seedSubstituteAndReminder: in the external group's next meeting, a member who declined named a
 * colleague, who is invited in their place (a guest for the day, "in Vertretung für" on the reply list
 * and in the minutes); and those who have not answered were reminded yesterday. Written straight in,
 * like the poll, without mails.
 */
async function seedSubstituteAndReminder(db: Kysely<Database>, groupId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  const meeting = await db.selectFrom('meetings').select(['id', 'starts_at']).where('group_id', '=', groupId).where('status', '=', 'invited').orderBy('starts_at').executeTakeFirst();
  if (!meeting) return;
  const declined = await db
    .selectFrom('rsvps')
    .innerJoin('persons', 'persons.id', 'rsvps.person_id')
    .select(['persons.id', 'persons.organisation_id', 'persons.city_id'])
    .where('rsvps.meeting_id', '=', meeting.id)
    .where('rsvps.answer', '=', 'declined')
    .where('persons.organisation_id', 'is not', null)
    .orderBy('persons.id')
    .executeTakeFirst();
  await db.transaction().execute(async (trx) => {
    if (declined) {
      const name = 'Selin Aydın';
      const email = 'selin.aydin@vertretung.demo';
      const person = await trx
        .insertInto('persons')
        .values({ name, name_folded: foldText(name), email, email_normalized: email, organisation_id: declined.organisation_id, city_id: declined.city_id, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const day = instantToBerlin(meeting.starts_at).day;
      await trx.insertInto('memberships').values({ group_id: groupId, person_id: person.id, role: 'guest', organisation_id: declined.organisation_id, starts_on: day, ends_on: day, created_at: at, updated_at: at, representation_confirmed_at: at }).execute();
      const { id, secretHash } = newToken();
      await trx.insertInto('rsvps').values({ meeting_id: meeting.id, person_id: person.id, invited_at: at, answer: 'accepted', answered_at: at, link_id: id, link_secret_hash: secretHash, substitute_for_person_id: declined.id }).execute();
      await trx.updateTable('rsvps').set({ substitute: name }).where('meeting_id', '=', meeting.id).where('person_id', '=', declined.id).execute();
      await audit(trx, { actorUserId: null, action: 'meeting.substitute', entityType: 'meeting', entityId: meeting.id, after: { person_id: person.id, for_person_id: declined.id } }, now);
    }
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString();
    await trx.updateTable('rsvps').set({ reminded_at: yesterday }).where('meeting_id', '=', meeting.id).where('answer', 'is', null).execute();
  });
}
