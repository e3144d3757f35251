import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { newToken } from '../auth/secrets.js';
import { markPersonChanged } from '../calendar/stamps.js';
import { lockKey } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { translator } from '../i18n/index.js';
import { formatters, instantToBerlin } from '../lib/berlin-time.js';
import { foldText } from '../lib/fold.js';
import { enqueueMail } from '../mail/outbox.js';
import { greeting } from '../mail/signature.js';
import { invitationStands, meetingIcs, replyLinks, whenText, type InvitationContext } from './invitations.js';
import { findMeeting } from './meetings.js';

const t = translator('de');
const fmt = formatters('de');

/** A substitute as the member names them: a colleague picked from the list, or a name and an address. */
export type SubstituteChoice = { personId: number } | { name: string; email: string };

/**
 * colleaguesQuery: the people of the organisation the member represents in the group who could stand in
 * on the meeting's day: with an address, not anonymised, neither in the group that day nor invited.
 * Names only leave this module (the picker shows no addresses).
 */
function colleaguesQuery(db: Kysely<Database>, meeting: { id: number; group_id: number; starts_at: string }, memberId: number, organisationId: number) {
  const day = instantToBerlin(meeting.starts_at).day;
  return db
    .selectFrom('persons')
    .select(['persons.id', 'persons.name', 'persons.email'])
    .where('persons.organisation_id', '=', organisationId)
    .where('persons.id', '!=', memberId)
    .where('persons.anonymised_at', 'is', null)
    .where('persons.email', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('memberships')
            .select('memberships.id')
            .whereRef('memberships.person_id', '=', 'persons.id')
            .where('memberships.group_id', '=', meeting.group_id)
            .where('memberships.starts_on', '<=', day)
            .where((w) => w.or([w('memberships.ends_on', 'is', null), w('memberships.ends_on', '>=', day)])),
        ),
      ),
    )
    .where((eb) => eb.not(eb.exists(eb.selectFrom('rsvps').select('rsvps.person_id').whereRef('rsvps.person_id', '=', 'persons.id').where('rsvps.meeting_id', '=', meeting.id))))
    .orderBy('persons.name_folded');
}

/** The organisation a member stands for in the meeting's group: the membership's, else their own. */
async function representedOrganisation(db: Kysely<Database>, meeting: { id: number; group_id: number }, memberId: number): Promise<number | null> {
  const row = await db
    .selectFrom('persons')
    .leftJoin('memberships', (j) => j.onRef('memberships.person_id', '=', 'persons.id').on('memberships.group_id', '=', meeting.group_id))
    .select(['persons.organisation_id', 'memberships.organisation_id as represents'])
    .where('persons.id', '=', memberId)
    .executeTakeFirst();
  return row ? (row.represents ?? row.organisation_id) : null;
}

