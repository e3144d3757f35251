import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Indicator } from '../../src/statistics/figures.js';
import { CONTENT_LANGUAGE, ErrorSummary, Field, SelectField, TextareaField } from '../components.js';

/** AdminIndicatorPage: define a new indicator or edit one (a share: its two counts). */
export function AdminIndicatorPage(p: { t: Translate; id?: number; values: Record<string, string>; errors?: FieldErrors; counts: Indicator[] }) {
  const { t, values, errors } = p;
  const counts = [{ value: '', label: t('statistics.admin.choose') }, ...p.counts.filter((i) => i.id !== p.id).map((i) => ({ value: String(i.id), label: i.name }))];
  return (
    <section class="narrow">
      <p>
        <a href="/admin/statistics">← {t('statistics.admin.title')}</a>
      </p>
      <h1>{p.id ? t('statistics.admin.editIndicator') : t('statistics.admin.newIndicator')}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={p.id ? `/admin/statistics/indicators/${p.id}` : '/admin/statistics/indicators'} class="form" novalidate>
        <Field t={t} name="key" label="statistics.admin.key" hint="statistics.admin.keyHint" value={values.key} errors={errors} required maxlength={80} />
        <Field t={t} name="name" label="statistics.admin.name" lang={CONTENT_LANGUAGE} value={values.name} errors={errors} required maxlength={200} />
        <Field t={t} name="name_en" label="statistics.admin.nameEn" lang="en" value={values.name_en} errors={errors} maxlength={200} />
        <Field t={t} name="unit" label="statistics.admin.unit" value={values.unit} errors={errors} required maxlength={50} />
        <TextareaField t={t} name="definition" label="statistics.admin.definition" lang={CONTENT_LANGUAGE} value={values.definition} errors={errors} rows={3} maxlength={2000} />
        <Field t={t} name="source" label="statistics.admin.source" value={values.source} errors={errors} maxlength={300} />
        <SelectField
          t={t}
          name="kind"
          label="statistics.admin.kind"
          hint="statistics.admin.kindHint"
          value={values.kind ?? 'count'}
          errors={errors}
          required
          options={[
            { value: 'count', label: t('statistics.admin.kind.count') },
            { value: 'share', label: t('statistics.admin.kind.share') },
          ]}
        />
        <SelectField t={t} name="numerator_id" label="statistics.admin.numerator" value={values.numerator_id} errors={errors} options={counts} />
        <SelectField t={t} name="denominator_id" label="statistics.admin.denominator" value={values.denominator_id} errors={errors} options={counts} />
        <Field t={t} name="chart_group" label="statistics.admin.chartGroup" hint="statistics.admin.chartGroupHint" value={values.chart_group} errors={errors} maxlength={80} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('statistics.admin.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
