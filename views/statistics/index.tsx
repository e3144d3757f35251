import type { FieldErrors } from '../../src/http/forms.js';
import type { PublicLocale, Translate } from '../../src/i18n/index.js';
import type { Indicator, StatisticsCity } from '../../src/statistics/figures.js';
import { indicatorName, indicatorNameIsGerman, type Chart } from '../../src/statistics/charts/model.js';
import type { SvgTexts } from '../../src/statistics/charts/svg.js';
import { SelectField } from '../components.js';
import { ChartFigure } from './chart.js';

export interface StatisticsPageData {
  lang: PublicLocale;
  indicators: Indicator[];
  indicator: Indicator;
  /** Names of a share's two counts (derived, never typed in). */
  shareParts: { numerator: string; denominator: string } | null;
  cities: StatisticsCity[];
  city: StatisticsCity;
  years: number[];
  values: Record<string, string>;
  errors?: FieldErrors;
  charts: { bars: Chart; lines: Chart; compare: Chart; age: Chart | null } | null;
  texts: SvgTexts;
}

/**
 * The public statistics page (/statistics): a GET form to choose the indicator, the two years to
 * compare and the city of the age structure (works without JavaScript), then the charts. Indicator
 * names: English (name_en) on English pages; every other language shows the German name, marked
 * lang="de" so that screen readers pronounce it as German.
 */
export function StatisticsPage(p: { t: Translate; data: StatisticsPageData }) {
  const { t, data } = p;
  const german = (i: Indicator) => (indicatorNameIsGerman(i, data.lang) ? 'de' : undefined);
  const yearOptions = data.years.map((y) => ({ value: String(y), label: String(y) }));
  const key = data.indicator.key;
  const query = `?from=${data.values.from}&to=${data.values.to}&indicator=${key}&city=${data.city.slug}`;
  return (
    <section class="statistics">
      <h1>{t('statistics.title')}</h1>
      <p class="lead">{t('statistics.lead')}</p>
      <p class="no-print">
        <a href="/statistics/need">{t('cityFigures.needLink')}</a>
      </p>
      <form method="get" action="/statistics" class="form statistics__choice no-print" aria-label={t('statistics.choose')}>
        <SelectField
          t={t}
          name="indicator"
          label="statistics.indicator"
          value={key}
          options={data.indicators.map((i) => ({ value: i.key, label: indicatorName(i, data.lang), lang: german(i) }))}
        />
        {yearOptions.length ? (
          <>
            <SelectField t={t} name="from" label="statistics.from" value={data.values.from} errors={data.errors} options={yearOptions} />
            <SelectField t={t} name="to" label="statistics.to" value={data.values.to} errors={data.errors} options={yearOptions} />
          </>
        ) : null}
        <SelectField t={t} name="city" label="statistics.city" value={data.city.slug} options={data.cities.map((c) => ({ value: c.slug, label: c.name, lang: data.lang === 'de' ? undefined : 'de' }))} />
        <button type="submit" class="button">
          {t('statistics.show')}
        </button>
      </form>

      {data.charts === null ? (
        <p class="empty-state">{t('statistics.empty')}</p>
      ) : (
        <>
          <section aria-labelledby="statistics-indicator">
            <h2 id="statistics-indicator" lang={german(data.indicator)}>
              {indicatorName(data.indicator, data.lang)}
            </h2>
            {data.indicator.definition ? <p lang={data.lang === 'de' ? undefined : 'de'}>{data.indicator.definition}</p> : null}
            {data.shareParts ? (
              <p>
                {t('statistics.derived')}{' '}
                <span lang={data.lang === 'de' ? undefined : 'de'}>
                  {data.shareParts.numerator} / {data.shareParts.denominator} × 100
                </span>
              </p>
            ) : null}
            {data.indicator.source ? <p>{t('statistics.source', { source: data.indicator.source })}</p> : null}
            <ChartFigure t={t} chart={data.charts.bars} texts={data.texts} downloads={`/statistics/${key}/bars`} />
            <ChartFigure t={t} chart={data.charts.compare} texts={data.texts} downloads={`/statistics/${key}/compare?from=${data.values.from}&to=${data.values.to}`} />
            <p class="chart__note">{t('statistics.linesNote')}</p>
            <ChartFigure t={t} chart={data.charts.lines} texts={data.texts} downloads={`/statistics/${key}/lines`} />
          </section>
          <section aria-labelledby="statistics-age">
            <h2 id="statistics-age">{t('statistics.ageSection')}</h2>
            <p class="no-print">
              {t('statistics.otherCities')}{' '}
              {data.cities.map((c, i) => (
                <>
                  {i ? ', ' : ''}
                  <a href={`/statistics${query.replace(/city=[^&]*/, `city=${c.slug}`)}#statistics-age`} aria-current={c.id === data.city.id ? 'true' : undefined} lang={data.lang === 'de' ? undefined : 'de'}>
                    {c.name}
                  </a>
                </>
              ))}
            </p>
            {data.charts.age ? (
              <ChartFigure t={t} chart={data.charts.age} texts={data.texts} downloads={`/statistics/cities/${data.city.slug}/age`} />
            ) : (
              <p class="empty-state">{t('statistics.ageNone')}</p>
            )}
          </section>
          <section aria-labelledby="statistics-symbols">
            <h2 id="statistics-symbols">{t('statistics.special.title')}</h2>
            <dl class="statistics__symbols">
              {(
                [
                  ['-', 'statistics.special.dash'],
                  ['.', 'statistics.special.dot'],
                  ['x', 'statistics.special.x'],
                  ['…', 'statistics.special.ellipsis'],
                ] as const
              ).map(([symbol, meaning]) => (
                <>
                  <dt>{symbol}</dt>
                  <dd>{t(meaning)}</dd>
                </>
              ))}
            </dl>
          </section>
        </>
      )}
    </section>
  );
}
