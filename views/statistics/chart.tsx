import { raw } from 'hono/html';
import type { Translate } from '../../src/i18n/index.js';
import { figureText } from '../../src/statistics/charts/format.js';
import type { Chart } from '../../src/statistics/charts/model.js';
import { chartSvg, type SvgTexts } from '../../src/statistics/charts/svg.js';

/**
 * ChartFigure: one chart as a figure: the SVG (left to right in every page language: axes and bars
 * do not mirror, so the container has dir="ltr"), the data as a table under it (the same cells), and
 * the downloads. Row labels are German names from the data, marked lang="de" on pages in other
 * languages.
 */
const MARK = '\u0001';

/**
 * Title: a chart's title with the German names in it (indicator, city) marked lang="de" on pages in
 * other languages, so that a screen reader switches pronunciation for them only.
 */
function Title({ t, chart }: { t: Translate; chart: Chart }) {
  const { key, params, german } = chart.titleText;
  if (!german.length) return <>{chart.title}</>;
  const text = t(key, { ...params, ...Object.fromEntries(german.map((k) => [k, `${MARK}${k}${MARK}`])) });
  return <>{text.split(MARK).map((part, i) => (i % 2 ? <span lang="de">{params[part]}</span> : part))}</>;
}

export function ChartFigure(p: { t: Translate; chart: Chart; texts: SvgTexts; downloads: string }) {
  const { t, chart } = p;
  const captionId = `${chart.id}-caption`;
  const labelLang = chart.labelsAreGerman ? 'de' : undefined;
  const query = p.downloads.includes('?') ? p.downloads.slice(p.downloads.indexOf('?')) : '';
  const base = p.downloads.replace(/\?.*$/, '');
  return (
    <figure class="chart" id={chart.id}>
      <h3 class="chart__heading">
        <Title t={t} chart={chart} />
      </h3>
      <div class="chart__canvas" dir="ltr">
        {raw(chartSvg(chart, p.texts))}
      </div>
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby={captionId}>
        <table class="table chart__table">
          <caption id={captionId}>
            {t('statistics.tableCaption', { title: MARK + MARK }).split(MARK).map((part, i) => (i % 2 ? <Title t={t} chart={chart} /> : part))}
          </caption>
          <thead>
            <tr>
              <th scope="col">{chart.rowHeader}</th>
              {chart.series.map((s) => (
                <th scope="col">{s}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.rows.map((row) => (
              <tr class={row.district ? 'chart__district' : undefined}>
                <th scope="row" lang={row.district ? undefined : labelLang}>
                  {row.label}
                </th>
                {row.figures.map((f) => (
                  <td class="num">{figureText(f, chart.format) || '…'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption class="chart__downloads no-print">
        {t('statistics.downloads')}{' '}
        <a href={`${base}/chart.svg${query}`} download hx-boost="false">
          {t('statistics.downloadSvg')}
          <span class="visually-hidden"> – {chart.title}</span>
        </a>
        {' · '}
        <a href={`${base}/data.csv${query}`} download hx-boost="false">
          {t('statistics.downloadCsv')}
          <span class="visually-hidden"> – {chart.title}</span>
        </a>
      </figcaption>
    </figure>
  );
}
