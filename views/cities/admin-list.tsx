import type { City } from '../../src/db/schema.js';
import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { ErrorSummary } from '../components.js';
import { CityFields } from './city-form.js';
import { councilBodyLabel } from './council.js';

/** AdminCitiesPage: the admins' list of cities (current and retired) and the form to add one. */
export function AdminCitiesPage(p: { t: Translate; cities: City[]; values: Record<string, string>; errors?: FieldErrors }) {
  const { t, errors } = p;
  return (
    <section>
      <p>
        <a href="/admin">← {t('nav.admin')}</a>
      </p>
      <h1>{t('cities.adminTitle')}</h1>
      <p>{t('cities.adminLead')}</p>
      <ErrorSummary t={t} errors={errors} />
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby="cities-caption">
        <table class="table">
          <caption id="cities-caption">{t('cities.adminCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cities.name')}</th>
              <th scope="col">{t('cities.ags')}</th>
              <th scope="col">{t('cities.slug')}</th>
              <th scope="col">{t('cities.body')}</th>
              <th scope="col">{t('cities.state')}</th>
            </tr>
          </thead>
          <tbody>
            {p.cities.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/cities/${c.id}`}>{c.name}</a>
                </th>
                <td>{c.ags ?? '–'}</td>
                <td>{c.slug}</td>
                <td>{councilBodyLabel(t, c.council_body)}</td>
                <td>{c.retired ? t('cities.retiredState') : t('cities.currentState')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="city-add">{t('cities.addTitle')}</h2>
      <form method="post" action="/admin/cities" class="form narrow" novalidate aria-labelledby="city-add">
        <CityFields t={t} values={p.values} errors={errors} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('cities.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
