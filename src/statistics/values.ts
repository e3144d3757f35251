import type { Kysely, Selectable } from 'kysely';
import type { Database, SpecialValue, StatisticValuesTable } from '../db/schema.js';
import { loadIndicators, type Indicator } from './figures.js';

/**
 * The ONE module that writes values of the Datensammlung (import, CLI and manual entry all come here).
 * - Only counts are stored; a share is derived (src/statistics/figures.ts) and refused here.
 * - Every real change of a figure (number or special value: new, changed, removed) is recorded in
 *   statistic_value_changes with who, when and how ('import' with the file's name, or 'manual').
 * - Writing the same figure again changes nothing: no history row, updated_at stays. A change of only the
 *   source or note updates the row (and updated_at) but writes no history row: the history keeps figures.
 * - A set of values is written in one transaction, after the share check (no derived share above 100 %).
 */

export interface ValueInput {
  indicatorId: number;
  cityId: number;
  year: number;
  value: number | null;
  special: SpecialValue | null;
  /** undefined: keep the stored source / note (an import without such a column); null: clear it. */
  source?: string | null;
  note?: string | null;
}

export type Via = { via: 'import'; fileName: string } | { via: 'manual' };

export type Outcome = 'new' | 'changed' | 'unchanged';

export interface WriteResult {
  new: number;
  changed: number;
  unchanged: number;
  removed: number;
}

/** A refusal for people (German), thrown before anything is written. */
export class ValueRefusedError extends Error {}

type StoredRow = Omit<Selectable<StatisticValuesTable>, 'updated_at' | 'updated_by_user_id'>;

const cellKey = (indicatorId: number, cityId: number, year: number) => `${indicatorId}:${cityId}:${year}`;

/** storedValues: the stored rows for the given cities and years, by cell. */
async function storedValues(db: Kysely<Database>, cityIds: number[], years: number[]): Promise<Map<string, StoredRow>> {
  const map = new Map<string, StoredRow>();
  if (!cityIds.length || !years.length) return map;
  const rows = await db
    .selectFrom('statistic_values')
    .select(['id', 'indicator_id', 'city_id', 'year', 'value', 'special', 'source', 'note'])
    .where('city_id', 'in', [...new Set(cityIds)])
    .where('year', 'in', [...new Set(years)])
    .execute();
  for (const r of rows) {
    const row = { ...r, id: Number(r.id), indicator_id: Number(r.indicator_id), city_id: Number(r.city_id), value: r.value === null ? null : Number(r.value) };
    map.set(cellKey(row.indicator_id, row.city_id, row.year), row);
  }
  return map;
}

const sameFigure = (a: { value: number | null; special: SpecialValue | null }, b: { value: number | null; special: SpecialValue | null }) =>
  a.special === b.special && (a.value === null ? b.value === null : b.value !== null && a.value === b.value);

function outcomeOf(stored: StoredRow | undefined, input: ValueInput): Outcome {
  if (!stored) return 'new';
  if (!sameFigure(stored, input)) return 'changed';
  if (input.source !== undefined && (input.source ?? null) !== stored.source) return 'changed';
  if (input.note !== undefined && (input.note ?? null) !== stored.note) return 'changed';
  return 'unchanged';
}

/** refuseShares: a share indicator takes no values (it is derived from two counts). */
function refuseShares(indicators: Indicator[], inputs: { indicatorId: number }[]): void {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  for (const input of inputs) {
    const indicator = byId.get(input.indicatorId);
    if (!indicator) throw new ValueRefusedError(`Unbekannte Kennzahl (Nr. ${input.indicatorId}).`);
    if (indicator.kind === 'share')
      throw new ValueRefusedError(`„${indicator.name}“ ist ein Anteil: Er wird aus zwei Anzahlen berechnet und kann nicht eingegeben werden.`);
  }
}

export interface ShareOverflow {
  /** Index into the inputs of the value that makes the share exceed 100 %. */
  index: number;
  share: Indicator;
  numerator: number;
  denominator: number;
}

/**
 * shareOverflows: the inputs that, merged with the stored values, make a derived share exceed 100 %
 * (a numerator count above its denominator count for the same city and year), e.g. more foreign
 * inhabitants than inhabitants. Removed cells (in `removing`) count as absent.
 */
export async function shareOverflows(db: Kysely<Database>, inputs: ValueInput[], removing: { indicatorId: number; cityId: number; year: number }[] = []): Promise<ShareOverflow[]> {
  const indicators = await loadIndicators(db);
  const shares = indicators.filter((i) => i.kind === 'share');
  if (!shares.length || !inputs.length) return [];
  const stored = await storedValues(db, inputs.map((i) => i.cityId), inputs.map((i) => i.year));
  const merged = new Map<string, number | null>();
  for (const [key, row] of stored) merged.set(key, row.value);
  for (const r of removing) merged.delete(cellKey(r.indicatorId, r.cityId, r.year));
  const indexOf = new Map<string, number>();
  inputs.forEach((input, index) => {
    const key = cellKey(input.indicatorId, input.cityId, input.year);
    merged.set(key, input.value);
    indexOf.set(key, index);
  });
  const out: ShareOverflow[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    for (const share of shares) {
      if (share.numeratorId !== input.indicatorId && share.denominatorId !== input.indicatorId) continue;
      const nKey = cellKey(share.numeratorId!, input.cityId, input.year);
      const dKey = cellKey(share.denominatorId!, input.cityId, input.year);
      const once = `${share.id}:${input.cityId}:${input.year}`;
      if (seen.has(once)) continue;
      seen.add(once);
      const numerator = merged.get(nKey);
      const denominator = merged.get(dKey);
      if (typeof numerator !== 'number' || typeof denominator !== 'number' || numerator <= denominator) continue;
      out.push({ index: indexOf.get(nKey) ?? indexOf.get(dKey)!, share, numerator, denominator });
    }
  }
  return out;
}

