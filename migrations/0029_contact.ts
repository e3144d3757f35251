import type { Kysely } from 'kysely';
import { columnTypes, idColumn } from '../src/db/dialect.js';

// The office's contacts by topic (issue 17, "The office's contacts: /contact"): the topics the office
// presents itself with, each with the mailbox the contact form writes to, and the persons who answer
// for it. Person names are entered by the admins (no names here); the three topics are the office's own.
// The outbox gets the Reply-To of a single mail: a contact form message is answered to its sender.
export const CONTACT_TOPICS = [
  { key: 'projects', title: 'Projekte und Förderprogramme' },
  { key: 'general', title: 'Allgemeine Fragen zur Integration' },
  { key: 'website', title: 'Internetauftritt' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('contact_topics')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('key', 'varchar(80)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    // The topic's mailbox; null: the office's functional address (the setting office_email).
    .addColumn('email', 'varchar(320)')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('contact_persons')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('contact_topics.id').onDelete('cascade'))
    .addColumn('job_function', 'varchar(200)')
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('phone', 'varchar(50)')
    .addColumn('email', 'varchar(320)')
    .addColumn('tasks', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_persons_topic_idx').on('contact_persons').columns(['topic_id', 'position']).execute();
  await db.schema.alterTable('outbox').addColumn('reply_to_address', 'varchar(320)').execute();
  const at = new Date().toISOString();
  await db
    .insertInto('contact_topics')
    .values(CONTACT_TOPICS.map((topic, i) => ({ key: topic.key, title: topic.title, email: null, position: i + 1, created_at: at, updated_at: at })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('reply_to_address').execute();
  await db.schema.dropTable('contact_persons').execute();
  await db.schema.dropTable('contact_topics').execute();
}
