import { sql, type Kysely, type Selectable } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { ContactPersonsTable, ContactTopicsTable, Database } from '../db/schema.js';
import { slugify } from '../groups/groups.js';
import { de } from '../i18n/de.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import type { ContactPersonInput, TopicInput } from './schemas.js';

/** A contact person as the pages show them: the table's row without its timestamps. */
export type ContactPerson = Omit<Selectable<ContactPersonsTable>, 'created_at' | 'updated_at'>;

/** A contact topic with its persons in their order. */
export type ContactTopic = Omit<Selectable<ContactTopicsTable>, 'created_at' | 'updated_at'> & { persons: ContactPerson[] };

/** listTopics: every topic in the office's order, each with its persons in their order. */
export async function listTopics(db: Kysely<Database>): Promise<ContactTopic[]> {
  const [topics, persons] = await Promise.all([
    db.selectFrom('contact_topics').select(['id', 'key', 'title', 'email', 'position']).orderBy('position').orderBy('id').execute(),
    db.selectFrom('contact_persons').select(['id', 'topic_id', 'job_function', 'name', 'phone', 'email', 'tasks', 'position']).orderBy('position').orderBy('id').execute(),
  ]);
  return topics.map((t) => ({ ...t, persons: persons.filter((p) => p.topic_id === t.id) }));
}

export function findTopic(db: Kysely<Database>, id: number) {
  return db.selectFrom('contact_topics').select(['id', 'key', 'title', 'email', 'position']).where('id', '=', id).executeTakeFirst();
}

export function findContactPerson(db: Kysely<Database>, id: number): Promise<ContactPerson | undefined> {
  return db.selectFrom('contact_persons').select(['id', 'topic_id', 'job_function', 'name', 'phone', 'email', 'tasks', 'position']).where('id', '=', id).executeTakeFirst();
}

/**
 * topicTitle: a topic's title in the reader's language. The office's own topics (seeded with a key the
 * catalogues know) are translated while their title is the standard one; a title the staff changed or
 * a topic they added is shown as entered (German, marked so by the view).
 */
export function topicTitle(t: Translate, topic: { key: string; title: string }): { text: string; translated: boolean } {
  const key = `contact.topic.${topic.key}` as MessageKey;
  if (Object.hasOwn(de, key) && de[key] === topic.title) return { text: t(key), translated: true };
  return { text: topic.title, translated: false };
}

/**
 * topicKey: a topic's key from its title ("Fragen zur Schule" → "fragen-zur-schule"), made like a group's
 * slug; at most 60 characters, so that a "-2" still fits the column (80).
 */
function topicKey(title: string): string {
  return slugify(title).slice(0, 60).replace(/-+$/, '') || 'thema';
}

async function nextPosition(db: Kysely<Database>, table: 'contact_topics' | 'contact_persons', topicId?: number): Promise<number> {
  let q = db.selectFrom(table).select(sql<number | null>`max(position)`.as('max'));
  if (table === 'contact_persons') q = q.where('topic_id' as never, '=', topicId as never);
  const row = await q.executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

const topicValues = (input: TopicInput) => ({ title: input.title, email: input.email ?? null });
const personValues = (input: ContactPersonInput) => ({ name: input.name, job_function: input.job_function ?? null, phone: input.phone ?? null, email: input.email ?? null, tasks: input.tasks ?? null });

export async function addTopic(db: Kysely<Database>, actor: SessionUser, input: TopicInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const base = topicKey(input.title);
    const taken = new Set((await trx.selectFrom('contact_topics').select('key').where('key', 'like', `${base}%`).execute()).map((r) => r.key));
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    const at = now.toISOString();
    const values = topicValues(input);
    const row = await trx
      .insertInto('contact_topics')
      .values({ ...values, key, position: await nextPosition(trx, 'contact_topics'), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'contact_topic.create', entityType: 'contact_topic', entityId: row.id, after: values }, now);
    return row.id;
  });
}

export async function updateTopic(db: Kysely<Database>, actor: SessionUser, id: number, input: TopicInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findTopic(trx, id);
    if (!before) return false;
    const values = topicValues(input);
    await trx.updateTable('contact_topics').set({ ...values, updated_at: now.toISOString() }).where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'contact_topic.update', entityType: 'contact_topic', entityId: id, before: { title: before.title, email: before.email }, after: values }, now);
    return true;
  });
}

