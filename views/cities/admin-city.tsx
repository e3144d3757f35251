import type { CityUsage } from '../../src/cities/cities.js';
import type { City } from '../../src/db/schema.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { ErrorSummary, SelectField } from '../components.js';
import { CityFields } from './city-form.js';

/** AdminCityPage: one city of the list: its data, and retiring it (with a replacement where records use it) or restoring it. */
export function AdminCityPage(p: { t: Translate; city: City; usage: CityUsage; replacements: City[]; values: Record<string, string>; errors?: FieldErrors; retireErrors?: FieldErrors }) {
  const { t, city, usage } = p;
  return (
    <section class="narrow">
      <p>
        <a href="/admin/cities">← {t('cities.adminTitle')}</a>
      </p>
      <h1>{t('cities.adminCityTitle', { city: city.name })}</h1>
      {city.retired ? <p>{t('cities.isRetired')}</p> : null}
      <ErrorSummary t={t} errors={p.errors ?? p.retireErrors} />
      <form method="post" action={`/admin/cities/${city.id}`} class="form" novalidate>
        <CityFields t={t} values={p.values} errors={p.errors} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('cities.save')}
          </button>
        </div>
      </form>
      {city.retired ? (
        <>
          <h2 id="city-restore">{t('cities.restoreTitle')}</h2>
          <form method="post" action={`/admin/cities/${city.id}/restore`} class="form" aria-labelledby="city-restore">
            <button type="submit" class="button button--secondary">
              {t('cities.restore')}
            </button>
          </form>
        </>
      ) : (
        <>
          <h2 id="city-retire">{t('cities.retireTitle')}</h2>
          <p>{t('cities.usage', { organisations: usage.organisations, served: usage.served, persons: usage.persons })}</p>
          <form method="post" action={`/admin/cities/${city.id}/retire`} class="form" novalidate aria-labelledby="city-retire">
            <SelectField
              t={t}
              name="replacement"
              label="cities.replacement"
              hint="cities.replacementHint"
              errors={p.retireErrors}
              options={[{ value: '', label: t('cities.noReplacement') }, ...p.replacements.map((c) => ({ value: String(c.id), label: c.name }))]}
            />
            <div class="form__actions">
              <button type="submit" class="button button--danger">
                {t('cities.retire')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
