import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CheckboxField, ErrorSummary, Field } from '../components.js';

/** SettingsPage: the office's name and e-mail address; `mailFrom` is what an empty address falls back to. */
export function SettingsPage(p: { t: Translate; values: Record<string, string | undefined>; errors?: FieldErrors; mailFrom: string }) {
  const { t } = p;
  return (
    <section class="narrow">
      <h1>{t('settings.title')}</h1>
      <p>{t('settings.lead')}</p>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action="/admin/settings" class="form" novalidate>
        <Field t={t} name="office_name" label="settings.officeName" hint="settings.officeNameHint" value={p.values.office_name} errors={p.errors} required maxlength={200} autocomplete="organization" />
        <Field t={t} name="office_email" label="settings.officeEmail" hint="settings.officeEmailHint" type="email" value={p.values.office_email} errors={p.errors} maxlength={320} autocomplete="email" />
        <p class="field__hint">{t('settings.fallback', { address: p.mailFrom })}</p>
        <CheckboxField t={t} name="submission_digest" label="settings.digest" hint="settings.digestHint" checked={p.values.submission_digest === 'on'} />
        <div class="form__actions">
          <button type="submit" class="button">{t('form.save')}</button>
        </div>
      </form>
    </section>
  );
}
