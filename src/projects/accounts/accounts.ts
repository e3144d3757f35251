import type { Kysely } from 'kysely';
import { audit } from '../../audit/audit.js';
import type { SessionUser } from '../../auth/sessions.js';
import type { BudgetCategory, Database, Day } from '../../db/schema.js';
import type { CheckedUpload } from '../../meetings/documents.js';
import { sumCents } from './money.js';

/**
 * The accounts of one project (issue #19, "Projektabrechnung"): budget lines with planned amounts,
 * expenses booked against a line (with an optional receipt file), and the funds received in tranches.
 * Every amount is integer cents; sums are taken by the database and read as integers (PostgreSQL
 * returns sum() as a string), never added as floats. Every change is one transaction with its audit
 * entry. Callers have checked mayReadAccounts (src/projects/access.ts); every query below is scoped by
 * the project, so an id of another project's line, expense or tranche finds nothing.
 */

export const CATEGORIES: readonly BudgetCategory[] = ['staff', 'material', 'fees', 'travel', 'other'];

export interface AccountsProject {
  id: number;
  name: string;
  short_name: string | null;
  reference_no: string | null;
  starts_on: Day | null;
  ends_on: Day | null;
}

/** findAccountsProject: the project's head data for the accounts' pages; undefined when there is none. */
export function findAccountsProject(db: Kysely<Database>, id: number): Promise<AccountsProject | undefined> {
  return db.selectFrom('projects').select(['id', 'name', 'short_name', 'reference_no', 'starts_on', 'ends_on']).where('id', '=', id).executeTakeFirst();
}

export interface LineSummary {
  id: number;
  category: BudgetCategory;
  name: string;
  position: number;
  planned: number;
  spent: number;
  /** planned − spent; negative when the line is over plan. */
  remaining: number;
  expenses: number;
  over: boolean;
}

export interface AccountsSummary {
  lines: LineSummary[];
  planned: number;
  spent: number;
  received: number;
  /** received − spent: what is left of the money that came in (negative: the office paid in advance). */
  balance: number;
  /** planned − spent over all lines. */
  remaining: number;
  over: boolean;
}

/** accountsSummary: per line planned, spent and remaining; overall also received and the balance. */
export async function accountsSummary(db: Kysely<Database>, projectId: number): Promise<AccountsSummary> {
  const [lines, spentRows, receivedRow] = await Promise.all([
    db.selectFrom('project_budget_lines').select(['id', 'category', 'name', 'position', 'planned_cents']).where('project_id', '=', projectId).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('project_expenses')
      .select((eb) => ['budget_line_id', eb.fn.sum<number | string>('amount_cents').as('spent'), eb.fn.countAll<number | string>().as('n')])
      .where('project_id', '=', projectId)
      .groupBy('budget_line_id')
      .execute(),
    db
      .selectFrom('project_tranches')
      .select((eb) => eb.fn.sum<number | string | null>('amount_cents').as('received'))
      .where('project_id', '=', projectId)
      .executeTakeFirst(),
  ]);
  const spentBy = new Map(spentRows.map((r) => [r.budget_line_id, { spent: sumCents([r.spent]), n: Number(r.n) }]));
  const summaries: LineSummary[] = lines.map((l) => {
    const s = spentBy.get(l.id) ?? { spent: 0, n: 0 };
    return { id: l.id, category: l.category, name: l.name, position: l.position, planned: l.planned_cents, spent: s.spent, remaining: l.planned_cents - s.spent, expenses: s.n, over: s.spent > l.planned_cents };
  });
  const planned = sumCents(summaries.map((l) => l.planned));
  const spent = sumCents(summaries.map((l) => l.spent));
  const received = sumCents([receivedRow?.received]);
  return { lines: summaries, planned, spent, received, balance: received - spent, remaining: planned - spent, over: spent > planned };
}

export interface ExpenseRow {
  id: number;
  budget_line_id: number;
  line_name: string;
  category: BudgetCategory;
  spent_on: Day;
  amount_cents: number;
  payee: string;
  receipt_no: string | null;
  note: string | null;
  receipt_file_id: number | null;
  receipt_name: string | null;
}

