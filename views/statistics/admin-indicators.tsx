import type { Translate } from '../../src/i18n/index.js';
import type { Indicator } from '../../src/statistics/figures.js';

/** AdminStatisticsPage: the staff's start of the Datensammlung: what they can do, and the indicators. */
export function AdminStatisticsPage({ t, indicators }: { t: Translate; indicators: Indicator[] }) {
  const nameOf = (id: number | null) => indicators.find((i) => i.id === id)?.name ?? '–';
  return (
    <section>
      <h1>{t('statistics.admin.title')}</h1>
      <ul class="link-list">
        <li>
          <a href="/admin/statistics/import">{t('statistics.admin.import')}</a>
        </li>
        <li>
          <a href="/admin/statistics/values">{t('statistics.admin.values')}</a>
        </li>
        <li>
          <a href="/admin/statistics/history">{t('statistics.admin.history')}</a>
        </li>
        <li>
          <a href="/admin/statistics/export.csv" download>
            {t('statistics.admin.export')}
          </a>
        </li>
      </ul>
      <h2>{t('statistics.admin.indicators')}</h2>
      <p>
        <a class="button" href="/admin/statistics/indicators/new">
          {t('statistics.admin.newIndicator')}
        </a>
      </p>
      <table class="table">
        <caption class="visually-hidden">{t('statistics.admin.indicators')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.admin.name')}</th>
            <th scope="col">{t('statistics.admin.key')}</th>
            <th scope="col">{t('statistics.admin.kind')}</th>
            <th scope="col">{t('statistics.admin.unit')}</th>
            <th scope="col">{t('statistics.admin.chartGroup')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr>
              <td>
                <a href={`/admin/statistics/indicators/${i.id}`}>{i.name}</a>
              </td>
              <td>
                <code>{i.key}</code>
              </td>
              <td>{i.kind === 'share' ? t('statistics.admin.shareOf', { numerator: nameOf(i.numeratorId), denominator: nameOf(i.denominatorId) }) : t('statistics.admin.kind.count')}</td>
              <td>{i.unit}</td>
              <td>{i.chartGroup ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
