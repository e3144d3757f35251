import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { BreaksPage } from '../../views/breaks/breaks.js';
import { requireUser } from '../auth/middleware.js';
import type { VisibleGroup } from '../groups/groups.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm, type FieldErrors } from '../http/forms.js';
import { formatDay } from '../lib/days.js';
import { withGroup } from '../meetings/load.js';
import { mayManageDistrictBreaks, mayManageGroupBreaks } from './access.js';
import { addBreak, breakSchema, deleteBreak, listBreaks } from './breaks.js';

const SLUG = ':slug{[a-z0-9-]{1,80}}';
const BREAK = ':break{[1-9][0-9]{0,8}}';

/** onlyStaff: visitors are sent to sign in, everyone but the staff gets 403. */
const onlyStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayManageDistrictBreaks(c.var.user)) return renderError(c, 403);
  return next();
};

async function renderDistrict(c: Context<AppEnv>, values: Record<string, string> = {}, errors?: FieldErrors) {
  const t = c.var.t;
  const breaks = await listBreaks(c.var.db, null);
  return c.render(
    <BreaksPage t={t} day={(d) => formatDay(d, c.var.locale)} title={t('breaks.districtPage')} lead={t('breaks.districtLead')} base="/admin/breaks" back={{ href: '/admin', label: t('breaks.backAdmin') }} breaks={breaks} values={values} errors={errors} />,
    { title: t('breaks.districtPage') },
  );
}

async function renderGroup(c: Context<AppEnv>, vg: VisibleGroup, values: Record<string, string> = {}, errors?: FieldErrors) {
  const t = c.var.t;
  const [breaks, district] = await Promise.all([listBreaks(c.var.db, vg.group.id), listBreaks(c.var.db, null)]);
  const title = t('breaks.groupPage');
  return c.render(
    <BreaksPage
      t={t}
      day={(d) => formatDay(d, c.var.locale)}
      title={title}
      lead={t('breaks.groupLead')}
      base={`/groups/${vg.group.slug}/breaks`}
      back={{ href: `/groups/${vg.group.slug}/meetings/series`, label: t('series.title') }}
      breaks={breaks}
      district={district}
      values={values}
      errors={errors}
    />,
    { title: `${title}: ${vg.group.name}` },
  );
}

/** withManagedGroup: the group's page for those who manage its breaks (404/403/login as for meetings). */
const withManagedGroup = (c: Context<AppEnv>, then: (vg: VisibleGroup) => Response | Promise<Response>) =>
  withGroup(c, 'member', (vg) => (mayManageGroupBreaks(vg.access) ? then(vg) : renderError(c, 403)));

/**
 * Breaks a meeting series skips (school holidays, summer break): the district's at /admin/breaks (the
 * staff), a group's at /groups/:slug/breaks (its chair and organisers, and the staff). Audited.
 */
export const breakRoutes = new Hono<AppEnv>()
  .use('/admin/breaks', onlyStaff)
  .use('/admin/breaks/*', onlyStaff)
  .get('/admin/breaks', (c) => renderDistrict(c))
  .post(
    '/admin/breaks',
    validForm(breakSchema, (c, values, errors) => renderDistrict(c, values, errors)),
    async (c) => {
      await addBreak(c.var.db, c.var.user!, null, c.req.valid('form'), c.var.now());
      return redirectWithFlash(c, '/admin/breaks', 'success', 'breaks.added');
    },
  )
  .post(`/admin/breaks/${BREAK}/delete`, async (c) => {
    const deleted = await deleteBreak(c.var.db, c.var.user!, null, Number(c.req.param('break')), c.var.now());
    if (!deleted) return renderError(c, 404);
    return redirectWithFlash(c, '/admin/breaks', 'success', 'breaks.deleted');
  })
  .get(`/groups/${SLUG}/breaks`, (c) => withManagedGroup(c, (vg) => renderGroup(c, vg)))
  .post(
    `/groups/${SLUG}/breaks`,
    validForm(breakSchema, (c, values, errors) => withManagedGroup(c, (vg) => renderGroup(c, vg, values, errors))),
    (c) =>
      withManagedGroup(c, async (vg) => {
        await addBreak(c.var.db, c.var.user!, vg.group.id, c.req.valid('form'), c.var.now());
        return redirectWithFlash(c, `/groups/${vg.group.slug}/breaks`, 'success', 'breaks.added');
      }),
  )
  .post(`/groups/${SLUG}/breaks/${BREAK}/delete`, (c) =>
    withManagedGroup(c, async (vg) => {
      const deleted = await deleteBreak(c.var.db, c.var.user!, vg.group.id, Number(c.req.param('break')), c.var.now());
      if (!deleted) return renderError(c, 404);
      return redirectWithFlash(c, `/groups/${vg.group.slug}/breaks`, 'success', 'breaks.deleted');
    }),
  );
