import type { City } from '../../src/db/schema.js';
import type { PublicLocale, Translate } from '../../src/i18n/index.js';
import type { CityFigure } from '../../src/statistics/need-city.js';
import { formatCount, formatDecimal, specialKey } from '../../src/statistics/need-format.js';
import { Content, contentLang } from '../components.js';

/** One figure as read: "87.412", "16,2 %", or a special value with its meaning ("… – not yet available"). */
export function FigureValue({ t, figure: f }: { t: Translate; figure: CityFigure }) {
  const lang = t('app.locale') as PublicLocale;
  if (f.figure.special !== null) {
    return (
      <>
        <span class="figure__special">{f.figure.special}</span> <span class="meta">({t(specialKey(f.figure.special))})</span>
      </>
    );
  }
  return <strong>{f.kind === 'share' ? `${formatDecimal(lang, f.figure.value)} %` : formatCount(lang, f.figure.value)}</strong>;
}

/** CityFigures: the city's latest figures of the Datensammlung, each with its reference date and source; a link to /statistics. */
export function CityFigures({ t, city, figures }: { t: Translate; city: City; figures: CityFigure[] }) {
  const german = contentLang(t);
  const lang = t('app.locale') as PublicLocale;
  return (
    <section class="section" aria-labelledby="city-figures">
      <h2 id="city-figures">{t('cityFigures.title')}</h2>
      {figures.length === 0 ? (
        <p class="empty-state">{t('cityFigures.none', { city: city.name })}</p>
      ) : (
        <>
          <p>{t('cityFigures.lead', { city: city.name })}</p>
          <dl class="facts" id="city-figures-list">
            {figures.map((f) => (
              <>
                <dt lang={f.german ? german : undefined}>{f.label}</dt>
                <dd>
                  <FigureValue t={t} figure={f} /> ({t('cityFigures.asOf', { year: String(f.year) })})
                  {f.previous ? (
                    <div class="meta">
                      {t('cityFigures.previous', {
                        value: f.kind === 'share' ? `${formatDecimal(lang, f.previous.value)} %` : formatCount(lang, f.previous.value),
                        year: String(f.previous.year),
                      })}
                    </div>
                  ) : null}
                  {f.parts ? (
                    <div class="meta">
                      {t('cityFigures.derived')} <span lang={f.german ? german : undefined}>{f.parts.numerator}</span> / <span lang={f.german ? german : undefined}>{f.parts.denominator}</span>
                    </div>
                  ) : null}
                  {f.source ? (
                    <div class="meta">
                      {t('cityFigures.source')} <Content t={t}>{f.source}</Content>
                    </div>
                  ) : null}
                  {f.note ? (
                    <div class="meta">
                      {t('cityFigures.note')} <Content t={t}>{f.note}</Content>
                    </div>
                  ) : null}
                </dd>
              </>
            ))}
          </dl>
          <p class="meta">{t('cityFigures.specialLegend')}</p>
        </>
      )}
      <p>
        <a href="/statistics">{t('cityFigures.allFigures')}</a>
        {' · '}
        <a href="/statistics/need">{t('cityFigures.needLink')}</a>
      </p>
    </section>
  );
}
