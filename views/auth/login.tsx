import type { FieldErrors } from '../../src/http/forms.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { ErrorSummary, Field, Notice } from '../components.js';

/** LoginPage: `failure` is a form-level message (wrong credentials, too many attempts). */
export function LoginPage(p: { t: Translate; values: Record<string, string>; errors?: FieldErrors; failure?: string; notice?: MessageKey; next?: string }) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t('login.title')}</h1>
      {p.notice ? <Notice kind="info">{t(p.notice)}</Notice> : null}
      {p.failure ? <Notice kind="error">{p.failure}</Notice> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action="/login" class="form" novalidate>
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <Field t={t} name="email" label="login.email" type="email" value={p.values.email} errors={p.errors} required autocomplete="username" maxlength={320} />
        <Field t={t} name="password" label="login.password" type="password" errors={p.errors} required autocomplete="current-password" maxlength={200} />
        <div class="form__actions">
          <button type="submit" class="button">{t('login.submit')}</button>
          <a href="/password/reset">{t('login.forgot')}</a>
        </div>
      </form>
    </section>
  );
}
