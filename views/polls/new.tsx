import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { OPTION_ROWS } from '../../src/polls/schemas.js';
import { CONTENT_LANGUAGE, ErrorSummary, Field, TextareaField } from '../components.js';

/** PollFormPage: a new date poll: title, place, note and up to ten proposed dates (at least two). */
export function PollFormPage(p: { t: Translate; action: string; cancel: string; values: Record<string, string>; errors?: FieldErrors }) {
  const { t, values, errors } = p;
  return (
    <section>
      <h1>{t('polls.new')}</h1>
      <p>{t('polls.newLead')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.action} class="form" novalidate>
        <Field t={t} name="title" label="meetings.titleLabel" lang={CONTENT_LANGUAGE} value={values.title} errors={errors} required maxlength={300} />
        <Field t={t} name="location" label="meetings.location" lang={CONTENT_LANGUAGE} value={values.location} errors={errors} maxlength={300} />
        <TextareaField t={t} name="note" label="polls.note" lang={CONTENT_LANGUAGE} value={values.note} errors={errors} maxlength={2000} rows={3} />
        <p class="field__hint" id="poll-dates-hint">
          {t('polls.datesHint')}
        </p>
        {OPTION_ROWS.map((i) => (
          <fieldset aria-describedby={i === 1 ? 'poll-dates-hint' : undefined}>
            <legend>{t('polls.dateN', { n: i })}</legend>
            <div class="field-row">
              <Field t={t} name={`day_${i}`} label="meetings.day" labelText={t('polls.dayN', { n: i })} type="date" value={values[`day_${i}`]} errors={errors} required={i <= 2} />
              <Field t={t} name={`start_${i}`} label="meetings.start" labelText={t('polls.startN', { n: i })} type="time" value={values[`start_${i}`] ?? (i <= 2 ? '18:00' : '')} errors={errors} />
              <Field t={t} name={`end_${i}`} label="meetings.end" labelText={t('polls.endN', { n: i })} type="time" value={values[`end_${i}`] ?? (i <= 2 ? '20:00' : '')} errors={errors} />
            </div>
          </fieldset>
        ))}
        <div class="form__actions">
          <button type="submit" class="button">
            {t('polls.create')}
          </button>
          <a href={p.cancel}>{t('form.cancel')}</a>
        </div>
      </form>
    </section>
  );
}
