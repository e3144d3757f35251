import type { Day } from '../../src/db/schema.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import { APPLICANTS, LEVELS } from '../../src/programmes/form.js';
import { isOpenNow, type Programme, type ProgrammeFilters } from '../../src/programmes/programmes.js';
import { Content } from '../components.js';
import { day, deadlineText, levelLabel, applicantLabel, statusLabel } from './labels.js';

/** ProgrammesPage: the funding programmes with filters (a plain GET form: it works without JavaScript). */
export function ProgrammesPage(p: { t: Translate; fmt: Formatters; today: Day; programmes: Programme[]; filters: ProgrammeFilters; filtered: boolean; fields: { id: number; label: string; german: boolean }[]; canEdit: boolean }) {
  const { t, fmt, filters } = p;
  return (
    <section>
      <h1>{t('programmes.title')}</h1>
      <p class="lead">{t('programmes.lead')}</p>
      <p>
        <a href="/programmes/deadlines.ics">{t('programmes.feed.link')}</a>
      </p>
      {p.canEdit ? (
        <p>
          <a href="/admin/programmes">{t('programmes.adminLink')}</a>
        </p>
      ) : null}
      <form method="get" action="/programmes" role="search" class="form" aria-label={t('programmes.filterTitle')}>
        <div class="field">
          <label for="filter-field">{t('programmes.field')}</label>
          <select id="filter-field" name="field">
            <option value="">{t('programmes.all')}</option>
            {p.fields.map((f) => (
              <option value={String(f.id)} selected={filters.field === f.id} lang={f.german && t('app.locale') !== 'de' ? 'de' : undefined}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-level">{t('programmes.level')}</label>
          <select id="filter-level" name="level">
            <option value="">{t('programmes.all')}</option>
            {LEVELS.map((l) => (
              <option value={l} selected={filters.level === l}>
                {levelLabel(t, l)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-applicant">{t('programmes.applicants')}</label>
          <select id="filter-applicant" name="applicant">
            <option value="">{t('programmes.all')}</option>
            {APPLICANTS.map((a) => (
              <option value={a} selected={filters.applicant === a}>
                {applicantLabel(t, a)}
              </option>
            ))}
          </select>
        </div>
        <div class="field field--checkbox">
          <input type="checkbox" id="filter-open" name="open" value="1" checked={Boolean(filters.openNow)} />
          <label for="filter-open">{t('programmes.openNow')}</label>
        </div>
        <div class="form__actions">
          <button type="submit" class="button">
            {t('programmes.filter')}
          </button>
          {p.filtered ? <a href="/programmes">{t('programmes.resetFilters')}</a> : null}
        </div>
      </form>
      <h2 id="programmes-results">{t('programmes.results', { count: p.programmes.length })}</h2>
      {p.programmes.length === 0 ? (
        <p class="empty-state">{p.filtered ? t('programmes.noneFiltered') : t('programmes.none')}</p>
      ) : (
        <ul class="cards" aria-labelledby="programmes-results">
          {p.programmes.map((pr) => (
            <li class="card">
              <h3>
                <a href={`/programmes/${pr.id}`}>
                  <Content t={t}>{pr.name}</Content>
                </a>
              </h3>
              <p>
                <Content t={t}>{pr.funder}</Content> · {levelLabel(t, pr.level)}
              </p>
              <p>
                <strong>{isOpenNow(pr, p.today) ? t('programmes.status.open') : statusLabel(t, pr.status === 'open' ? 'noDate' : 'closed')}</strong> · {deadlineText(t, fmt, pr, p.today)}
              </p>
              {pr.last_checked ? <p class="meta">{t('programmes.lastChecked', { date: day(fmt, pr.last_checked) })}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
