import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { ErrorSummary, Field, Notice, TextareaField } from '../components.js';
import { ConsentField } from '../consent-field.js';
import { Honeypot } from '../honeypot.js';

/** What the advice form on a programme's page shows: what was typed, its errors, the throttle's message. */
export interface AdviceFormState {
  values: Record<string, string>;
  errors?: FieldErrors;
  /** The throttle's message (429), shown above the form. */
  problem?: string;
}

export interface AdviceFormProps extends AdviceFormState {
  t: Translate;
  programmeId: number;
  /** The directory's published entries, suggested while typing (a datalist: works without JavaScript). */
  organisations: string[];
  /** RETENTION_MONTHS: how long a closed request is kept (the consent text says so). */
  retentionMonths: number;
  /** ANSWER_WORKING_DAYS: when to expect an answer. */
  answerDays: number;
}

/**
 * AdviceRequestForm: the public form on a funding programme's page (src/advice/routes.tsx). Part of the
 * programme's page (views/programmes/show.tsx), in every public language.
 */
export function AdviceRequestForm(p: AdviceFormProps) {
  const { t, values, errors } = p;
  return (
    <section class="section narrow" aria-labelledby="advice-form">
      <h2 id="advice-form">{t('advice.form.title')}</h2>
      <p>{t('advice.form.lead', { days: p.answerDays })}</p>
      {p.problem ? <Notice kind="error">{p.problem}</Notice> : null}
      <ErrorSummary t={t} errors={errors} level={3} />
      <form method="post" action={`/programmes/${p.programmeId}/advice`} class="form" novalidate aria-labelledby="advice-form">
        <Field t={t} name="organisation" label="advice.form.organisation" hint="advice.form.organisationHint" value={values.organisation} errors={errors} required maxlength={300} autocomplete="organization" list="advice-organisations" />
        <datalist id="advice-organisations">
          {p.organisations.map((name) => (
            <option value={name} />
          ))}
        </datalist>
        <Field t={t} name="contact_name" label="advice.form.contactName" value={values.contact_name} errors={errors} required maxlength={200} autocomplete="name" />
        <Field t={t} name="email" label="advice.form.email" type="email" value={values.email} errors={errors} required maxlength={320} autocomplete="email" />
        <Field t={t} name="phone" label="advice.form.phone" type="tel" value={values.phone} errors={errors} maxlength={50} autocomplete="tel" />
        <TextareaField t={t} name="idea" label="advice.form.idea" hint="advice.form.ideaHint" value={values.idea} errors={errors} required maxlength={5000} rows={6} />
        <TextareaField t={t} name="question" label="advice.form.question" value={values.question} errors={errors} required maxlength={5000} rows={6} />
        <ConsentField t={t} errors={errors} checked={values.consent === 'on'} label="advice.form.consent" text="advice.form.consentText" privacyLink="advice.form.privacyLink" months={p.retentionMonths} textId="advice-consent-text" />
        <Honeypot t={t} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('advice.form.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
