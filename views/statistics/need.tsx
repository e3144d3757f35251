import type { PublicLocale, Translate } from '../../src/i18n/index.js';
import { formatCount, formatDecimal, specialKey } from '../../src/statistics/need-format.js';
import type { NeedRow, NeedTable } from '../../src/statistics/need.js';
import { contentLang } from '../components.js';

/** The population a row's ratios refer to: which one, how many, as of when; or why there is none. */
function Basis({ t, row }: { t: Translate; row: NeedRow }) {
  const lang = t('app.locale') as PublicLocale;
  if (row.population !== null && row.basis) {
    return (
      <>
        {formatCount(lang, row.population)}
        <span class="meta need__basis">
          {' '}
          {t(`need.basis.${row.basis}`)} ({t('cityFigures.asOf', { year: String(row.year) })})
        </span>
      </>
    );
  }
  if (row.special) {
    return (
      <>
        <span class="figure__special">{row.special}</span>{' '}
        <span class="meta need__basis">
          {row.basis ? t(`need.basis.${row.basis}`) : ''} ({t(specialKey(row.special))}; {t('need.noRate')})
        </span>
      </>
    );
  }
  return <span class="meta need__basis">{t('need.noPopulation')}</span>;
}

function Row({ t, row, fields, district }: { t: Translate; row: NeedRow; fields: NeedTable['fields']; district?: boolean }) {
  const lang = t('app.locale') as PublicLocale;
  return (
    <tr class={district ? 'need__district' : undefined}>
      <th scope="row">{district ? t('need.districtRow', { district: row.city.name }) : row.city.name}</th>
      <td>
        <Basis t={t} row={row} />
      </td>
      {row.cells.map((cell, i) => {
        const field = fields[i]!;
        return (
          <td class={`need__cell${cell.weak ? ' need__cell--weak' : ''}${cell.gap ? ' need__cell--gap' : ''}`}>
            <a href={cell.href}>
              {cell.gap ? t('need.gap') : formatCount(lang, cell.count)}
              <span class="visually-hidden">{t('need.cellLabel', { city: row.city.name, field: field.label })}</span>
            </a>
            <br />
            <span class="need__rate">{cell.rate === null ? '–' : formatDecimal(lang, cell.rate)}</span>
            <span class="visually-hidden">{cell.rate === null ? t('need.noRate') : t('need.perTenThousand')}</span>
            {cell.weak ? (
              <>
                {' '}
                <span class="need__weak" aria-hidden="true">
                  ▼
                </span>
                <span class="visually-hidden">{t('need.weakMark')}</span>
              </>
            ) : null}
          </td>
        );
      })}
    </tr>
  );
}

export function NeedPage({ t, table }: { t: Translate; table: NeedTable }) {
  const noFigures = table.rows.every((r) => r.population === null);
  return (
    <section>
      <p>
        <a href="/statistics">← {t('need.statisticsLink')}</a>
      </p>
      <h1>{t('need.title')}</h1>
      <p class="lead">{t('need.lead')}</p>
      {noFigures ? <p class="empty-state">{t('need.noFigures')}</p> : null}
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby="need-caption">
        <table class="table need" id="need-table">
          <caption id="need-caption">{t('need.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('need.city')}</th>
              <th scope="col">{t('need.basis')}</th>
              {table.fields.map((f) => (
                <th scope="col" lang={f.label === f.name ? contentLang(t) : undefined}>
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <Row t={t} row={row} fields={table.fields} />
            ))}
          </tbody>
          {table.district ? (
            <tfoot>
              <Row t={t} row={table.district} fields={table.fields} district />
            </tfoot>
          ) : null}
        </table>
      </div>
      <h2>{t('need.howToRead')}</h2>
      <ul>
        <li>{t('need.legendCell')}</li>
        <li>
          <span aria-hidden="true">▼ </span>
          {t('need.legendWeak', { count: table.weakCount })}
        </li>
        <li>{t('need.legendGap')}</li>
        <li>{t('need.legendBasis')}</li>
        {table.district ? <li>{t('need.legendDistrict', { district: table.district.city.name })}</li> : null}
        <li>{t('need.legendSpecial')}</li>
      </ul>
      <p>
        <a href="/directory/overview">{t('need.overviewLink')}</a>
      </p>
    </section>
  );
}
