import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { AccountsProject } from '../../src/projects/accounts/accounts.js';
import type { FormValues } from '../../src/projects/accounts/forms.js';
import { ErrorSummary } from '../components.js';
import { TrancheFields } from './accounts-forms.js';

/** AccountsTranchePage: edit a tranche of funds received, or delete it. */
export function AccountsTranchePage(p: { t: Translate; project: AccountsProject; trancheId: number; heading: string; values: FormValues; errors?: FieldErrors }) {
  const { t } = p;
  const base = `/projects/${p.project.id}/accounts`;
  return (
    <section class="narrow">
      <p>
        <a href={`${base}#tranches`}>← {t('accounts.backToAccounts', { name: p.project.short_name ?? p.project.name })}</a>
      </p>
      <h1>{t('accounts.tranche.editTitle', { what: p.heading })}</h1>
      <ErrorSummary t={t} errors={p.errors} idPrefix="tranche-" />
      <form method="post" action={`${base}/tranches/${p.trancheId}`} class="form" novalidate>
        <TrancheFields t={t} values={p.values} errors={p.errors} prefix="tranche-" />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('accounts.saveChanges')}
          </button>
          <a href={`${base}#tranches`}>{t('form.cancel')}</a>
        </div>
      </form>
      <h2 id="delete-tranche">{t('accounts.tranche.delete')}</h2>
      <p>{t('accounts.tranche.deleteText')}</p>
      <form method="post" action={`${base}/tranches/${p.trancheId}/delete`} class="form" aria-labelledby="delete-tranche">
        <button type="submit" class="button button--danger">
          {t('accounts.tranche.delete')}
        </button>
      </form>
    </section>
  );
}
