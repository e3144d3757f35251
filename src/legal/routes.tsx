import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { EditSiteTextPage, LegalPage, SiteTextsPage } from '../../views/legal/legal.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm, type FieldErrors } from '../http/forms.js';
import { requiredText } from '../http/schemas.js';
import { fieldList, fillFields, LEGAL_FIELDS } from './fields.js';
import { countPlaceholders } from './markup.js';
import { loadSiteText, mayEditSiteTexts, resetSiteText, saveSiteText, SITE_TEXT_MAX, SITE_TEXTS, siteTextKeyOf, type SiteTextKey } from './texts.js';

const bodySchema = z.object({ body: requiredText(SITE_TEXT_MAX) });

/** onlyAdmins: visitors are sent to sign in, everyone else but admins gets 403. */
const onlyAdmins: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditSiteTexts(c.var.user)) return renderError(c, 403);
  return next();
};

/** defaultsOf: what the default texts fill in: the district's names and the configured retention period. */
function defaultsOf(c: Context<AppEnv>) {
  return { ...c.var.site, retentionMonths: c.var.config.retentionMonths };
}

async function showText(c: Context<AppEnv>, key: SiteTextKey) {
  const text = await loadSiteText(c.var.db, key, defaultsOf(c));
  const { slug, title } = SITE_TEXTS[key];
  // The settings' {{placeholders}} are filled on every request: a changed address shows at once.
  const filled = fillFields(text.body, c.var.site);
  return c.render(
    <LegalPage
      t={c.var.t}
      title={c.var.t(title)}
      body={filled.text}
      updated={text.updated_at ? c.var.fmt.date(text.updated_at) : null}
      edit={
        mayEditSiteTexts(c.var.user)
          ? { href: `/admin/texts/${slug}`, placeholders: countPlaceholders(filled.text), missingSettings: filled.missing.map((f) => c.var.t(LEGAL_FIELDS[f].label)) }
          : null
      }
    />,
    { title: c.var.t(title) },
  );
}

async function renderEdit(c: Context<AppEnv>, key: SiteTextKey, body?: string, errors?: FieldErrors) {
  const text = await loadSiteText(c.var.db, key, defaultsOf(c));
  const { slug, title } = SITE_TEXTS[key];
  const shown = body ?? text.body;
  return c.render(
    <EditSiteTextPage t={c.var.t} fields={fieldList()} slug={slug} title={c.var.t(title)} body={shown} isDefault={text.updated_at === null} placeholders={countPlaceholders(fillFields(shown, c.var.site).text)} errors={errors} />,
    { title: c.var.t('legal.admin.editTitle', { title: c.var.t(title) }) },
  );
}

// Any lower-case word, checked against the known texts in each handler: an alternation in a Hono
// pattern is not grouped, so `{datenschutz|impressum}` also matched "/admin/texts/datenschutz/reset".
const SLUG = ':slug{[a-z]+}';

/** withKey runs a handler for a known text's slug, else the 404 page. */
function withKey(c: Context<AppEnv>, then: (key: SiteTextKey) => Response | Promise<Response>) {
  const key = siteTextKeyOf(c.req.param('slug') ?? '');
  return key ? then(key) : renderError(c, 404);
}

/** The public privacy notice and imprint (German addresses), and the admin's forms for their texts. */
export const legalRoutes = new Hono<AppEnv>()
  .get('/datenschutz', (c) => showText(c, 'privacy'))
  .get('/impressum', (c) => showText(c, 'imprint'))
  .use('/admin/texts', onlyAdmins)
  .use('/admin/texts/*', onlyAdmins)
  .get('/admin/texts', async (c) => {
    const rows = await Promise.all(
      (Object.keys(SITE_TEXTS) as SiteTextKey[]).map(async (key) => {
        const text = await loadSiteText(c.var.db, key, defaultsOf(c));
        return { slug: SITE_TEXTS[key].slug, title: c.var.t(SITE_TEXTS[key].title), updated: text.updated_at ? c.var.fmt.date(text.updated_at) : null, placeholders: countPlaceholders(fillFields(text.body, c.var.site).text) };
      }),
    );
    return c.render(<SiteTextsPage t={c.var.t} rows={rows} />, { title: c.var.t('legal.admin.title') });
  })
  .get(`/admin/texts/${SLUG}`, (c) => withKey(c, (key) => renderEdit(c, key)))
  .post(
    `/admin/texts/${SLUG}`,
    validForm(bodySchema, (c, values, errors) => withKey(c, (key) => renderEdit(c, key, values.body ?? '', errors))),
    (c) =>
      withKey(c, async (key) => {
        await saveSiteText(c.var.db, c.var.user!, key, c.req.valid('form').body, c.var.now());
        return redirectWithFlash(c, `/${SITE_TEXTS[key].slug}`, 'success', 'legal.saved');
      }),
  )
  .post(`/admin/texts/${SLUG}/reset`, (c) =>
    withKey(c, async (key) => {
      // A second click (or a stale page) finds the default already showing: say so rather than "done".
      const reset = await resetSiteText(c.var.db, c.var.user!, key, c.var.now());
      return reset
        ? redirectWithFlash(c, `/admin/texts/${SITE_TEXTS[key].slug}`, 'success', 'legal.resetDone')
        : redirectWithFlash(c, `/admin/texts/${SITE_TEXTS[key].slug}`, 'info', 'legal.resetAlreadyDefault');
    }),
  );
