import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { PendingEmailChange } from '../../src/people/email-change.js';
import { ErrorSummary, Field } from '../components.js';
import { PersonFields, type PersonFormProps } from '../people/people.js';

export function ProfilePage(
  p: PersonFormProps & { groups: { slug: string; name: string; role: string }[]; passwordErrors?: FieldErrors; pendingEmail?: PendingEmailChange; formatDate: (at: string) => string },
) {
  const { t } = p;
  return (
    <section>
      <h1>{t('profile.title')}</h1>
      <p>{t('profile.lead')}</p>
      {p.groups.length ? (
        <>
          <h2>{t('home.dashboard.groups')}</h2>
          <ul class="link-list">
            {p.groups.map((g) => (
              <li>
                <a href={`/groups/${g.slug}`}>{g.name}</a> ({g.role})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="details">{t('people.details')}</h2>
      {p.pendingEmail ? (
        <div class="notice notice--info" role="status" id="email-pending">
          <p>
            {t('profile.emailPending', { email: p.pendingEmail.new_email, date: p.formatDate(p.pendingEmail.expires_at) })}{' '}
            {t(p.pendingEmail.new_confirmed ? 'emailChange.newConfirmed' : 'emailChange.newOpen')}{' '}
            {t(p.pendingEmail.old_confirmed ? 'emailChange.oldConfirmed' : 'emailChange.oldOpen')}
          </p>
        </div>
      ) : null}
      <ErrorSummary t={t} errors={p.errors} level={3} />
      <form method="post" action="/profile" class="form" novalidate>
        <PersonFields {...p} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('form.save')}
          </button>
        </div>
      </form>

      <h2 id="password">{t('profile.password')}</h2>
      <ErrorSummary t={t} errors={p.passwordErrors} level={3} />
      <form method="post" action="/profile/password" class="form" novalidate>
        <Field t={t} name="current_password" label="profile.currentPassword" type="password" errors={p.passwordErrors} required autocomplete="current-password" maxlength={200} />
        <Field t={t} name="password" label="password.new" type="password" hint="password.hint" errors={p.passwordErrors} required autocomplete="new-password" maxlength={200} />
        <Field t={t} name="password_confirm" label="password.confirm" type="password" errors={p.passwordErrors} required autocomplete="new-password" maxlength={200} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('password.submit')}
          </button>
        </div>
      </form>

      <h2 id="privacy">{t('privacy.heading')}</h2>
      <p>{t('privacy.profile.lead')}</p>
      <ul class="link-list">
        <li>
          <a href="/profile/data">{t('privacy.profile.view')}</a>
        </li>
        <li>
          <a href="/profile/data.json" download hx-boost="false">
            {t('privacy.json')}
          </a>
        </li>
      </ul>

      <h2 id="sessions">{t('sessions.title')}</h2>
      <p>{t('sessions.endOthersHint')}</p>
      <form method="post" action="/sessions/end-others" class="form">
        <button type="submit" class="button button--secondary">
          {t('sessions.endOthers')}
        </button>
      </form>
    </section>
  );
}
