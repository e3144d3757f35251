import type { AdviceFilters, AdviceListRow, YearCount } from '../../src/advice/requests.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import { Content, Pagination } from '../components.js';
import { adviceState } from './labels.js';

const STATUSES = ['open', 'new', 'closed', 'all'] as const;

export interface AdviceListView {
  t: Translate;
  fmt: Formatters;
  filters: AdviceFilters;
  rows: AdviceListRow[];
  hasNext: boolean;
  programmes: { id: number; name: string }[];
  counts: YearCount[];
  retentionMonths: number;
  /** The current instant: a due date in the past is marked. */
  now: string;
}

/** hrefOf: the list's URL with these filters (the default status left out). */
function hrefOf(f: AdviceFilters, page: number): string {
  const q = new URLSearchParams();
  if (f.status !== 'open') q.set('status', f.status);
  if (f.programme) q.set('programme', String(f.programme));
  if (f.mine) q.set('mine', '1');
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/admin/advice?${s}` : '/admin/advice';
}

/** AdviceListPage: the staff's list of advice requests with filters (a plain GET form), and the counts per year. */
export function AdviceListPage(p: AdviceListView) {
  const { t, fmt, filters: f } = p;
  return (
    <section>
      <h1>{t('advice.admin.title')}</h1>
      <p class="lead">{t('advice.admin.lead')}</p>
      <form method="get" action="/admin/advice" role="search" class="form" aria-label={t('advice.admin.filters')}>
        <div class="field">
          <label for="filter-status">{t('advice.admin.filterStatus')}</label>
          <select id="filter-status" name="status">
            {STATUSES.map((s) => (
              <option value={s} selected={f.status === s}>
                {t(`advice.filter.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-programme">{t('advice.admin.filterProgramme')}</label>
          <select id="filter-programme" name="programme">
            <option value="">{t('advice.admin.allProgrammes')}</option>
            {p.programmes.map((pr) => (
              <option value={String(pr.id)} selected={f.programme === pr.id}>
                {pr.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field field--checkbox">
          <input type="checkbox" id="filter-mine" name="mine" value="1" checked={Boolean(f.mine)} />
          <label for="filter-mine">{t('advice.admin.mine')}</label>
        </div>
        <div class="form__actions">
          <button type="submit" class="button">
            {t('advice.admin.apply')}
          </button>
        </div>
      </form>
      {p.rows.length === 0 ? (
        <p class="empty-state">{t('advice.admin.empty')}</p>
      ) : (
        // A labelled region of its own scrolls the wide table on a narrow screen, reachable by keyboard.
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby="advice-caption">
        <table class="table">
          <caption id="advice-caption" class="visually-hidden">{t('advice.admin.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('advice.admin.received')}</th>
              <th scope="col">{t('advice.admin.organisation')}</th>
              <th scope="col">{t('advice.admin.programme')}</th>
              <th scope="col">{t('advice.admin.assigned')}</th>
              <th scope="col">{t('advice.admin.status')}</th>
              <th scope="col">{t('advice.admin.due')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{fmt.dateTime(r.created_at)}</td>
                <td>
                  <a href={`/admin/advice/${r.id}`}>
                    <Content t={t} isolate>
                      {r.organisation_name}
                    </Content>
                    <span class="visually-hidden">{` (${t('advice.detail.title', { id: r.id })})`}</span>
                  </a>
                </td>
                <td>
                  <Content t={t}>{r.programme_name}</Content>
                </td>
                <td>{r.assigned_name ?? t('advice.admin.nobody')}</td>
                <td>{adviceState(t, r)}</td>
                <td>{r.status === 'open' && !r.answered_at ? r.due < p.now ? <strong>{fmt.date(r.due)}</strong> : fmt.date(r.due) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <Pagination t={t} page={f.page} hasNext={p.hasNext} href={(n) => hrefOf(f, n)} />
      <h2 id="advice-counts">{t('advice.counts.title')}</h2>
      <p>
        {t('advice.counts.lead')} {t('advice.admin.retention', { months: p.retentionMonths })}
      </p>
      {p.counts.length === 0 ? (
        <p class="empty-state">{t('advice.counts.empty')}</p>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby="advice-counts">
        <table class="table">
          <caption class="visually-hidden">{t('advice.counts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('advice.counts.year')}</th>
              <th scope="col">{t('advice.counts.received')}</th>
              <th scope="col">{t('advice.counts.answered')}</th>
            </tr>
          </thead>
          <tbody>
            {p.counts.map((c) => (
              <tr>
                <th scope="row">{c.year}</th>
                <td>{c.received}</td>
                <td>{c.answered}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
