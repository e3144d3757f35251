import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { ReferenceEntryPage } from '../../views/reference/entry.js';
import { ReferenceIndexPage } from '../../views/reference/index.js';
import { ReferenceListPage } from '../../views/reference/list.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { formValues, readForm, type FieldErrors } from '../http/forms.js';
import { mayEditReferenceLists } from './access.js';
import {
  addReferenceEntry,
  findReferenceEntry,
  listEntries,
  mergeReferenceEntries,
  readEntryForm,
  setRetired,
  updateReferenceEntry,
  validKey,
  type ReferenceEntry,
} from './lists.js';
import { OTHER_LOCALES, REFERENCE_LISTS, type ReferenceList } from './names.js';

const LIST = ':list{[a-z]{1,20}}';
const ENTRY = ':entry{[a-z0-9_]{1,50}}';

/** onlyAdmins: visitors are sent to sign in, everyone else but admins gets 403 (src/reference/access.ts). */
const onlyAdmins: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditReferenceLists(c.var.user)) return renderError(c, 403);
  return next();
};

/** knownList: the :list of the path is one of the lists (cities have their own pages), else 404. */
const knownList: MiddlewareHandler<AppEnv> = async (c, next) => {
  const list = c.req.path.split('/')[3];
  if (list !== undefined && !(REFERENCE_LISTS as readonly string[]).includes(list)) return renderError(c, 404);
  return next();
};

const listOf = (c: Context<AppEnv>) => c.req.param('list') as ReferenceList;

/** entryValues: an entry as the edit form's values. */
function entryValues(e: ReferenceEntry): Record<string, string> {
  return {
    name_de: e.name,
    ...Object.fromEntries(OTHER_LOCALES.map((l) => [`name_${l}`, e.names[l] ?? ''])),
    position: String(e.position),
    ...(e.endonym !== null ? { endonym: e.endonym } : {}),
  };
}

async function renderList(c: Context<AppEnv>, values: Record<string, string> = {}, errors?: FieldErrors) {
  const list = listOf(c);
  const entries = await listEntries(c.var.db, list);
  return c.render(<ReferenceListPage t={c.var.t} list={list} entries={entries} values={values} errors={errors} />, { title: c.var.t(`reference.list.${list}`) });
}

async function renderEntry(c: Context<AppEnv>, opts: { values?: Record<string, string>; errors?: FieldErrors; retireError?: FieldErrors; mergeErrors?: FieldErrors } = {}) {
  const list = listOf(c);
  const key = c.req.param('entry')!;
  const entries = validKey(list, key) ? await listEntries(c.var.db, list) : [];
  const entry = entries.find((e) => e.key === key);
  if (!entry) return renderError(c, 404);
  const others = entries.filter((e) => e.key !== key).sort((a, b) => Number(a.retired) - Number(b.retired));
  const t = c.var.t;
  return c.render(
    <ReferenceEntryPage t={t} list={list} entry={entry} others={others} values={opts.values ?? entryValues(entry)} errors={opts.errors} retireError={opts.retireError} mergeErrors={opts.mergeErrors} />,
    { title: `${t(`reference.list.${list}`)}: ${entry.name}` },
  );
}

/** A refused form: 422 and the page again with what was typed and a message next to the field. */
function refused(c: Context<AppEnv>, render: () => Promise<Response>) {
  c.status(422);
  return render();
}

/**
 * /admin/lists: the district's reference lists (fields of action, kinds of organisation, target groups,
 * languages): add, rename with names in every interface language, order, retire, merge. Admins only,
 * every change audited (src/reference/lists.ts).
 */
