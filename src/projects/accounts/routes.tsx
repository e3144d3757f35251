import { Hono, type Context } from 'hono';
import { AccountsPage, dayText, type FailedForm } from '../../../views/projects/accounts.js';
import { AccountsExpensePage } from '../../../views/projects/accounts-expense.js';
import { categoryLabel } from '../../../views/projects/accounts-forms.js';
import { AccountsLinePage } from '../../../views/projects/accounts-line.js';
import { AccountsTranchePage } from '../../../views/projects/accounts-tranche.js';
import { requireUser } from '../../auth/middleware.js';
import type { AppEnv } from '../../http/env.js';
import { renderError } from '../../http/errors.js';
import { redirectWithFlash } from '../../http/flash.js';
import { readForm, type FieldErrors } from '../../http/forms.js';
import { pageParam } from '../../http/pagination.js';
import { today } from '../../lib/berlin-time.js';
import { checkUpload, type CheckedUpload } from '../../meetings/documents.js';
import { mayReadAccounts } from '../access.js';
import {
  accountsSummary,
  createExpense,
  createLine,
  createTranche,
  deleteExpense,
  deleteLine,
  deleteTranche,
  EXPENSES_PER_PAGE,
  findAccountsProject,
  findExpense,
  findLine,
  findReceipt,
  findTranche,
  listExpenses,
  listTranches,
  receiptContent,
  updateExpense,
  updateLine,
  updateTranche,
  type AccountsProject,
} from './accounts.js';
import { accountsCsv, accountsPdf, exportFileName } from './exports.js';
import { parseExpense, parseLine, parseTranche, type FormValues } from './forms.js';
import { euroInput, formatEuro } from './money.js';

const ID = '{[1-9][0-9]{0,8}}';
const num = (c: Context<AppEnv>, name: string) => Number(c.req.param(name));

/**
 * withAccounts: the accounts of the project in the path, for those who may read them
 * (src/projects/access.ts mayReadAccounts: the staff). Visitors are sent to sign in (401 for a POST);
 * everyone else, a partner's representative included, gets 404 as for a project that does not exist:
 * the accounts (and whether there are any) are none of their business.
 */
async function withAccounts(c: Context<AppEnv>, run: (project: AccountsProject) => Response | Promise<Response>): Promise<Response> {
  if (!c.var.user) return (await requireUser(c, async () => {})) as Response;
  if (!mayReadAccounts(c.var.user)) return renderError(c, 404);
  const project = await findAccountsProject(c.var.db, num(c, 'id'));
  if (!project) return renderError(c, 404);
  return run(project);
}

const pageTitle = (c: Context<AppEnv>, project: AccountsProject) => c.var.t('accounts.pageTitle', { name: project.short_name ?? project.name });

async function renderAccounts(c: Context<AppEnv>, project: AccountsProject, failed?: FailedForm) {
  const page = pageParam(c.req.query('page'));
  const [summary, rows, tranches] = await Promise.all([accountsSummary(c.var.db, project.id), listExpenses(c.var.db, project.id, page), listTranches(c.var.db, project.id)]);
  if (failed) c.status(422);
  return c.render(
    <AccountsPage
      t={c.var.t}
      fmt={c.var.fmt}
      locale={c.var.locale}
      project={project}
      summary={summary}
      expenses={rows.slice(0, EXPENSES_PER_PAGE)}
      page={page}
      hasNext={rows.length > EXPENSES_PER_PAGE}
      tranches={tranches}
      today={today(c.var.now())}
      failed={failed}
    />,
    { title: pageTitle(c, project) },
  );
}

async function lineLabels(c: Context<AppEnv>, projectId: number) {
  const summary = await accountsSummary(c.var.db, projectId);
  return summary.lines.map((l) => ({ id: l.id, label: `${categoryLabel(c.var.t, l.category)}: ${l.name}` }));
}

/**
 * receiptOf: the uploaded receipt checked by its content as meeting documents are
 * (src/meetings/documents.ts checkUpload); null when none was chosen, a message key when refused.
 */
