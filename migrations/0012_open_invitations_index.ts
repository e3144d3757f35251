import { sql, type Kysely } from 'kysely';

// The dashboard lists a person's unanswered invitations to meetings that have not ended. Through
// rsvps_person_idx it read every reply the person ever had (hundreds after a few years) and looked up
// each one's meeting; this partial index holds only the unanswered replies. Both databases support
// partial indexes with the same syntax.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index rsvps_open_idx on rsvps (person_id, meeting_id) where answer is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index rsvps_open_idx`.execute(db);
}
