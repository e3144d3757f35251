import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { AdminHistoryPage, type HistoryRow } from '../../views/statistics/admin-history.js';
import { AdminImportPage, type ImportCarry } from '../../views/statistics/admin-import.js';
import { AdminIndicatorPage } from '../../views/statistics/admin-indicator.js';
import { AdminStatisticsPage } from '../../views/statistics/admin-indicators.js';
import { AdminValuesPage } from '../../views/statistics/admin-values.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { fieldErrors, formValues, readForm, type FieldErrors } from '../http/forms.js';
import type { MessageKey } from '../i18n/index.js';
import { today } from '../lib/berlin-time.js';
import type { SpecialValue } from '../db/schema.js';
import { mayEditFigures } from './access.js';
import { exportAllCsv } from './export.js';
import { loadIndicators, loadStatisticsCities, SPECIAL_VALUES, type Indicator } from './figures.js';
import { MAX_IMPORT_BYTES, MIN_YEAR, parseNumber } from './import.js';
import { commitImport, planImport, type ImportPlan } from './import-plan.js';
import { checkIndicator, createIndicator, indicatorSchema, indicatorValues, isRecord, updateIndicator } from './indicators.js';
import { shareOverflows, summaryLine, ValueRefusedError, writeValues, type ValueInput } from './values.js';

/** Only the staff edit the Datensammlung (src/statistics/access.ts); visitors sign in first. */
const staffOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditFigures(c.var.user)) return renderError(c, 403);
  return next();
};

const ID = ':id{[1-9][0-9]{0,8}}';
const HISTORY_LIMIT = 300;

async function renderIndicator(c: Context<AppEnv>, id: number | undefined, values: Record<string, string>, errors?: FieldErrors) {
  const counts = (await loadIndicators(c.var.db)).filter((i) => i.kind === 'count');
  if (errors) c.status(422);
  const t = c.var.t;
  return c.render(<AdminIndicatorPage t={t} id={id} values={values} errors={errors} counts={counts} />, { title: id ? t('statistics.admin.editIndicator') : t('statistics.admin.newIndicator') });
}

/** saveIndicator: validate the form (422 next to the fields) and create or update, with an audit entry. */
async function saveIndicator(c: Context<AppEnv>, id: number | undefined) {
  const form = await readForm(c);
  // A field the form did not send (a crafted request) counts as empty.
  const values = { key: '', name: '', name_en: '', unit: '', definition: '', source: '', kind: '', numerator_id: '', denominator_id: '', chart_group: '', ...formValues(form) };
  const parsed = indicatorSchema.safeParse(values);
  if (!parsed.success) return renderIndicator(c, id, values, fieldErrors(parsed.error));
  const checked = await checkIndicator(c.var.db, parsed.data, id ?? null);
  if (!isRecord(checked)) return renderIndicator(c, id, values, checked);
  if (id === undefined) await createIndicator(c.var.db, c.var.user!.id, checked, c.var.now());
  else if (!(await updateIndicator(c.var.db, c.var.user!.id, id, checked, c.var.now()))) return renderError(c, 404);
  return redirectWithFlash(c, '/admin/statistics', 'success', 'statistics.admin.indicatorSaved');
}

/**
 * The import's preview and its confirmation: the preview carries the uploaded bytes (base64) and a
 * fingerprint of the bytes and of every planned outcome (src/statistics/import-plan.ts) in hidden fields.
 * The confirmation plans the same bytes again and stores them only when the fingerprint is the same, so
 * what is stored is exactly what the preview showed; when the stored values changed in between (someone
 * else imported or corrected), the new preview is shown with a note (409) instead. No server-side state
 * is kept, and tampering gains nothing: the bytes are checked in full again, by a member of the staff.
 */
async function renderImport(c: Context<AppEnv>, opts: { error?: string; plan?: ImportPlan; carry?: ImportCarry; stale?: boolean } = {}) {
  return c.render(<AdminImportPage t={c.var.t} {...opts} />, { title: c.var.t('statistics.admin.import') });
}

const fileNameOf = (name: string) => name.replace(/[\\/]/g, '_').slice(0, 200) || 'upload.csv';

async function preview(c: Context<AppEnv>, bytes: Uint8Array, name: string, stale = false) {
  const plan = await planImport(c.var.db, bytes, c.var.now());
  if (plan.fileProblem) {
    c.status(422);
    return renderImport(c, { error: plan.fileProblem });
  }
  c.status(stale ? 409 : plan.ok ? 200 : 422);
  return renderImport(c, { plan, stale, carry: { data: Buffer.from(bytes).toString('base64'), name, fingerprint: plan.fingerprint } });
}

