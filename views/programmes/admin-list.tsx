import type { Day } from '../../src/db/schema.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import { checkDueBefore, type Programme } from '../../src/programmes/programmes.js';
import { Content } from '../components.js';
import { day, deadlineText, levelLabel, statusLabel } from './labels.js';

/** ProgrammesAdminPage: every programme for the staff, archived ones last, overdue checks marked. */
export function ProgrammesAdminPage(p: { t: Translate; fmt: Formatters; today: Day; programmes: Programme[]; checkMonths: number }) {
  const { t, fmt } = p;
  const due = checkDueBefore(p.today, p.checkMonths);
  return (
    <section>
      <p>
        <a href="/programmes">← {t('programmes.title')}</a>
      </p>
      <h1>{t('programmes.admin.title')}</h1>
      <p>
        <a class="button" href="/admin/programmes/new">
          {t('programmes.admin.new')}
        </a>
      </p>
      {p.programmes.length === 0 ? (
        <p class="empty-state">{t('programmes.admin.none')}</p>
      ) : (
        <table class="table">
          <caption>{t('programmes.admin.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programmes.admin.name')}</th>
              <th scope="col">{t('programmes.level')}</th>
              <th scope="col">{t('programmes.statusLabel')}</th>
              <th scope="col">{t('programmes.deadlines')}</th>
              <th scope="col">{t('programmes.lastCheckedLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {p.programmes.map((pr) => {
              const checked = pr.last_checked ?? pr.created_at.slice(0, 10);
              return (
                <tr>
                  <td>
                    <a href={`/admin/programmes/${pr.id}`}>
                      <Content t={t}>{pr.name}</Content>
                    </a>
                    {pr.archived_at ? ` (${t('programmes.admin.archived')})` : null}
                  </td>
                  <td>{levelLabel(t, pr.level)}</td>
                  <td>{statusLabel(t, pr.status)}</td>
                  <td>{deadlineText(t, fmt, pr, p.today)}</td>
                  <td>
                    {pr.last_checked ? day(fmt, pr.last_checked) : t('programmes.notStated')}
                    {!pr.archived_at && checked < due ? <strong> {t('programmes.admin.checkDue')}</strong> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
