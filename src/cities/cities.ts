import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { City, CouncilBody, Database } from '../db/schema.js';
import { isUniqueViolation } from '../db/dialect.js';
import { CONTROL_CHARACTERS, requiredText } from '../http/schemas.js';
import { isDay } from '../lib/days.js';

/** The council bodies a city may have; '' in forms: none. */
export const COUNCIL_BODIES: readonly CouncilBody[] = ['integrationsrat', 'integrationsausschuss'];

/** The council data and list fields every city page and form reads. */
export const CITY_COLUMNS = [
  'id',
  'name',
  'short_name',
  'kind',
  'position',
  'slug',
  'ags',
  'council_body',
  'retired',
  'council_last_election',
  'council_next_election',
  'council_chair',
  'council_contact',
  'council_url',
] as const;

/** listCities: the district's current cities (not retired), in their order; the district-wide entry last. */
export function listCities(db: Kysely<Database>): Promise<City[]> {
  return db.selectFrom('cities').select(CITY_COLUMNS).where('retired', '=', 0).orderBy('position').orderBy('id').execute();
}

/** listAllCities: every city including retired ones (the admins' list). */
export function listAllCities(db: Kysely<Database>): Promise<City[]> {
  return db.selectFrom('cities').select(CITY_COLUMNS).orderBy('retired').orderBy('position').orderBy('id').execute();
}

/** findCityBySlug: a current city by its address; undefined when unknown or retired. */
export function findCityBySlug(db: Kysely<Database>, slug: string): Promise<City | undefined> {
  return db.selectFrom('cities').select(CITY_COLUMNS).where('slug', '=', slug).where('retired', '=', 0).executeTakeFirst();
}

export function findCityById(db: Kysely<Database>, id: number): Promise<City | undefined> {
  return db.selectFrom('cities').select(CITY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'field.tooLong')
    .refine((v) => !CONTROL_CHARACTERS.test(v), 'field.controlCharacters')
    .optional()
    .transform((v) => v || null);

const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || isDay(v), 'field.date');

/** A link to the council information system: http or https only (no javascript:, no data:). */
const councilUrl = z
  .string()
  .trim()
  .max(500, 'field.tooLong')
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) && new URL(v).hostname.includes('.')), 'cities.urlInvalid');

const councilBody = z
  .string()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || (COUNCIL_BODIES as readonly string[]).includes(v), 'field.choose')
  .transform((v) => v as CouncilBody | null);

/** The council data the staff edit on /cities/:slug/edit. */
export const councilSchema = z
  .object({
    council_body: councilBody,
    council_last_election: optionalDay,
    council_next_election: optionalDay,
    council_chair: optionalText(200),
    council_contact: optionalText(500),
    council_url: councilUrl,
  })
  .superRefine((v, ctx) => {
    if (v.council_last_election && v.council_next_election && v.council_next_election <= v.council_last_election) {
      ctx.addIssue({ code: 'custom', path: ['council_next_election'], message: 'cities.nextBeforeLast' });
    }
  });
export type CouncilInput = z.infer<typeof councilSchema>;

const COUNCIL_FIELDS = ['council_body', 'council_last_election', 'council_next_election', 'council_chair', 'council_contact', 'council_url'] as const;

/** changes: the fields whose value differs between the stored row and the input, before and after (missing reads as null). */
function changes<F extends string>(found: Partial<Record<F, unknown>>, input: Partial<Record<F, unknown>>, fields: readonly F[]): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of fields) {
    if ((found[f] ?? null) !== (input[f] ?? null)) {
      before[f] = found[f] ?? null;
      after[f] = input[f] ?? null;
    }
  }
  return { before, after };
}

/** updateCouncil stores a city's council data; audited with what was before and after (only the changed fields). */
export async function updateCouncil(db: Kysely<Database>, actor: SessionUser, cityId: number, input: CouncilInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('cities').select(['id', 'name', ...COUNCIL_FIELDS]).where('id', '=', cityId).executeTakeFirst();
    if (!found) return false;
    const { before, after } = changes(found, input, COUNCIL_FIELDS);
    if (Object.keys(after).length === 0) return true;
    await trx.updateTable('cities').set(after).where('id', '=', cityId).execute();
    await audit(trx, { actorUserId: actor.id, action: 'city.council_update', entityType: 'city', entityId: cityId, before: { name: found.name, ...before }, after: { name: found.name, ...after } }, now);
    return true;
  });
}

/** The admins' form of a city in the list. */
export const citySchema = z.object({
  name: requiredText(200),
  short_name: requiredText(100),
  ags: z.string({ error: 'field.required' }).trim().regex(/^[0-9]{8}$/, 'cities.agsInvalid'),
  slug: z.string({ error: 'field.required' }).trim().min(1, 'field.required').max(80, 'field.tooLong').regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'field.slug'),
  council_body: councilBody,
  kind: z.enum(['city', 'district'], { error: 'field.choose' }).optional().default('city'),
});
export type CityInput = z.infer<typeof citySchema>;

/** Why a city could not be stored: a field already used by another city. */
export class DuplicateCityError extends Error {
  constructor(readonly field: 'slug' | 'ags') {
    super(field);
  }
}

async function assertUnique(trx: Kysely<Database>, input: CityInput, exceptId: number | null): Promise<void> {
  for (const field of ['slug', 'ags'] as const) {
    let q = trx.selectFrom('cities').select('id').where(field, '=', input[field]);
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst()) throw new DuplicateCityError(field);
  }
}

const LIST_FIELDS = ['name', 'short_name', 'ags', 'slug', 'council_body', 'kind'] as const;

