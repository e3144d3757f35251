import { sql, type Kysely } from 'kysely';
import { columnTypes, flagDefault } from '../src/db/dialect.js';

// Two holes closed (issue "Close what testing from outside found"):
// 1. A group manager could add anyone by id or address and then read their contact details. Managers now
//    invite by e-mail (membership_invitations): the person appears only once they accept. Memberships a
//    manager created before this migration keep the person in the group but no longer show their e-mail,
//    phone and function to the group (contact_shared = 0): nobody asked those people.
// Who confirmed or invited is in the audit log (as for every change), not in these tables.
// 2. Any free-text organisation made a member its "representative" (edit rights on the directory entry).
//    Representation is now confirmed explicitly (representation_confirmed_at). Existing memberships count as
//    confirmed only where the staff created them (or no audit entry names a creator: seed data and imports
//    from before the audit log) and the organisation is a published entry today; a membership a manager
//    created, i.e. by name matching on someone's say-so, confers nothing until the staff confirm it.

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('memberships').addColumn('contact_shared', t.flag, (c) => c.notNull().defaultTo(flagDefault(db, true))).execute();
  await db.schema.alterTable('memberships').addColumn('representation_confirmed_at', t.instant).execute();

  const byManager = sql`exists (select 1 from audit_log a inner join users u on u.id = a.actor_user_id
    where a.action = 'membership.create' and a.entity_type = 'membership' and a.entity_id = cast(memberships.id as text) and u.role = 'member')`;
  await sql`update memberships set contact_shared = ${flagDefault(db, false)} where ${byManager}`.execute(db);
  await sql`update memberships set representation_confirmed_at = memberships.created_at
    where organisation_id in (select id from organisations where status = 'published') and not ${byManager}`.execute(db);

  await db.schema
    .createTable('membership_invitations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('email_normalized', 'varchar(320)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('organisation', 'varchar(300)')
    .addColumn('starts_on', t.day, (c) => c.notNull())
    .addColumn('ends_on', t.day)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('membership_invitations_group_idx').on('membership_invitations').columns(['group_id', 'email_normalized']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('membership_invitations').execute();
  await db.schema.alterTable('memberships').dropColumn('representation_confirmed_at').execute();
  await db.schema.alterTable('memberships').dropColumn('contact_shared').execute();
}
