import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { AdviceDetailPage } from '../../views/advice/detail.js';
import { AdviceListPage } from '../../views/advice/list.js';
import { AdviceThanksPage } from '../../views/advice/thanks.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm, type FieldErrors } from '../http/forms.js';
import { guardPublicForm } from '../http/public-form.js';
import { findProgramme } from '../programmes/programmes.js';
import { renderShow } from '../programmes/routes.js';
import { mayHandleAdvice } from './access.js';
import { ANSWER_WORKING_DAYS, answerRequest, assignRequest, closeRequest, createRequest, findRequest, listRequests, readFilters, reopenRequest, staffMembers, yearlyCounts } from './requests.js';
import { answerSchema, assignSchema, closeSchema, requestSchema } from './schemas.js';

/** Advice requests allowed per client address in an hour, and from everyone together (each sends a mail). */
export const ADVICE_RULES = { perClient: { limit: 5, windowMs: 60 * 60 * 1000 }, total: { limit: 100, windowMs: 60 * 60 * 1000 } };

const ID = ':id{[1-9][0-9]{0,8}}';
const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));

/** onlyStaff: visitors are sent to sign in (401 for POSTs), everyone but the staff gets 403. */
const onlyStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayHandleAdvice(c.var.user)) return renderError(c, 403);
  return next();
};