/** Manual entry: a value field holds a number (in the interface's format) or a special value; empty removes. */
function readManualValue(raw: string, locale: string): { value: number | null; special: SpecialValue | null } | MessageKey | null {
  const s = raw.trim();
  if (s === '') return null;
  const special = s === '...' ? '…' : s === 'X' ? 'x' : s;
  if ((SPECIAL_VALUES as readonly string[]).includes(special)) return { value: null, special: special as SpecialValue };
  const n = parseNumber(s, locale === 'en' ? 'en' : 'de');
  if (!n.ok) return 'statistics.admin.notANumber';
  if (n.value < 0) return 'statistics.admin.negative';
  if (!Number.isInteger(n.value)) return 'statistics.admin.notWhole';
  return { value: n.value, special: null };
}

async function valuesPage(c: Context<AppEnv>, cityRaw: string | undefined, yearRaw: string | undefined, opts: { values?: Record<string, string>; errors?: FieldErrors; saved?: string } = {}) {
  const db = c.var.db;
  const [cities, indicators] = await Promise.all([loadStatisticsCities(db), loadIndicators(db)]);
  const counts = indicators.filter((i) => i.kind === 'count');
  const city = cities.find((x) => String(x.id) === cityRaw);
  const maxYear = c.var.now().getUTCFullYear();
  const year = yearRaw && /^[0-9]{4}$/.test(yearRaw) && Number(yearRaw) >= MIN_YEAR && Number(yearRaw) <= maxYear ? Number(yearRaw) : undefined;
  const yearError = yearRaw !== undefined && yearRaw !== '' && year === undefined;
  // A city or year that cannot be (a hand-made address): 400 with the chooser and its message.
  if ((cityRaw !== undefined && cityRaw !== '' && !city) || yearError) c.status(400);
  let values = opts.values;
  if (!values && city && year) {
    const rows = await db.selectFrom('statistic_values').selectAll().where('city_id', '=', city.id).where('year', '=', year).execute();
    values = {};
    for (const r of rows) {
      values[`v_${r.indicator_id}`] = r.special ?? String(Number(r.value));
      values[`s_${r.indicator_id}`] = r.source ?? '';
      values[`n_${r.indicator_id}`] = r.note ?? '';
    }
  }
  if (opts.errors) c.status(422);
  const t = c.var.t;
  return c.render(
    <AdminValuesPage t={t} cities={cities} city={city} year={year} yearError={yearError} counts={counts} values={values ?? {}} errors={opts.errors} saved={opts.saved} />,
    { title: t('statistics.admin.values') },
  );
}

async function saveValues(c: Context<AppEnv>) {
  const db = c.var.db;
  const form = formValues(await readForm(c));
  const [cities, indicators] = await Promise.all([loadStatisticsCities(db), loadIndicators(db)]);
  const city = cities.find((x) => String(x.id) === form.city);
  const year = /^[0-9]{4}$/.test(form.year ?? '') ? Number(form.year) : NaN;
  if (!city || !(year >= MIN_YEAR && year <= c.var.now().getUTCFullYear())) return renderError(c, 400);
  const counts: Indicator[] = indicators.filter((i) => i.kind === 'count');
  const errors: FieldErrors = {};
  const inputs: ValueInput[] = [];
  const remove: { indicatorId: number; cityId: number; year: number }[] = [];
  const fieldOf: string[] = [];
  for (const i of counts) {
    const v = readManualValue(form[`v_${i.id}`] ?? '', c.var.locale);
    const source = (form[`s_${i.id}`] ?? '').trim().slice(0, 300) || null;
    const note = (form[`n_${i.id}`] ?? '').trim().slice(0, 1000) || null;
    if (typeof v === 'string') errors[`v_${i.id}`] = v;
    else if (v === null) remove.push({ indicatorId: i.id, cityId: city.id, year });
    else {
      inputs.push({ indicatorId: i.id, cityId: city.id, year, ...v, source, note });
      fieldOf.push(`v_${i.id}`);
    }
  }
  if (!Object.keys(errors).length) for (const o of await shareOverflows(db, inputs, remove)) errors[fieldOf[o.index]!] = 'statistics.admin.shareOver100';
  if (Object.keys(errors).length) return valuesPage(c, String(city.id), String(year), { values: form, errors });
  try {
    const result = await writeValues(db, c.var.user!.id, inputs, { via: 'manual' }, c.var.now(), remove);
    const t = c.var.t;
    return valuesPage(c, String(city.id), String(year), { saved: t('statistics.admin.valuesSaved', { summary: summaryLine(result), removed: result.removed }) });
  } catch (err) {
    if (err instanceof ValueRefusedError) return valuesPage(c, String(city.id), String(year), { values: form, errors: { [fieldOf[0] ?? 'v_0']: 'statistics.admin.refused' } });
    throw err;
  }
}

const shown = (value: number | null, special: string | null) => special ?? (value === null ? null : Number(value).toLocaleString('de-DE'));

