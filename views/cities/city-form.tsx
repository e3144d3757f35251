import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CONTENT_LANGUAGE, Field, SelectField } from '../components.js';
import { CouncilBodyField } from './council.js';

/** CityFields: the fields of a city in the admins' list (used to add one and to edit one). */
export function CityFields({ t, values, errors }: { t: Translate; values: Record<string, string>; errors?: FieldErrors }) {
  return (
    <>
      <Field t={t} name="name" label="cities.name" lang={CONTENT_LANGUAGE} value={values.name} errors={errors} required maxlength={200} />
      <div class="field-row">
        <Field t={t} name="short_name" label="cities.shortName" lang={CONTENT_LANGUAGE} value={values.short_name} errors={errors} required maxlength={100} />
        <Field t={t} name="ags" label="cities.ags" hint="cities.agsHint" value={values.ags} errors={errors} required maxlength={8} />
      </div>
      <Field t={t} name="slug" label="cities.slug" hint="cities.slugHint" value={values.slug} errors={errors} required maxlength={80} />
      <div class="field-row">
        <CouncilBodyField t={t} value={values.council_body} errors={errors} />
        <SelectField
          t={t}
          name="kind"
          label="cities.kind"
          value={values.kind || 'city'}
          errors={errors}
          options={[
            { value: 'city', label: t('cities.kind.city') },
            { value: 'district', label: t('cities.kind.district') },
          ]}
        />
      </div>
    </>
  );
}
