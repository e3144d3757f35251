import type { Translate } from '../../src/i18n/index.js';
import { contentLang } from '../components.js';

/** level: a shade from 0 (no actor: a gap) to 4 (many), so gaps stand out at a glance. */
function level(count: number, max: number): number {
  if (count === 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / Math.max(1, max)) * 4)));
}

export function OverviewPage(p: {
  t: Translate;
  cities: { id: number; name: string }[];
  fields: { id: number; name: string; label: string }[];
  cells: Map<string, number>;
  /** Names from the lists; `german` where the page's language has none (marked lang="de"). */
  byKind: { name: string; german: boolean; count: number }[];
  byLanguage: { name: string; german: boolean; count: number }[];
  total: number;
}) {
  const { t } = p;
  const max = Math.max(0, ...p.cells.values());
  const gaps = p.cities.flatMap((c) => p.fields.filter((f) => !p.cells.get(`${c.id}:${f.id}`)).map((f) => ({ city: c.name, field: f })));
  return (
    <section>
      <p>
        <a href="/directory">← {t('directory.title')}</a>
      </p>
      <h1>{t('overview.title')}</h1>
      <p class="lead">{t('overview.lead', { total: p.total })}</p>
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby="coverage-caption">
        <table class="table coverage">
          <caption id="coverage-caption">{t('overview.matrixCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('directory.city')}</th>
              {p.fields.map((f) => (
                <th scope="col" lang={f.label === f.name ? contentLang(t) : undefined}>
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.cities.map((c) => (
              <tr>
                <th scope="row">{c.name}</th>
                {p.fields.map((f) => {
                  const n = p.cells.get(`${c.id}:${f.id}`) ?? 0;
                  return (
                    <td class={`coverage__cell coverage__cell--${level(n, max)}`}>
                      {/* The visible number (or "gap") starts the link's name; the hidden rest names the cell. */}
                      <a href={`/directory?city=${c.id}&field=${f.id}`}>
                        {n === 0 ? t('overview.gap') : String(n)}
                        <span class="visually-hidden">{t('overview.cellLabel', { city: c.name, field: f.label })}</span>
                      </a>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="meta">{t('overview.legend')}</p>
      <h2>{t('overview.gaps', { count: gaps.length })}</h2>
      {gaps.length === 0 ? (
        <p class="empty-state">{t('overview.noGaps')}</p>
      ) : (
        <p>
          {/* A field of action kept without an English name is German in the English interface. */}
          {gaps.map((g, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              {g.city}: <span lang={g.field.label === g.field.name ? contentLang(t) : undefined}>{g.field.label}</span>
            </>
          ))}
        </p>
      )}
      <div class="columns">
        <section aria-labelledby="by-kind">
          <h2 id="by-kind">{t('overview.byKind')}</h2>
          <table class="table">
            <caption class="visually-hidden">{t('overview.byKind')}</caption>
            <tbody>
              {p.byKind.map((k) => (
                <tr>
                  <th scope="row" lang={k.german ? contentLang(t) : undefined}>
                    {k.name}
                  </th>
                  <td class="number">{k.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="by-language">
          <h2 id="by-language">{t('overview.byLanguage')}</h2>
          <table class="table">
            <caption class="visually-hidden">{t('overview.byLanguage')}</caption>
            <tbody>
              {p.byLanguage.map((l) => (
                <tr>
                  <th scope="row" lang={l.german ? contentLang(t) : undefined}>
                    {l.name}
                  </th>
                  <td class="number">{l.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </section>
  );
}
