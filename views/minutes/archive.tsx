import type { Group } from '../../src/db/schema.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { ArchiveEntry } from '../../src/minutes/archive.js';
import { Content } from '../components.js';

export interface ArchiveProps {
  t: Translate;
  fmt: Formatters;
  group: Pick<Group, 'name' | 'slug'>;
  /** Years with approved minutes, newest first. */
  years: number[];
  /** The year shown (null when there is none yet). */
  year: number | null;
  entries: ArchiveEntry[];
}

/** MinutesArchivePage: the group's approved minutes of one year with their decisions; the other years as links. */
export function MinutesArchivePage(p: ArchiveProps) {
  const { t, fmt } = p;
  const base = `/groups/${p.group.slug}/minutes`;
  return (
    <section>
      <p>
        <a href={`/groups/${p.group.slug}`}>← {p.group.name}</a>
      </p>
      <h1>{t('minutesArchive.title', { group: p.group.name })}</h1>
      <p>{t('minutesArchive.lead')}</p>
      {p.years.length === 0 ? <p class="empty-state">{t('minutesArchive.none')}</p> : null}
      {p.years.length > 1 ? (
        <nav aria-label={t('minutesArchive.years')}>
          <ul class="link-list">
            {p.years.map((y) => (
              <li>{y === p.year ? <span aria-current="page">{y}</span> : <a href={`${base}?year=${y}`}>{y}</a>}</li>
            ))}
          </ul>
        </nav>
      ) : null}
      {p.year !== null ? (
        <section class="section" aria-labelledby="archive-year">
          <h2 id="archive-year">{t('minutesArchive.year', { year: String(p.year) })}</h2>
          {p.entries.map((e) => (
            <article class="section" aria-labelledby={`archive-${e.meeting_id}`}>
              <h3 id={`archive-${e.meeting_id}`}>
                <a href={`/meetings/${e.meeting_id}/minutes`}>
                  <Content t={t}>{e.title}</Content>, {fmt.date(e.starts_at)}
                </a>
              </h3>
              {e.approved_at ? <p class="meta">{t('minutesArchive.approvedOn', { date: fmt.date(e.approved_at) })}</p> : null}
              {e.decisions.length === 0 ? (
                <p class="meta">{t('minutesArchive.noDecisions')}</p>
              ) : (
                <table class="table">
                  <caption>{t('minutes.decisions')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('minutes.decisionNumber')}</th>
                      <th scope="col">{t('minutes.decision')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.decisions.map((d) => (
                      <tr>
                        <td>{d.label ?? '–'}</td>
                        <td>
                          <Content t={t}>{d.text}</Content> <span class="meta">({d.item_title})</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </article>
          ))}
        </section>
      ) : null}
    </section>
  );
}
