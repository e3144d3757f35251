import { Hono } from 'hono';
import { z } from 'zod';
import { LoginPage } from '../../views/auth/login.js';
import { InvalidLinkPage, ResetRequestPage, SetPasswordPage } from '../../views/auth/password.js';
import type { AppEnv } from '../http/env.js';
import { redirectWithFlash } from '../http/flash.js';
import { emailField, newPasswordFields, passwordsMatch } from '../http/schemas.js';
import { signIn } from './login.js';
import { deleteSessionCookie, requirePermission, requireUser, setSessionCookie } from './middleware.js';
import { sameOriginPath } from './redirect-target.js';
import { checkOneTimeToken } from './one-time-tokens.js';
import { requestPasswordReset, setPasswordWithToken } from './password-reset.js';
import { endSessions, invalidateSession } from './sessions.js';
import { renderError } from '../http/errors.js';
import { readForm, validForm } from '../http/forms.js';
import { checkEmailChangeLink, decideEmailChange } from '../people/email-change.js';
import { EmailChangeDonePage, EmailChangeInvalidPage, EmailChangePage } from '../../views/auth/email-change.js';

const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: 'field.required' }).min(1, 'field.required').max(200, 'password.tooLong'),
  next: z.string().optional(),
});
const resetRequestSchema = z.object({ email: emailField });
const newPasswordSchema = z.object(newPasswordFields).superRefine(passwordsMatch);

export const authRoutes = new Hono<AppEnv>()
  .get('/login', (c) => {
    if (c.var.user) return c.redirect(sameOriginPath(c.req.query('next')) ?? '/', 303);
    const next = sameOriginPath(c.req.query('next'));
    return c.render(<LoginPage t={c.var.t} values={{}} next={next} notice={next ? 'login.required' : undefined} />, { title: c.var.t('login.title') });
  })
  .post(
    '/login',
    validForm(loginSchema, (c, values, errors) =>
      c.render(<LoginPage t={c.var.t} values={values} next={sameOriginPath(values.next)} errors={errors} />, { title: c.var.t('login.title') }),
    ),
    async (c) => {
      const { email, password, next } = c.req.valid('form');
      const t = c.var.t;
      const result = await signIn(c.var.db, email, password, c.var.clientIp, c.var.now());
      if (!result.ok) {
        const throttled = result.reason === 'throttled';
        c.status(throttled ? 429 : 422);
        if (throttled) c.header('Retry-After', String(result.retryAfterMinutes * 60));
        const failure = throttled ? t('login.throttled', { minutes: result.retryAfterMinutes }) : t('login.failed');
        return c.render(<LoginPage t={t} values={{ email }} next={sameOriginPath(next)} failure={failure} />, { title: t('login.title') });
      }
      // A session this browser had before (another account's, or one an attacker planted) ends here;
      // the new one always has a new id.
      if (c.var.sessionId) await invalidateSession(c.var.db, c.var.sessionId);
      setSessionCookie(c, result.token);
      return redirectWithFlash(c, sameOriginPath(next) ?? '/', 'success', 'login.success');
    },
  )
  .post('/logout', async (c) => {
    if (c.var.sessionId) await invalidateSession(c.var.db, c.var.sessionId);
    deleteSessionCookie(c);
    return redirectWithFlash(c, '/', 'success', 'logout.success');
  })
  // "Alle anderen Sitzungen beenden" on the profile page: signs the person out on every other device.
  .post('/sessions/end-others', requireUser, async (c) => {
    const user = c.var.user!;
    await endSessions(c.var.db, { actorUserId: user.id, userId: user.id, keepSessionId: c.var.sessionId }, c.var.now());
    return redirectWithFlash(c, '/profile', 'success', 'sessions.endedOthers');
  })
  // An admin signs an account out everywhere (a lost laptop, a suspected break-in) without deactivating it.
  .post('/admin/users/:id{[1-9][0-9]{0,8}}/sessions/end', requirePermission('admin.accounts'), async (c) => {
    const user = c.var.user!;
    const target = await c.var.db.selectFrom('users').select('id').where('id', '=', Number(c.req.param('id'))).executeTakeFirst();
    if (!target) return renderError(c, 404);
    await endSessions(c.var.db, { actorUserId: user.id, userId: target.id, keepSessionId: target.id === user.id ? c.var.sessionId : null }, c.var.now());
    return redirectWithFlash(c, '/admin/users', 'success', 'sessions.endedAccount');
  })
  .get('/password/reset', (c) => c.render(<ResetRequestPage t={c.var.t} values={{}} />, { title: c.var.t('reset.title') }))
  .post(
    '/password/reset',
    validForm(resetRequestSchema, (c, values, errors) =>
      c.render(<ResetRequestPage t={c.var.t} values={values} errors={errors} />, { title: c.var.t('reset.title') }),
    ),
    async (c) => {
      const { email } = c.req.valid('form');
      const t = c.var.t;
      const result = await requestPasswordReset(c.var.db, email, c.var.clientIp, { now: c.var.now(), baseUrl: c.var.config.baseUrl });
      if (result.outcome === 'throttled') {
        c.status(429);
        c.header('Retry-After', String(result.retryAfterMinutes * 60));
        const failure = t('reset.throttled', { minutes: result.retryAfterMinutes });
        return c.render(<ResetRequestPage t={t} values={{ email }} failure={failure} />, { title: t('reset.title') });
      }
      if (result.outcome === 'alreadySent') return redirectWithFlash(c, '/password/reset', 'info', 'reset.alreadySent');
      return redirectWithFlash(c, '/password/reset', 'success', 'reset.sent');
    },
  );

