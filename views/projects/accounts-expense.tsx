import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import type { AccountsProject } from '../../src/projects/accounts/accounts.js';
import type { FormValues } from '../../src/projects/accounts/forms.js';
import { ErrorSummary } from '../components.js';
import { ExpenseFields } from './accounts-forms.js';

/** AccountsExpensePage: edit an expense (its receipt replaced or removed), or delete it with its receipt. */
export function AccountsExpensePage(p: {
  t: Translate;
  project: AccountsProject;
  expenseId: number;
  heading: string;
  values: FormValues;
  errors?: FieldErrors;
  lines: { id: number; label: string }[];
  receipt: { id: number; name: string } | null;
}) {
  const { t } = p;
  const base = `/projects/${p.project.id}/accounts`;
  return (
    <section class="narrow">
      <p>
        <a href={`${base}#expenses`}>← {t('accounts.backToAccounts', { name: p.project.short_name ?? p.project.name })}</a>
      </p>
      <h1>{t('accounts.expense.editTitle', { what: p.heading })}</h1>
      {p.receipt ? (
        <p>
          {t('accounts.expense.currentReceipt')}{' '}
          <a href={`${base}/receipts/${p.receipt.id}`} hx-boost="false">
            {p.receipt.name}
          </a>
        </p>
      ) : null}
      <ErrorSummary t={t} errors={p.errors} />
      <form method="post" action={`${base}/expenses/${p.expenseId}`} enctype="multipart/form-data" class="form" hx-boost="false" novalidate>
        <ExpenseFields t={t} values={p.values} errors={p.errors} lines={p.lines} receipt={p.receipt ? { name: p.receipt.name, href: `${base}/receipts/${p.receipt.id}` } : null} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('accounts.saveChanges')}
          </button>
          <a href={`${base}#expenses`}>{t('form.cancel')}</a>
        </div>
      </form>
      <h2 id="delete-expense">{t('accounts.expense.delete')}</h2>
      <p>{t('accounts.expense.deleteText')}</p>
      <form method="post" action={`${base}/expenses/${p.expenseId}/delete`} class="form" aria-labelledby="delete-expense">
        <button type="submit" class="button button--danger">
          {t('accounts.expense.delete')}
        </button>
      </form>
    </section>
  );
}