export const referenceRoutes = new Hono<AppEnv>()
  .use('/admin/lists', onlyAdmins)
  .use('/admin/lists/*', onlyAdmins)
  .use('/admin/lists/*', knownList)
  .get('/admin/lists', async (c) => {
    const lists = await Promise.all(
      REFERENCE_LISTS.map(async (list) => {
        const entries = await listEntries(c.var.db, list);
        return { list, active: entries.filter((e) => !e.retired).length, retired: entries.filter((e) => e.retired).length };
      }),
    );
    return c.render(<ReferenceIndexPage t={c.var.t} lists={lists} />, { title: c.var.t('reference.title') });
  })
  .get(`/admin/lists/${LIST}`, (c) => renderList(c))
  .post(`/admin/lists/${LIST}`, async (c) => {
    const list = listOf(c);
    const body = await readForm(c);
    const values = formValues(body);
    const form = readEntryForm(list, body, true);
    if ('errors' in form) return refused(c, () => renderList(c, values, form.errors));
    const result = await addReferenceEntry(c.var.db, c.var.user!, list, form.input, c.var.now());
    if ('errors' in result) return refused(c, () => renderList(c, values, result.errors));
    return redirectWithFlash(c, `/admin/lists/${list}`, 'success', 'reference.added');
  })
  .get(`/admin/lists/${LIST}/${ENTRY}`, (c) => renderEntry(c))
  .post(`/admin/lists/${LIST}/${ENTRY}`, async (c) => {
    const list = listOf(c);
    const key = c.req.param('entry');
    if (!(await findReferenceEntry(c.var.db, list, key))) return renderError(c, 404);
    const body = await readForm(c);
    const values = formValues(body);
    const form = readEntryForm(list, body, false);
    if ('errors' in form) return refused(c, () => renderEntry(c, { values, errors: form.errors }));
    const result = await updateReferenceEntry(c.var.db, c.var.user!, list, key, form.input, c.var.now());
    if (result === 'missing') return renderError(c, 404);
    if (typeof result === 'object') return refused(c, () => renderEntry(c, { values, errors: result.errors }));
    return redirectWithFlash(c, `/admin/lists/${list}/${key}`, result === 'saved' ? 'success' : 'info', result === 'saved' ? 'reference.saved' : 'reference.unchanged');
  })
  .post(`/admin/lists/${LIST}/${ENTRY}/retire`, async (c) => {
    const list = listOf(c);
    const key = c.req.param('entry');
    if (!validKey(list, key)) return renderError(c, 404);
    const result = await setRetired(c.var.db, c.var.user!, list, key, true, c.var.now());
    if (result === 'missing') return renderError(c, 404);
    if (result === 'last') return refused(c, () => renderEntry(c, { retireError: { retire: 'reference.error.lastActive' } }));
    return redirectWithFlash(c, `/admin/lists/${list}/${key}`, 'success', 'reference.retiredDone');
  })
  .post(`/admin/lists/${LIST}/${ENTRY}/restore`, async (c) => {
    const list = listOf(c);
    const key = c.req.param('entry');
    if (!validKey(list, key)) return renderError(c, 404);
    const result = await setRetired(c.var.db, c.var.user!, list, key, false, c.var.now());
    if (result === 'missing') return renderError(c, 404);
    return redirectWithFlash(c, `/admin/lists/${list}/${key}`, 'success', 'reference.restored');
  })
  .post(`/admin/lists/${LIST}/${ENTRY}/merge`, async (c) => {
    const list = listOf(c);
    const key = c.req.param('entry');
    if (!validKey(list, key)) return renderError(c, 404);
    const body = await readForm(c);
    const into = typeof body.into === 'string' ? body.into.trim() : '';
    const mergeErrors: FieldErrors | undefined = !into ? { into: 'field.required' } : !validKey(list, into) ? { into: 'reference.error.mergeTarget' } : undefined;
    const result = mergeErrors ? { errors: mergeErrors } : await mergeReferenceEntries(c.var.db, c.var.user!, list, key, into, c.var.now());
    if (result === 'missing') return renderError(c, 404);
    if ('errors' in result) return refused(c, () => renderEntry(c, { mergeErrors: result.errors, values: undefined }));
    return redirectWithFlash(c, `/admin/lists/${list}/${into}`, 'success', 'reference.merged');
  });
