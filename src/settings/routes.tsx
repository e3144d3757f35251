import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { SettingsPage } from '../../views/settings/settings.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { readForm, validForm, type FieldErrors } from '../http/forms.js';
import { mailAddressOf } from '../http/site.js';
import { defaultSignOff } from '../mail/signature.js';
import { mayEditSettings } from './access.js';
import { checkLogo, LOGO_MAX_BYTES, loadLogo, removeLogo, saveLogo } from './logo.js';
import { loadSettings, saveSettings, settingsSchema } from './settings.js';

/** onlyAdmins: visitors are sent to sign in, everyone else but admins gets 403. */
const onlyAdmins: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditSettings(c.var.user)) return renderError(c, 403);
  return next();
};

async function renderSettings(c: Context<AppEnv>, values?: Record<string, string>, errors?: FieldErrors) {
  const stored = await loadSettings(c.var.db);
  const shown = values ?? stored;
  const site = c.var.site;
  return c.render(
    <SettingsPage
      t={c.var.t}
      values={shown}
      errors={errors}
      mailFrom={mailAddressOf(c.var.config.mailFrom)}
      defaultSignOff={defaultSignOff(site)}
      logo={site.logo ? { src: `/logo?v=${site.logo.slice(0, 16)}` } : null}
      logoMaxKb={Math.round(LOGO_MAX_BYTES / 1024)}
    />,
    { title: c.var.t('settings.title') },
  );
}

/** The logo's own policy: an SVG opened on its own is a document: no scripts, no loads, no forms, in a sandbox. */
export const LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/**
 * logoPolicy gives /logo its own Content-Security-Policy. It is registered before the app's security
 * headers (src/app.ts), so that it runs after them and replaces their policy for pages.
 */
export const logoPolicy: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status === 200 || c.res.status === 304) c.res.headers.set('Content-Security-Policy', LOGO_CSP);
};

/**
 * /admin/settings: the office's details (admins only, audited), its logo, and /logo, which shows the
 * logo to everyone (the page header is public).
 */
export const settingsRoutes = new Hono<AppEnv>()
  .use('/admin/settings', onlyAdmins)
  .use('/admin/settings/*', onlyAdmins)
  .get('/admin/settings', (c) => renderSettings(c))
  .post(
    '/admin/settings',
    validForm(settingsSchema, (c, values, errors) => renderSettings(c, values, errors)),
    async (c) => {
      const saved = await saveSettings(c.var.db, c.var.user!, c.req.valid('form'), c.var.now());
      return redirectWithFlash(c, '/admin/settings', saved ? 'success' : 'info', saved ? 'settings.saved' : 'settings.unchanged');
    },
  )
  .post('/admin/settings/logo', async (c) => {
    const body = await readForm(c);
    const file = body.logo;
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const checked = await checkLogo(bytes);
    if (!checked.ok) {
      c.status(422);
      return renderSettings(c, undefined, { logo: checked.reason });
    }
    const saved = await saveLogo(c.var.db, c.var.user!, bytes, checked.contentType, c.var.now());
    return redirectWithFlash(c, '/admin/settings', saved ? 'success' : 'info', saved ? 'settings.logoSaved' : 'settings.unchanged');
  })
  .post('/admin/settings/logo/delete', async (c) => {
    const removed = await removeLogo(c.var.db, c.var.user!, c.var.now());
    return redirectWithFlash(c, '/admin/settings', removed ? 'success' : 'info', removed ? 'settings.logoRemoved' : 'settings.unchanged');
  })
  .get('/logo', async (c) => {
    const logo = await loadLogo(c.var.db);
    if (!logo) return renderError(c, 404);
    const etag = `"${logo.sha256}"`;
    // Pages link "/logo?v=<hash>": that address may be kept long; the bare one is asked again each time.
    const versioned = c.req.query('v') === logo.sha256.slice(0, 16);
    c.header('ETag', etag);
    c.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, no-cache');
    c.header('Content-Disposition', `inline; filename="logo.${logo.content_type === 'image/png' ? 'png' : 'svg'}"`);
    if ((c.req.header('if-none-match') ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
    c.header('Content-Type', logo.content_type);
    return c.body(new Uint8Array(logo.data));
  });
