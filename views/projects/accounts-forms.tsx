import type { FieldErrors } from '../../src/http/forms.js';
import type { Translate } from '../../src/i18n/index.js';
import { CATEGORIES } from '../../src/projects/accounts/accounts.js';
import type { FormValues } from '../../src/projects/accounts/forms.js';
import { CONTENT_LANGUAGE, Field, SelectField } from '../components.js';

/**
 * The accounts' forms, shared by the accounts page (add) and the edit pages. The line and expense forms
 * use the usual field ids (field-…); the tranche form, on the same page as the expense form with fields
 * of the same names, uses tranche-… (its error summary links there).
 */

export function categoryLabel(t: Translate, category: string): string {
  return t(`accounts.category.${category}` as Parameters<Translate>[0]);
}

export function LineFields(p: { t: Translate; values: FormValues; errors?: FieldErrors }) {
  const { t, values: v, errors } = p;
  return (
    <>
      <SelectField t={t} name="category" label="accounts.line.category" value={v.category} errors={errors} required options={[{ value: '', label: t('accounts.choose') }, ...CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))]} />
      <Field t={t} name="name" label="accounts.line.name" lang={CONTENT_LANGUAGE} value={v.name} errors={errors} required maxlength={200} />
      <Field t={t} name="planned" label="accounts.line.planned" hint="accounts.money.hint" value={v.planned} errors={errors} required maxlength={30} />
      <Field t={t} name="position" label="accounts.line.position" hint="accounts.line.positionHint" value={v.position} errors={errors} maxlength={4} />
    </>
  );
}

export function ExpenseFields(p: { t: Translate; values: FormValues; errors?: FieldErrors; lines: { id: number; label: string }[]; receipt?: { name: string; href: string } | null }) {
  const { t, values: v, errors } = p;
  const receiptError = errors?.receipt;
  return (
    <>
      <SelectField t={t} name="budget_line_id" label="accounts.expense.line" value={v.budget_line_id} errors={errors} required options={[{ value: '', label: t('accounts.choose') }, ...p.lines.map((l) => ({ value: String(l.id), label: l.label, lang: CONTENT_LANGUAGE }))]} />
      <Field t={t} name="spent_on" label="accounts.expense.date" type="date" value={v.spent_on} errors={errors} required />
      <Field t={t} name="amount" label="accounts.expense.amount" hint="accounts.money.hint" value={v.amount} errors={errors} required maxlength={30} />
      <Field t={t} name="payee" label="accounts.expense.payee" lang={CONTENT_LANGUAGE} value={v.payee} errors={errors} required maxlength={200} />
      <Field t={t} name="receipt_no" label="accounts.expense.receiptNo" value={v.receipt_no} errors={errors} maxlength={100} />
      <Field t={t} name="note" label="accounts.expense.note" lang={CONTENT_LANGUAGE} value={v.note} errors={errors} maxlength={500} />
      <div class={receiptError ? 'field field--error' : 'field'}>
        <label for="field-receipt">{p.receipt ? t('accounts.expense.replaceReceipt') : t('accounts.expense.receipt')}</label>
        <p class="field__hint" id="field-receipt-hint">
          {t('accounts.expense.receiptHint')}
        </p>
        {receiptError ? (
          <p class="field__error" id="field-receipt-error">
            {t(receiptError)}
          </p>
        ) : null}
        <input id="field-receipt" type="file" name="receipt" aria-invalid={receiptError ? 'true' : undefined} aria-describedby={receiptError ? 'field-receipt-hint field-receipt-error' : 'field-receipt-hint'} />
      </div>
      {p.receipt ? (
        <div class="field field--checkbox">
          <input type="checkbox" id="field-drop_receipt" name="drop_receipt" value="on" />
          <label for="field-drop_receipt">{t('accounts.expense.dropReceipt', { name: p.receipt.name })}</label>
        </div>
      ) : null}
    </>
  );
}

export function TrancheFields(p: { t: Translate; values: FormValues; errors?: FieldErrors; prefix: string }) {
  const { t, values: v, errors } = p;
  return (
    <>
      <Field t={t} id={`${p.prefix}received_on`} name="received_on" label="accounts.tranche.date" type="date" value={v.received_on} errors={errors} required />
      <Field t={t} id={`${p.prefix}amount`} name="amount" label="accounts.tranche.amount" hint="accounts.money.hint" value={v.amount} errors={errors} required maxlength={30} />
      <Field t={t} id={`${p.prefix}note`} name="note" label="accounts.tranche.note" lang={CONTENT_LANGUAGE} value={v.note} errors={errors} maxlength={200} />
    </>
  );
}