/** listColleagues: whom the member may pick as substitute (at most 100 names, by name). */
export async function listColleagues(db: Kysely<Database>, meeting: { id: number; group_id: number; starts_at: string }, memberId: number): Promise<{ id: number; name: string }[]> {
  const organisationId = await representedOrganisation(db, meeting, memberId);
  if (organisationId === null) return [];
  const rows = await colleaguesQuery(db, meeting, memberId, organisationId).limit(100).execute();
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

/**
 * inviteSubstitute: a member who declined names a substitute of their organisation: a colleague from
 * the list (listColleagues), or a name and an e-mail address. The substitute is invited in their place:
 * the colleague, a known person with that address, or a new one of the member's organisation; a guest membership of the group for the meeting's day, so that the
 * reply link, the attendance list and the minutes treat them as everyone invited; and a mail with reply
 * links that says whom they stand in for. Nothing happens when the member is not invited (any more),
 * the meeting is over or cancelled, or the person belongs to the group or is invited already (the
 * answer is the same, so it tells nothing about who is in the hub). Returns the substitute's name when
 * they were invited.
 */
export async function inviteSubstitute(db: Kysely<Database>, meetingId: number, memberId: number, substitute: SubstituteChoice, ctx: InvitationContext): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `invite:${meetingId}`);
    const meeting = await findMeeting(trx, meetingId);
    if (!meeting || meeting.status === 'cancelled' || meeting.ends_at <= ctx.now.toISOString()) return null;
    const member = await trx
      .selectFrom('rsvps')
      .innerJoin('persons', 'persons.id', 'rsvps.person_id')
      .leftJoin('memberships', (j) => j.onRef('memberships.person_id', '=', 'rsvps.person_id').on('memberships.group_id', '=', meeting.group_id))
      .select(['persons.name', 'persons.organisation_id', 'memberships.organisation_id as represents'])
      .where('rsvps.meeting_id', '=', meetingId)
      .where('rsvps.person_id', '=', memberId)
      .where('rsvps.answer', '=', 'declined')
      .where(invitationStands(trx))
      .executeTakeFirst();
    if (!member) return null;
    const organisationId = member.represents ?? member.organisation_id;
    const at = ctx.now.toISOString();
    let person: { id: number; name: string; email: string | null; anonymised_at: string | null } | undefined;
    if ('personId' in substitute) {
      // Only a colleague the list offers: the id comes from a form and proves nothing by itself.
      if (organisationId === null) return null;
      person = await colleaguesQuery(trx, meeting, memberId, organisationId).select('persons.anonymised_at').where('persons.id', '=', substitute.personId).executeTakeFirst();
      if (!person) return null;
    } else {
      const email = normalizeEmail(substitute.email);
      person = await trx.selectFrom('persons').select(['id', 'name', 'email', 'anonymised_at']).where('email_normalized', '=', email).executeTakeFirst();
      if (person?.anonymised_at) return null;
      if (!person) {
        const name = substitute.name.trim();
        const row = await trx
          .insertInto('persons')
          .values({ name, name_folded: foldText(name), email: substitute.email.trim(), email_normalized: email, organisation_id: organisationId, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        person = { id: row.id, name, email: substitute.email.trim(), anonymised_at: null };
      }
    }
    const day = instantToBerlin(meeting.starts_at).day;
    const belongs = await trx.selectFrom('memberships').select('id').where('group_id', '=', meeting.group_id).where('person_id', '=', person.id).where('starts_on', '<=', day).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)])).executeTakeFirst();
    const invited = await trx.selectFrom('rsvps').select('person_id').where('meeting_id', '=', meetingId).where('person_id', '=', person.id).executeTakeFirst();
    if (belongs || invited) return null;
    await trx.insertInto('memberships').values({ group_id: meeting.group_id, person_id: person.id, role: 'guest', organisation_id: organisationId, starts_on: day, ends_on: day, created_at: at, updated_at: at }).execute();
    const { id, token, secretHash } = newToken();
    await trx.insertInto('rsvps').values({ meeting_id: meetingId, person_id: person.id, invited_at: at, link_id: id, link_secret_hash: secretHash, substitute_for_person_id: memberId }).execute();
    await trx.updateTable('rsvps').set({ substitute: person.name }).where('meeting_id', '=', meetingId).where('person_id', '=', memberId).execute();
    await markPersonChanged(trx, person.id, ctx.now);
    const params = {
      greeting: greeting(t, person.name),
      member: member.name,
      title: meeting.title,
      group: meeting.group_name,
      date: fmt.date(meeting.starts_at),
      when: whenText(meeting),
      place: [meeting.location, meeting.room].filter(Boolean).join(', ') || '–',
      ...replyLinks(ctx.baseUrl, token),
    };
    await enqueueMail(trx, { to: person.email!, subject: t('substitute.mail.subject', params), text: t('substitute.mail.body', params), attachments: [await meetingIcs(trx, meeting, ctx)] }, ctx.now);
    await audit(trx, { actorUserId: null, action: 'meeting.substitute', entityType: 'meeting', entityId: meetingId, after: { person_id: person.id, for_person_id: memberId } }, ctx.now);
    return person.name;
  });
}
