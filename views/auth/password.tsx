import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { ErrorSummary, Field, Notice } from '../components.js';

/** ResetRequestPage: ask for a reset link by e-mail address. */
export function ResetRequestPage(p: { t: Translate; values: Record<string, string>; errors?: FieldErrors; failure?: string }) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t('reset.title')}</h1>
      <p>{t('reset.lead')}</p>
      {p.failure ? <Notice kind="error">{p.failure}</Notice> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action="/password/reset" class="form" novalidate>
        <Field t={t} name="email" label="login.email" type="email" value={p.values.email} errors={p.errors} required autocomplete="email" maxlength={320} />
        <div class="form__actions">
          <button type="submit" class="button">{t('reset.submit')}</button>
        </div>
      </form>
    </section>
  );
}

/** SetPasswordPage: choose a password from a reset or invitation link (action is the link itself). */
export function SetPasswordPage(p: { t: Translate; title: MessageKey; lead?: string; action: string; errors?: FieldErrors }) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t(p.title)}</h1>
      {p.lead ? <p>{p.lead}</p> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={p.action} class="form" novalidate>
        <Field t={t} name="password" label="password.new" type="password" hint="password.hint" errors={p.errors} required autocomplete="new-password" maxlength={200} />
        <Field t={t} name="password_confirm" label="password.confirm" type="password" errors={p.errors} required autocomplete="new-password" maxlength={200} />
        <div class="form__actions">
          <button type="submit" class="button">{t('password.submit')}</button>
        </div>
      </form>
    </section>
  );
}

/** InvalidLinkPage: a reset or invitation link that cannot be used (any more). */
export function InvalidLinkPage({ t }: { t: Translate }) {
  return (
    <section class="narrow">
      <h1>{t('reset.title')}</h1>
      <Notice kind="error">{t('reset.invalid')}</Notice>
      <p>
        <a href="/password/reset">{t('reset.requestNew')}</a>
      </p>
    </section>
  );
}