async function renderList(c: Context<AppEnv>) {
  const t = c.var.t;
  const user = c.var.user!;
  const filters = readFilters(c.req.query());
  const [list, counts, programmes] = await Promise.all([
    listRequests(c.var.db, user, filters),
    yearlyCounts(c.var.db, user, filters.programme),
    c.var.db.selectFrom('programmes').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return c.render(
    <AdviceListPage t={t} fmt={c.var.fmt} filters={filters} rows={list!.rows} hasNext={list!.hasNext} programmes={programmes} counts={counts!} retentionMonths={c.var.config.retentionMonths} now={c.var.now().toISOString()} />,
    { title: t('advice.admin.title') },
  );
}

/** What the detail page's forms hold when shown again after an error. */
interface DetailState {
  errors?: FieldErrors;
  answer?: { subject: string; text: string };
  note?: string;
  assignee?: string;
}

async function renderDetail(c: Context<AppEnv>, state: DetailState = {}) {
  const t = c.var.t;
  const user = c.var.user!;
  const request = await findRequest(c.var.db, user, idOf(c));
  if (!request) return renderError(c, 404, 'advice.notFound');
  const staff = await staffMembers(c.var.db);
  const answer = state.answer ?? { subject: t('advice.answer.defaultSubject', { programme: request.programme_name }), text: '' };
  return c.render(
    <AdviceDetailPage
      t={t}
      fmt={c.var.fmt}
      request={request}
      staff={staff}
      viewerId={user.id}
      answer={answer}
      note={state.note ?? ''}
      assignee={state.assignee ?? (request.assigned_user_id === null ? '' : String(request.assigned_user_id))}
      errors={state.errors}
      now={c.var.now().toISOString()}
    />,
    { title: t('advice.detail.title', { id: request.id }) },
  );
}

const detailUrl = (c: Context<AppEnv>) => `/admin/advice/${idOf(c)}`;

/**
 * Advice requests (Antragsberatung): the public form on a programme's page (POST /programmes/:id/advice)
 * and its confirmation page; /admin/advice for the staff (src/advice/access.ts). Every change is audited.
 */
export const adviceRoutes = new Hono<AppEnv>()
  .post(
    `/programmes/${ID}/advice`,
    validForm(requestSchema, (c, values, errors) => renderShow(c, { values, errors })),
    async (c) => {
      const programme = await findProgramme(c.var.db, idOf(c));
      if (!programme || programme.archived_at) return renderError(c, 404, 'programmes.notFound');
      const form = c.req.valid('form');
      const thanks = `/programmes/${programme.id}/advice/thanks`;
      // A robot gets the same answer as a person, and nothing is stored or sent.
      const verdict = await guardPublicForm(c, 'advice', ADVICE_RULES, form);
      if (verdict.kind === 'robot') return c.redirect(thanks, 303);
      if (verdict.kind === 'throttled') {
        const typed = { organisation: form.organisation, contact_name: form.contact_name, email: form.email, phone: form.phone ?? '', idea: form.idea, question: form.question, consent: 'on' };
        return renderShow(c, { values: typed, problem: c.var.t('advice.form.throttled', { minutes: verdict.retryAfterMinutes }) });
      }
      await createRequest(c.var.db, programme, form, c.var.lang, c.var.now());
      return c.redirect(thanks, 303);
    },
  )
  .get(`/programmes/${ID}/advice/thanks`, async (c) => {
    const programme = await findProgramme(c.var.db, idOf(c));
    if (!programme || programme.archived_at) return renderError(c, 404, 'programmes.notFound');
    return c.render(<AdviceThanksPage t={c.var.t} programmeId={programme.id} answerDays={ANSWER_WORKING_DAYS} />, { title: c.var.t('advice.thanks.title') });
  })
  .use('/admin/advice', onlyStaff)
  .use('/admin/advice/*', onlyStaff)
  .get('/admin/advice', (c) => renderList(c))
  .get(`/admin/advice/${ID}`, (c) => renderDetail(c))
  .post(
    `/admin/advice/${ID}/assign`,
    validForm(assignSchema, (c, values, errors) => renderDetail(c, { errors, assignee: values.user_id ?? '' })),
    async (c) => {
      const { user_id } = c.req.valid('form');
      if (!(await findRequest(c.var.db, c.var.user!, idOf(c)))) return renderError(c, 404, 'advice.notFound');
      const outcome = await assignRequest(c.var.db, c.var.user!, idOf(c), user_id, c.var.now());
      if (outcome === 'not-found') {
        // The request is there (checked above): the chosen person is not one of the staff (any more).
        c.status(422);
        return renderDetail(c, { errors: { user_id: 'advice.assign.required' } });
      }
      return redirectWithFlash(c, detailUrl(c), outcome === 'done' ? 'success' : 'info', outcome === 'done' ? 'advice.flash.assigned' : 'advice.flash.unchanged');
    },
  )
  .post(
    `/admin/advice/${ID}/answer`,
    validForm(answerSchema, (c, values, errors) => renderDetail(c, { errors, answer: { subject: values.subject ?? '', text: values.text ?? '' } })),
    async (c) => {
      const outcome = await answerRequest(c.var.db, c.var.user!, idOf(c), c.req.valid('form'), c.var.now());
      if (outcome === 'not-found') return renderError(c, 404, 'advice.notFound');
      if (outcome === 'unchanged') return redirectWithFlash(c, detailUrl(c), 'error', 'advice.flash.closedNoAnswer');
      return redirectWithFlash(c, detailUrl(c), 'success', 'advice.flash.answered');
    },
  )
  .post(
    `/admin/advice/${ID}/close`,
    validForm(closeSchema, (c, values, errors) => renderDetail(c, { errors, note: values.note ?? '' })),
    async (c) => {
      const outcome = await closeRequest(c.var.db, c.var.user!, idOf(c), c.req.valid('form').note, c.var.now());
      if (outcome === 'not-found') return renderError(c, 404, 'advice.notFound');
      return redirectWithFlash(c, detailUrl(c), outcome === 'done' ? 'success' : 'info', outcome === 'done' ? 'advice.flash.closed' : 'advice.flash.unchanged');
    },
  )
  .post(`/admin/advice/${ID}/reopen`, async (c) => {
    const outcome = await reopenRequest(c.var.db, c.var.user!, idOf(c), c.var.now());
    if (outcome === 'not-found') return renderError(c, 404, 'advice.notFound');
    return redirectWithFlash(c, detailUrl(c), outcome === 'done' ? 'success' : 'info', outcome === 'done' ? 'advice.flash.reopened' : 'advice.flash.unchanged');
  });
