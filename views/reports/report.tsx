import type { Translate } from '../../src/i18n/index.js';
import { count, figureText, percent } from '../../src/reports/format.js';
import type { YearlyReport } from '../../src/reports/report.js';

/** indicatorName: the indicator in the reader's language (English where the staff gave one). */
export function indicatorName(i: { name: string; nameEn: string | null }, locale: string): string {
  return locale === 'en' && i.nameEn ? i.nameEn : i.name;
}

/** YearlyReportPage: /reports/:year for the staff; every table has a caption and headers with scope. */
export function YearlyReportPage({ t, report, locale, years }: { t: Translate; report: YearlyReport; locale: string; years: number[] }) {
  const { year } = report;
  return (
    <article class="yearly-report">
      <h1>{t('reports.title', { year })}</h1>
      <p>{t('reports.lead', { year })}</p>
      <form method="get" action="/reports" class="inline-form">
        <label for="report-year">{t('reports.otherYears')}</label>{' '}
        <select id="report-year" name="year">
          {years.map((y) => (
            <option value={String(y)} selected={y === year}>
              {y}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="button button--secondary">
          {t('reports.show')}
        </button>
      </form>
      <section class="section" aria-labelledby="report-downloads">
        <h2 id="report-downloads">{t('reports.downloads')}</h2>
        <ul class="link-list">
          <li>
            <a href={`/reports/${year}.pdf`}>{t('reports.pdf')}</a>
          </li>
          <li>
            <a href={`/reports/${year}.csv`}>{t('reports.csv')}</a>
          </li>
        </ul>
      </section>

      <section class="section" aria-labelledby="report-how">
        <h2 id="report-how">{t('reports.how')}</h2>
        <ul>
          <li>{t('reports.how.held')}</li>
          <li>{t('reports.how.fields')}</li>
          <li>{t('reports.how.directory')}</li>
          <li>{t('reports.how.figures')}</li>
        </ul>
      </section>

      <section class="section" aria-labelledby="report-groups">
        <h2 id="report-groups">{t('reports.groups.heading')}</h2>
        {report.groups.length === 0 ? (
          <p class="empty-state">{t('reports.noGroups')}</p>
        ) : (
          <div>
            <table class="table">
              <caption>{t('reports.groups.caption', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.col.group')}</th>
                  <th scope="col">{t('reports.col.held')}</th>
                  <th scope="col">{t('reports.col.present')}</th>
                  <th scope="col">{t('reports.col.excused')}</th>
                  <th scope="col">{t('reports.col.absent')}</th>
                  <th scope="col">{t('reports.col.guests')}</th>
                  <th scope="col">{t('reports.col.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {report.groups.map((g) => (
                  <tr>
                    <th scope="row">{g.name}</th>
                    <td>{count(g.held)}</td>
                    <td>{count(g.present)}</td>
                    <td>{count(g.excused)}</td>
                    <td>{count(g.absent)}</td>
                    <td>{count(g.guests)}</td>
                    <td>{percent(g.rate)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('reports.total')}</th>
                  <td>{count(report.totals.held)}</td>
                  <td colspan={5}></td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <section class="section" aria-labelledby="report-fields">
        <h2 id="report-fields">{t('reports.fields.heading')}</h2>
        <div>
          <table class="table">
            <caption>{t('reports.fields.caption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.col.field')}</th>
                <th scope="col">{t('reports.col.meetings')}</th>
                <th scope="col">{t('reports.col.decisions')}</th>
                <th scope="col">{t('reports.col.actionsDone')}</th>
                <th scope="col">{t('reports.col.actionsOpen')}</th>
              </tr>
            </thead>
            <tbody>
              {report.fields.map((f) => (
                <tr>
                  <th scope="row">
                    {f.retired ? t('reference.retiredMark', { name: f.label }) : f.label}
                  </th>
                  <td>{count(f.meetings)}</td>
                  <td>{count(f.decisions)}</td>
                  <td>{count(f.actionsDone)}</td>
                  <td>{count(f.actionsOpen)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('reports.total')}</th>
                <td>{count(report.totals.held)}</td>
                <td>{count(report.totals.decisions)}</td>
                <td>{count(report.totals.actionsDone)}</td>
                <td>{count(report.totals.actionsOpen)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section class="section" aria-labelledby="report-entries">
        <h2 id="report-entries">{t('reports.entries.heading')}</h2>
        {report.entries.cities.length === 0 ? (
          <p class="empty-state">{t('reports.entries.none', { year })}</p>
        ) : (
          <>
            <div>
              <table class="table">
                <caption>{t('reports.entries.citiesCaption', { year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.col.city')}</th>
                    <th scope="col">{t('reports.col.created')}</th>
                    <th scope="col">{t('reports.col.confirmed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.entries.cities.map((r) => (
                    <tr>
                      <th scope="row">{r.city}</th>
                      <td>{count(r.created)}</td>
                      <td>{count(r.confirmed)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('reports.total')}</th>
                    <td>{count(report.entries.created)}</td>
                    <td>{count(report.entries.confirmed)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            {(['created', 'confirmed'] as const).map((measure) => (
              <div>
                <table class="table">
                  <caption>{t(measure === 'created' ? 'reports.entries.createdCaption' : 'reports.entries.confirmedCaption', { year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.col.city')}</th>
                      {report.entries.matrix.fields.map((f) => (
                        <th scope="col">{f}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {report.entries.matrix.rows.map((r) => (
                      <tr>
                        <th scope="row">{r.city}</th>
                        {r[measure].map((n) => (
                          <td>{count(n)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </>
        )}
      </section>

      <section class="section" aria-labelledby="report-figures">
        <h2 id="report-figures">{t('reports.figures.heading', { year })}</h2>
        {!report.hasFigures ? (
          <p class="empty-state">{t('reports.figures.none', { year })}</p>
        ) : (
          report.figures.map((group) => (
            <div>
              <table class="table">
                <caption>{t(group.chartGroup ? 'reports.figures.captionAge' : 'reports.figures.caption', { year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.col.place')}</th>
                    {group.indicators.map((i) => (
                      <th scope="col">{indicatorName(i, locale)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {group.rows.map((row) => (
                    <tr class={row.district ? 'total-row' : undefined}>
                      <th scope="row">{row.place}</th>
                      {row.figures.map((f, n) => (
                        <td>{figureText(f, group.indicators[n]!, t('reports.figures.unknown'))}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))
        )}
      </section>
    </article>
  );
}
