import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { ActionRow } from '../../src/minutes/actions.js';
import { Pagination } from '../components.js';

export function ActionsPage(p: { t: Translate; fmt: Formatters; rows: ActionRow[]; today: string; filters: Record<string, string>; groups: { slug: string; name: string }[]; canComplete: (row: ActionRow) => boolean; page: number; hasNext: boolean; href: (page: number) => string }) {
  const { t, fmt } = p;
  return (
    <section>
      <h1>{t('actions.title')}</h1>
      <p>
        {t('actions.lead')} <a href="/minutes/search">{t('minutesSearch.link')}</a>
      </p>
      <form method="get" action="/actions" class="search-form">
        <div class="field">
          <label for="filter-status">{t('actions.status')}</label>
          <select id="filter-status" name="status">
            <option value="open" selected={p.filters.status !== 'done' && p.filters.status !== 'all'}>
              {t('actions.open')}
            </option>
            <option value="done" selected={p.filters.status === 'done'}>
              {t('actions.done')}
            </option>
            <option value="all" selected={p.filters.status === 'all'}>
              {t('actions.all')}
            </option>
          </select>
        </div>
        <div class="field">
          <label for="filter-group">{t('minutes.group')}</label>
          <select id="filter-group" name="group">
            <option value="">{t('actions.all')}</option>
            {p.groups.map((g) => (
              <option value={g.slug} selected={p.filters.group === g.slug}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-responsible">{t('actions.responsibleFilter')}</label>
          <input type="search" id="filter-responsible" name="responsible" value={p.filters.responsible ?? ''} maxlength={100} />
        </div>
        <div class="field">
          <label for="filter-due">{t('actions.dueBy')}</label>
          <input type="date" id="filter-due" name="due_by" value={p.filters.due_by ?? ''} />
        </div>
        <div class="field field--checkbox">
          <input type="hidden" name="filtered" value="1" />
          <input type="checkbox" id="filter-mine" name="mine" value="1" checked={p.filters.mine === '1'} />
          <label for="filter-mine">{t('actions.mine')}</label>
        </div>
        <div class="field field--checkbox">
          <input type="checkbox" id="filter-overdue" name="overdue" value="1" checked={p.filters.overdue === '1'} />
          <label for="filter-overdue">{t('actions.onlyOverdue')}</label>
        </div>
        <button type="submit" class="button button--secondary">
          {t('actions.filter')}
        </button>
      </form>
      {p.rows.length === 0 ? (
        <p class="empty-state">{t('actions.none')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('actions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('minutes.action')}</th>
              <th scope="col">{t('minutes.responsible')}</th>
              <th scope="col">{t('minutes.due')}</th>
              <th scope="col">{t('actions.from')}</th>
              <th scope="col">{t('actions.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => {
              const overdue = r.status === 'open' && r.due_on !== null && r.due_on < p.today;
              return (
                <tr class={overdue ? 'row-error' : undefined}>
                  <td>{r.description}</td>
                  <td>{[r.responsible_name, r.responsible_organisation].filter(Boolean).join(', ') || '–'}</td>
                  <td>
                    {r.due_on ? fmt.date(`${r.due_on}T12:00:00Z`) : '–'}
                    {overdue ? <strong> ({t('actions.overdue')})</strong> : null}
                  </td>
                  <td>
                    <a href={`/meetings/${r.meeting_id}/minutes`}>{r.meeting_title}</a> ({r.group_name})
                  </td>
                  <td>
                    {r.status === 'done' ? (
                      <>
                        {t('actions.done')}
                        {r.done_note ? `: ${r.done_note}` : ''}
                      </>
                    ) : p.canComplete(r) ? (
                      <form method="post" action={`/actions/${r.id}/done`} class="inline-form">
                        <label class="visually-hidden" for={`note-${r.id}`}>
                          {t('actions.doneNote')}
                        </label>
                        <input id={`note-${r.id}`} name="note" placeholder={t('actions.doneNote')} maxlength={1000} />{' '}
                        <button type="submit" class="button button--small">
                          {t('actions.markDone')}
                        </button>
                      </form>
                    ) : (
                      t('actions.open')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pagination t={t} page={p.page} hasNext={p.hasNext} href={p.href} />
    </section>
  );
}
