import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { ErrorSummary, Field } from '../components.js';

export function SetupPage(p: { t: Translate; token: string; values: Record<string, string>; errors?: FieldErrors }) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.lead')}</p>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={`/setup?token=${encodeURIComponent(p.token)}`} class="form" novalidate>
        <Field t={t} name="name" label="setup.name" value={p.values.name} errors={p.errors} required autocomplete="name" maxlength={200} />
        <Field t={t} name="email" label="login.email" type="email" value={p.values.email} errors={p.errors} required autocomplete="email" maxlength={320} />
        <Field t={t} name="office_email" label="setup.officeEmail" type="email" hint="setup.officeEmailHint" value={p.values.office_email} errors={p.errors} autocomplete="off" maxlength={320} />
        <Field t={t} name="phone" label="setup.phone" type="tel" hint="setup.phoneHint" value={p.values.phone} errors={p.errors} autocomplete="off" maxlength={50} />
        <Field t={t} name="password" label="password.new" type="password" hint="password.hint" errors={p.errors} required autocomplete="new-password" maxlength={200} />
        <Field t={t} name="password_confirm" label="password.confirm" type="password" errors={p.errors} required autocomplete="new-password" maxlength={200} />
        <div class="form__actions">
          <button type="submit" class="button">{t('setup.submit')}</button>
        </div>
      </form>
    </section>
  );
}
