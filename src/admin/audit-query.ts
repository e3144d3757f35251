import type { AuditFilters } from '../audit/audit.js';
import type { FieldErrors } from '../http/forms.js';
import { pageParam } from '../http/pagination.js';
import { CONTROL_CHARACTERS } from '../http/schemas.js';
import { addDays, startOfDay } from '../lib/berlin-time.js';
import { isDay } from '../lib/days.js';

/** The query parameters of /admin/audit, in the order links write them. */
export const AUDIT_PARAMS = ['actor', 'action', 'entity_type', 'entity_id', 'from', 'to'] as const;
export type AuditParam = (typeof AUDIT_PARAMS)[number];

export interface AuditQuery {
  filters: AuditFilters;
  /** What was asked for, as typed (cut to a sane length), to fill the form again. */
  values: Partial<Record<AuditParam, string>>;
  errors: FieldErrors;
  page: number;
}

// Actions and record types are codes like "person.consent_granted"; anything else cannot be in the log.
const CODE = /^[a-z0-9_.-]{1,100}$/i;
const USER_ID = /^[1-9][0-9]{0,8}$/;

/**
 * parseAuditQuery reads the filters of the audit page. Every value arrives from a URL anyone can edit:
 * a malformed one becomes a German field message (the page answers 422), never an exception; the page
 * number falls back to 1.
 */
export function parseAuditQuery(query: (name: string) => string | undefined): AuditQuery {
  const values: AuditQuery['values'] = {};
  for (const name of AUDIT_PARAMS) {
    const v = query(name)?.trim();
    if (v) values[name] = v.slice(0, 200);
  }
  const errors: FieldErrors = {};
  const filters: AuditFilters = {};

  if (values.actor === 'system') filters.actor = 'system';
  else if (values.actor !== undefined) {
    if (USER_ID.test(values.actor)) filters.actor = Number(values.actor);
    else errors.actor = 'field.choose';
  }
  for (const [param, key] of [['action', 'action'], ['entity_type', 'entityType']] as const) {
    const v = values[param];
    if (v === undefined) continue;
    if (CODE.test(v)) filters[key] = v;
    else errors[param] = 'field.choose';
  }
  if (values.entity_id !== undefined) {
    if (values.entity_id.length > 100) errors.entity_id = 'field.tooLong';
    else if (CONTROL_CHARACTERS.test(values.entity_id)) errors.entity_id = 'field.controlCharacters';
    // Without its type an id means nothing (person 7 and meeting 7), and only the pair is indexed.
    else if (values.entity_type === undefined) errors.entity_id = 'audit.filter.typeNeeded';
    else filters.entityId = values.entity_id;
  }
  for (const param of ['from', 'to'] as const) {
    const v = values[param];
    if (v !== undefined && !isDay(v)) errors[param] = 'field.date';
  }
  if (values.from && values.to && !errors.from && !errors.to && values.from > values.to) errors.to = 'audit.filter.range';
  // Days are Berlin calendar days: from its first instant up to the first instant after "to".
  if (values.from && !errors.from) filters.from = startOfDay(values.from);
  if (values.to && !errors.to && !errors.from) filters.to = startOfDay(addDays(values.to, 1));

  return { filters, values, errors, page: pageParam(query('page')) };
}

/** auditHref: the audit page with these filter values (and page, when not the first). */
export function auditHref(values: Partial<Record<AuditParam, string>>, page = 1): string {
  const params = new URLSearchParams();
  for (const name of AUDIT_PARAMS) if (values[name]) params.set(name, values[name]!);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/admin/audit?${qs}` : '/admin/audit';
}
