import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { Database, StatisticIndicatorsTable } from '../db/schema.js';
import type { FieldErrors } from '../http/forms.js';
import { loadIndicators, type Indicator } from './figures.js';

/**
 * The staff define the indicators of the Datensammlung: key (a-z0-9_, unique, used by imports), German
 * and English name, unit, definition, source, kind, and for a share its two counts (numerator /
 * denominator, both counts, not the same, not itself), and a chart group (indicators of one group form a
 * chart of parts, like the age structure). Creating and editing are written to the audit log.
 * A count that already has values cannot become a share (its values would vanish from every page).
 */

const text = (max: number) => z.string().trim().max(max, 'field.tooLong');
const optional = (max: number) => text(max).transform((v) => (v === '' ? null : v));

export const indicatorSchema = z
  .object({
    key: z.string().trim().min(1, 'field.required').max(80, 'field.tooLong').regex(/^[a-z0-9_]+$/, 'statistics.admin.keyFormat'),
    name: text(200).pipe(z.string().min(1, 'field.required')),
    name_en: optional(200),
    unit: text(50).pipe(z.string().min(1, 'field.required')),
    definition: optional(2000),
    source: optional(300),
    kind: z.enum(['count', 'share'], { message: 'field.choose' }),
    numerator_id: z.string().optional().default(''),
    denominator_id: z.string().optional().default(''),
    chart_group: optional(80).pipe(z.string().regex(/^[a-z0-9_]+$/, 'statistics.admin.keyFormat').nullable()),
  })
  .passthrough();

export type IndicatorForm = z.infer<typeof indicatorSchema>;

/** An indicator as stored, without its id, position and timestamps. */
export type IndicatorRecord = Omit<Selectable<StatisticIndicatorsTable>, 'id' | 'position' | 'created_at' | 'updated_at'>;

/**
 * checkIndicator: the form's cross-field rules against the other indicators (unique key, a share's parts
 * are two different counts and not the indicator itself). Returns the record or field errors.
 */
export async function checkIndicator(db: Kysely<Database>, form: IndicatorForm, selfId: number | null): Promise<IndicatorRecord | FieldErrors> {
  const all = await loadIndicators(db);
  const errors: FieldErrors = {};
  if (all.some((i) => i.key === form.key && i.id !== selfId)) errors.key = 'statistics.admin.keyTaken';
  let numerator: number | null = null;
  let denominator: number | null = null;
  if (form.kind === 'share') {
    const count = (raw: string, field: 'numerator_id' | 'denominator_id') => {
      const id = Number(raw);
      const indicator = all.find((i) => i.id === id);
      if (!raw || !indicator) errors[field] = 'field.choose';
      else if (id === selfId) errors[field] = 'statistics.admin.selfReference';
      else if (indicator.kind !== 'count') errors[field] = 'statistics.admin.partNotCount';
      return indicator ? id : null;
    };
    numerator = count(form.numerator_id, 'numerator_id');
    denominator = count(form.denominator_id, 'denominator_id');
    if (numerator !== null && numerator === denominator && !errors.denominator_id) errors.denominator_id = 'statistics.admin.sameParts';
  }
  if (selfId !== null && form.kind === 'share') {
    const self = all.find((i) => i.id === selfId);
    if (self?.kind === 'count') {
      const used = await db.selectFrom('statistic_values').select('id').where('indicator_id', '=', selfId).executeTakeFirst();
      const part = all.some((i) => i.numeratorId === selfId || i.denominatorId === selfId);
      if (used || part) errors.kind = 'statistics.admin.countInUse';
    }
  }
  if (Object.keys(errors).length) return errors;
  return {
    key: form.key,
    name: form.name,
    name_en: form.name_en,
    unit: form.unit,
    definition: form.definition,
    source: form.source,
    kind: form.kind,
    numerator_id: numerator,
    denominator_id: denominator,
    chart_group: form.chart_group,
  };
}

export const isRecord = (v: IndicatorRecord | FieldErrors): v is IndicatorRecord => typeof (v as IndicatorRecord).kind === 'string' && 'numerator_id' in v;

export async function createIndicator(db: Kysely<Database>, actorUserId: number, record: IndicatorRecord, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('statistic_indicators').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    const at = now.toISOString();
    const row = await trx
      .insertInto('statistic_indicators')
      .values({ ...record, position: Number(last?.p ?? 0) + 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await audit(trx, { actorUserId, action: 'statistic_indicator.create', entityType: 'statistic_indicator', entityId: id, after: record }, now);
    return id;
  });
}

export async function updateIndicator(db: Kysely<Database>, actorUserId: number, id: number, record: IndicatorRecord, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('statistic_indicators')
      .select(['key', 'name', 'name_en', 'unit', 'definition', 'source', 'kind', 'numerator_id', 'denominator_id', 'chart_group'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!before) return false;
    await trx.updateTable('statistic_indicators').set({ ...record, updated_at: now.toISOString() }).where('id', '=', id).execute();
    await audit(trx, { actorUserId, action: 'statistic_indicator.update', entityType: 'statistic_indicator', entityId: id, before, after: record }, now);
    return true;
  });
}

export function indicatorValues(i: Indicator): Record<string, string> {
  return {
    key: i.key,
    name: i.name,
    name_en: i.nameEn ?? '',
    unit: i.unit,
    definition: i.definition ?? '',
    source: i.source ?? '',
    kind: i.kind,
    numerator_id: i.numeratorId === null ? '' : String(i.numeratorId),
    denominator_id: i.denominatorId === null ? '' : String(i.denominatorId),
    chart_group: i.chartGroup ?? '',
  };
}
