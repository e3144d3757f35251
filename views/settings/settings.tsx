import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CheckboxField, ErrorSummary, Field, TextareaField } from '../components.js';

export interface SettingsPageProps {
  t: Translate;
  values: Record<string, string | undefined>;
  errors?: FieldErrors;
  /** What an empty office address falls back to (MAIL_FROM's address). */
  mailFrom: string;
  /** The sign-off the mails get while the field is empty (made from the office's details). */
  defaultSignOff: string;
  logo: { src: string } | null;
  logoMaxKb: number;
}

/** SettingsPage: the office's details, the mails' reply-to and sign-off, the data-protection officer, the logo. */
export function SettingsPage(p: SettingsPageProps) {
  const { t } = p;
  const logoError = p.errors?.logo;
  return (
    <section class="narrow">
      <h1>{t('settings.title')}</h1>
      <p>{t('settings.lead')}</p>
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action="/admin/settings" class="form" novalidate>
        <h2>{t('settings.officeSection')}</h2>
        <Field t={t} name="district_name" label="settings.districtName" hint="settings.districtNameHint" value={p.values.district_name} errors={p.errors} required maxlength={200} />
        <Field t={t} name="office_name" label="settings.officeName" hint="settings.officeNameHint" value={p.values.office_name} errors={p.errors} required maxlength={200} autocomplete="organization" />
        <TextareaField t={t} name="postal_address" label="settings.postalAddress" hint="settings.postalAddressHint" value={p.values.postal_address} errors={p.errors} rows={4} maxlength={500} />
        <Field t={t} name="phone" label="settings.phone" hint="settings.phoneHint" type="tel" value={p.values.phone} errors={p.errors} maxlength={50} autocomplete="tel" />
        <Field t={t} name="office_email" label="settings.officeEmail" hint="settings.officeEmailHint" type="email" value={p.values.office_email} errors={p.errors} maxlength={320} autocomplete="email" />
        <p class="field__hint">{t('settings.fallback', { address: p.mailFrom })}</p>
        <h2>{t('settings.mailSection')}</h2>
        <Field t={t} name="reply_to" label="settings.replyTo" hint="settings.replyToHint" type="email" value={p.values.reply_to} errors={p.errors} maxlength={320} />
        <TextareaField t={t} name="sign_off" label="settings.signOff" hint="settings.signOffHint" value={p.values.sign_off} errors={p.errors} rows={5} maxlength={1000} />
        <p class="field__hint">{t('settings.signOffDefault')}</p>
        <pre class="mail-preview">{p.defaultSignOff || '–'}</pre>
        <h2>{t('settings.privacySection')}</h2>
        <TextareaField t={t} name="dpo_contact" label="settings.dpoContact" hint="settings.dpoContactHint" value={p.values.dpo_contact} errors={p.errors} rows={4} maxlength={1000} />
        <h2>{t('settings.directorySection')}</h2>
        <CheckboxField t={t} name="submission_digest" label="settings.digest" hint="settings.digestHint" checked={p.values.submission_digest === 'on'} />
        <h2>{t('settings.fundingSection')}</h2>
        <Field t={t} name="project_reminder_days" label="settings.reminderDays" hint="settings.reminderDaysHint" value={p.values.project_reminder_days} errors={p.errors} required maxlength={3} />
        <Field t={t} name="programme_check_months" label="settings.checkMonths" hint="settings.checkMonthsHint" value={p.values.programme_check_months} errors={p.errors} required maxlength={3} />
        <div class="form__actions">
          <button type="submit" class="button">{t('form.save')}</button>
        </div>
      </form>

      <h2 id="logo">{t('settings.logo')}</h2>
      {p.logo ? (
        <p>
          <img class="settings-logo" src={p.logo.src} alt={t('settings.logoCurrent')} height="64" />
        </p>
      ) : (
        <p>{t('settings.logoNone')}</p>
      )}
      <form method="post" action="/admin/settings/logo" enctype="multipart/form-data" class="form" hx-boost="false">
        <div class={logoError ? 'field field--error' : 'field'}>
          <label for="field-logo">{t('settings.logoFile')}</label>
          <p class="field__hint" id="field-logo-hint">
            {t('settings.logoHint', { size: String(p.logoMaxKb) })}
          </p>
          {logoError ? (
            <p class="field__error" id="field-logo-error">
              {t(logoError)}
            </p>
          ) : null}
          <input id="field-logo" type="file" name="logo" accept="image/png,image/svg+xml,.png,.svg" required aria-invalid={logoError ? 'true' : undefined} aria-describedby={logoError ? 'field-logo-hint field-logo-error' : 'field-logo-hint'} />
        </div>
        <div class="form__actions">
          <button type="submit" class="button">{t('settings.logoUpload')}</button>
        </div>
      </form>
      {p.logo ? (
        <form method="post" action="/admin/settings/logo/delete" class="form">
          <button type="submit" class="button button--secondary">{t('settings.logoRemove')}</button>
        </form>
      ) : null}
    </section>
  );
}
