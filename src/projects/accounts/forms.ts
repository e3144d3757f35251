import { z } from 'zod';
import type { BudgetCategory } from '../../db/schema.js';
import { fieldErrors, type FieldErrors } from '../../http/forms.js';
import { CONTROL_CHARACTERS } from '../../http/schemas.js';
import { parseDay } from '../../programmes/form.js';
import type { ExpenseInput, LineInput, TrancheInput } from './accounts.js';
import { CATEGORIES } from './accounts.js';
import { euroField } from './money.js';

// The accounts' three forms (budget line, expense, tranche): the rules as zod schemas whose messages
// are catalogue keys, so a refused form shows a German (or English) message at each field, with 422.

const required = (max: number) => z.string({ error: 'field.required' }).trim().min(1, 'field.required').max(max, 'field.tooLong');
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'field.tooLong')
    .transform((v) => v || null);

/** A calendar day, typed "31.12.2026" or sent by a date field as "2026-12-31", between 2000 and 2099. */
const day = z
  .string({ error: 'field.required' })
  .trim()
  .min(1, 'field.required')
  .transform((v, ctx) => {
    const d = parseDay(v);
    if (!d || d < '2000-01-01' || d > '2099-12-31') {
      ctx.addIssue({ code: 'custom', message: 'accounts.form.dayInvalid' });
      return z.NEVER;
    }
    return d;
  });

const id = z
  .string({ error: 'field.choose' })
  .regex(/^[1-9][0-9]{0,8}$/, 'field.choose')
  .transform(Number);

export const lineSchema = z.object({
  category: z.enum(CATEGORIES as [BudgetCategory, ...BudgetCategory[]], { error: 'field.choose' }),
  name: required(200),
  planned: euroField(),
  position: z
    .string()
    .trim()
    .regex(/^(|[0-9]{1,4})$/, 'accounts.form.positionInvalid')
    .transform((v) => (v === '' ? null : Number(v))),
});

export const expenseSchema = z.object({
  budget_line_id: id,
  spent_on: day,
  amount: euroField({ positive: true }),
  payee: required(200),
  receipt_no: optional(100),
  note: optional(500),
});

export const trancheSchema = z.object({
  received_on: day,
  amount: euroField({ positive: true }),
  note: optional(200),
});

export const LINE_FIELDS = ['category', 'name', 'planned', 'position'] as const;
export const EXPENSE_FIELDS = ['budget_line_id', 'spent_on', 'amount', 'payee', 'receipt_no', 'note'] as const;
export const TRANCHE_FIELDS = ['received_on', 'amount', 'note'] as const;

/** What a refused form shows again: each field's text as it was typed (control characters dropped). */
export type FormValues = Record<string, string>;

const one = (v: unknown): string => (Array.isArray(v) ? one(v[v.length - 1]) : typeof v === 'string' ? v : '');

export function valuesOf(body: Record<string, unknown>, fields: readonly string[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f, one(body[f]).replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), '')]));
}

type Parsed<T> = { data: T } | { errors: FieldErrors; values: FormValues };

function parse<S extends z.ZodType>(schema: S, body: Record<string, unknown>, fields: readonly string[]): Parsed<z.output<S>> {
  const values = valuesOf(body, fields);
  const raw = Object.fromEntries(fields.map((f) => [f, one(body[f])]));
  const result = schema.safeParse(raw);
  if (!result.success) return { errors: fieldErrors(result.error), values };
  return { data: result.data };
}

export function parseLine(body: Record<string, unknown>): Parsed<LineInput> {
  const r = parse(lineSchema, body, LINE_FIELDS);
  if ('errors' in r) return r;
  const { planned, ...rest } = r.data;
  return { data: { ...rest, planned_cents: planned } };
}

export function parseExpense(body: Record<string, unknown>): Parsed<ExpenseInput> {
  const r = parse(expenseSchema, body, EXPENSE_FIELDS);
  if ('errors' in r) return r;
  const { amount, ...rest } = r.data;
  return { data: { ...rest, amount_cents: amount } };
}

export function parseTranche(body: Record<string, unknown>): Parsed<TrancheInput> {
  const r = parse(trancheSchema, body, TRANCHE_FIELDS);
  if ('errors' in r) return r;
  const { amount, ...rest } = r.data;
  return { data: { ...rest, amount_cents: amount } };
}
