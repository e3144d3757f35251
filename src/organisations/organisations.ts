import { sql, type Kysely } from 'kysely';
import { lockKey } from '../db/dialect.js';
import type { Database, OrganisationStatus } from '../db/schema.js';
import { foldText } from '../lib/fold.js';


/**
 * findOrCreateOrganisation returns the id of the organisation with this name (compared normalised),
 * creating it as "unlisted" (known to the hub, not in the public directory) when there is none. With
 * `reviewedOnly` (what group managers and invitations type into a membership), pending and rejected
 * submissions are never matched, a published entry comes first: a submission is the staff's business
 * until reviewed, and a typed name must neither tie anyone to it nor show that it exists. The match is
 * a display link only; representing an organisation needs the staff's confirmation
 * (src/groups/memberships.ts). Returns null for an empty name.
 */
export async function findOrCreateOrganisation(trx: Kysely<Database>, name: string | undefined, now: Date, opts: { reviewedOnly?: boolean } = {}): Promise<number | null> {
  const clean = name?.trim().replace(/\s+/g, ' ');
  if (!clean) return null;
  await lockKey(trx, `organisation:${foldText(clean)}`);
  const existing = await trx
    .selectFrom('organisations')
    .select('id')
    .where('name_normalized', '=', foldText(clean))
    .$call((qb) => (opts.reviewedOnly ? qb.where('status', 'in', ['published', 'unlisted']).orderBy(sql`case when status = 'published' then 0 else 1 end`) : qb.where('status', '!=', 'archived')))
    .orderBy('id')
    .executeTakeFirst();
  if (existing) return existing.id;
  const at = now.toISOString();
  const created = await trx
    .insertInto('organisations')
    .values({ name: clean, name_normalized: foldText(clean), kind: 'other', status: 'unlisted', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/**
 * organisationNames: names offered as suggestions in forms (alphabetical, at most `limit`): published
 * ones for everyone, internal (unlisted) ones too for the staff; never pending or rejected submissions.
 */
export async function organisationNames(db: Kysely<Database>, opts: { internal: boolean }, limit = 500): Promise<string[]> {
  const statuses: OrganisationStatus[] = opts.internal ? ['published', 'unlisted'] : ['published'];
  const rows = await db.selectFrom('organisations').select('name').where('status', 'in', statuses).orderBy('name_normalized').limit(limit).execute();
  return rows.map((r) => r.name);
}
