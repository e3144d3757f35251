import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { SettingsPage } from '../../views/settings/settings.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm, type FieldErrors } from '../http/forms.js';
import { mailAddressOf } from '../http/site.js';
import { mayEditSettings } from './access.js';
import { loadSettings, saveSettings, settingsSchema } from './settings.js';

/** onlyAdmins: visitors are sent to sign in, everyone else but admins gets 403. */
const onlyAdmins: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayEditSettings(c.var.user)) return renderError(c, 403);
  return next();
};

async function renderSettings(c: Context<AppEnv>, values?: Record<string, string>, errors?: FieldErrors) {
  const shown = values ?? (await loadSettings(c.var.db));
  return c.render(<SettingsPage t={c.var.t} values={shown} errors={errors} mailFrom={mailAddressOf(c.var.config.mailFrom)} />, { title: c.var.t('settings.title') });
}

/** /admin/settings: the office's name and e-mail address (admins only, audited). */
export const settingsRoutes = new Hono<AppEnv>()
  .use('/admin/settings', onlyAdmins)
  .get('/admin/settings', (c) => renderSettings(c))
  .post(
    '/admin/settings',
    validForm(settingsSchema, (c, values, errors) => renderSettings(c, values, errors)),
    async (c) => {
      const saved = await saveSettings(c.var.db, c.var.user!, c.req.valid('form'), c.var.now());
      return redirectWithFlash(c, '/admin/settings', saved ? 'success' : 'info', saved ? 'settings.saved' : 'settings.unchanged');
    },
  );
