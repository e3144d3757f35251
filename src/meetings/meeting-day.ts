import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from '../db/dialect.js';
import type { Database, Day } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import { ZONE } from '../lib/berlin-time.js';

/**
 * belongsOnMeetingDay: whether a person belongs to a meeting's group on the meeting's day (Berlin time),
 * as a condition on the meeting row under `meeting` (a table name or alias). The membership half of
 * invitationStands; the person's calendar feed shows the meetings of the days they belong too.
 */
export function belongsOnMeetingDay(db: Kysely<Database>, person: RawBuilder<unknown> | number, meeting: string) {
  return sql<boolean>`exists (select 1 from memberships where memberships.person_id = ${person} and memberships.group_id = ${sql.ref(`${meeting}.group_id`)} and ${currentOn(meetingDay(db, `${meeting}.starts_at`))})`;
}

/**
 * meetingDay: the Berlin calendar day of a meeting's start, in SQL. PostgreSQL knows the zone. SQLite
 * knows none, so the offset is spelled out: Berlin is UTC+2 from the last Sunday of March to the last
 * Sunday of October (both switches at 01:00 UTC), else UTC+1. Only an instant from 22:00 UTC on can lie
 * on a later Berlin day than its UTC day, and then its UTC date decides the offset; the last Sunday of
 * March or October is the first Sunday on or after the 25th (the EU's rule since 1996; should it change,
 * test/open-invitations.test.ts, which compares both databases with dayOf and the zone database around
 * every switch of nine years, fails).
 */
export function meetingDay(db: Kysely<Database>, column: string): RawBuilder<Day> {
  const at = sql.ref(column);
  if (dialectOf(db) === 'postgres') return sql<Day>`(${at} at time zone ${ZONE})::date`;
  const summer = sql`date(${at}) >= date(strftime('%Y', ${at}) || '-03-25', 'weekday 0') and date(${at}) < date(strftime('%Y', ${at}) || '-10-25', 'weekday 0')`;
  return sql<Day>`date(${at}, case when ${summer} then '+2 hours' else '+1 hour' end)`;
}
