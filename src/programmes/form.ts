import { DateTime } from 'luxon';
import { z } from 'zod';
import { optionalText, requiredText } from '../http/schemas.js';
import type { ProgrammeApplicant, ProgrammeLevel } from '../db/schema.js';
import { fieldErrors, type FieldErrors } from '../http/forms.js';
import type { MessageKey } from '../i18n/index.js';

// The staff's programme form: parsing and rules. Messages are catalogue keys (German and English).

export const LEVELS: readonly ProgrammeLevel[] = ['eu', 'bund', 'land', 'kreis', 'stiftung'];
export const APPLICANTS: readonly ProgrammeApplicant[] = ['associations', 'migrant_organisations', 'cities', 'schools', 'others'];

/** The largest amount a programme states: 20 million euros (stored as integer cents). */
const MAX_CENTS = 2_000_000_000;

/**
 * parseEuros: an amount as people in Germany write it ("1.234,56", "1234,5", "25000") → integer cents.
 * Thousands dots must sit every three digits; at most two decimals; a minus sign is refused.
 */
export function parseEuros(text: string): { cents: number } | { error: MessageKey } {
  const v = text.trim().replace(/\s*€$/, '').replace(/\s/g, '');
  if (/^[-−]/.test(v)) return { error: 'programmes.form.amountNegative' };
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(v);
  if (!m) return { error: 'programmes.form.amountInvalid' };
  const euros = Number(m[1]!.replace(/\./g, ''));
  const cents = euros * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return { error: 'programmes.form.amountTooLarge' };
  return { cents };
}

/** formatEuros: integer cents in the German way for the form ("1.234,56"; whole euros without decimals). */
export function formatEuros(cents: number | null): string {
  if (cents === null) return '';
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return rest ? `${grouped},${String(rest).padStart(2, '0')}` : grouped;
}

/** parseDay: "31.03.2027" or "2027-03-31" → "2027-03-31" (a real calendar date), else undefined. */
export function parseDay(text: string): string | undefined {
  const v = text.trim();
  const dt = /^\d{4}-\d{2}-\d{2}$/.test(v) ? DateTime.fromISO(v) : /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v) ? DateTime.fromFormat(v, 'd.M.yyyy') : undefined;
  return dt?.isValid ? dt.toISODate()! : undefined;
}

export interface ProgrammeInput {
  name: string;
  funder: string;
  level: ProgrammeLevel;
  description: string | null;
  amount_min_cents: number | null;
  amount_max_cents: number | null;
  rate_percent: number | null;
  own_share: string | null;
  link: string | null;
  office_contact_id: number | null;
  contact_text: string | null;
  status: 'open' | 'closed';
  rolling: boolean;
  last_checked: string | null;
  fields: number[];
  targets: number[];
  applicants: ProgrammeApplicant[];
  deadlines: { due_on: string; note: string | null }[];
}

/** What the form shows: the texts as typed, and the ticked boxes. */
export interface ProgrammeFormValues {
  text: Record<string, string>;
  fields: number[];
  targets: number[];
  applicants: string[];
}


const textSchema = z.object({
  name: requiredText(200),
  funder: requiredText(200),
  level: z.enum(LEVELS as [ProgrammeLevel, ...ProgrammeLevel[]], { error: 'field.choose' }),
  description: optionalText(10000),
  own_share: optionalText(500),
  link: optionalText(500).refine((v) => v === null || isHttpUrl(v), 'programmes.form.linkInvalid'),
  contact_text: optionalText(300),
  status: z.enum(['open', 'closed'], { error: 'field.choose' }),
});

