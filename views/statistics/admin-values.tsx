import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Indicator, StatisticsCity } from '../../src/statistics/figures.js';
import { ErrorSummary, Field, Notice } from '../components.js';

/**
 * AdminValuesPage: choose a city and a year, then enter or correct each count of it: a number or a
 * special value, with source and note. An emptied value is removed (recorded in the history).
 */
export function AdminValuesPage(p: {
  t: Translate;
  cities: StatisticsCity[];
  city?: StatisticsCity;
  year?: number;
  yearError?: boolean;
  counts: Indicator[];
  values: Record<string, string>;
  errors?: FieldErrors;
  saved?: string;
}) {
  const { t, values, errors } = p;
  return (
    <section>
      <p>
        <a href="/admin/statistics">← {t('statistics.admin.title')}</a>
      </p>
      <h1>{t('statistics.admin.values')}</h1>
      <form method="get" action="/admin/statistics/values" class="form form--inline">
        <div class="field">
          <label for="field-city">{t('statistics.admin.city')}</label>
          <select id="field-city" name="city">
            {p.cities.map((c) => (
              <option value={String(c.id)} selected={p.city?.id === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div class={p.yearError ? 'field field--error' : 'field'}>
          <label for="field-year">{t('statistics.admin.year')}</label>
          {p.yearError ? (
            <p class="field__error" id="field-year-error">
              {t('statistics.admin.yearInvalid')}
            </p>
          ) : null}
          <input id="field-year" name="year" inputmode="numeric" value={p.year ? String(p.year) : ''} aria-invalid={p.yearError ? 'true' : undefined} aria-describedby={p.yearError ? 'field-year-error' : undefined} />
        </div>
        <div class="form__actions">
          <button type="submit" class="button button--secondary">
            {t('statistics.admin.show')}
          </button>
        </div>
      </form>
      {p.saved ? <Notice kind="success">{p.saved}</Notice> : null}
      {p.city && p.year ? (
        <>
          <h2>{t('statistics.admin.valuesOf', { city: p.city.name, year: p.year })}</h2>
          <p>{t('statistics.admin.valuesHelp')}</p>
          <p>
            <a href={`/admin/statistics/history?city=${p.city.id}&year=${p.year}`}>{t('statistics.admin.historyOf', { city: p.city.name, year: p.year })}</a>
          </p>
          <ErrorSummary t={t} errors={errors} />
          <form method="post" action="/admin/statistics/values" class="form" novalidate>
            <input type="hidden" name="city" value={String(p.city.id)} />
            <input type="hidden" name="year" value={String(p.year)} />
            {p.counts.map((i) => (
              <fieldset>
                <legend>{i.name}</legend>
                <Field t={t} name={`v_${i.id}`} label="statistics.admin.value" labelText={t('statistics.admin.valueOf', { unit: i.unit })} value={values[`v_${i.id}`]} errors={errors} maxlength={30} />
                <Field t={t} name={`s_${i.id}`} label="statistics.admin.source" value={values[`s_${i.id}`]} errors={errors} maxlength={300} />
                <Field t={t} name={`n_${i.id}`} label="statistics.admin.note" value={values[`n_${i.id}`]} errors={errors} maxlength={1000} />
              </fieldset>
            ))}
            <div class="form__actions">
              <button type="submit" class="button">
                {t('statistics.admin.save')}
              </button>
            </div>
          </form>
        </>
      ) : null}
    </section>
  );
}
