import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ProfilePage } from '../../views/profile/profile.js';
import { changePassword } from '../auth/change-password.js';
import { requireUser } from '../auth/middleware.js';
import { listGroupsOfPerson } from '../groups/memberships.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { redirectWithFlash } from '../http/flash.js';
import { formValues, validForm, type FieldErrors } from '../http/forms.js';
import { newPasswordFields, passwordsMatch } from '../http/schemas.js';
import { today } from '../lib/berlin-time.js';
import { findPendingEmailChange } from '../people/email-change.js';
import { findPersonForViewer, updatePerson } from '../people/people.js';
import { changeErrors, personFormOptions, valuesOf } from '../people/routes.js';
import { personSchema } from '../people/schemas.js';

const passwordSchema = z
  .object({ current_password: z.string({ error: 'field.required' }).min(1, 'field.required').max(200, 'password.tooLong'), ...newPasswordFields })
  .superRefine(passwordsMatch);

async function renderProfile(c: Context<AppEnv>, opts: { values?: Record<string, string>; errors?: FieldErrors; passwordErrors?: FieldErrors } = {}) {
  const user = c.var.user!;
  const person = await findPersonForViewer(c.var.db, user, user.personId);
  if (!person) return renderError(c, 404);
  const [options, groups, pendingEmail] = await Promise.all([
    personFormOptions(c.var.db, user),
    listGroupsOfPerson(c.var.db, user, user.personId, today(c.var.now())),
    // The person's own pending change of the login address (the staff made it): shown, so it surprises nobody.
    findPendingEmailChange(c.var.db, user.personId, c.var.now()),
  ]);
  return c.render(
    <ProfilePage
      t={c.var.t}
      values={{ ...(opts.values ?? valuesOf(person)), email: person.email ?? '' }}
      emailLocked
      errors={opts.errors}
      passwordErrors={opts.passwordErrors}
      groups={groups.map((g) => ({ ...g, role: c.var.t(`membershipRole.${g.role}`) }))}
      pendingEmail={pendingEmail}
      formatDate={(at) => c.var.fmt.date(at)}
      {...options}
    />,
    { title: c.var.t('profile.title') },
  );
}

/** /profile: every signed-in person edits their own details and password. */
export const profileRoutes = new Hono<AppEnv>()
  .use('/profile', requireUser)
  .use('/profile/*', requireUser)
  .get('/profile', (c) => renderProfile(c))
  .post(
    '/profile',
    validForm(personSchema, (c, values, errors) => renderProfile(c, { values, errors })),
    async (c) => {
      const user = c.var.user!;
      // The e-mail address is the sign-in name: only the secretariat changes it (a stolen session must
      // not be able to redirect password resets), so the profile keeps the current one.
      const input = { ...c.req.valid('form'), email: user.email };
      try {
        await updatePerson(c.var.db, user, user.personId, input, c.var.now());
      } catch (err) {
        const errors = changeErrors(err);
        if (!errors) throw err;
        c.status(422);
        return renderProfile(c, { values: formValues(input), errors });
      }
      return redirectWithFlash(c, '/profile', 'success', 'profile.saved');
    },
  )
  .post(
    '/profile/password',
    validForm(passwordSchema, (c, _values, passwordErrors) => renderProfile(c, { passwordErrors })),
    async (c) => {
      const { current_password, password } = c.req.valid('form');
      const changed = await changePassword(c.var.db, c.var.user!.id, c.var.sessionId!, current_password, password, c.var.now());
      if (!changed) {
        c.status(422);
        return renderProfile(c, { passwordErrors: { current_password: 'profile.wrongPassword' } });
      }
      return redirectWithFlash(c, '/profile', 'success', 'profile.passwordChanged');
    },
  );
