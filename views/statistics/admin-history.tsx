import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';

export interface HistoryRow {
  at: string;
  who: string | null;
  indicator: string;
  city: string;
  year: number;
  before: string | null;
  after: string | null;
  via: 'import' | 'manual';
  fileName: string | null;
}

/** AdminHistoryPage: who changed which figure when, old → new (newest first). */
export function AdminHistoryPage({ t, fmt, rows, limit }: { t: Translate; fmt: Formatters; rows: HistoryRow[]; limit: number }) {
  return (
    <section>
      <p>
        <a href="/admin/statistics">← {t('statistics.admin.title')}</a>
      </p>
      <h1>{t('statistics.admin.history')}</h1>
      <p>{t('statistics.admin.historyLead', { count: limit })}</p>
      {rows.length === 0 ? (
        <p>{t('statistics.admin.historyEmpty')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('statistics.admin.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.admin.when')}</th>
              <th scope="col">{t('statistics.admin.who')}</th>
              <th scope="col">{t('statistics.admin.figure')}</th>
              <th scope="col">{t('statistics.admin.change')}</th>
              <th scope="col">{t('statistics.admin.via')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{fmt.dateTime(r.at)}</td>
                <td>{r.who ?? t('statistics.admin.commandLine')}</td>
                <td>
                  {r.indicator}, {r.city} {r.year}
                </td>
                <td>
                  {r.before ?? t('statistics.admin.none')} → {r.after ?? t('statistics.admin.removed')}
                </td>
                <td>{r.via === 'import' ? t('statistics.admin.viaImport', { file: r.fileName ?? '–' }) : t('statistics.admin.viaManual')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
