import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CONTENT_LANGUAGE, CheckboxField, ErrorSummary, Field } from '../components.js';

export function MeetingFormPage(p: { t: Translate; title: string; action: string; cancel: string; values: Record<string, string>; errors?: FieldErrors; isNew: boolean }) {
  const { t, values, errors } = p;
  return (
    <section>
      <h1>{p.title}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.action} class="form" novalidate>
        <Field t={t} name="title" label="meetings.titleLabel" lang={CONTENT_LANGUAGE} value={values.title} errors={errors} required maxlength={300} />
        <Field t={t} name="day" label="meetings.day" type="date" value={values.day} errors={errors} required />
        <div class="field-row">
          <Field t={t} name="start_time" label="meetings.start" type="time" value={values.start_time ?? '18:00'} errors={errors} required />
          <Field t={t} name="end_time" label="meetings.end" type="time" value={values.end_time ?? '20:00'} errors={errors} required />
        </div>
        <Field t={t} name="location" label="meetings.location" lang={CONTENT_LANGUAGE} value={values.location} errors={errors} maxlength={300} />
        <Field t={t} name="room" label="meetings.room" lang={CONTENT_LANGUAGE} value={values.room} errors={errors} maxlength={200} />
        <Field t={t} name="online_url" label="meetings.onlineLabel" type="url" value={values.online_url} errors={errors} maxlength={1000} />
        {p.isNew ? <CheckboxField t={t} name="default_agenda" label="meetings.defaultAgenda" checked={values.default_agenda !== 'off'} /> : null}
        <div class="form__actions">
          <button type="submit" class="button">
            {p.isNew ? t('meetings.new') : t('form.save')}
          </button>
          <a href={p.cancel}>{t('form.cancel')}</a>
        </div>
      </form>
    </section>
  );
}