export const EXPENSES_PER_PAGE = 100;

/**
 * listExpenses: the project's expenses by date (newest last, as a cash book reads), a page of them, or
 * all (the exports) without `page`. One more row than a page is read to know whether another follows.
 */
export function listExpenses(db: Kysely<Database>, projectId: number, page?: number): Promise<ExpenseRow[]> {
  let q = db
    .selectFrom('project_expenses as e')
    .innerJoin('project_budget_lines as l', 'l.id', 'e.budget_line_id')
    .leftJoin('project_files as f', 'f.id', 'e.receipt_file_id')
    .select(['e.id', 'e.budget_line_id', 'l.name as line_name', 'l.category', 'e.spent_on', 'e.amount_cents', 'e.payee', 'e.receipt_no', 'e.note', 'e.receipt_file_id', 'f.name as receipt_name'])
    .where('e.project_id', '=', projectId)
    .orderBy('e.spent_on')
    .orderBy('e.id');
  if (page !== undefined) q = q.limit(EXPENSES_PER_PAGE + 1).offset((page - 1) * EXPENSES_PER_PAGE);
  return q.execute();
}

export function findExpense(db: Kysely<Database>, projectId: number, id: number): Promise<ExpenseRow | undefined> {
  return db
    .selectFrom('project_expenses as e')
    .innerJoin('project_budget_lines as l', 'l.id', 'e.budget_line_id')
    .leftJoin('project_files as f', 'f.id', 'e.receipt_file_id')
    .select(['e.id', 'e.budget_line_id', 'l.name as line_name', 'l.category', 'e.spent_on', 'e.amount_cents', 'e.payee', 'e.receipt_no', 'e.note', 'e.receipt_file_id', 'f.name as receipt_name'])
    .where('e.project_id', '=', projectId)
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export interface TrancheRow {
  id: number;
  received_on: Day;
  amount_cents: number;
  note: string | null;
}

export function listTranches(db: Kysely<Database>, projectId: number): Promise<TrancheRow[]> {
  return db.selectFrom('project_tranches').select(['id', 'received_on', 'amount_cents', 'note']).where('project_id', '=', projectId).orderBy('received_on').orderBy('id').execute();
}

export function findTranche(db: Kysely<Database>, projectId: number, id: number): Promise<TrancheRow | undefined> {
  return db.selectFrom('project_tranches').select(['id', 'received_on', 'amount_cents', 'note']).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
}

export function findLine(db: Kysely<Database>, projectId: number, id: number) {
  return db.selectFrom('project_budget_lines').select(['id', 'category', 'name', 'planned_cents', 'position']).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
}

// ---- budget lines ----

export interface LineInput {
  category: BudgetCategory;
  name: string;
  planned_cents: number;
  position: number | null;
}

/** createLine: a new line; without a position it goes last. Returns its id. */
export async function createLine(db: Kysely<Database>, actor: SessionUser, project: AccountsProject, input: LineInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('project_budget_lines').select((eb) => eb.fn.max<number | null>('position').as('p')).where('project_id', '=', project.id).executeTakeFirst();
    const position = input.position ?? Number(last?.p ?? 0) + 1;
    const row = await trx
      .insertInto('project_budget_lines')
      .values({ project_id: project.id, category: input.category, name: input.name, planned_cents: input.planned_cents, position })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'project_budget_line.create', entityType: 'project_budget_line', entityId: row.id, after: { project_id: project.id, project: project.name, category: input.category, name: input.name, planned_cents: input.planned_cents, position } }, now);
    return row.id;
  });
}

/** updateLine: false when the project has no such line. */
export async function updateLine(db: Kysely<Database>, actor: SessionUser, project: AccountsProject, id: number, input: LineInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findLine(trx, project.id, id);
    if (!before) return false;
    const position = input.position ?? before.position;
    await trx.updateTable('project_budget_lines').set({ category: input.category, name: input.name, planned_cents: input.planned_cents, position }).where('id', '=', id).where('project_id', '=', project.id).execute();
    await audit(
      trx,
      { actorUserId: actor.id, action: 'project_budget_line.update', entityType: 'project_budget_line', entityId: id, before: { ...before, project: project.name }, after: { project_id: project.id, project: project.name, category: input.category, name: input.name, planned_cents: input.planned_cents, position } },
      now,
    );
    return true;
  });
}

