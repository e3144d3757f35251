import type { FieldErrors } from '../../src/http/forms.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { SeriesPreviewLine } from '../../src/meetings/series-preview.js';
import { CONTENT_LANGUAGE, CheckboxField, ErrorSummary, Field, Notice, SelectField } from '../components.js';

export interface SeriesView {
  t: Translate;
  fmt: Formatters;
  slug: string;
  groupName: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  weekdays: { value: string; label: string }[];
  preview: SeriesPreviewLine[] | null;
  /** The rule gives more dates than a series may have; the preview ends at the maximum. */
  capped: boolean;
}

/** SeriesPage: the rule (a GET form: a preview changes nothing), the preview, and the one button that creates. */
export function SeriesPage(p: SeriesView) {
  const { t, values, errors } = p;
  const kind = values.kind ?? 'monthly';
  const creating = p.preview?.filter((d) => !d.skipped).length ?? 0;
  return (
    <section>
      <p>
        <a href={`/groups/${p.slug}`}>← {p.groupName}</a>
      </p>
      <h1>{t('series.title')}</h1>
      <p>{t('series.lead')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="get" action={`/groups/${p.slug}/meetings/series`} class="form" novalidate>
        <Field t={t} name="title" label="meetings.titleLabel" lang={CONTENT_LANGUAGE} value={values.title} errors={errors} required maxlength={300} />
        <fieldset>
          <legend>{t('series.rule')}</legend>
          {(['monthly', 'weekly'] as const).map((k, i) => (
            <div class="radio">
              <input type="radio" id={i === 0 ? 'field-kind' : `field-kind-${k}`} name="kind" value={k} checked={kind === k} />
              <label for={i === 0 ? 'field-kind' : `field-kind-${k}`}>{t(`series.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div class="field-row">
          <SelectField t={t} name="ordinal" label="series.ordinal" value={values.ordinal ?? '3'} errors={errors} options={(['1', '2', '3', '4', '-1'] as const).map((o) => ({ value: o, label: t(`series.ordinal.${o}`) }))} />
          <SelectField t={t} name="weekday" label="series.weekday" value={values.weekday ?? '3'} errors={errors} options={p.weekdays} />
          <Field t={t} name="interval_weeks" label="series.intervalLabel" value={values.interval_weeks ?? '6'} errors={errors} maxlength={2} />
          <SelectField t={t} name="interval_months" label="series.intervalMonths" value={values.interval_months ?? '1'} errors={errors} options={(['1', '2', '3', '6'] as const).map((o) => ({ value: o, label: t(`series.intervalMonths.${o}`) }))} />
        </div>
        <fieldset aria-describedby={errors?.holidays ? 'field-holidays-error' : undefined}>
          <legend>{t('series.holidays')}</legend>
          {errors?.holidays ? (
            <p class="field__error" id="field-holidays-error">
              {t(errors.holidays)}
            </p>
          ) : null}
          {(['skip', 'move'] as const).map((k, i) => (
            <div class="radio">
              <input type="radio" id={i === 0 ? 'field-holidays' : `field-holidays-${k}`} name="holidays" value={k} checked={(values.holidays ?? 'skip') === k} />
              <label for={i === 0 ? 'field-holidays' : `field-holidays-${k}`}>{t(`series.holidays.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset aria-describedby={errors?.breaks ? 'field-breaks-error' : undefined}>
          <legend>{t('series.breaks')}</legend>
          {errors?.breaks ? (
            <p class="field__error" id="field-breaks-error">
              {t(errors.breaks)}
            </p>
          ) : null}
          {(['skip', 'ignore'] as const).map((k, i) => (
            <div class="radio">
              <input type="radio" id={i === 0 ? 'field-breaks' : `field-breaks-${k}`} name="breaks" value={k} checked={(values.breaks ?? 'skip') === k} />
              <label for={i === 0 ? 'field-breaks' : `field-breaks-${k}`}>{t(`series.breaks.${k}`)}</label>
            </div>
          ))}
          <p class="field__hint">
            <a href={`/groups/${p.slug}/breaks`}>{t('series.breaksLink')}</a>
          </p>
        </fieldset>
        <div class="field-row">
          <Field t={t} name="from" label="series.from" type="date" value={values.from} errors={errors} required />
          <Field t={t} name="until" label="series.until" type="date" value={values.until} errors={errors} required />
        </div>
        <div class="field-row">
          <Field t={t} name="start_time" label="meetings.start" type="time" value={values.start_time ?? '18:00'} errors={errors} required />
          <Field t={t} name="end_time" label="meetings.end" type="time" value={values.end_time ?? '20:00'} errors={errors} required />
        </div>
        <Field t={t} name="location" label="meetings.location" lang={CONTENT_LANGUAGE} value={values.location} errors={errors} maxlength={300} />
        <Field t={t} name="room" label="meetings.room" lang={CONTENT_LANGUAGE} value={values.room} errors={errors} maxlength={200} />
        <Field t={t} name="online_url" label="meetings.onlineLabel" type="url" value={values.online_url} errors={errors} maxlength={1000} />
        <CheckboxField t={t} name="default_agenda" label="meetings.defaultAgenda" checked={values.default_agenda === 'on' || !values.title} />
        <div class="form__actions">
          <button type="submit" class="button button--secondary">
            {t('series.preview')}
          </button>
        </div>
      </form>
      {p.preview ? (
        <section aria-labelledby="preview">
          <h2 id="preview">{t('series.previewTitle', { count: creating })}</h2>
          {p.capped ? <Notice kind="info">{t('series.capped', { max: 60 })}</Notice> : null}
          {p.preview.length === 0 ? (
            <p class="empty-state">{t('series.none')}</p>
          ) : (
            <ul class="link-list">
              {p.preview.map((d) => (
                <li>{d.skipped ? <del>{d.label}</del> : d.label}{d.note ? ` – ${d.note}` : ''}</li>
              ))}
            </ul>
          )}
          {creating > 0 ? (
            <form method="post" action={`/groups/${p.slug}/meetings/series`} class="form">
              {Object.entries(values).map(([name, value]) => (
                <input type="hidden" name={name} value={value} />
              ))}
              <div class="form__actions">
                <button type="submit" class="button">
                  {t('series.create', { count: creating })}
                </button>
              </div>
            </form>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
