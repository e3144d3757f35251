import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Organisation, OrganisationStatus } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import { foldText, foldWords } from '../lib/fold.js';
import { normalizeEmail } from '../http/schemas.js';
import { grantConsentInTransaction } from './contacts.js';
import { DESCRIPTION_LANGUAGES, type DescriptionLanguage } from './languages.js';
import { namesByEntry, type LocalNames } from '../reference/names.js';

/** Everything an entry of the directory says about an organisation (the form's content). */
export interface EntryInput {
  name: string;
  kind: string;
  city_id: number | null;
  street?: string;
  postal_code?: string;
  place?: string;
  opening_hours?: string;
  phone?: string;
  email?: string;
  website?: string;
  offers?: string;
  descriptions: Partial<Record<DescriptionLanguage, string>>;
  languages: string[];
  fields: number[];
  cities: number[];
  targets: number[];
}

export interface Contact {
  name: string;
  email: string | null;
  phone: string | null;
  job_function: string | null;
  /** Whether they consented to be shown (only the staff ever see contacts without). */
  consented: boolean;
}

export interface Entry extends Organisation {
  /** The kind's German name, and its names in the other interface languages (referenceLabel picks). */
  kind_label_de: string;
  kind_names: LocalNames;
  city_name: string | null;
  descriptions: Partial<Record<DescriptionLanguage, string>>;
  languages: string[];
  fields: { id: number; name: string; names: LocalNames }[];
  cities: { id: number; name: string }[];
  targets: { id: number; name: string; names: LocalNames }[];
  /** Only people who consented to be shown (for the public); everyone linked for editors. */
  contacts: Contact[];
}

const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * writeEntry stores an entry's content on an existing organisation row: its columns, its lists
 * (languages, fields, cities, target groups, descriptions) and the folded search text, in the caller's
 * transaction.
 */
export async function writeEntry(trx: Kysely<Database>, organisationId: number, input: EntryInput, now: Date): Promise<void> {
  await trx
    .updateTable('organisations')
    .set({
      name: input.name.trim(),
      name_normalized: foldText(input.name),
      kind: input.kind,
      city_id: input.city_id,
      street: clean(input.street),
      postal_code: clean(input.postal_code),
      place: clean(input.place),
      opening_hours: clean(input.opening_hours),
      phone: clean(input.phone),
      email: clean(input.email),
      website: clean(input.website),
      offers: input.offers?.trim() ?? '',
      updated_at: now.toISOString(),
    })
    .where('id', '=', organisationId)
    .execute();
  const lists = [
    ['organisation_languages', 'language', [...new Set(input.languages)]],
    ['organisation_fields', 'field_id', [...new Set(input.fields)]],
    ['organisation_cities', 'city_id', [...new Set(input.cities)]],
    ['organisation_target_groups', 'target_group_id', [...new Set(input.targets)]],
  ] as const;
  for (const [table, column, values] of lists) {
    await trx.deleteFrom(table).where('organisation_id', '=', organisationId).execute();
    if (values.length) await trx.insertInto(table).values(values.map((v) => ({ organisation_id: organisationId, [column]: v }) as never)).execute();
  }
  await trx.deleteFrom('organisation_descriptions').where('organisation_id', '=', organisationId).execute();
  const descriptions = DESCRIPTION_LANGUAGES.map((language) => ({ organisation_id: organisationId, language, description: input.descriptions[language]?.trim() ?? '' })).filter((d) => d.description);
  if (descriptions.length) await trx.insertInto('organisation_descriptions').values(descriptions).execute();
  await refreshSearchText(trx, organisationId);
}

/**
 * refreshSearchText recomputes the folded search columns from the entry, its contacts who consented
 * to publication and its places; the full-text indexes follow (trigger on SQLite, generated column on
 * PostgreSQL).
 */
export async function refreshSearchText(trx: Kysely<Database>, organisationId: number): Promise<void> {
  const org = await trx.selectFrom('organisations').select(['name', 'offers', 'place', 'street', 'postal_code']).where('id', '=', organisationId).executeTakeFirstOrThrow();
  const [descriptions, contacts, cities] = await Promise.all([
    trx.selectFrom('organisation_descriptions').select('description').where('organisation_id', '=', organisationId).execute(),
    trx.selectFrom('persons').select('name').where('organisation_id', '=', organisationId).where('contact_consent_at', 'is not', null).execute(),
    trx.selectFrom('organisation_cities').innerJoin('cities', 'cities.id', 'organisation_cities.city_id').select('cities.name').where('organisation_id', '=', organisationId).execute(),
  ]);
  const body = [org.offers, org.place, org.street, org.postal_code, ...descriptions.map((d) => d.description), ...contacts.map((c) => c.name), ...cities.map((c) => c.name)].filter(Boolean).join(' ');
  await trx.updateTable('organisations').set({ search_name: foldWords(org.name).join(' '), search_offers: foldWords(org.offers).join(' '), search_body: foldWords(body).join(' ') }).where('id', '=', organisationId).execute();
}

