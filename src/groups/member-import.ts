import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { markPersonChanged } from '../calendar/stamps.js';
import type { SessionUser } from '../auth/sessions.js';
import { lockKey } from '../db/dialect.js';
import type { Database, Day, MembershipRole } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { readCsv, type Problem } from '../lib/csv-import.js';
import { foldText } from '../lib/fold.js';
import { findOrCreateOrganisation } from '../organisations/organisations.js';
import { currentOn } from './groups.js';
import { inviteInTransaction, type InvitationContext } from './invitations.js';
import { assertNoOverlap } from './memberships.js';

/**
 * CSV import of a group's members: parse → plan (what would happen to each row) → commit, the last only
 * after the person confirmed the preview, and only when no row has an error; all rows in one transaction.
 */
export const IMPORT_MAX_ROWS = 1000;

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

/** parseMemberCsv reads the rows and checks each one on its own (format, role, duplicates in the file). */
export function parseMemberCsv(text: string): ParseResult {
  const table = readCsv(text, COLUMNS, COLUMN_LABELS, ['name', 'email', 'organisation', 'role'], IMPORT_MAX_ROWS);
  if (!table.ok) return table;
  const seen = new Map<string, number>();
  const rows = table.records.map((record, i): ImportRow => {
    const cell = (k: keyof typeof COLUMNS) => table.column(record, k);
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

/**
 * planInvitations: a group manager's plan, in which nothing is looked up: every valid row becomes an
 * invitation (commitInvitations), so that the preview cannot tell which addresses the hub knows.
 */
export function planInvitations(rows: ImportRow[]): ImportRow[] {
  return rows.map((row) => (row.status === 'error' ? row : { ...row, status: 'new' }));
}

/** planImport (the staff's) looks every valid row up: a new person, an existing one, or already a current member. */
export async function planImport(db: Kysely<Database>, groupId: number, rows: ImportRow[], day: Day): Promise<ImportRow[]> {
  const emails = rows.filter((r) => r.status !== 'error').map((r) => normalizeEmail(r.email));
  const people = new Map<string, number>();
  const members = new Set<number>();
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    // Anonymisation clears the address, so an anonymised person cannot match; the condition says so outright.
    const found = await db.selectFrom('persons').select(['id', 'email_normalized']).where('email_normalized', 'in', chunk).where('anonymised_at', 'is', null).execute();
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
 * commitInvitations: a manager's import invites every row's address to the group, as the add form does
 * (invitations.ts), in one transaction. Returns how many were invited.
 */
export async function commitInvitations(db: Kysely<Database>, actor: SessionUser, group: { id: number; name: string }, rows: ImportRow[], day: Day, ctx: InvitationContext): Promise<number> {
  if (rows.some((r) => r.status === 'error')) throw new Error('import has errors');
  return db.transaction().execute(async (trx) => {
    for (const row of rows) await inviteInTransaction(trx, actor, group, { email: row.email, name: row.name, role: row.role!, organisation: row.organisation || undefined, starts_on: day }, ctx);
    return rows.length;
  });
}

/**
 * commitImport (the staff's import) adds the planned members in one transaction: new people are created (without an
 * account), existing people get a membership; current members are skipped. Returns how many were added.
 */
export async function commitImport(db: Kysely<Database>, actor: SessionUser, groupId: number, rows: ImportRow[], day: Day, now: Date): Promise<number> {
  if (rows.some((r) => r.status === 'error')) throw new Error('import has errors');
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (const row of rows) {
      if (row.status === 'member') continue;
      const organisationId = await findOrCreateOrganisation(trx, row.organisation, now, { reviewedOnly: true });
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
      await markPersonChanged(trx, personId, now);
      await audit(trx, { actorUserId: actor.id, action: 'membership.create', entityType: 'membership', entityId: membership.id, after: { group_id: groupId, person_id: personId, role: row.role, source: 'import' } }, now);
      added += 1;
    }
    return added;
  });
}
