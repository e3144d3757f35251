import { Hono } from 'hono';
import { z } from 'zod';
import { SetupPage } from '../../views/auth/setup.js';
import { setSessionCookie } from '../auth/middleware.js';
import { checkOneTimeToken } from '../auth/one-time-tokens.js';
import { invalidateSession } from '../auth/sessions.js';
import { renderError } from '../http/errors.js';
import type { AppEnv } from '../http/env.js';
import { redirectWithFlash } from '../http/flash.js';
import { validForm } from '../http/forms.js';
import { emailField, newPasswordFields, passwordsMatch, requiredText } from '../http/schemas.js';
import { optionalEmail, phone } from '../settings/settings.js';
import { createFirstAdmin, hasAnyUser } from './setup.js';

// The office's address is optional here: without it the hub answers from MAIL_FROM until an admin sets it.
const setupSchema = z.object({ name: requiredText(200), email: emailField, office_email: optionalEmail, phone, ...newPasswordFields }).superRefine(passwordsMatch);

/**
 * /setup works only while no account exists and only with the token printed on the console.
 * After the first admin exists it answers 404, as if it never existed.
 */
export const setupRoutes = new Hono<AppEnv>()
  .use('/setup', async (c, next) => {
    if (await hasAnyUser(c.var.db)) return renderError(c, 404);
    if (!(await checkOneTimeToken(c.var.db, c.req.query('token'), 'setup', c.var.now()))) return renderError(c, 403);
    return next();
  })
  .get('/setup', (c) => c.render(<SetupPage t={c.var.t} token={c.req.query('token')!} values={{}} />, { title: c.var.t('setup.title') }))
  .post(
    '/setup',
    validForm(setupSchema, (c, values, errors) =>
      c.render(<SetupPage t={c.var.t} token={c.req.query('token')!} values={values} errors={errors} />, { title: c.var.t('setup.title') }),
    ),
    async (c) => {
      const { name, email, password, office_email, phone } = c.req.valid('form');
      const token = await createFirstAdmin(c.var.db, c.req.query('token')!, { name, email, password, officeEmail: office_email, phone: phone ?? '' }, c.var.now());
      if (!token) return renderError(c, 404);
      // As at /login: a session cookie this browser still had does not outlive the new sign-in.
      if (c.var.sessionId) await invalidateSession(c.var.db, c.var.sessionId);
      setSessionCookie(c, token);
      return redirectWithFlash(c, '/', 'success', 'setup.done');
    },
  );