/**
 * deleteLine: 'gone' when the project has no such line, 'used' (nothing deleted) while expenses are
 * booked on it: the accounts would no longer add up (the database refuses it too).
 */
export async function deleteLine(db: Kysely<Database>, actor: SessionUser, project: AccountsProject, id: number, now: Date): Promise<'deleted' | 'gone' | 'used'> {
  return db.transaction().execute(async (trx) => {
    const before = await findLine(trx, project.id, id);
    if (!before) return 'gone';
    const used = await trx.selectFrom('project_expenses').select('id').where('budget_line_id', '=', id).limit(1).executeTakeFirst();
    if (used) return 'used';
    await trx.deleteFrom('project_budget_lines').where('id', '=', id).where('project_id', '=', project.id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'project_budget_line.delete', entityType: 'project_budget_line', entityId: id, before: { ...before, project_id: project.id, project: project.name } }, now);
    return 'deleted';
  });
}

// ---- expenses ----

export interface ExpenseInput {
  budget_line_id: number;
  spent_on: Day;
  amount_cents: number;
  payee: string;
  receipt_no: string | null;
  note: string | null;
}

type Trx = Kysely<Database>;

/** storeReceipt: the file as a project file of kind 'receipt'; its id. */
async function storeReceipt(trx: Trx, actor: SessionUser, projectId: number, receipt: CheckedUpload, now: Date): Promise<{ id: number; name: string }> {
  const { name, data } = receipt;
  const row = await trx
    .insertInto('project_files')
    .values({ project_id: projectId, kind: 'receipt', name, content_type: receipt.mime, size: data.byteLength, sha256: receipt.sha256, data, uploaded_by_user_id: actor.id, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name };
}

/** lineOfProject: whether the line belongs to the project (forms can be forged). */
async function lineOfProject(trx: Trx, projectId: number, lineId: number): Promise<boolean> {
  return Boolean(await trx.selectFrom('project_budget_lines').select('id').where('id', '=', lineId).where('project_id', '=', projectId).executeTakeFirst());
}

/** createExpense: the expense and its receipt in one transaction; undefined (nothing stored) for a line of another project. */
export async function createExpense(db: Kysely<Database>, actor: SessionUser, project: AccountsProject, input: ExpenseInput, receipt: CheckedUpload | null, now: Date): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    if (!(await lineOfProject(trx, project.id, input.budget_line_id))) return undefined;
    const file = receipt ? await storeReceipt(trx, actor, project.id, receipt, now) : null;
    const row = await trx
      .insertInto('project_expenses')
      .values({ project_id: project.id, ...input, receipt_file_id: file?.id ?? null, created_by_user_id: actor.id, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'project_expense.create', entityType: 'project_expense', entityId: row.id, after: { project_id: project.id, project: project.name, ...input, receipt: file?.name ?? null } }, now);
    return row.id;
  });
}

/**
 * updateExpense: the changed expense; a new receipt replaces the old one, `dropReceipt` removes it (the
 * old file is deleted). 'gone' for an expense of another project, 'line' for a line of another one.
 */
