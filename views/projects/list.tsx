import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import { STATUSES } from '../../src/projects/form.js';
import type { Project, ProjectFilters } from '../../src/projects/projects.js';
import { Content } from '../components.js';
import { periodText, projectTitle, statusLabel } from './labels.js';

/**
 * ProjectsPage: the projects the viewer may see. The staff filter by status and programme, their own
 * ("mine") and the archive (a plain GET form: it works without JavaScript); partners see their list.
 */
export function ProjectsPage(p: { t: Translate; fmt: Formatters; projects: Project[]; filters: ProjectFilters; programmes: { id: number; name: string }[]; canEdit: boolean }) {
  const { t, fmt, filters } = p;
  const filtered = Object.keys(filters).length > 0;
  return (
    <section>
      <h1>{t('projects.title')}</h1>
      <p class="lead">{p.canEdit ? t('projects.lead') : t('projects.partnerLead')}</p>
      {p.canEdit ? (
        <>
          <p>
            <a class="button" href="/projects/new">
              {t('projects.new')}
            </a>
          </p>
          <form method="get" action="/projects" role="search" class="form" aria-label={t('projects.filterTitle')}>
            <div class="field">
              <label for="filter-status">{t('projects.statusLabel')}</label>
              <select id="filter-status" name="status">
                <option value="">{t('projects.all')}</option>
                {STATUSES.map((s) => (
                  <option value={s} selected={filters.status === s}>
                    {statusLabel(t, s)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-programme">{t('projects.programme')}</label>
              <select id="filter-programme" name="programme">
                <option value="">{t('projects.all')}</option>
                {p.programmes.map((pr) => (
                  <option value={String(pr.id)} selected={filters.programme === pr.id}>
                    {pr.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field field--checkbox">
              <input type="checkbox" id="filter-mine" name="mine" value="1" checked={Boolean(filters.mine)} />
              <label for="filter-mine">{t('projects.mine')}</label>
            </div>
            <div class="field field--checkbox">
              <input type="checkbox" id="filter-archived" name="archived" value="1" checked={Boolean(filters.archived)} />
              <label for="filter-archived">{t('projects.showArchived')}</label>
            </div>
            <div class="form__actions">
              <button type="submit" class="button">
                {t('projects.filter')}
              </button>
              {filtered ? <a href="/projects">{t('projects.resetFilters')}</a> : null}
            </div>
          </form>
        </>
      ) : null}
      <h2 id="projects-results">{t('projects.results', { count: p.projects.length })}</h2>
      {p.projects.length === 0 ? (
        <p class="empty-state">{filtered ? t('projects.noneFiltered') : t('projects.none')}</p>
      ) : (
        // A labelled region that scrolls on narrow screens, reachable by keyboard.
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby="projects-caption">
        <table class="table">
          <caption id="projects-caption" class="visually-hidden">{t('projects.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('projects.name')}</th>
              <th scope="col">{t('projects.statusLabel')}</th>
              <th scope="col">{t('projects.period')}</th>
              <th scope="col">{t('projects.responsible')}</th>
              <th scope="col">{t('projects.partners')}</th>
            </tr>
          </thead>
          <tbody>
            {p.projects.map((pr) => (
              <tr>
                <td>
                  <a href={`/projects/${pr.id}`}>
                    <Content t={t}>{projectTitle(pr)}</Content>
                  </a>
                  {pr.archived_at ? ` (${t('projects.archived')})` : null}
                </td>
                <td>{statusLabel(t, pr.status)}</td>
                <td>{periodText(t, fmt, pr.starts_on, pr.ends_on) ?? '–'}</td>
                <td>{pr.responsible?.name ?? '–'}</td>
                <td>{pr.partners.map((o) => o.name).join(', ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
