import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { AccountsProject } from '../../src/projects/accounts/accounts.js';
import type { FormValues } from '../../src/projects/accounts/forms.js';
import { ErrorSummary, Notice } from '../components.js';
import { LineFields } from './accounts-forms.js';

/**
 * AccountsLinePage: edit a budget line, or delete it while no expense is booked on it (with expenses
 * the page says why it cannot go; `refused` when a deletion was tried anyway).
 */
export function AccountsLinePage(p: { t: Translate; project: AccountsProject; lineId: number; lineName: string; expenses: number; values: FormValues; errors?: FieldErrors; refused?: boolean }) {
  const { t } = p;
  const base = `/projects/${p.project.id}/accounts`;
  return (
    <section class="narrow">
      <p>
        <a href={`${base}#lines`}>← {t('accounts.backToAccounts', { name: p.project.short_name ?? p.project.name })}</a>
      </p>
      <h1>{t('accounts.line.editTitle', { name: p.lineName })}</h1>
      {p.refused ? <Notice kind="error">{t('accounts.line.deleteRefused', { count: p.expenses })}</Notice> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={`${base}/lines/${p.lineId}`} class="form" novalidate>
        <LineFields t={t} values={p.values} errors={p.errors} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('accounts.saveChanges')}
          </button>
          <a href={`${base}#lines`}>{t('form.cancel')}</a>
        </div>
      </form>
      <h2 id="delete-line">{t('accounts.line.delete')}</h2>
      {p.expenses > 0 ? (
        <p>{t('accounts.line.deleteBlocked', { count: p.expenses })}</p>
      ) : (
        <>
          <p>{t('accounts.line.deleteText')}</p>
          <form method="post" action={`${base}/lines/${p.lineId}/delete`} class="form" aria-labelledby="delete-line">
            <button type="submit" class="button button--danger">
              {t('accounts.line.delete')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