/** planValues: what writing the inputs would do to each (new, changed, unchanged), without writing. */
export async function planValues(db: Kysely<Database>, inputs: ValueInput[]): Promise<Outcome[]> {
  const stored = await storedValues(db, inputs.map((i) => i.cityId), inputs.map((i) => i.year));
  return inputs.map((input) => outcomeOf(stored.get(cellKey(input.indicatorId, input.cityId, input.year)), input));
}

const overflowMessage = (o: ShareOverflow) =>
  `„${o.share.name}“ läge über 100 % (${o.numerator.toLocaleString('de-DE')} von ${o.denominator.toLocaleString('de-DE')}).`;

/**
 * writeValues upserts a set of values (and removes the cells in `remove`) in one transaction, with
 * the history of each real change. Refuses (ValueRefusedError, nothing written) a share indicator, a
 * value that is neither a number nor a special value, or a set that makes a derived share exceed 100 %.
 */
export async function writeValues(
  db: Kysely<Database>,
  actorUserId: number | null,
  inputs: ValueInput[],
  via: Via,
  now: Date,
  remove: { indicatorId: number; cityId: number; year: number }[] = [],
): Promise<WriteResult> {
  for (const input of inputs) {
    if ((input.value === null) === (input.special === null)) throw new ValueRefusedError('Ein Wert ist entweder eine Zahl oder ein Sonderzeichen.');
    if (input.value !== null && (!Number.isFinite(input.value) || input.value < 0)) throw new ValueRefusedError('Eine Anzahl kann nicht negativ sein.');
  }
  return db.transaction().execute(async (trx) => {
    refuseShares(await loadIndicators(trx), [...inputs, ...remove]);
    const overflows = await shareOverflows(trx, inputs, remove);
    if (overflows.length) throw new ValueRefusedError(overflowMessage(overflows[0]!));
    const at = now.toISOString();
    const history = { changed_at: at, changed_by_user_id: actorUserId, via: via.via, file_name: via.via === 'import' ? via.fileName.slice(0, 300) : null };
    const stored = await storedValues(trx, [...inputs, ...remove].map((i) => i.cityId), [...inputs, ...remove].map((i) => i.year));
    const result: WriteResult = { new: 0, changed: 0, unchanged: 0, removed: 0 };
    for (const input of inputs) {
      const before = stored.get(cellKey(input.indicatorId, input.cityId, input.year));
      const outcome = outcomeOf(before, input);
      result[outcome] += 1;
      if (outcome === 'unchanged') continue;
      const figure = { value: input.value, special: input.special };
      if (!before) {
        await trx
          .insertInto('statistic_values')
          .values({ indicator_id: input.indicatorId, city_id: input.cityId, year: input.year, ...figure, source: input.source ?? null, note: input.note ?? null, updated_at: at, updated_by_user_id: actorUserId })
          .execute();
      } else {
        await trx
          .updateTable('statistic_values')
          .set({ ...figure, source: input.source === undefined ? before.source : input.source, note: input.note === undefined ? before.note : input.note, updated_at: at, updated_by_user_id: actorUserId })
          .where('id', '=', before.id)
          .execute();
      }
      if (!before || !sameFigure(before, input)) {
        await trx
          .insertInto('statistic_value_changes')
          .values({
            indicator_id: input.indicatorId,
            city_id: input.cityId,
            year: input.year,
            old_value: before?.value ?? null,
            old_special: before?.special ?? null,
            new_value: input.value,
            new_special: input.special,
            ...history,
          })
          .execute();
      }
    }
    for (const cell of remove) {
      const before = stored.get(cellKey(cell.indicatorId, cell.cityId, cell.year));
      if (!before) continue;
      await trx.deleteFrom('statistic_values').where('id', '=', before.id).execute();
      await trx
        .insertInto('statistic_value_changes')
        .values({ indicator_id: cell.indicatorId, city_id: cell.cityId, year: cell.year, old_value: before.value, old_special: before.special, new_value: null, new_special: null, ...history })
        .execute();
      result.removed += 1;
    }
    return result;
  });
}

/** summaryLine: "124 Werte gelesen: 30 neu, 4 geändert, 90 unverändert." */
export function summaryLine(result: Pick<WriteResult, 'new' | 'changed' | 'unchanged'>): string {
  const total = result.new + result.changed + result.unchanged;
  return `${total} ${total === 1 ? 'Wert' : 'Werte'} gelesen: ${result.new} neu, ${result.changed} geändert, ${result.unchanged} unverändert.`;
}