export async function updateExpense(
  db: Kysely<Database>,
  actor: SessionUser,
  project: AccountsProject,
  id: number,
  input: ExpenseInput,
  change: { receipt: CheckedUpload | null; dropReceipt: boolean },
  now: Date,
): Promise<'updated' | 'gone' | 'line'> {
  return db.transaction().execute(async (trx) => {
    const before = await findExpense(trx, project.id, id);
    if (!before) return 'gone';
    if (!(await lineOfProject(trx, project.id, input.budget_line_id))) return 'line';
    let fileId = before.receipt_file_id;
    let fileName = before.receipt_name;
    if (change.receipt || change.dropReceipt) {
      fileId = null;
      fileName = null;
      if (change.receipt) ({ id: fileId, name: fileName } = await storeReceipt(trx, actor, project.id, change.receipt, now));
    }
    await trx.updateTable('project_expenses').set({ ...input, receipt_file_id: fileId }).where('id', '=', id).where('project_id', '=', project.id).execute();
    if (before.receipt_file_id !== null && fileId !== before.receipt_file_id) await trx.deleteFrom('project_files').where('id', '=', before.receipt_file_id).where('kind', '=', 'receipt').execute();
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'project_expense.update',
        entityType: 'project_expense',
        entityId: id,
        before: { project_id: project.id, project: project.name, budget_line_id: before.budget_line_id, spent_on: before.spent_on, amount_cents: before.amount_cents, payee: before.payee, receipt_no: before.receipt_no, note: before.note, receipt: before.receipt_name },
        after: { project_id: project.id, project: project.name, ...input, receipt: fileName },
      },
      now,
    );
    return 'updated';
  });
}

/** deleteExpense: the expense and its receipt file; false when the project has no such expense. */
export async function deleteExpense(db: Kysely<Database>, actor: SessionUser, project: AccountsProject, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findExpense(trx, project.id, id);
    if (!before) return false;
    await trx.deleteFrom('project_expenses').where('id', '=', id).where('project_id', '=', project.id).execute();
    if (before.receipt_file_id !== null) await trx.deleteFrom('project_files').where('id', '=', before.receipt_file_id).where('kind', '=', 'receipt').execute();
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'project_expense.delete',
        entityType: 'project_expense',
        entityId: id,
        before: { project_id: project.id, project: project.name, budget_line_id: before.budget_line_id, spent_on: before.spent_on, amount_cents: before.amount_cents, payee: before.payee, receipt_no: before.receipt_no, receipt: before.receipt_name },
      },
      now,
    );
    return true;
  });
}

/** findReceipt: a receipt of the project, without its content; undefined for any other file. */
export function findReceipt(db: Kysely<Database>, projectId: number, fileId: number) {
  return db.selectFrom('project_files').select(['id', 'name', 'content_type', 'size']).where('id', '=', fileId).where('project_id', '=', projectId).where('kind', '=', 'receipt').executeTakeFirst();
}

/** receiptContent: the bytes of a receipt whose access has been checked. */
export async function receiptContent(db: Kysely<Database>, fileId: number): Promise<Uint8Array<ArrayBuffer>> {
  const row = await db.selectFrom('project_files').select('data').where('id', '=', fileId).executeTakeFirstOrThrow();
  return new Uint8Array(row.data);
}

// ---- tranches ----

export interface TrancheInput {
  received_on: Day;
  amount_cents: number;
  note: string | null;
}

export async function createTranche(db: Kysely<Database>, actor: SessionUser, project: AccountsProject, input: TrancheInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('project_tranches').values({ project_id: project.id, ...input, created_by_user_id: actor.id, created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'project_tranche.create', entityType: 'project_tranche', entityId: row.id, after: { project_id: project.id, project: project.name, ...input } }, now);
    return row.id;
  });
}

export async function updateTranche(db: Kysely<Database>, actor: SessionUser, project: AccountsProject, id: number, input: TrancheInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findTranche(trx, project.id, id);
    if (!before) return false;
    await trx.updateTable('project_tranches').set(input).where('id', '=', id).where('project_id', '=', project.id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'project_tranche.update', entityType: 'project_tranche', entityId: id, before: { ...before, project: project.name }, after: { project_id: project.id, project: project.name, ...input } }, now);
    return true;
  });
}

export async function deleteTranche(db: Kysely<Database>, actor: SessionUser, project: AccountsProject, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findTranche(trx, project.id, id);
    if (!before) return false;
    await trx.deleteFrom('project_tranches').where('id', '=', id).where('project_id', '=', project.id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'project_tranche.delete', entityType: 'project_tranche', entityId: id, before: { ...before, project_id: project.id, project: project.name } }, now);
    return true;
  });
}