export const statisticsAdminRoutes = new Hono<AppEnv>()
  .use('/admin/statistics', staffOnly)
  .use('/admin/statistics/*', staffOnly)
  .get('/admin/statistics', async (c) => c.render(<AdminStatisticsPage t={c.var.t} indicators={await loadIndicators(c.var.db)} />, { title: c.var.t('statistics.admin.title') }))
  .get('/admin/statistics/indicators/new', (c) => renderIndicator(c, undefined, { kind: 'count', unit: 'Personen' }))
  .post('/admin/statistics/indicators', (c) => saveIndicator(c, undefined))
  .get(`/admin/statistics/indicators/${ID}`, async (c) => {
    const indicator = (await loadIndicators(c.var.db)).find((i) => i.id === Number(c.req.param('id')));
    return indicator ? renderIndicator(c, indicator.id, indicatorValues(indicator)) : renderError(c, 404);
  })
  .post(`/admin/statistics/indicators/${ID}`, (c) => saveIndicator(c, Number(c.req.param('id'))))
  .get('/admin/statistics/import', (c) => renderImport(c))
  .post('/admin/statistics/import', async (c) => {
    const file = (await readForm(c)).file;
    if (!(file instanceof File) || file.size === 0) {
      c.status(422);
      return renderImport(c, { error: c.var.t('statistics.admin.noFile') });
    }
    if (file.size > MAX_IMPORT_BYTES) {
      c.status(413);
      return renderImport(c, { error: c.var.t('statistics.admin.tooLarge') });
    }
    return preview(c, new Uint8Array(await file.arrayBuffer()), fileNameOf(file.name));
  })
  .post('/admin/statistics/import/confirm', async (c) => {
    const form = await readForm(c);
    const data = typeof form.data === 'string' ? form.data : '';
    const name = fileNameOf(typeof form.name === 'string' ? form.name : '');
    if (!data || !/^[A-Za-z0-9+/]+=*$/.test(data)) {
      c.status(422);
      return renderImport(c, { error: c.var.t('statistics.admin.noFile') });
    }
    const bytes = new Uint8Array(Buffer.from(data, 'base64'));
    const plan = await planImport(c.var.db, bytes, c.var.now());
    if (!plan.ok) return preview(c, bytes, name);
    if (plan.fingerprint !== form.fingerprint) return preview(c, bytes, name, true);
    await commitImport(c.var.db, c.var.user!.id, plan, name, c.var.now());
    return redirectWithFlash(c, '/admin/statistics/history', 'success', 'statistics.admin.importDone');
  })
  .get('/admin/statistics/values', (c) => valuesPage(c, c.req.query('city'), c.req.query('year')))
  .post('/admin/statistics/values', (c) => saveValues(c))
  .get('/admin/statistics/history', async (c) => {
    // Optional filter (from the entry page): one city and year; anything else shows every change.
    const city = /^[1-9][0-9]{0,8}$/.test(c.req.query('city') ?? '') ? Number(c.req.query('city')) : null;
    const year = /^[0-9]{4}$/.test(c.req.query('year') ?? '') ? Number(c.req.query('year')) : null;
    let query = c.var.db
      .selectFrom('statistic_value_changes as h')
      .innerJoin('statistic_indicators as i', 'i.id', 'h.indicator_id')
      .innerJoin('cities as ci', 'ci.id', 'h.city_id')
      .leftJoin('users as u', 'u.id', 'h.changed_by_user_id')
      .leftJoin('persons as p', 'p.id', 'u.person_id')
      .select(['h.changed_at', 'p.name as who', 'i.name as indicator', 'ci.name as city', 'h.year', 'h.old_value', 'h.old_special', 'h.new_value', 'h.new_special', 'h.via', 'h.file_name'])
      .orderBy('h.changed_at', 'desc')
      .orderBy('h.id', 'desc')
      .limit(HISTORY_LIMIT);
    if (city !== null && year !== null) query = query.where('h.city_id', '=', city).where('h.year', '=', year);
    const rows = await query.execute();
    const list: HistoryRow[] = rows.map((r) => ({
      at: String(r.changed_at),
      who: r.who,
      indicator: r.indicator,
      city: r.city,
      year: r.year,
      before: shown(r.old_value, r.old_special),
      after: shown(r.new_value, r.new_special),
      via: r.via,
      fileName: r.file_name,
    }));
    return c.render(<AdminHistoryPage t={c.var.t} fmt={c.var.fmt} rows={list} limit={HISTORY_LIMIT} />, { title: c.var.t('statistics.admin.history') });
  })
  .get('/admin/statistics/export.csv', async (c) => {
    const csv = await exportAllCsv(c.var.db);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="datensammlung-${today(c.var.now())}.csv"`);
    c.header('Cache-Control', 'private, no-store');
    return c.body(csv);
  });