/**
 * findEntry loads an entry with its lists. `audience` decides what is visible: "public" and
 * "representative" (a member editing their organisation) only find published entries (a pending
 * submission names its submitter and is the staff's alone); both show only contacts who consented to
 * publication. "editor" (the staff) finds any status and all
 * contacts. Returns undefined when there is no such entry (for the audience).
 */
export async function findEntry(db: Kysely<Database>, id: number, audience: 'public' | 'representative' | 'editor'): Promise<Entry | undefined> {
  let query = db
    .selectFrom('organisations')
    .innerJoin('organisation_kinds', 'organisation_kinds.key', 'organisations.kind')
    .leftJoin('cities', 'cities.id', 'organisations.city_id')
    .selectAll('organisations')
    .select(['organisation_kinds.label_de as kind_label_de', 'cities.name as city_name'])
    .where('organisations.id', '=', id);
  if (audience !== 'editor') query = query.where('organisations.status', '=', 'published');
  const org = await query.executeTakeFirst();
  if (!org) return undefined;
  let contacts = db.selectFrom('persons').select(['name', 'email', 'phone', 'job_function', 'contact_consent_at']).where('organisation_id', '=', id).orderBy('name');
  if (audience !== 'editor') contacts = contacts.where('contact_consent_at', 'is not', null);
  const [descriptions, languages, fields, cities, targets, people] = await Promise.all([
    db.selectFrom('organisation_descriptions').select(['language', 'description']).where('organisation_id', '=', id).orderBy('language').execute(),
    db.selectFrom('organisation_languages').select('language').where('organisation_id', '=', id).orderBy('language').execute(),
    db.selectFrom('organisation_fields').innerJoin('fields_of_action', 'fields_of_action.id', 'organisation_fields.field_id').select(['fields_of_action.id', 'fields_of_action.name']).where('organisation_id', '=', id).orderBy('fields_of_action.position').execute(),
    db.selectFrom('organisation_cities').innerJoin('cities', 'cities.id', 'organisation_cities.city_id').select(['cities.id', 'cities.name']).where('organisation_id', '=', id).orderBy('cities.position').execute(),
    db.selectFrom('organisation_target_groups').innerJoin('target_groups', 'target_groups.id', 'organisation_target_groups.target_group_id').select(['target_groups.id', 'target_groups.name']).where('organisation_id', '=', id).orderBy('target_groups.position').execute(),
    contacts.limit(50).execute(),
  ]);
  // The names of its kind, fields and target groups in the other interface languages (a few rows).
  const [kindNames, fieldNames, targetNames] = await Promise.all([
    namesByEntry(db, 'kinds', [org.kind]),
    namesByEntry(db, 'fields', fields.map((f) => String(f.id))),
    namesByEntry(db, 'targets', targets.map((g) => String(g.id))),
  ]);
  return {
    ...org,
    kind_names: kindNames.get(org.kind) ?? {},
    descriptions: Object.fromEntries(descriptions.map((d) => [d.language, d.description])),
    languages: languages.map((l) => l.language),
    fields: fields.map((f) => ({ ...f, names: fieldNames.get(String(f.id)) ?? {} })),
    cities,
    targets: targets.map((g) => ({ ...g, names: targetNames.get(String(g.id)) ?? {} })),
    contacts: people.map(({ contact_consent_at, ...person }) => ({ ...person, consented: contact_consent_at !== null })),
  };
}

/**
 * entryFingerprint: a hash of an entry's content, to notice that it changed between a proposal and its
 * review (timestamps could be equal for two edits in one millisecond).
 */
export function entryFingerprint(entry: Entry): string {
  return createHash('sha256').update(JSON.stringify(entryInputOf(entry))).digest('hex');
}

/** entryInputOf: an entry as form input (to edit it). */
export function entryInputOf(entry: Entry): EntryInput {
  return {
    name: entry.name,
    kind: entry.kind,
    city_id: entry.city_id,
    street: entry.street ?? undefined,
    postal_code: entry.postal_code ?? undefined,
    place: entry.place ?? undefined,
    opening_hours: entry.opening_hours ?? undefined,
    phone: entry.phone ?? undefined,
    email: entry.email ?? undefined,
    website: entry.website ?? undefined,
    offers: entry.offers,
    descriptions: entry.descriptions,
    languages: entry.languages,
    fields: entry.fields.map((f) => f.id),
    cities: entry.cities.map((c) => c.id),
    targets: entry.targets.map((t) => t.id),
  };
}

