import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { ProgrammeFormPage } from '../../views/programmes/form.js';
import { ProgrammesAdminPage } from '../../views/programmes/admin-list.js';
import { ProgrammesPage } from '../../views/programmes/list.js';
import { ProgrammePage } from '../../views/programmes/show.js';
import type { AdviceFormState } from '../../views/advice/request-form.js';
import { adviceFormProps } from '../advice/form-props.js';
import { requireUser } from '../auth/middleware.js';
import { loadChoices } from '../directory/choices.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { readForm, type FieldErrors } from '../http/forms.js';
import { today } from '../lib/berlin-time.js';
import { organizerOf } from '../http/site.js';
import { readNumberSetting } from '../settings/settings.js';
import { mayEditProgrammes } from './access.js';
import { deadlinesCalendar } from './ics.js';
import { formatEuros, parseProgrammeForm, type ProgrammeFormValues } from './form.js';
import { archiveProgramme, createProgramme, findProgramme, listAllProgrammes, listProgrammes, readFilters, updateProgramme, type Programme } from './programmes.js';

const ID = ':id{[1-9][0-9]{0,8}}';

/** onlyEditors: visitors are sent to sign in (401 for POSTs), everyone but the staff gets 403. */
const onlyEditors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditProgrammes(c.var.user)) return renderError(c, 403);
  return next();
};

const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));

/** The fields of action and target groups with labels in the reader's language, marked where German. */
async function named(c: Context<AppEnv>) {
  const choices = await loadChoices(c.var.db, c.var.locale);
  const german = c.var.lang !== 'de';
  const mark = (rows: { id: number; name: string; label: string }[]) => rows.map((r) => ({ id: r.id, label: r.label, german: german && r.label === r.name }));
  return { choices, fields: mark(choices.fields), targets: mark(choices.targets), retiredFields: mark(choices.retired.fields), retiredTargets: mark(choices.retired.targets) };
}

async function renderList(c: Context<AppEnv>) {
  const t = c.var.t;
  const filters = readFilters(c.req.query());
  const day = today(c.var.now());
  const [programmes, lists] = await Promise.all([listProgrammes(c.var.db, filters, day), named(c)]);
  const filtered = Object.keys(filters).length > 0;
  return c.render(<ProgrammesPage t={t} fmt={c.var.fmt} today={day} programmes={programmes} filters={filters} filtered={filtered} fields={lists.fields} canEdit={mayEditProgrammes(c.var.user)} />, {
    title: t('programmes.title'),
  });
}

/**
 * renderShow: a programme's page with the advice form (src/advice/): empty, or (`advice`) as sent with
 * its errors, when src/advice/routes.tsx shows it again. 404 for an unknown or archived programme.
 */
export async function renderShow(c: Context<AppEnv>, advice?: AdviceFormState) {
  const programme = await findProgramme(c.var.db, idOf(c));
  if (!programme || programme.archived_at) return renderError(c, 404, 'programmes.notFound');
  const [lists, form] = await Promise.all([named(c), adviceFormProps(c, programme.id, advice)]);
  const pick = (rows: { id: number; label: string; german: boolean }[], ids: number[]) => rows.filter((r) => ids.includes(r.id));
  return c.render(
    <ProgrammePage
      t={c.var.t}
      fmt={c.var.fmt}
      today={today(c.var.now())}
      programme={programme}
      fields={pick([...lists.fields, ...lists.retiredFields], programme.fields)}
      targets={pick([...lists.targets, ...lists.retiredTargets], programme.targets)}
      canEdit={mayEditProgrammes(c.var.user)}
      advice={form}
    />,
    { title: programme.name },
  );
}

function valuesOf(p: Programme): ProgrammeFormValues {
  return {
    text: {
      name: p.name,
      funder: p.funder,
      level: p.level,
      description: p.description ?? '',
      amount_min: formatEuros(p.amount_min_cents),
      amount_max: formatEuros(p.amount_max_cents),
      rate_percent: p.rate_percent === null ? '' : String(p.rate_percent),
      own_share: p.own_share ?? '',
      link: p.link ?? '',
      office_contact_id: p.office_contact_id === null ? '' : String(p.office_contact_id),
      contact_text: p.contact_text ?? '',
      status: p.status,
      rolling: p.rolling ? 'on' : '',
      last_checked: p.last_checked ?? '',
      deadlines: p.deadlines.map((d) => (d.note ? `${d.due_on} ${d.note}` : d.due_on)).join('\n'),
    },
    fields: p.fields,
    targets: p.targets,
    applicants: p.applicants,
  };
}

const EMPTY: ProgrammeFormValues = { text: { status: 'open', level: '' }, fields: [], targets: [], applicants: [] };

async function formLists(c: Context<AppEnv>, kept?: { fields: number[]; targets: number[] }) {
  const choices = await loadChoices(c.var.db, c.var.locale);
  const contacts = await c.var.db.selectFrom('contact_persons').select(['id', 'name', 'job_function']).orderBy('name').execute();
  const keep = <T extends { id: number }>(active: T[], retired: T[], ids: number[]) => [...active, ...retired.filter((r) => ids.includes(r.id))];
  return {
    fields: keep(choices.fields, choices.retired.fields, kept?.fields ?? []),
    targets: keep(choices.targets, choices.retired.targets, kept?.targets ?? []),
    contacts,
  };
}

