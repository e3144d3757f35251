import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import { lockKey } from '../db/dialect.js';
import type { Database, Day, MembershipRole } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import type { MessageKey } from '../i18n/index.js';
import { foldText } from '../lib/fold.js';
import { findOrCreateOrganisation } from '../organisations/organisations.js';
import { currentOn } from './groups.js';
import { assertNoOverlap } from './memberships.js';

/**
 * CSV import of a group's members: parse → plan (what would happen to each row) → commit, the last only
 * after the person confirmed the preview, and only when no row has an error; all rows in one transaction.
 */
export const IMPORT_MAX_ROWS = 1000;
export const IMPORT_MAX_BYTES = 1_000_000;

export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ImportRow {
  line: number;
  name: string;
  email: string;
  organisation: string;
  roleText: string;
  role: MembershipRole | null;
  status: 'new' | 'existing' | 'member' | 'error';
  problem?: Problem;
  personId?: number;
}

export type ParseResult = { ok: true; rows: ImportRow[] } | { ok: false; problem: Problem };

// Column names people use, folded (see lib/fold.ts).
const COLUMNS: Record<'name' | 'email' | 'organisation' | 'role', string[]> = {
  name: ['name', 'vollstaendiger name', 'full name'],
  email: ['e-mail', 'email', 'mail', 'e-mail-adresse', 'e-mail adresse', 'emailadresse'],
  organisation: ['organisation', 'organization', 'institution', 'verein', 'traeger'],
  role: ['rolle', 'role'],
};
const COLUMN_LABELS = { name: 'Name', email: 'E-Mail', organisation: 'Organisation', role: 'Rolle' };

const ROLES: Record<string, MembershipRole> = {
  '': 'member',
  mitglied: 'member',
  member: 'member',
  vorsitz: 'chair',
  vorsitzende: 'chair',
  vorsitzender: 'chair',
  chair: 'chair',
  stellvertretung: 'deputy',
  'stellv. vorsitz': 'deputy',
  deputy: 'deputy',
  koordination: 'organiser',
  organisation: 'organiser',
  organisator: 'organiser',
  organisatorin: 'organiser',
  organiser: 'organiser',
  gast: 'guest',
  guest: 'guest',
};

/** decodeCsv: the file's text, refusing anything that is not UTF-8 (Excel's "CSV UTF-8" is). */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: Problem } {
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, problem: { key: 'import.tooLarge' } };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, problem: { key: 'import.encoding' } };
  }
}

/** parseMemberCsv reads the rows and checks each one on its own (format, role, duplicates in the file). */
export function parseMemberCsv(text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.includes('\u0000')) return { ok: false, problem: { key: 'import.encoding' } };
  const headerLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', ',', '\t'].reduce((best, d) => (headerLine.split(d).length > headerLine.split(best).length ? d : best), ';');
  let records: string[][];
  try {
    records = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    return { ok: false, problem: { key: 'import.parse', params: { line: (err as { lines?: number }).lines ?? 1 } } };
  }
  const header = (records[0] ?? []).map((h) => foldText(h));
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, names]) => [key, header.findIndex((h) => names.includes(h))]),
  ) as Record<keyof typeof COLUMNS, number>;
  const missing = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((k) => index[k] < 0);
  if (missing.length) return { ok: false, problem: { key: 'import.columns', params: { columns: missing.map((k) => COLUMN_LABELS[k]).join(', ') } } };
  const data = records.slice(1);
  if (data.length === 0) return { ok: false, problem: { key: 'import.empty' } };
  if (data.length > IMPORT_MAX_ROWS) return { ok: false, problem: { key: 'import.tooManyRows', params: { rows: data.length, max: IMPORT_MAX_ROWS } } };

  const seen = new Map<string, number>();
  const rows = data.map((record, i): ImportRow => {
    const cell = (k: keyof typeof COLUMNS) => (record[index[k]] ?? '').trim();
    const row: ImportRow = { line: i + 2, name: cell('name'), email: cell('email'), organisation: cell('organisation'), roleText: cell('role'), role: null, status: 'new' };
    row.role = ROLES[foldText(row.roleText)] ?? null;
    const fail = (problem: Problem): ImportRow => ({ ...row, status: 'error', problem });
    if (!row.name) return fail({ key: 'import.row.name' });
    if (row.name.length > 200) return fail({ key: 'import.row.nameLong' });
    if (row.organisation.length > 300) return fail({ key: 'import.row.organisationLong' });
    if (!z.email().safeParse(row.email).success || row.email.length > 320) return fail({ key: 'import.row.email' });
    if (!row.role) return fail({ key: 'import.row.role', params: { role: row.roleText } });
    const key = normalizeEmail(row.email);
    const earlier = seen.get(key);
    if (earlier) return fail({ key: 'import.row.duplicate', params: { line: earlier } });
    seen.set(key, row.line);
    return row;
  });
  return { ok: true, rows };
}

/** planImport looks every valid row up: a new person, an existing one, or already a current member. */
export async function planImport(db: Kysely<Database>, groupId: number, rows: ImportRow[], day: Day): Promise<ImportRow[]> {
  const emails = rows.filter((r) => r.status !== 'error').map((r) => normalizeEmail(r.email));
  const people = new Map<string, number>();
  const members = new Set<number>();
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    const found = await db.selectFrom('persons').select(['id', 'email_normalized']).where('email_normalized', 'in', chunk).execute();
    for (const p of found) people.set(p.email_normalized!, p.id);
    const ids = found.map((p) => p.id);
    if (ids.length) {
      const current = await db.selectFrom('memberships').select('person_id').where('group_id', '=', groupId).where('person_id', 'in', ids).where(currentOn(day)).execute();
      for (const m of current) members.add(m.person_id);
    }
  }
  return rows.map((row) => {
    if (row.status === 'error') return row;
    const personId = people.get(normalizeEmail(row.email));
    if (personId === undefined) return { ...row, status: 'new' };
    return { ...row, personId, status: members.has(personId) ? 'member' : 'existing' };
  });
}

/**
 * commitImport adds the planned members in one transaction: new people are created (without an
 * account), existing people get a membership; current members are skipped. Returns how many were added.
 */
export async function commitImport(db: Kysely<Database>, actor: SessionUser, groupId: number, rows: ImportRow[], day: Day, now: Date): Promise<number> {
  if (rows.some((r) => r.status === 'error')) throw new Error('import has errors');
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (const row of rows) {
      if (row.status === 'member') continue;
      const organisationId = await findOrCreateOrganisation(trx, row.organisation, now);
      let personId = row.personId;
      if (personId === undefined) {
        const person = await trx
          .insertInto('persons')
          .values({ name: row.name, name_folded: foldText(row.name), email: row.email, email_normalized: normalizeEmail(row.email), organisation_id: organisationId, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        personId = person.id;
        await audit(trx, { actorUserId: actor.id, action: 'person.create', entityType: 'person', entityId: personId, after: { name: row.name, email: row.email, source: 'import' } }, now);
      }
      await lockKey(trx, `membership:${groupId}:${personId}`);
      await assertNoOverlap(trx, groupId, { personId, starts_on: day });
      const membership = await trx
        .insertInto('memberships')
        .values({ group_id: groupId, person_id: personId, role: row.role!, organisation_id: organisationId, starts_on: day, ends_on: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, { actorUserId: actor.id, action: 'membership.create', entityType: 'membership', entityId: membership.id, after: { group_id: groupId, person_id: personId, role: row.role, source: 'import' } }, now);
      added += 1;
    }
    return added;
  });
}
