import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types of the hub: one Database interface, snake_case columns.
 *
 * Two conventions make the same queries run on SQLite and PostgreSQL (see ./dialect.ts):
 * - Instant: a point in time as an ISO-8601 UTC string ("2026-11-25T17:30:00.000Z"). SQLite stores the
 *   text (which sorts correctly), PostgreSQL a timestamptz that the pool reads back as the same string.
 * - Flag: a boolean as 0 | 1. SQLite has no boolean type; PostgreSQL's boolean is read back as 0 | 1.
 */
export type Instant = string;
export type Flag = 0 | 1;

export type Role = 'admin' | 'secretariat' | 'member';
export type TokenPurpose = 'reset' | 'invite' | 'setup';
export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface CitiesTable {
  id: Generated<number>;
  name: string;
  short_name: string;
  kind: 'city' | 'district';
  position: number;
}

export interface FieldsOfActionTable {
  id: Generated<number>;
  name: string;
  position: number;
}

export interface OrganisationKindsTable {
  key: string;
  label_de: string;
  label_en: string;
  position: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface PersonsTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  /** Lower-cased, trimmed e-mail: the unique key, so that Anna@X.de and anna@x.de are one person. */
  email_normalized: string | null;
  phone: string | null;
  job_function: string | null;
  city_id: number | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface UsersTable {
  id: Generated<number>;
  person_id: number;
  /** Null until the invited person has chosen a password. */
  password_hash: string | null;
  role: Role;
  active: Flag;
  created_at: Instant;
  last_login_at: Instant | null;
}

export interface SessionsTable {
  id: string;
  secret_hash: string;
  user_id: number;
  created_at: Instant;
  last_verified_at: Instant;
}

export interface AuthTokensTable {
  id: string;
  secret_hash: string;
  user_id: number | null;
  purpose: TokenPurpose;
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

export interface ThrottleTable {
  key: string;
  window_started_at: Instant;
  hits: number;
}

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body_text: string;
  /** JSON array of { filename, contentType, content } with text content (e.g. an .ics file). */
  attachments_json: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Instant;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: Instant | null;
  created_at: Instant;
  sent_at: Instant | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Instant;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface Database {
  cities: CitiesTable;
  fields_of_action: FieldsOfActionTable;
  organisation_kinds: OrganisationKindsTable;
  settings: SettingsTable;
  persons: PersonsTable;
  users: UsersTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  throttle: ThrottleTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
}

export type Person = Selectable<PersonsTable>;
export type NewPerson = Insertable<PersonsTable>;
export type PersonUpdate = Updateable<PersonsTable>;
export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type OutboxMail = Selectable<OutboxTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type City = Selectable<CitiesTable>;
// ColumnType is re-exported for later tables with different select/insert types.
export type { ColumnType };