/**
 * Confirmation links of a change of the login address (src/people/email-change.ts): GET only shows the
 * change, the form's POST confirms or cancels it (mail scanners open links).
 */
const decisionSchema = z.object({ decision: z.enum(['confirm', 'cancel']) });
const DECIDED = {
  changed: ['success', 'emailChange.changed'],
  waiting: ['success', 'emailChange.waiting'],
  cancelled: ['info', 'emailChange.cancelled'],
} as const;

authRoutes
  .get('/email-change/:token', async (c) => {
    const link = await checkEmailChangeLink(c.var.db, c.req.param('token'), c.var.now());
    if (!link) {
      c.status(410);
      return c.render(<EmailChangeInvalidPage t={c.var.t} />, { title: c.var.t('emailChange.title') });
    }
    return c.render(<EmailChangePage t={c.var.t} link={link} action={c.req.path} />, { title: c.var.t('emailChange.title') });
  })
  .post('/email-change/:token', async (c) => {
    const token = c.req.param('token');
    const decision = decisionSchema.safeParse(await readForm(c));
    if (!decision.success) {
      const link = await checkEmailChangeLink(c.var.db, token, c.var.now());
      c.status(link ? 422 : 410);
      return link
        ? c.render(<EmailChangePage t={c.var.t} link={link} action={c.req.path} error="emailChange.chooseDecision" />, { title: c.var.t('emailChange.title') })
        : c.render(<EmailChangeInvalidPage t={c.var.t} />, { title: c.var.t('emailChange.title') });
    }
    const outcome = await decideEmailChange(c.var.db, token, decision.data.decision, c.var.now());
    if (outcome === 'invalid') {
      c.status(410);
      return c.render(<EmailChangeInvalidPage t={c.var.t} />, { title: c.var.t('emailChange.title') });
    }
    if (outcome === 'taken') {
      c.status(409);
      return c.render(<EmailChangeDonePage t={c.var.t} message="emailChange.taken" />, { title: c.var.t('emailChange.title') });
    }
    const [kind, message] = DECIDED[outcome];
    return redirectWithFlash(c, '/', kind, message);
  });

/** Set-password pages for reset and invitation links: GET only checks the link, POST uses it. */
for (const [purpose, base, title, done] of [
  ['reset', '/password/reset', 'reset.newTitle', 'reset.done'],
  ['invite', '/invite', 'invite.title', 'invite.done'],
] as const) {
  authRoutes
    .get(`${base}/:token`, async (c) => {
      const owner = await checkOneTimeToken(c.var.db, c.req.param('token'), purpose, c.var.now());
      if (!owner) {
        c.status(410);
        return c.render(<InvalidLinkPage t={c.var.t} />, { title: c.var.t('reset.title') });
      }
      return c.render(<SetPasswordPage t={c.var.t} title={title} action={c.req.path} />, { title: c.var.t(title) });
    })
    .post(
      `${base}/:token`,
      validForm(newPasswordSchema, (c, _values, errors) =>
        c.render(<SetPasswordPage t={c.var.t} title={title} action={c.req.path} errors={errors} />, { title: c.var.t(title) }),
      ),
      async (c) => {
        const token = await setPasswordWithToken(c.var.db, c.req.param('token'), purpose, c.req.valid('form').password, c.var.now());
        if (!token) {
          c.status(410);
          return c.render(<InvalidLinkPage t={c.var.t} />, { title: c.var.t('reset.title') });
        }
        // As at /login: a session this browser had before (say, a colleague's on a shared office
        // computer) ends here, rather than living on in the database behind the replaced cookie.
        if (c.var.sessionId) await invalidateSession(c.var.db, c.var.sessionId);
        setSessionCookie(c, token);
        return redirectWithFlash(c, '/', 'success', done);
      },
    );
}
