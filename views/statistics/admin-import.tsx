import type { Translate } from '../../src/i18n/index.js';
import type { ImportPlan } from '../../src/statistics/import-plan.js';
import { CsvUploadForm, Notice } from '../components.js';

export interface ImportCarry {
  /** The uploaded bytes, base64: the confirmation stores exactly these (re-planned, see admin-routes). */
  data: string;
  name: string;
  fingerprint: string;
}

/** AdminImportPage: upload a file, then the preview with a result per line, then confirm. */
export function AdminImportPage(p: { t: Translate; error?: string; plan?: ImportPlan; carry?: ImportCarry; stale?: boolean }) {
  const { t, plan } = p;
  return (
    <section>
      <p>
        <a href="/admin/statistics">← {t('statistics.admin.title')}</a>
      </p>
      <h1>{t('statistics.admin.import')}</h1>
      <p>{t('statistics.admin.importHelp')}</p>
      {plan ? <ImportPreview t={t} plan={plan} carry={p.carry} stale={p.stale} /> : null}
      <h2>{plan ? t('statistics.admin.importOther') : t('statistics.admin.importFile')}</h2>
      <CsvUploadForm t={t} action="/admin/statistics/import" error={p.error} />
    </section>
  );
}

function ImportPreview({ t, plan, carry, stale }: { t: Translate; plan: ImportPlan; carry?: ImportCarry; stale?: boolean }) {
  const fileProblems = plan.problems.filter((x) => !plan.lines.some((l) => l.line === x.line));
  return (
    <>
      <h2>{t('statistics.admin.preview')}</h2>
      {stale ? <Notice kind="error">{t('statistics.admin.importStale')}</Notice> : null}
      {plan.ok ? (
        <Notice kind="info">{t('statistics.admin.importReady', { new: plan.totals.new, changed: plan.totals.changed, unchanged: plan.totals.unchanged })}</Notice>
      ) : (
        <Notice kind="error">{t('statistics.admin.importRefused', { count: plan.problems.length })}</Notice>
      )}
      {fileProblems.length ? (
        <ul>
          {fileProblems.map((x) => (
            <li>{x.line > 0 ? t('statistics.admin.lineProblem', { line: x.line, message: x.message }) : x.message}</li>
          ))}
        </ul>
      ) : null}
      {plan.lines.length ? (
        <table class="table">
          <caption>{t('statistics.admin.perLine')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.admin.line')}</th>
              <th scope="col">{t('statistics.admin.result')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.lines.map((l) => (
              <tr class={l.status === 'error' ? 'row--error' : undefined}>
                <td>{l.line}</td>
                <td>
                  {l.status === 'error' ? (
                    <>
                      <strong>{t('statistics.admin.lineError')}</strong> {l.messages.join(' ')}
                    </>
                  ) : l.counts.new + l.counts.changed + l.counts.unchanged === 0 ? (
                    t('statistics.admin.lineEmpty')
                  ) : l.counts.new + l.counts.changed === 0 ? (
                    t('statistics.admin.lineUnchanged')
                  ) : (
                    t('statistics.admin.lineChanges', { new: l.counts.new, changed: l.counts.changed, unchanged: l.counts.unchanged })
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {plan.ok && carry && plan.totals.new + plan.totals.changed > 0 ? (
        <form method="post" action="/admin/statistics/import/confirm" class="form">
          <input type="hidden" name="data" value={carry.data} />
          <input type="hidden" name="name" value={carry.name} />
          <input type="hidden" name="fingerprint" value={carry.fingerprint} />
          <div class="form__actions">
            <button type="submit" class="button">
              {t('statistics.admin.confirm')}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
