import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { SynonymsPage } from '../../views/synonyms/admin.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm, type FieldErrors } from '../http/forms.js';
import { mayEditSynonyms } from './access.js';
import { createSynonymGroup, deleteSynonymGroup, listSynonymGroups, synonymForm, updateSynonymGroup } from './synonyms.js';

const ID = ':id{[1-9][0-9]{0,8}}';
const PAGE = '/admin/search-synonyms';

/** onlyStaff: visitors are sent to sign in (401 for POSTs), everyone but the staff gets 403 (access.ts). */
const onlyStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditSynonyms(c.var.user)) return renderError(c, 403);
  return next();
};

const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));

/** The page; a refused form shows what was typed and why, in the add form or in the group's own row (`editing`). */
async function renderPage(c: Context<AppEnv>, form?: { editing?: number; values: Record<string, string>; errors: FieldErrors }) {
  const groups = await listSynonymGroups(c.var.db);
  if (form?.editing !== undefined && !groups.some((g) => g.id === form.editing)) return renderError(c, 404);
  return c.render(<SynonymsPage t={c.var.t} fmt={c.var.fmt} groups={groups} form={form} />, { title: c.var.t('synonyms.title') });
}

/** /admin/search-synonyms: the synonym groups of the directory search, for the staff; every change is audited. */
export const synonymRoutes = new Hono<AppEnv>()
  .use(PAGE, onlyStaff)
  .use(`${PAGE}/*`, onlyStaff)
  .get(PAGE, (c) => renderPage(c))
  .post(
    PAGE,
    validForm(synonymForm, (c, values, errors) => renderPage(c, { values, errors })),
    async (c) => {
      await createSynonymGroup(c.var.db, c.var.user!, c.req.valid('form').words, c.var.now());
      return redirectWithFlash(c, PAGE, 'success', 'synonyms.added');
    },
  )
  .post(
    `${PAGE}/${ID}`,
    validForm(synonymForm, (c, values, errors) => renderPage(c, { editing: idOf(c), values, errors })),
    async (c) => {
      if (!(await updateSynonymGroup(c.var.db, c.var.user!, idOf(c), c.req.valid('form').words, c.var.now()))) return renderError(c, 404);
      return redirectWithFlash(c, PAGE, 'success', 'synonyms.saved');
    },
  )
  .post(`${PAGE}/${ID}/delete`, async (c) => {
    if (!(await deleteSynonymGroup(c.var.db, c.var.user!, idOf(c), c.var.now()))) return renderError(c, 404);
    return redirectWithFlash(c, PAGE, 'success', 'synonyms.deleted');
  });
