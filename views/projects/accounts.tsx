import type { FieldErrors } from '../../src/http/forms.js';
import type { Locale, Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import type { AccountsProject, AccountsSummary, ExpenseRow, TrancheRow } from '../../src/projects/accounts/accounts.js';
import type { FormValues } from '../../src/projects/accounts/forms.js';
import { formatEuro } from '../../src/projects/accounts/money.js';
import { Content, ErrorSummary, Pagination } from '../components.js';
import { ExpenseFields, LineFields, TrancheFields, categoryLabel } from './accounts-forms.js';

/** Which of the page's three forms was sent and refused (its values and errors are shown again). */
export type FailedForm = { form: 'line' | 'expense' | 'tranche'; values: FormValues; errors: FieldErrors };

export interface AccountsPageProps {
  t: Translate;
  fmt: Formatters;
  locale: Locale;
  project: AccountsProject;
  summary: AccountsSummary;
  expenses: ExpenseRow[];
  page: number;
  hasNext: boolean;
  tranches: TrancheRow[];
  today: string;
  failed?: FailedForm;
}

export const dayText = (fmt: Formatters, day: string) => fmt.date(`${day}T12:00:00Z`);

/** OverMark: "over plan" in words (with a warning sign for sighted readers), never by colour alone. */
export function OverMark({ t }: { t: Translate }) {
  return (
    <span class="badge">
      <span aria-hidden="true">⚠ </span>
      {t('accounts.overPlan')}
    </span>
  );
}

function Summary({ t, locale, s }: { t: Translate; locale: Locale; s: AccountsSummary }) {
  const eur = (c: number) => formatEuro(c, locale);
  return (
    <>
      <dl class="facts">
        <dt>{t('accounts.planned')}</dt>
        <dd>{eur(s.planned)}</dd>
        <dt>{t('accounts.spent')}</dt>
        <dd>
          {eur(s.spent)}
          {s.over ? <OverMark t={t} /> : null}
        </dd>
        <dt>{t('accounts.remaining')}</dt>
        <dd>{eur(s.remaining)}</dd>
        <dt>{t('accounts.received')}</dt>
        <dd>{eur(s.received)}</dd>
        <dt>{t('accounts.balance')}</dt>
        <dd>
          {eur(s.balance)} <span class="meta">{t('accounts.balanceHint')}</span>
        </dd>
      </dl>
      {s.lines.length ? (
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby="lines-caption">
          <table class="table">
            <caption id="lines-caption">{t('accounts.byLine')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.line.category')}</th>
                <th scope="col">{t('accounts.line.name')}</th>
                <th scope="col" class="number">{t('accounts.planned')}</th>
                <th scope="col" class="number">{t('accounts.spent')}</th>
                <th scope="col" class="number">{t('accounts.remaining')}</th>
              </tr>
            </thead>
            <tbody>
              {s.lines.map((l) => (
                <tr class={l.over ? 'row-error' : undefined}>
                  <td>{categoryLabel(t, l.category)}</td>
                  <th scope="row">
                    <Content t={t}>{l.name}</Content>
                    {l.over ? <OverMark t={t} /> : null}
                  </th>
                  <td class="number">{eur(l.planned)}</td>
                  <td class="number">{eur(l.spent)}</td>
                  <td class="number">{eur(l.remaining)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td></td>
                <th scope="row">{t('accounts.total')}</th>
                <td class="number">{eur(s.planned)}</td>
                <td class="number">{eur(s.spent)}</td>
                <td class="number">{eur(s.remaining)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </>
  );
}

/** AccountsPage: /projects/:id/accounts: the summary, the budget lines, the expenses and the tranches, each with its form. */
export function AccountsPage(p: AccountsPageProps) {
  const { t, fmt, locale, project, summary } = p;
  const eur = (c: number) => formatEuro(c, locale);
  const base = `/projects/${project.id}/accounts`;
  const failed = (form: FailedForm['form']) => (p.failed?.form === form ? p.failed : undefined);
  const lineLabels = summary.lines.map((l) => ({ id: l.id, label: `${categoryLabel(t, l.category)}: ${l.name}` }));
  return (
    <section>
      <p>
        <a href={`/projects/${project.id}`}>← {t('accounts.backToProject', { name: project.short_name ?? project.name })}</a>
      </p>
      <h1>{t('accounts.title', { name: project.name })}</h1>
      {project.reference_no || project.starts_on ? (
        <p class="meta">
          {[
            project.reference_no ? t('accounts.referenceNo', { no: project.reference_no }) : '',
            project.starts_on && project.ends_on ? t('accounts.period', { from: dayText(fmt, project.starts_on), to: dayText(fmt, project.ends_on) }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
      <ul class="toolbar" aria-label={t('accounts.exports')}>
        <li>
          <a href={`${base}.csv`} hx-boost="false" download>
            {t('accounts.csvLink')}
          </a>
        </li>
        <li>
          <a href={`${base}.pdf`} hx-boost="false">
            {t('accounts.pdfLink')}
          </a>
        </li>
      </ul>

      <h2 id="summary-title">{t('accounts.summary')}</h2>
      <Summary t={t} locale={locale} s={summary} />

      <h2 id="lines">{t('accounts.lines')}</h2>
      {summary.lines.length === 0 ? <p>{t('accounts.noLines')}</p> : null}
      {summary.lines.length ? (
        <ul class="link-list">
          {summary.lines.map((l) => (
            <li>
              <Content t={t}>{l.name}</Content> ({categoryLabel(t, l.category)}, {eur(l.planned)}){' – '}
              <a href={`${base}/lines/${l.id}`}>
                {t('accounts.edit')}
                <span class="visually-hidden">{`: ${l.name}`}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <h3 id="add-line">{t('accounts.line.add')}</h3>
      <ErrorSummary t={t} errors={failed('line')?.errors} level={3} />
      <form method="post" action={`${base}/lines`} class="form" aria-labelledby="add-line" novalidate>
        <LineFields t={t} values={failed('line')?.values ?? {}} errors={failed('line')?.errors} />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('accounts.line.save')}
          </button>
        </div>
      </form>

      <h2 id="expenses">{t('accounts.expenses')}</h2>
      {p.expenses.length === 0 ? <p>{t('accounts.noExpenses')}</p> : null}
      {p.expenses.length ? (
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby="expenses-caption">
          <table class="table">
            <caption id="expenses-caption">{t('accounts.expensesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.expense.date')}</th>
                <th scope="col">{t('accounts.expense.line')}</th>
                <th scope="col">{t('accounts.expense.payee')}</th>
                <th scope="col">{t('accounts.expense.receiptNo')}</th>
                <th scope="col" class="number">{t('accounts.expense.amount')}</th>
                <th scope="col">{t('accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {p.expenses.map((e) => (
                <tr>
                  <td>{dayText(fmt, e.spent_on)}</td>
                  <td>
                    <Content t={t}>{e.line_name}</Content>
                  </td>
                  <td>
                    <Content t={t}>{e.payee}</Content>
                    {e.note ? (
                      <>
                        <br />
                        <span class="meta">
                          <Content t={t}>{e.note}</Content>
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {e.receipt_no ?? ''}
                    {e.receipt_file_id ? (
                      <>
                        {e.receipt_no ? ' ' : ''}
                        <a href={`${base}/receipts/${e.receipt_file_id}`} hx-boost="false">
                          {t('accounts.expense.receiptFile')}
                          <span class="visually-hidden">{`: ${e.receipt_name ?? ''}`}</span>
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td class="number">{eur(e.amount_cents)}</td>
                  <td>
                    <a href={`${base}/expenses/${e.id}`}>
                      {t('accounts.edit')}
                      <span class="visually-hidden">{`: ${t('accounts.expense.context', { date: dayText(fmt, e.spent_on), payee: e.payee, amount: eur(e.amount_cents) })}`}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination t={t} page={p.page} hasNext={p.hasNext} href={(n) => `${base}?page=${n}#expenses`} />
      <h3 id="add-expense">{t('accounts.expense.add')}</h3>
      {summary.lines.length === 0 ? (
        <p>{t('accounts.expense.needLine')}</p>
      ) : (
        <>
          <ErrorSummary t={t} errors={failed('expense')?.errors} level={3} />
          <form method="post" action={`${base}/expenses`} enctype="multipart/form-data" class="form" aria-labelledby="add-expense" hx-boost="false" novalidate>
            <ExpenseFields t={t} values={failed('expense')?.values ?? { spent_on: p.today }} errors={failed('expense')?.errors} lines={lineLabels} />
            <div class="form__actions">
              <button type="submit" class="button">
                {t('accounts.expense.save')}
              </button>
            </div>
          </form>
        </>
      )}

      <h2 id="tranches">{t('accounts.tranches')}</h2>
      {p.tranches.length === 0 ? <p>{t('accounts.noTranches')}</p> : null}
      {p.tranches.length ? (
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby="tranches-caption">
          <table class="table">
            <caption id="tranches-caption">{t('accounts.tranchesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.tranche.date')}</th>
                <th scope="col">{t('accounts.tranche.note')}</th>
                <th scope="col" class="number">{t('accounts.tranche.amount')}</th>
                <th scope="col">{t('accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {p.tranches.map((tr) => (
                <tr>
                  <td>{dayText(fmt, tr.received_on)}</td>
                  <td>
                    <Content t={t}>{tr.note ?? ''}</Content>
                  </td>
                  <td class="number">{eur(tr.amount_cents)}</td>
                  <td>
                    <a href={`${base}/tranches/${tr.id}`}>
                      {t('accounts.edit')}
                      <span class="visually-hidden">{`: ${t('accounts.tranche.context', { date: dayText(fmt, tr.received_on), amount: eur(tr.amount_cents) })}`}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan={2}>
                  {t('accounts.total')}
                </th>
                <td class="number">{eur(summary.received)}</td>
                <td></td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
      <h3 id="add-tranche">{t('accounts.tranche.add')}</h3>
      <ErrorSummary t={t} errors={failed('tranche')?.errors} level={3} idPrefix="tranche-" />
      <form method="post" action={`${base}/tranches`} class="form" aria-labelledby="add-tranche" novalidate>
        <TrancheFields t={t} values={failed('tranche')?.values ?? { received_on: p.today }} errors={failed('tranche')?.errors} prefix="tranche-" />
        <div class="form__actions">
          <button type="submit" class="button">
            {t('accounts.tranche.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