export interface Submission {
  entry: EntryInput;
  submitter: { name: string; email: string };
  /** The submitter may also be shown as the entry's contact (with their consent). */
  contact?: { name: string; email: string; phone?: string; job_function?: string };
}

/**
 * submitEntry stores a public submission as a pending entry with the date of consent, in one
 * transaction with its audit entry; the caller queues the confirmation mail in the same transaction.
 */
export async function submitEntry(trx: Kysely<Database>, submission: Submission, now: Date): Promise<number> {
  return (await submitEntryWithLinks(trx, submission, now, '')).id;
}

/**
 * submitEntryWithLinks is submitEntry that also returns the withdrawal link of the submitter's consent
 * to be shown as a contact (null without that consent, or when the address belongs to someone already
 * known: a public form must not attach an existing person to an organisation).
 */
export async function submitEntryWithLinks(trx: Kysely<Database>, submission: Submission, now: Date, baseUrl: string): Promise<{ id: number; withdrawLink: string | null }> {
  const at = now.toISOString();
  const { entry } = submission;
  const row = await trx
    .insertInto('organisations')
    .values({
      name: entry.name.trim(),
      name_normalized: foldText(entry.name),
      kind: entry.kind,
      status: 'pending',
      consent_at: at,
      submitter_name: submission.submitter.name,
      submitter_email: submission.submitter.email,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let withdrawLink: string | null = null;
  if (submission.contact) {
    const c = submission.contact;
    const existing = await trx.selectFrom('persons').select('id').where('email_normalized', '=', normalizeEmail(c.email)).executeTakeFirst();
    if (!existing) {
      const person = await trx
        .insertInto('persons')
        .values({ name: c.name, name_folded: foldText(c.name), email: c.email, email_normalized: normalizeEmail(c.email), phone: clean(c.phone), job_function: clean(c.job_function), organisation_id: row.id, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The submission mail carries the link (one mail, not two).
      withdrawLink = await grantConsentInTransaction(trx, null, person.id, { method: 'online', at }, { now, baseUrl, districtName: '', mail: false });
    }
  }
  await writeEntry(trx, row.id, entry, now);
  await audit(trx, { actorUserId: null, action: 'organisation.submit', entityType: 'organisation', entityId: row.id, after: { ...entry, submitter: submission.submitter, publish_contact: Boolean(submission.contact) } }, now);
  return { id: row.id, withdrawLink };
}

/** setStatus moves an entry through the review (published, rejected, archived), recorded and audited. */
export async function setStatus(trx: Kysely<Database>, actor: SessionUser, id: number, status: OrganisationStatus, reason: string | null, now: Date): Promise<void> {
  const before = await trx.selectFrom('organisations').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
  const at = now.toISOString();
  await trx
    .updateTable('organisations')
    .set({
      status,
      rejection_reason: status === 'rejected' ? reason : null,
      reviewed_at: at,
      reviewed_by_user_id: actor.id,
      ...(status === 'published' ? { last_confirmed_at: at } : {}),
    })
    .where('id', '=', id)
    .execute();
  await audit(trx, { actorUserId: actor.id, action: `organisation.${status}`, entityType: 'organisation', entityId: id, before, after: { status, reason } }, now);
}

/**
 * isRepresentative: whether the viewer currently represents the organisation in some working group: a
 * current membership for that organisation whose representation the staff (src/groups/memberships.ts,
 * setRepresentation) or the organisation's contact (src/directory/confirmation.ts) confirmed, and the organisation a published entry. The
 * organisation typed into a membership alone grants nothing, and a pending, rejected or unlisted
 * organisation is never represented.
 */
export async function isRepresentative(db: Kysely<Database>, viewer: SessionUser, organisationId: number, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select('memberships.id')
    .where('memberships.person_id', '=', viewer.personId)
    .where('memberships.organisation_id', '=', organisationId)
    .where('memberships.representation_confirmed_at', 'is not', null)
    .where('organisations.status', '=', 'published')
    .where(currentOn(day))
    .executeTakeFirst();
  return row !== undefined;
}

/** canEditEntry: the staff edit every entry; a member the published entries of organisations they represent (confirmed). */
export async function canEditEntry(db: Kysely<Database>, viewer: SessionUser | null, organisationId: number, day: string): Promise<boolean> {
  if (!viewer) return false;
  return isStaff(viewer) || isRepresentative(db, viewer, organisationId, day);
}