async function receiptOf(body: Record<string, unknown>): Promise<CheckedUpload | null | { error: FieldErrors[string] }> {
  const file = body.receipt;
  if (!(file instanceof File) || (file.size === 0 && file.name === '')) return null;
  const checked = await checkUpload({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  return checked.ok ? checked : { error: checked.reason };
}

async function renderLine(c: Context<AppEnv>, project: AccountsProject, lineId: number, over?: { values?: FormValues; errors?: FieldErrors; refused?: boolean }) {
  const line = await findLine(c.var.db, project.id, lineId);
  if (!line) return renderError(c, 404);
  const summary = await accountsSummary(c.var.db, project.id);
  const expenses = summary.lines.find((l) => l.id === lineId)?.expenses ?? 0;
  const values = over?.values ?? { category: line.category, name: line.name, planned: euroInput(line.planned_cents), position: String(line.position) };
  return c.render(<AccountsLinePage t={c.var.t} project={project} lineId={lineId} lineName={line.name} expenses={expenses} values={values} errors={over?.errors} refused={over?.refused} />, {
    title: c.var.t('accounts.line.pageTitle', { name: line.name, project: project.short_name ?? project.name }),
  });
}

async function renderExpense(c: Context<AppEnv>, project: AccountsProject, expenseId: number, over?: { values?: FormValues; errors?: FieldErrors }) {
  const expense = await findExpense(c.var.db, project.id, expenseId);
  if (!expense) return renderError(c, 404);
  const t = c.var.t;
  const heading = t('accounts.expense.context', { date: dayText(c.var.fmt, expense.spent_on), payee: expense.payee, amount: formatEuro(expense.amount_cents, c.var.locale) });
  const values = over?.values ?? { budget_line_id: String(expense.budget_line_id), spent_on: expense.spent_on, amount: euroInput(expense.amount_cents), payee: expense.payee, receipt_no: expense.receipt_no ?? '', note: expense.note ?? '' };
  return c.render(
    <AccountsExpensePage
      t={t}
      project={project}
      expenseId={expenseId}
      heading={heading}
      values={values}
      errors={over?.errors}
      lines={await lineLabels(c, project.id)}
      receipt={expense.receipt_file_id ? { id: expense.receipt_file_id, name: expense.receipt_name ?? '' } : null}
    />,
    { title: t('accounts.expense.pageTitle', { what: heading, project: project.short_name ?? project.name }) },
  );
}

async function renderTranche(c: Context<AppEnv>, project: AccountsProject, trancheId: number, over?: { values?: FormValues; errors?: FieldErrors }) {
  const tranche = await findTranche(c.var.db, project.id, trancheId);
  if (!tranche) return renderError(c, 404);
  const t = c.var.t;
  const heading = t('accounts.tranche.context', { date: dayText(c.var.fmt, tranche.received_on), amount: formatEuro(tranche.amount_cents, c.var.locale) });
  const values = over?.values ?? { received_on: tranche.received_on, amount: euroInput(tranche.amount_cents), note: tranche.note ?? '' };
  return c.render(<AccountsTranchePage t={t} project={project} trancheId={trancheId} heading={heading} values={values} errors={over?.errors} />, {
    title: t('accounts.tranche.pageTitle', { what: heading, project: project.short_name ?? project.name }),
  });
}

/** sendFile: an export or receipt, never kept in a shared cache. */
function sendFile(c: Context<AppEnv>, body: Uint8Array<ArrayBuffer> | string, type: string, disposition: 'inline' | 'attachment', name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  c.header('Content-Type', type);
  c.header('Content-Disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`);
  c.header('Cache-Control', 'private, no-store');
  return c.body(body);
}

const base = (project: AccountsProject) => `/projects/${project.id}/accounts`;

/**
 * The project accounts (issue #19, src/projects/accounts/): /projects/:id/accounts with its budget
 * lines, expenses (and their receipts) and tranches, and the exports as CSV and PDF. The staff only
 * (withAccounts); every change is audited and one transaction; a refused form comes back with 422.
 */
export const accountsRoutes = new Hono<AppEnv>()
  .get(`/projects/:id${ID}/accounts`, (c) => withAccounts(c, (project) => renderAccounts(c, project)))
  .get(`/projects/:id${ID}/accounts.csv`, (c) =>
    withAccounts(c, async (project) => sendFile(c, await accountsCsv(c.var.db, project), 'text/csv; charset=utf-8', 'attachment', exportFileName(project, today(c.var.now()), 'csv'))),
  )
  .get(`/projects/:id${ID}/accounts.pdf`, (c) =>
    withAccounts(c, async (project) => sendFile(c, new Uint8Array(await accountsPdf(c.var.db, project, c.var.now())), 'application/pdf', 'inline', exportFileName(project, today(c.var.now()), 'pdf'))),
  )
  // Budget lines
  .post(`/projects/:id${ID}/accounts/lines`, (c) =>
    withAccounts(c, async (project) => {
      const r = parseLine(await readForm(c));
      if ('errors' in r) return renderAccounts(c, project, { form: 'line', values: r.values, errors: r.errors });
      await createLine(c.var.db, c.var.user!, project, r.data, c.var.now());
      return redirectWithFlash(c, `${base(project)}#lines`, 'success', 'accounts.line.saved');
    }),
  )
  .get(`/projects/:id${ID}/accounts/lines/:line${ID}`, (c) => withAccounts(c, (project) => renderLine(c, project, num(c, 'line'))))
  .post(`/projects/:id${ID}/accounts/lines/:line${ID}`, (c) =>
    withAccounts(c, async (project) => {
      const r = parseLine(await readForm(c));
      if ('errors' in r) {
        c.status(422);
        return renderLine(c, project, num(c, 'line'), { values: r.values, errors: r.errors });
      }
      if (!(await updateLine(c.var.db, c.var.user!, project, num(c, 'line'), r.data, c.var.now()))) return renderError(c, 404);
      return redirectWithFlash(c, `${base(project)}#lines`, 'success', 'accounts.line.saved');
    }),
  )
  .post(`/projects/:id${ID}/accounts/lines/:line${ID}/delete`, (c) =>
    withAccounts(c, async (project) => {
      const result = await deleteLine(c.var.db, c.var.user!, project, num(c, 'line'), c.var.now());
      if (result === 'gone') return renderError(c, 404);
      if (result === 'used') {
        c.status(409);
        return renderLine(c, project, num(c, 'line'), { refused: true });
      }
      return redirectWithFlash(c, `${base(project)}#lines`, 'success', 'accounts.line.deleted');
    }),
  )
  // Expenses, with their receipts
  .post(`/projects/:id${ID}/accounts/expenses`, (c) =>
    withAccounts(c, async (project) => {
      const body = await readForm(c);
      const r = parseExpense(body);
      const receipt = await receiptOf(body);
      const receiptError = receipt && 'error' in receipt ? receipt.error : undefined;
      if ('errors' in r || receiptError) {
        const values = 'errors' in r ? r.values : Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as FormValues;
        return renderAccounts(c, project, { form: 'expense', values, errors: { ...('errors' in r ? r.errors : {}), ...(receiptError ? { receipt: receiptError } : {}) } });
      }
      const id = await createExpense(c.var.db, c.var.user!, project, r.data, receipt as CheckedUpload | null, c.var.now());
      if (id === undefined) return renderAccounts(c, project, { form: 'expense', values: Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as FormValues, errors: { budget_line_id: 'field.choose' } });
      return redirectWithFlash(c, `${base(project)}#expenses`, 'success', 'accounts.expense.saved');
    }),
  )
  .get(`/projects/:id${ID}/accounts/expenses/:expense${ID}`, (c) => withAccounts(c, (project) => renderExpense(c, project, num(c, 'expense'))))
  .post(`/projects/:id${ID}/accounts/expenses/:expense${ID}`, (c) =>
    withAccounts(c, async (project) => {
      const body = await readForm(c);
      const r = parseExpense(body);
      const receipt = await receiptOf(body);
      const receiptError = receipt && 'error' in receipt ? receipt.error : undefined;
      const typed = () => Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as FormValues;
      if ('errors' in r || receiptError) {
        c.status(422);
        return renderExpense(c, project, num(c, 'expense'), { values: 'errors' in r ? r.values : typed(), errors: { ...('errors' in r ? r.errors : {}), ...(receiptError ? { receipt: receiptError } : {}) } });
      }
      const result = await updateExpense(c.var.db, c.var.user!, project, num(c, 'expense'), r.data, { receipt: receipt as CheckedUpload | null, dropReceipt: body.drop_receipt === 'on' }, c.var.now());
      if (result === 'gone') return renderError(c, 404);
      if (result === 'line') {
        c.status(422);
        return renderExpense(c, project, num(c, 'expense'), { values: typed(), errors: { budget_line_id: 'field.choose' } });
      }
      return redirectWithFlash(c, `${base(project)}#expenses`, 'success', 'accounts.expense.saved');
    }),
  )
  .post(`/projects/:id${ID}/accounts/expenses/:expense${ID}/delete`, (c) =>
    withAccounts(c, async (project) => {
      if (!(await deleteExpense(c.var.db, c.var.user!, project, num(c, 'expense'), c.var.now()))) return renderError(c, 404);
      return redirectWithFlash(c, `${base(project)}#expenses`, 'success', 'accounts.expense.deleted');
    }),
  )
  .get(`/projects/:id${ID}/accounts/receipts/:file${ID}`, (c) =>
    withAccounts(c, async (project) => {
      // Only the metadata before the check that it is a receipt of this project; the content after it.
      const file = await findReceipt(c.var.db, project.id, num(c, 'file'));
      if (!file) return renderError(c, 404);
      // Always a download, never shown inline: an uploaded file cannot run as a page of the hub.
      c.header('Content-Length', String(file.size));
      return sendFile(c, await receiptContent(c.var.db, file.id), file.content_type, 'attachment', file.name);
    }),
  )
  // Tranches received
  .post(`/projects/:id${ID}/accounts/tranches`, (c) =>
    withAccounts(c, async (project) => {
      const r = parseTranche(await readForm(c));
      if ('errors' in r) return renderAccounts(c, project, { form: 'tranche', values: r.values, errors: r.errors });
      await createTranche(c.var.db, c.var.user!, project, r.data, c.var.now());
      return redirectWithFlash(c, `${base(project)}#tranches`, 'success', 'accounts.tranche.saved');
    }),
  )
  .get(`/projects/:id${ID}/accounts/tranches/:tranche${ID}`, (c) => withAccounts(c, (project) => renderTranche(c, project, num(c, 'tranche'))))
  .post(`/projects/:id${ID}/accounts/tranches/:tranche${ID}`, (c) =>
    withAccounts(c, async (project) => {
      const r = parseTranche(await readForm(c));
      if ('errors' in r) {
        c.status(422);
        return renderTranche(c, project, num(c, 'tranche'), { values: r.values, errors: r.errors });
      }
      if (!(await updateTranche(c.var.db, c.var.user!, project, num(c, 'tranche'), r.data, c.var.now()))) return renderError(c, 404);
      return redirectWithFlash(c, `${base(project)}#tranches`, 'success', 'accounts.tranche.saved');
    }),
  )
  .post(`/projects/:id${ID}/accounts/tranches/:tranche${ID}/delete`, (c) =>
    withAccounts(c, async (project) => {
      if (!(await deleteTranche(c.var.db, c.var.user!, project, num(c, 'tranche'), c.var.now()))) return renderError(c, 404);
      return redirectWithFlash(c, `${base(project)}#tranches`, 'success', 'accounts.tranche.deleted');
    }),
  );