async function renderForm(c: Context<AppEnv>, id: number | undefined, values?: ProgrammeFormValues, errors?: FieldErrors) {
  const t = c.var.t;
  const programme = id === undefined ? undefined : await findProgramme(c.var.db, id);
  if (id !== undefined && !programme) return renderError(c, 404, 'programmes.notFound');
  const shown = values ?? (programme ? valuesOf(programme) : EMPTY);
  const lists = await formLists(c, programme);
  return c.render(
    <ProgrammeFormPage
      t={t}
      programme={programme ? { id: programme.id, name: programme.name, archived: Boolean(programme.archived_at) } : undefined}
      values={shown}
      errors={errors}
      fields={lists.fields.map((f) => ({ value: String(f.id), label: f.label }))}
      targets={lists.targets.map((f) => ({ value: String(f.id), label: f.label }))}
      contacts={lists.contacts.map((p) => ({ value: String(p.id), label: p.job_function ? `${p.name} (${p.job_function})` : p.name }))}
    />,
    { title: programme ? t('programmes.admin.editTitle') : t('programmes.admin.new') },
  );
}

/** submitted: the posted form checked; on errors the form again with 422 and nothing stored. */
async function submitted(c: Context<AppEnv>, id: number | undefined) {
  const body = await readForm(c, { all: true });
  const programme = id === undefined ? undefined : await findProgramme(c.var.db, id);
  if (id !== undefined && !programme) return { response: await renderError(c, 404, 'programmes.notFound') };
  const lists = await formLists(c, programme);
  const result = parseProgrammeForm(body, { fields: lists.fields.map((f) => f.id), targets: lists.targets.map((f) => f.id), contacts: lists.contacts.map((p) => p.id) });
  if ('errors' in result) {
    c.status(422);
    return { response: await renderForm(c, id, result.values, result.errors) };
  }
  return { input: result.input };
}

/**
 * Funding programmes: /programmes and /programmes/:id for everyone (src/programmes/access.ts), in the
 * public languages; /admin/programmes for the staff. Every change is audited.
 */
export const programmeRoutes = new Hono<AppEnv>()
  .get('/programmes', (c) => renderList(c))
  .get('/programmes/deadlines.ics', async (c) => {
    const t = c.var.t;
    const body = await deadlinesCalendar(c.var.db, today(c.var.now()), {
      baseUrl: c.var.config.baseUrl,
      districtName: c.var.site.districtName,
      organizer: organizerOf(c.var.site, c.var.config.mailFrom),
      name: t('programmes.feed.name', { district: c.var.site.districtName }),
      summary: (name) => t('programmes.feed.summary', { name }),
      cancelledPrefix: t('calendar.cancelledPrefix'),
    });
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Content-Disposition', 'inline; filename="foerderfristen.ics"');
    c.header('X-Robots-Tag', 'noindex');
    return c.body(body);
  })
  .get(`/programmes/${ID}`, (c) => renderShow(c))
  .use('/admin/programmes', onlyEditors)
  .use('/admin/programmes/*', onlyEditors)
  .get('/admin/programmes', async (c) => {
    const [programmes, checkMonths] = await Promise.all([listAllProgrammes(c.var.db), readNumberSetting(c.var.db, 'programmeCheckMonths')]);
    return c.render(<ProgrammesAdminPage t={c.var.t} fmt={c.var.fmt} today={today(c.var.now())} programmes={programmes} checkMonths={checkMonths} />, { title: c.var.t('programmes.admin.title') });
  })
  .get('/admin/programmes/new', (c) => renderForm(c, undefined))
  .post('/admin/programmes', async (c) => {
    const r = await submitted(c, undefined);
    if (!r.input) return r.response;
    const id = await createProgramme(c.var.db, c.var.user!, r.input, c.var.now());
    return redirectWithFlash(c, `/admin/programmes/${id}`, 'success', 'programmes.admin.saved');
  })
  .get(`/admin/programmes/${ID}`, (c) => renderForm(c, idOf(c)))
  .post(`/admin/programmes/${ID}`, async (c) => {
    const r = await submitted(c, idOf(c));
    if (!r.input) return r.response;
    if (!(await updateProgramme(c.var.db, c.var.user!, idOf(c), r.input, c.var.now()))) return renderError(c, 404, 'programmes.notFound');
    return redirectWithFlash(c, `/admin/programmes/${idOf(c)}`, 'success', 'programmes.admin.saved');
  })
  .post(`/admin/programmes/${ID}/archive`, async (c) => {
    if (!(await archiveProgramme(c.var.db, c.var.user!, idOf(c), true, c.var.now()))) return renderError(c, 404, 'programmes.notFound');
    return redirectWithFlash(c, '/admin/programmes', 'success', 'programmes.admin.archivedFlash');
  })
  .post(`/admin/programmes/${ID}/restore`, async (c) => {
    if (!(await archiveProgramme(c.var.db, c.var.user!, idOf(c), false, c.var.now()))) return renderError(c, 404, 'programmes.notFound');
    return redirectWithFlash(c, '/admin/programmes', 'success', 'programmes.admin.restoredFlash');
  });