function isHttpUrl(v: string): boolean {
  try {
    const url = new URL(v);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const one = (v: unknown): string => (Array.isArray(v) ? one(v[v.length - 1]) : typeof v === 'string' ? v : '');
const many = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
const ids = (v: unknown): number[] => [...new Set(many(v).filter((x) => /^[1-9][0-9]{0,8}$/.test(x)).map(Number))];

const TEXT_FIELDS = ['name', 'funder', 'level', 'description', 'amount_min', 'amount_max', 'rate_percent', 'own_share', 'link', 'office_contact_id', 'contact_text', 'status', 'rolling', 'last_checked', 'deadlines'];

/** formValues: the posted form as the page shows it again. */
export function programmeFormValues(body: Record<string, unknown>): ProgrammeFormValues {
  const text: Record<string, string> = {};
  for (const k of TEXT_FIELDS) text[k] = one(body[k]);
  return { text, fields: ids(body.fields), targets: ids(body.targets), applicants: many(body.applicants) };
}

/**
 * parseProgrammeForm: the posted form checked against every rule; the known ids are the fields of action,
 * target groups and contact persons the form may name (forms can be forged).
 */
export function parseProgrammeForm(
  body: Record<string, unknown>,
  known: { fields: number[]; targets: number[]; contacts: number[] },
): { input: ProgrammeInput } | { errors: FieldErrors; values: ProgrammeFormValues } {
  const values = programmeFormValues(body);
  const v = values.text;
  const errors: FieldErrors = {};
  const parsed = textSchema.safeParse(v);
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error));
  const amount = (field: 'amount_min' | 'amount_max'): number | null => {
    if (!v[field]!.trim()) return null;
    const r = parseEuros(v[field]!);
    if ('error' in r) {
      errors[field] = r.error;
      return null;
    }
    return r.cents;
  };
  const min = amount('amount_min');
  const max = amount('amount_max');
  if (min !== null && max !== null && min > max) errors.amount_max = 'programmes.form.amountOrder';
  let rate: number | null = null;
  if (v.rate_percent!.trim()) {
    if (!/^\d{1,3}$/.test(v.rate_percent!.trim()) || Number(v.rate_percent) > 100) errors.rate_percent = 'programmes.form.rateInvalid';
    else rate = Number(v.rate_percent);
  }
  let lastChecked: string | null = null;
  if (v.last_checked!.trim()) {
    lastChecked = parseDay(v.last_checked!) ?? null;
    if (!lastChecked) errors.last_checked = 'programmes.form.dayInvalid';
  }
  const deadlines: ProgrammeInput['deadlines'] = [];
  for (const line of v.deadlines!.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const [first, ...rest] = line.split(/\s+/);
    const day = parseDay(first!);
    if (!day) {
      errors.deadlines = 'programmes.form.deadlineInvalid';
      break;
    }
    const note = rest.join(' ').replace(/^[-–:]\s*/, '').trim();
    if (note.length > 200) {
      errors.deadlines = 'field.tooLong';
      break;
    }
    deadlines.push({ due_on: day, note: note || null });
  }
  if (deadlines.length > 50) errors.deadlines = 'programmes.form.tooManyDeadlines';
  let contact: number | null = null;
  if (v.office_contact_id) {
    contact = /^[1-9][0-9]{0,8}$/.test(v.office_contact_id) ? Number(v.office_contact_id) : 0;
    if (!known.contacts.includes(contact)) errors.office_contact_id = 'field.choose';
  }
  if (values.fields.some((id) => !known.fields.includes(id))) errors.fields = 'field.choose';
  if (values.targets.some((id) => !known.targets.includes(id))) errors.targets = 'field.choose';
  if (values.applicants.some((a) => !APPLICANTS.includes(a as ProgrammeApplicant))) errors.applicants = 'field.choose';
  if (Object.keys(errors).length || !parsed.success) return { errors, values };
  const rolling = v.rolling === 'on';
  if (!rolling && deadlines.length === 0 && parsed.data.status === 'open') return { errors: { deadlines: 'programmes.form.deadlineOrRolling' }, values };
  deadlines.sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : 0));
  return {
    input: {
      ...parsed.data,
      amount_min_cents: min,
      amount_max_cents: max,
      rate_percent: rate,
      office_contact_id: contact,
      rolling,
      last_checked: lastChecked,
      fields: values.fields,
      targets: values.targets,
      applicants: [...new Set(values.applicants)] as ProgrammeApplicant[],
      deadlines,
    },
  };
}