/** createCity adds a city at the end of the list (audited); DuplicateCityError for a slug or AGS in use. */
export async function createCity(db: Kysely<Database>, actor: SessionUser, input: CityInput, now: Date): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      await assertUnique(trx, input, null);
      const last = await trx.selectFrom('cities').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
      const values = { name: input.name, short_name: input.short_name, ags: input.ags, slug: input.slug, council_body: input.council_body, kind: input.kind };
      const row = await trx
        .insertInto('cities')
        .values({ ...values, position: Number(last?.p ?? 0) + 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, { actorUserId: actor.id, action: 'city.create', entityType: 'city', entityId: row.id, after: values }, now);
      return row.id;
    });
  } catch (err) {
    // Two admins adding the same city at once: the unique index decides.
    if (isUniqueViolation(err)) throw new DuplicateCityError('slug');
    throw err;
  }
}

/** updateCity changes a city's list data (audited with before/after); false when there is none such. */
export async function updateCity(db: Kysely<Database>, actor: SessionUser, id: number, input: CityInput, now: Date): Promise<boolean> {
  try {
    return await db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('cities').select(['id', ...LIST_FIELDS]).where('id', '=', id).executeTakeFirst();
      if (!found) return false;
      await assertUnique(trx, input, id);
      const { before, after } = changes(found, input, LIST_FIELDS);
      if (Object.keys(after).length === 0) return true;
      await trx.updateTable('cities').set(after).where('id', '=', id).execute();
      await audit(trx, { actorUserId: actor.id, action: 'city.update', entityType: 'city', entityId: id, before: { name: found.name, ...before }, after: { name: input.name, ...after } }, now);
      return true;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateCityError('slug');
    throw err;
  }
}

/** What still points at a city: organisations (seat and area served) and people. */
export interface CityUsage {
  organisations: number;
  served: number;
  persons: number;
}

export async function cityUsage(db: Kysely<Database>, id: number): Promise<CityUsage> {
  const count = (n: { n: number | string | bigint } | undefined) => Number(n?.n ?? 0);
  const [organisations, served, persons] = await Promise.all([
    db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('city_id', '=', id).executeTakeFirst(),
    db.selectFrom('organisation_cities').select((eb) => eb.fn.countAll<number>().as('n')).where('city_id', '=', id).executeTakeFirst(),
    db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('city_id', '=', id).executeTakeFirst(),
  ]);
  return { organisations: count(organisations), served: count(served), persons: count(persons) };
}

export const inUse = (u: CityUsage) => u.organisations + u.served + u.persons > 0;

export type RetireResult = { ok: true } | { ok: false; reason: 'notFound' | 'inUse' | 'replacement' };

/**
 * retireCity takes a city out of the lists. Records that still use it either stop it (reason inUse:
 * the admin must choose a replacement) or move to the replacement city, all in one transaction with
 * the audit entry: an organisation's seat, the areas it serves (without doubles), people's cities.
 */
export async function retireCity(db: Kysely<Database>, actor: SessionUser, id: number, replacementId: number | null, now: Date): Promise<RetireResult> {
  return db.transaction().execute(async (trx) => {
    const city = await trx.selectFrom('cities').select(['id', 'name', 'retired']).where('id', '=', id).executeTakeFirst();
    if (!city || city.retired) return { ok: false, reason: 'notFound' } as const;
    let replacement: { id: number; name: string } | undefined;
    if (replacementId !== null) {
      replacement = await trx.selectFrom('cities').select(['id', 'name']).where('id', '=', replacementId).where('retired', '=', 0).executeTakeFirst();
      if (!replacement || replacement.id === id) return { ok: false, reason: 'replacement' } as const;
    }
    const usage = await cityUsage(trx, id);
    if (inUse(usage) && !replacement) return { ok: false, reason: 'inUse' } as const;
    if (replacement) {
      await trx.updateTable('organisations').set({ city_id: replacement.id }).where('city_id', '=', id).execute();
      await trx.updateTable('persons').set({ city_id: replacement.id }).where('city_id', '=', id).execute();
      // The areas served: the replacement is added where it is missing, then the retired city removed.
      await trx
        .insertInto('organisation_cities')
        .columns(['organisation_id', 'city_id'])
        .expression((eb) =>
          eb
            .selectFrom('organisation_cities as oc')
            .select(['oc.organisation_id', sql<number>`${replacement!.id}`.as('city_id')])
            .where('oc.city_id', '=', id)
            .where((w) => w.not(w.exists(w.selectFrom('organisation_cities as o2').select('o2.organisation_id').whereRef('o2.organisation_id', '=', 'oc.organisation_id').where('o2.city_id', '=', replacement!.id)))),
        )
        .execute();
      await trx.deleteFrom('organisation_cities').where('city_id', '=', id).execute();
    }
    await trx.updateTable('cities').set({ retired: 1 }).where('id', '=', id).execute();
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'city.retire',
        entityType: 'city',
        entityId: id,
        before: { name: city.name, retired: 0, ...usage },
        after: { name: city.name, retired: 1, replacement_id: replacement?.id ?? null, replacement: replacement?.name ?? null },
      },
      now,
    );
    return { ok: true } as const;
  });
}

/** restoreCity brings a retired city back into the lists (audited). */
export async function restoreCity(db: Kysely<Database>, actor: SessionUser, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const city = await trx.selectFrom('cities').select(['id', 'name', 'retired']).where('id', '=', id).executeTakeFirst();
    if (!city || !city.retired) return false;
    await trx.updateTable('cities').set({ retired: 0 }).where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'city.restore', entityType: 'city', entityId: id, before: { name: city.name, retired: 1 }, after: { name: city.name, retired: 0 } }, now);
    return true;
  });
}
