import type { City } from '../../src/db/schema.js';
import type { Translate } from '../../src/i18n/index.js';
import { Content } from '../components.js';
import { councilBodyLabel } from './council.js';

/** CitiesPage: the district's cities, each with its council body, and the district-wide entry. */
export function CitiesPage(p: { t: Translate; cities: City[]; mayEditList: boolean }) {
  const { t } = p;
  const cities = p.cities.filter((c) => c.kind === 'city');
  const district = p.cities.filter((c) => c.kind === 'district');
  return (
    <section>
      <h1>{t('cities.title')}</h1>
      <p class="lead">{t('cities.lead', { count: cities.length })}</p>
      {p.mayEditList ? (
        <p>
          <a href="/admin/cities">{t('cities.adminLink')}</a>
        </p>
      ) : null}
      {cities.length === 0 ? (
        <p class="empty-state">{t('cities.none')}</p>
      ) : (
        <ul class="cards" aria-label={t('cities.title')}>
          {cities.map((c) => (
            <li class="card">
              <h2>
                <a href={`/cities/${c.slug}`}>
                  <Content t={t}>{c.name}</Content>
                </a>
              </h2>
              <p>{councilBodyLabel(t, c.council_body)}</p>
            </li>
          ))}
        </ul>
      )}
      {district.length ? (
        <>
          <h2 id="district-wide">{t('cities.districtWide')}</h2>
          <ul class="link-list" aria-labelledby="district-wide">
            {district.map((c) => (
              <li>
                <a href={`/cities/${c.slug}`}>
                  <Content t={t}>{c.name}</Content>
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