/** deleteTopic removes a topic with its persons (the audit entry keeps who they were). */
export async function deleteTopic(db: Kysely<Database>, actor: SessionUser, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findTopic(trx, id);
    if (!before) return false;
    const persons = await trx.selectFrom('contact_persons').select('name').where('topic_id', '=', id).orderBy('position').execute();
    await trx.deleteFrom('contact_persons').where('topic_id', '=', id).execute();
    await trx.deleteFrom('contact_topics').where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'contact_topic.delete', entityType: 'contact_topic', entityId: id, before: { title: before.title, email: before.email, persons: persons.map((p) => p.name) } }, now);
    return true;
  });
}

/** swap: exchanges the positions of a row and its neighbour above or below; false at the end of the list. */
async function swap(trx: Kysely<Database>, table: 'contact_topics' | 'contact_persons', row: { id: number; position: number }, direction: 'up' | 'down', topicId?: number): Promise<boolean> {
  let q = trx.selectFrom(table).select(['id', 'position']);
  if (topicId !== undefined) q = q.where('topic_id' as never, '=', topicId as never);
  const siblings = await q.orderBy('position').orderBy('id').execute();
  const at = siblings.findIndex((s) => s.id === row.id);
  const other = siblings[direction === 'up' ? at - 1 : at + 1];
  if (at < 0 || !other) return false;
  // Positions are renumbered 1..n in the new order, so equal or missing positions cannot stick.
  const order = siblings.map((s) => s.id);
  [order[at], order[direction === 'up' ? at - 1 : at + 1]] = [other.id, row.id];
  for (const [i, id] of order.entries()) await trx.updateTable(table).set({ position: i + 1 }).where('id', '=', id).execute();
  return true;
}

export async function moveTopic(db: Kysely<Database>, actor: SessionUser, id: number, direction: 'up' | 'down', now: Date): Promise<boolean | undefined> {
  return db.transaction().execute(async (trx) => {
    const topic = await findTopic(trx, id);
    if (!topic) return undefined;
    const moved = await swap(trx, 'contact_topics', topic, direction);
    if (moved) await audit(trx, { actorUserId: actor.id, action: 'contact_topic.move', entityType: 'contact_topic', entityId: id, after: { title: topic.title, direction } }, now);
    return moved;
  });
}

export async function addContactPerson(db: Kysely<Database>, actor: SessionUser, topicId: number, input: ContactPersonInput, now: Date): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const topic = await findTopic(trx, topicId);
    if (!topic) return undefined;
    const at = now.toISOString();
    const values = personValues(input);
    const row = await trx
      .insertInto('contact_persons')
      .values({ ...values, topic_id: topicId, position: await nextPosition(trx, 'contact_persons', topicId), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'contact_person.create', entityType: 'contact_person', entityId: row.id, after: { ...values, topic: topic.title } }, now);
    return row.id;
  });
}

export async function updateContactPerson(db: Kysely<Database>, actor: SessionUser, id: number, input: ContactPersonInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findContactPerson(trx, id);
    if (!before) return false;
    const values = personValues(input);
    await trx.updateTable('contact_persons').set({ ...values, updated_at: now.toISOString() }).where('id', '=', id).execute();
    const { id: _id, topic_id: _topic, position: _position, ...old } = before;
    await audit(trx, { actorUserId: actor.id, action: 'contact_person.update', entityType: 'contact_person', entityId: id, before: old, after: values }, now);
    return true;
  });
}

export async function deleteContactPerson(db: Kysely<Database>, actor: SessionUser, id: number, now: Date): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await findContactPerson(trx, id);
    if (!before) return undefined;
    await trx.deleteFrom('contact_persons').where('id', '=', id).execute();
    const { id: _id, position: _position, ...old } = before;
    await audit(trx, { actorUserId: actor.id, action: 'contact_person.delete', entityType: 'contact_person', entityId: id, before: old }, now);
    return before.topic_id;
  });
}

export async function moveContactPerson(db: Kysely<Database>, actor: SessionUser, id: number, direction: 'up' | 'down', now: Date): Promise<boolean | undefined> {
  return db.transaction().execute(async (trx) => {
    const person = await findContactPerson(trx, id);
    if (!person) return undefined;
    const moved = await swap(trx, 'contact_persons', person, direction, person.topic_id);
    if (moved) await audit(trx, { actorUserId: actor.id, action: 'contact_person.move', entityType: 'contact_person', entityId: id, after: { name: person.name, direction } }, now);
    return moved;
  });
}
