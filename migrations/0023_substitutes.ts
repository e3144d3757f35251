import type { Kysely } from 'kysely';

// Substitutes (issue "The secretariat's working day"): a member who cannot come names someone of their
// organisation, who is invited in their place. The substitute is a person of the hub with a guest
// membership of the group for the meeting's day (so the reply link rules, the attendance list and the
// minutes treat them like everyone invited) and an invitation that says whom they stand in for.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rsvps')
    .addColumn('substitute_for_person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rsvps').dropColumn('substitute_for_person_id').execute();
}
