import { z } from 'zod';
import { optionalText, requiredText } from '../http/schemas.js';
import type { ProjectDeadlineKind, ProjectFileKind, ProjectStatus } from '../db/schema.js';
import { controlCharacterFields, fieldErrors, type FieldErrors } from '../http/forms.js';
import { parseDay } from '../programmes/form.js';

// The staff's project and deadline forms: parsing and rules. Messages are catalogue keys (German and English).

export const STATUSES: readonly ProjectStatus[] = ['planned', 'running', 'finished', 'settled'];
export const DEADLINE_KINDS: readonly ProjectDeadlineKind[] = ['milestone', 'interim_report', 'final_report'];
/** The kinds of document the project page uploads; receipts are uploaded with the accounts' expenses. */
export const DOCUMENT_KINDS: readonly ProjectFileKind[] = ['grant_notice', 'report', 'other'];

export interface ProjectInput {
  name: string;
  short_name: string | null;
  description: string | null;
  reference_no: string | null;
  starts_on: string | null;
  ends_on: string | null;
  status: ProjectStatus;
  responsible_user_id: number | null;
  programmes: number[];
  partners: number[];
  cities: number[];
  fields: number[];
}

/** What the form shows again: the texts as typed and the ticked boxes. */
export interface ProjectFormValues {
  text: Record<string, string>;
  programmes: number[];
  partners: number[];
  cities: number[];
  fields: number[];
}

/** The ids the form may name (forms can be forged): each list as offered on the page. */
export interface KnownChoices {
  programmes: number[];
  partners: number[];
  cities: number[];
  fields: number[];
  staff: number[];
}


const textSchema = z.object({
  name: requiredText(200),
  short_name: optionalText(50),
  description: optionalText(10000),
  reference_no: optionalText(100),
  status: z.enum(STATUSES as [ProjectStatus, ...ProjectStatus[]], { error: 'field.choose' }),
});

const one = (v: unknown): string => (Array.isArray(v) ? one(v[v.length - 1]) : typeof v === 'string' ? v : '');
const many = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
const ids = (v: unknown): number[] => [...new Set(many(v).filter((x) => /^[1-9][0-9]{0,8}$/.test(x)).map(Number))];

const TEXT_FIELDS = ['name', 'short_name', 'description', 'reference_no', 'starts_on', 'ends_on', 'status', 'responsible_user_id'];

export function projectFormValues(body: Record<string, unknown>): ProjectFormValues {
  const text: Record<string, string> = {};
  for (const k of TEXT_FIELDS) text[k] = one(body[k]);
  return { text, programmes: ids(body.programmes), partners: ids(body.partners), cities: ids(body.cities), fields: ids(body.fields) };
}

/** parseProjectForm: the posted project form checked against every rule, or the errors and what was typed. */
export function parseProjectForm(body: Record<string, unknown>, known: KnownChoices): { input: ProjectInput } | { errors: FieldErrors; values: ProjectFormValues } {
  const values = projectFormValues(body);
  const v = values.text;
  const parsed = textSchema.safeParse(v);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  for (const field of controlCharacterFields(v)) errors[field] = 'field.controlCharacters';
  const day = (name: 'starts_on' | 'ends_on') => {
    if (!v[name]!.trim()) return null;
    const d = parseDay(v[name]!);
    if (!d) errors[name] = 'programmes.form.dayInvalid';
    return d ?? null;
  };
  const starts = day('starts_on');
  const ends = day('ends_on');
  if (starts && ends && ends < starts) errors.ends_on = 'projects.form.endBeforeStart';
  let responsible: number | null = null;
  if (v.responsible_user_id) {
    responsible = /^[1-9][0-9]{0,8}$/.test(v.responsible_user_id) ? Number(v.responsible_user_id) : 0;
    if (!known.staff.includes(responsible)) errors.responsible_user_id = 'field.choose';
  }
  for (const list of ['programmes', 'partners', 'cities', 'fields'] as const) {
    if (values[list].some((id) => !known[list].includes(id))) errors[list] = 'field.choose';
  }
  if (Object.keys(errors).length || !parsed.success) return { errors, values };
  return {
    input: {
      ...parsed.data,
      starts_on: starts,
      ends_on: ends,
      responsible_user_id: responsible,
      programmes: values.programmes,
      partners: values.partners,
      cities: values.cities,
      fields: values.fields,
    },
  };
}

export interface DeadlineInput {
  kind: ProjectDeadlineKind;
  title: string;
  due_on: string;
}

/** parseDeadlineForm: a deadline's kind, title and due day ("31.03.2027" or "2027-03-31"). */
export function parseDeadlineForm(body: Record<string, unknown>): { input: DeadlineInput } | { errors: FieldErrors; values: Record<string, string> } {
  const values = { kind: one(body.kind), title: one(body.title), due_on: one(body.due_on) };
  const errors: FieldErrors = {};
  if (!DEADLINE_KINDS.includes(values.kind as ProjectDeadlineKind)) errors.kind = 'field.choose';
  const title = values.title.trim();
  if (!title) errors.title = 'field.required';
  else if (title.length > 200) errors.title = 'field.tooLong';
  for (const field of controlCharacterFields(values)) errors[field] = 'field.controlCharacters';
  const due = values.due_on.trim() ? parseDay(values.due_on) : undefined;
  if (!values.due_on.trim()) errors.due_on = 'field.required';
  else if (!due) errors.due_on = 'programmes.form.dayInvalid';
  if (Object.keys(errors).length) return { errors, values };
  return { input: { kind: values.kind as ProjectDeadlineKind, title, due_on: due! } };
}
