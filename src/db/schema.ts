import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types of the hub: one Database interface, snake_case columns.
 *
 * Two conventions make the same queries run on SQLite and PostgreSQL (see ./dialect.ts):
 * - Instant: a point in time as an ISO-8601 UTC string ("2026-11-25T17:30:00.000Z"). SQLite stores the
 *   text (which sorts correctly), PostgreSQL a timestamptz that the pool reads back as the same string.
 * - Day: a calendar date as "YYYY-MM-DD" text (PostgreSQL: a date, read back as the same text).
 * - Flag: a boolean as 0 | 1. SQLite has no boolean type; PostgreSQL's boolean is read back as 0 | 1.
 */
export type Instant = string;
/** A calendar day without time, "2026-11-25" (membership from/until). */
export type Day = string;
export type Flag = 0 | 1;

export type Role = 'admin' | 'secretariat' | 'member';
/** email_new / email_old: the links confirming a change of the login address (src/people/email-change.ts). */
export type TokenPurpose = 'reset' | 'invite' | 'setup' | 'email_new' | 'email_old';
export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface CitiesTable {
  id: Generated<number>;
  name: string;
  short_name: string;
  kind: 'city' | 'district';
  position: number;
  // City pages (migration 0028, src/cities/).
  /** The page's address: /cities/<slug>; unique, lowercase a-z0-9-. */
  slug: string;
  /** Amtlicher Gemeindeschlüssel, exactly 8 digits, unique; null for rows of another district not yet filled in. */
  ags: string | null;
  /** The body that represents migrants in the city council; null: none. */
  council_body: CouncilBody | null;
  /** A retired city is gone from lists and pages; its records moved to a replacement (or never had any). */
  retired: Generated<Flag>;
  council_last_election: Day | null;
  council_next_election: Day | null;
  /** The chair's name, shown publicly (staff enter it only where it is public). */
  council_chair: string | null;
  /** A public contact (office, phone, e-mail) of the council body. */
  council_contact: string | null;
  /** The city's council information system (http/https only). */
  council_url: string | null;
}

export type CouncilBody = 'integrationsrat' | 'integrationsausschuss';

export interface FieldsOfActionTable {
  id: Generated<number>;
  /** The German name (canonical); the other languages' names are in reference_names. */
  name: string;
  position: number;
  /** Set: no longer offered for new choices; records that use it keep it (migration 0027). */
  retired_at: Instant | null;
}

export interface OrganisationKindsTable {
  key: string;
  /** The German name (canonical); the other languages' names are in reference_names. */
  label_de: string;
  position: number;
  retired_at: Instant | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export type OrganisationStatus = 'unlisted' | 'pending' | 'published' | 'rejected' | 'archived';
export type GroupKind = 'internal' | 'external';
export type MembershipRole = 'chair' | 'deputy' | 'organiser' | 'member' | 'guest';

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  /** foldText(name): how people and imports find an organisation by what they type. */
  name_normalized: string;
  kind: string;
  city_id: number | null;
  /**
   * unlisted: known to the hub (e.g. an employer of a member) but not in the public directory and not
   * awaiting review; pending → published | rejected: the directory's review; archived: gone.
   */
  status: OrganisationStatus;
  created_at: Instant;
  updated_at: Instant;
  street: string | null;
  postal_code: string | null;
  /** The town as written in the address (city_id is the district city it belongs to). */
  place: string | null;
  opening_hours: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** What the organisation offers (German), searched and shown. */
  offers: Generated<string>;
  /** When the organisation agreed to be published, and who submitted it. */
  consent_at: Instant | null;
  submitter_name: string | null;
  submitter_email: string | null;
  rejection_reason: string | null;
  reviewed_at: Instant | null;
  reviewed_by_user_id: number | null;
  last_confirmed_at: Instant | null;
  confirmation_sent_at: Instant | null;
  /** Folded name and text for full-text search (lib/fold.ts); written by the directory module only. */
  search_name: Generated<string>;
  search_body: Generated<string>;
  /** The folded offers alone: they rank between name and description (migration 0038). */
  search_offers: Generated<string>;
}

/** Groups of words the staff declared equivalent for search ("Sprachkurs ~ Deutschkurs"), migration 0038. */
export interface SearchSynonymsTable {
  id: Generated<number>;
  words: string;
  updated_at: Instant;
}

export interface OrganisationDescriptionsTable {
  organisation_id: number;
  /** ISO 639-1 code; German ("de") is always present for a published entry. */
  language: string;
  description: string;
}

export interface OrganisationLanguagesTable {
  organisation_id: number;
  language: string;
}

export interface OrganisationFieldsTable {
  organisation_id: number;
  field_id: number;
}

export interface OrganisationCitiesTable {
  organisation_id: number;
  city_id: number;
}

export interface TargetGroupsTable {
  id: Generated<number>;
  /** The German name (canonical); the other languages' names are in reference_names. */
  name: string;
  position: number;
  retired_at: Instant | null;
}

export interface OrganisationTargetGroupsTable {
  organisation_id: number;
  target_group_id: number;
}

export interface OrganisationChangesTable {
  id: Generated<number>;
  organisation_id: number;
  proposed_json: string;
  base_fingerprint: string;
  proposed_by_user_id: number | null;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  created_at: Instant;
  decided_at: Instant | null;
  decided_by_user_id: number | null;
}

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  slug: string;
  kind: GroupKind;
  description: string;
  colour: string;
  dates_public: Flag;
  archived_at: Instant | null;
  /** Raised with every change to anything the group's calendar shows: its meetings and their agendas. */
  calendar_version: Generated<number>;
  /** When calendar_version was last raised (the feeds' Last-Modified). */
  calendar_stamp: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface MembershipsTable {
  id: Generated<number>;
  group_id: number;
  person_id: number;
  role: MembershipRole;
  organisation_id: number | null;
  /** First and last day of membership, both inclusive; ends_on null while it lasts. */
  starts_on: Day;
  ends_on: Day | null;
  created_at: Instant;
  updated_at: Instant;
  /**
   * Whether the group sees this member's e-mail, phone and function: 1 when the staff added them, they
   * accepted an invitation, or the manager who added them could already see them; 0 for memberships
   * managers created without asking before migration 0013 (src/groups/access.ts).
   */
  contact_shared: Generated<Flag>;
  /**
   * When the staff or the organisation's contact (its yearly confirmation link) confirmed that the member represents organisation_id (a published directory entry);
   * only a confirmed representation lets them edit that entry. Null: the organisation is display text.
   * Who confirmed it is in the audit log.
   */
  representation_confirmed_at: Instant | null;
}

/**
 * An invitation by a group manager to join the group, mailed to the address they typed. It names no
 * person: who owns the address is decided only when the link is used (so a manager learns nothing about
 * the hub's people), and nothing of the stored person shows before then.
 */
export interface MembershipInvitationsTable {
  id: string;
  secret_hash: string;
  group_id: number;
  email: string;
  email_normalized: string;
  /** The name the manager typed (shown in their list until the person accepts). */
  name: string;
  role: MembershipRole;
  organisation: string | null;
  starts_on: Day;
  ends_on: Day | null;
  created_at: Instant;
  expires_at: Instant;
}

export interface PersonsTable {
  id: Generated<number>;
  name: string;
  /** foldText(name): what name searches compare against (see lib/fold.ts). */
  name_folded: string;
  email: string | null;
  /** Lower-cased, trimmed e-mail: the unique key, so that Anna@X.de and anna@x.de are one person. */
  email_normalized: string | null;
  phone: string | null;
  job_function: string | null;
  organisation_id: number | null;
  city_id: number | null;
  /** When the person agreed to be shown as a contact of their organisation in the public directory. */
  contact_consent_at: Instant | null;
  /** How that consent was given (null without consent); see src/directory/contacts.ts. */
  contact_consent_method: ColumnType<ConsentMethod | null, ConsentMethod | null | undefined, ConsentMethod | null>;
  /** Raised with every change to what only the person's own feed shows: their replies and memberships. */
  calendar_version: Generated<number>;
  /** When calendar_version was last raised (the feeds' Last-Modified). */
  calendar_stamp: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  /** When the person was anonymised after leaving (src/privacy/anonymise.ts); irreversible, null before. */
  anonymised_at: Instant | null;
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
  /** Links of an address change (email_new, email_old): the new address they confirm; null otherwise. */
  new_email: string | null;
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
  /** The Reply-To of this one mail (a contact form message: its sender); null: the office's (src/mail/sender.ts). */
  reply_to_address: string | null;
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

export interface DirectoryConfirmationsTable {
  id: string;
  secret_hash: string;
  organisation_id: number;
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

export type MeetingStatus = 'planned' | 'invited' | 'held' | 'cancelled';

export interface MeetingsTable {
  id: Generated<number>;
  group_id: number;
  title: string;
  starts_at: Instant;
  ends_at: Instant;
  location: string | null;
  room: string | null;
  online_url: string | null;
  status: MeetingStatus;
  cancel_reason: string | null;
  /** When it was cancelled: feeds keep a cancelled meeting for 30 days from then. */
  cancelled_at: Instant | null;
  /** Raised on every change that matters to a calendar; the feeds' SEQUENCE. */
  sequence: Generated<number>;
  invitation_sent_at: Instant | null;
  notified_sequence: Generated<number>;
  /** Up to when the invited were told about documents added after the invitation. */
  documents_notified_at: Instant | null;
  /** The organiser's personal note in the invitation, and the day replies are asked for by. */
  invitation_note: string | null;
  reply_by: Day | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface AgendaItemsTable {
  id: Generated<number>;
  meeting_id: number;
  /** 1, 2, 3 … in order: "TOP 1" is position 1. */
  position: number;
  title: string;
  description: Generated<string>;
  presenter: string | null;
  planned_minutes: number | null;
  created_at: Instant;
  updated_at: Instant;
}

export type RsvpAnswer = 'accepted' | 'declined' | 'tentative';

export interface RsvpsTable {
  meeting_id: number;
  person_id: number;
  invited_at: Instant;
  answer: RsvpAnswer | null;
  comment: string | null;
  substitute: string | null;
  answered_at: Instant | null;
  link_id: string;
  link_secret_hash: string;
  /** When the last reminder went out; its reply link is a second one of the same invitation. */
  reminded_at: Instant | null;
  reminder_link_id: string | null;
  reminder_secret_hash: string | null;
  /** For a substitute: the member they stand in for (src/meetings/substitutes.ts). */
  substitute_for_person_id: number | null;
}

export type AttendanceStatus = 'present' | 'excused' | 'absent';

export interface AttendanceTable {
  meeting_id: number;
  person_id: number;
  status: AttendanceStatus;
  recorded_at: Instant;
}

export interface MeetingGuestsTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  organisation: string | null;
  created_at: Instant;
}

export interface FilesTable {
  id: Generated<number>;
  meeting_id: number | null;
  agenda_item_id: number | null;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by_user_id: number | null;
  created_at: Instant;
}

export type MinutesStatus = 'draft' | 'circulated' | 'approved';

export interface MinutesTable {
  id: Generated<number>;
  meeting_id: number;
  status: MinutesStatus;
  /** Raised on every save: a save naming an older version is a conflict, never a silent overwrite. */
  version: Generated<number>;
  minute_taker: string | null;
  circulated_at: Instant | null;
  /** The day by which members' comments are due, named when the minutes go out. */
  comments_due_on: Day | null;
  approved_at: Instant | null;
  approved_in_meeting_id: number | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface MinuteNotesTable {
  minutes_id: number;
  agenda_item_id: number;
  /** Markdown (src/minutes/markdown.ts), rendered from its tree with JSX; never HTML. */
  notes: string;
}

export interface DecisionsTable {
  id: Generated<number>;
  minutes_id: number;
  agenda_item_id: number;
  position: number;
  text: string;
  votes_yes: number | null;
  votes_no: number | null;
  votes_abstain: number | null;
  /** Decision number (migration 0016): year of the meeting and number in the group's year, given at approval; null before. */
  number_year: number | null;
  number: number | null;
}

export interface ActionItemsTable {
  id: Generated<number>;
  minutes_id: number;
  agenda_item_id: number | null;
  group_id: number;
  description: string;
  responsible_person_id: number | null;
  responsible_organisation: string | null;
  /** The organisation folded (src/lib/fold.ts), for the /actions filter (migration 0039). */
  responsible_organisation_folded: string | null;
  due_on: Day | null;
  status: 'open' | 'done';
  done_note: string | null;
  done_at: Instant | null;
  done_by_user_id: number | null;
  /** When the due-date reminder was mailed (once per item). */
  reminded_at: Instant | null;
  created_at: Instant;
}

export interface MinutesVersionsTable {
  id: Generated<number>;
  minutes_id: number;
  /** The kept version's own number, 1, 2, 3 … per minutes (since 0016; not the editing counter). */
  version: number;
  status: string;
  snapshot_json: string;
  reason: string | null;
  created_by_user_id: number | null;
  created_at: Instant;
}

export interface MinuteCommentsTable {
  id: Generated<number>;
  minutes_id: number;
  agenda_item_id: number;
  person_id: number | null;
  body: string;
  created_at: Instant;
  /** What became of the comment, as the minute-taker says; null while open. */
  resolution: CommentResolution | null;
  /** Why it was not taken (required then), or a word on how it was worked in. */
  resolution_note: string | null;
  resolved_at: Instant | null;
}

export type CommentResolution = 'worked_in' | 'not_taken';

export type FeedScope = 'person' | 'group';

/** Secret calendar feed URLs of an account: its own meetings, or one group's. */
export interface FeedTokensTable {
  id: Generated<number>;
  user_id: number;
  scope: FeedScope;
  /** The group of a group feed; null for a person's feed. */
  group_id: number | null;
  name: string;
  /** SHA-256 (hex) of the 256-bit token in the URL; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: Instant;
  rotated_at: Instant | null;
  last_used_on: Day | null;
}

export type ConsentMethod = 'written' | 'email' | 'verbal' | 'online';

/** The withdrawal link a consenting directory contact gets by mail; only the hash of its secret is kept. */
export interface ContactConsentLinksTable {
  id: string;
  secret_hash: string;
  person_id: number;
  created_at: Instant;
}

/** Texts the admin edits (privacy notice, imprint); no row means the built-in default is shown. */
export interface SiteTextsTable {
  key: string;
  body: string;
  updated_at: Instant;
  updated_by_user_id: number | null;
}

/**
 * What a meeting keeps of its attendance list after the retention period deleted the list itself
 * (src/privacy/retention.ts): numbers only.
 */
export interface MeetingAttendanceCountsTable {
  meeting_id: number;
  present: number;
  excused: number;
  absent: number;
  guests: number;
  purged_at: Instant;
}

/** A period a meeting series skips (school holidays, summer break); group_id null = the whole district. */
export interface BreaksTable {
  id: Generated<number>;
  group_id: number | null;
  name: string;
  starts_on: Day;
  ends_on: Day;
  created_at: Instant;
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
  organisations: OrganisationsTable;
  search_synonyms: SearchSynonymsTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  membership_invitations: MembershipInvitationsTable;
  organisation_descriptions: OrganisationDescriptionsTable;
  organisation_languages: OrganisationLanguagesTable;
  organisation_fields: OrganisationFieldsTable;
  organisation_cities: OrganisationCitiesTable;
  target_groups: TargetGroupsTable;
  organisation_target_groups: OrganisationTargetGroupsTable;
  organisation_changes: OrganisationChangesTable;
  directory_confirmations: DirectoryConfirmationsTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  rsvps: RsvpsTable;
  attendance: AttendanceTable;
  meeting_guests: MeetingGuestsTable;
  files: FilesTable;
  minutes: MinutesTable;
  minute_notes: MinuteNotesTable;
  decisions: DecisionsTable;
  action_items: ActionItemsTable;
  minutes_versions: MinutesVersionsTable;
  minute_comments: MinuteCommentsTable;
  feed_tokens: FeedTokensTable;
  contact_consent_links: ContactConsentLinksTable;
  site_texts: SiteTextsTable;
  meeting_attendance_counts: MeetingAttendanceCountsTable;
  breaks: BreaksTable;
  polls: PollsTable;
  poll_options: PollOptionsTable;
  poll_invitees: PollInviteesTable;
  poll_answers: PollAnswersTable;
  site_logo: SiteLogoTable;
  // Editable reference lists (migration 0027, src/reference/).
  reference_names: ReferenceNamesTable;
  languages: LanguagesTable;
  contact_topics: ContactTopicsTable;
  contact_persons: ContactPersonsTable;
  // Datensammlung Integration (migration 0032, src/statistics/).
  statistic_indicators: StatisticIndicatorsTable;
  statistic_values: StatisticValuesTable;
  statistic_value_changes: StatisticValueChangesTable;
  // The figures' change counter on PostgreSQL (migration 0034, src/statistics/figure-cache.ts).
  statistics_version: StatisticsVersionTable;
  /** Raised at the commit of every write to a table a calendar feed reads, on PostgreSQL (migration 0040). */
  feeds_version: StatisticsVersionTable;
  // Fields of action on groups, meetings and agenda items (migration 0033, src/reports/).
  group_fields: GroupFieldsTable;
  meeting_fields: MeetingFieldsTable;
  agenda_item_fields: AgendaItemFieldsTable;
  // Funding programmes (migration 0035, src/programmes/).
  programmes: ProgrammesTable;
  programme_fields: ProgrammeFieldsTable;
  programme_target_groups: ProgrammeTargetGroupsTable;
  programme_applicants: ProgrammeApplicantsTable;
  programme_deadlines: ProgrammeDeadlinesTable;
  // The office's projects with documents, deadlines and accounts (migration 0036, src/projects/).
  projects: ProjectsTable;
  project_programmes: ProjectProgrammesTable;
  project_partners: ProjectPartnersTable;
  project_cities: ProjectCitiesTable;
  project_fields: ProjectFieldsTable;
  project_files: ProjectFilesTable;
  project_deadlines: ProjectDeadlinesTable;
  project_budget_lines: ProjectBudgetLinesTable;
  project_expenses: ProjectExpensesTable;
  project_tranches: ProjectTranchesTable;
  // Advice requests on funding programmes (migration 0037, src/advice/).
  advice_requests: AdviceRequestsTable;
  advice_answers: AdviceAnswersTable;
  advice_request_tallies: AdviceRequestTalliesTable;
}

export type Person = Selectable<PersonsTable>;
export type NewPerson = Insertable<PersonsTable>;
export type PersonUpdate = Updateable<PersonsTable>;
export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type OutboxMail = Selectable<OutboxTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type City = Selectable<CitiesTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type Group = Selectable<GroupsTable>;
export type Membership = Selectable<MembershipsTable>;
// ColumnType is re-exported for later tables with different select/insert types.
export type { ColumnType };

// Date polls (migration 0025, src/polls/).
export type PollStatus = 'open' | 'fixed' | 'closed';
export type PollAnswer = 'yes' | 'maybe' | 'no';

export interface PollsTable {
  id: Generated<number>;
  group_id: number;
  title: string;
  location: string | null;
  note: string | null;
  status: PollStatus;
  fixed_meeting_id: number | null;
  created_by_user_id: number | null;
  created_at: Instant;
  closed_at: Instant | null;
}

export interface PollOptionsTable {
  id: Generated<number>;
  poll_id: number;
  starts_at: Instant;
  ends_at: Instant;
}

export interface PollInviteesTable {
  poll_id: number;
  person_id: number;
  link_id: string;
  link_secret_hash: string;
  invited_at: Instant;
}

export interface PollAnswersTable {
  poll_id: number;
  option_id: number;
  person_id: number;
  answer: PollAnswer;
  answered_at: Instant;
}

// The office's logo (migration 0026, src/settings/logo.ts): at most one row, id 1.
export interface SiteLogoTable {
  id: number;
  content_type: string;
  sha256: string;
  data: Buffer;
  updated_at: Instant;
}

// Editable reference lists (migration 0027, src/reference/).
export interface ReferenceNamesTable {
  /** 'fields' | 'kinds' | 'targets' | 'languages' */
  list: string;
  /** The entry's id (fields, targets), key (kinds) or code (languages), as text. */
  entry: string;
  /** An interface language other than German (German is the entry's own column). */
  locale: string;
  name: string;
}

export interface LanguagesTable {
  /** ISO 639-1 (two letters) or 639-3 (three letters); organisation_languages.language holds it. */
  code: string;
  /** The German name. */
  name: string;
  /** The language's name in itself ("Türkçe"). */
  endonym: string;
  position: number;
  retired_at: Instant | null;
}

/** The office's contact topics (/contact); the contact form writes to a topic's mailbox. */
export interface ContactTopicsTable {
  id: Generated<number>;
  key: string;
  title: string;
  email: string | null;
  position: number;
  created_at: Instant;
  updated_at: Instant;
}

/** The persons who answer for a contact topic (entered by the staff; shown on /contact). */
export interface ContactPersonsTable {
  id: Generated<number>;
  topic_id: number;
  job_function: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  tasks: string | null;
  position: number;
  created_at: Instant;
  updated_at: Instant;
}

// Datensammlung Integration (migration 0032, src/statistics/).
/** The special values of official statistics: nothing, secret or unknown, not sensible, not yet available. */
export type SpecialValue = '-' | '.' | 'x' | '…';

export interface StatisticIndicatorsTable {
  id: Generated<number>;
  /** Stable key used by imports and URLs (a-z0-9_). */
  key: string;
  name: string;
  name_en: string | null;
  unit: string;
  definition: string | null;
  source: string | null;
  /** A share is derived from numerator / denominator (both counts) and never stored. */
  kind: 'count' | 'share';
  numerator_id: number | null;
  denominator_id: number | null;
  /** Indicators with the same chart group form one chart of parts (the age structure). */
  chart_group: string | null;
  position: number;
  created_at: Instant;
  updated_at: Instant;
}

/** A count per city and reference date (31 December of year): a number or a special value, never both. */
export interface StatisticValuesTable {
  id: Generated<number>;
  indicator_id: number;
  city_id: number;
  year: number;
  value: number | null;
  special: SpecialValue | null;
  source: string | null;
  note: string | null;
  updated_at: Instant;
  updated_by_user_id: number | null;
}

/** Every change of a stored value: before, after, who, when, and how (import with file name, or manual). */
export interface StatisticValueChangesTable {
  id: Generated<number>;
  indicator_id: number;
  city_id: number;
  year: number;
  old_value: number | null;
  old_special: SpecialValue | null;
  new_value: number | null;
  new_special: SpecialValue | null;
  changed_at: Instant;
  changed_by_user_id: number | null;
  via: 'import' | 'manual';
  file_name: string | null;
}

// Fields of action on groups, meetings and agenda items for the yearly report (migration 0033, src/reports/).
export interface GroupFieldsTable {
  group_id: number;
  field_id: number;
}

export interface MeetingFieldsTable {
  meeting_id: number;
  field_id: number;
}

export interface AgendaItemFieldsTable {
  agenda_item_id: number;
  field_id: number;
}

/** One row (id 1): raised by a trigger on PostgreSQL whenever anything figureTable() reads changes. */
export interface StatisticsVersionTable {
  id: number;
  version: ColumnType<string | number, number, number>;
}

// Funding programmes (migration 0035, src/programmes/).
export type ProgrammeLevel = 'eu' | 'bund' | 'land' | 'kreis' | 'stiftung';
export type ProgrammeApplicant = 'associations' | 'migrant_organisations' | 'cities' | 'schools' | 'others';

export interface ProgrammesTable {
  id: Generated<number>;
  name: string;
  funder: string;
  level: ProgrammeLevel;
  description: string | null;
  amount_min_cents: number | null;
  amount_max_cents: number | null;
  rate_percent: number | null;
  own_share: string | null;
  link: string | null;
  /** One of the office's contact persons (src/contact/), or null (then contact_text, if any). */
  office_contact_id: number | null;
  contact_text: string | null;
  status: 'open' | 'closed';
  /** Applications at any time ("laufend"), besides or instead of deadlines. */
  rolling: Flag;
  last_checked: Day | null;
  archived_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface ProgrammeFieldsTable {
  programme_id: number;
  field_id: number;
}

export interface ProgrammeTargetGroupsTable {
  programme_id: number;
  target_group_id: number;
}

export interface ProgrammeApplicantsTable {
  programme_id: number;
  applicant: ProgrammeApplicant;
}

export interface ProgrammeDeadlinesTable {
  id: Generated<number>;
  programme_id: number;
  due_on: Day;
  note: string | null;
  /** Raised with every change the deadlines feed shows (SEQUENCE); the UID follows the id. */
  sequence: Generated<number>;
  updated_at: Instant | null;
  /** Dropped from the programme: kept as a cancelled event in the feed for 30 days. */
  cancelled_at: Instant | null;
}

// The office's projects (migration 0036, src/projects/). Money is integer cents.
export type ProjectStatus = 'planned' | 'running' | 'finished' | 'settled';
export type ProjectFileKind = 'grant_notice' | 'report' | 'other' | 'receipt';
export type ProjectDeadlineKind = 'milestone' | 'interim_report' | 'final_report';
export type BudgetCategory = 'staff' | 'material' | 'fees' | 'travel' | 'other';

export interface ProjectsTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  description: string | null;
  /** The funder's reference number (Aktenzeichen, Förderkennzeichen). */
  reference_no: string | null;
  starts_on: Day | null;
  ends_on: Day | null;
  status: Generated<ProjectStatus>;
  /** The staff member responsible: their feed has the deadlines, their mailbox the reminders. */
  responsible_user_id: number | null;
  archived_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface ProjectProgrammesTable {
  project_id: number;
  programme_id: number;
}

export interface ProjectPartnersTable {
  project_id: number;
  organisation_id: number;
}

export interface ProjectCitiesTable {
  project_id: number;
  city_id: number;
}

export interface ProjectFieldsTable {
  project_id: number;
  field_id: number;
}

export interface ProjectFilesTable {
  id: Generated<number>;
  project_id: number;
  /** Receipts belong to the accounts: partners never see them. */
  kind: ProjectFileKind;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by_user_id: number | null;
  created_at: Instant;
}

export interface ProjectDeadlinesTable {
  id: Generated<number>;
  project_id: number;
  kind: ProjectDeadlineKind;
  title: string;
  due_on: Day;
  done_at: Instant | null;
  /** When the reminder mail went out (claimed once, on one instance). */
  reminded_at: Instant | null;
  /** Raised with every change the feed shows (SEQUENCE); the UID follows the id. */
  sequence: Generated<number>;
  updated_at: Instant | null;
  /** Dropped: kept as a cancelled event in the feed for 30 days. */
  cancelled_at: Instant | null;
}

export interface ProjectBudgetLinesTable {
  id: Generated<number>;
  project_id: number;
  category: BudgetCategory;
  name: string;
  planned_cents: number;
  position: Generated<number>;
}

export interface ProjectExpensesTable {
  id: Generated<number>;
  project_id: number;
  budget_line_id: number;
  spent_on: Day;
  amount_cents: number;
  payee: string;
  receipt_no: string | null;
  receipt_file_id: number | null;
  note: string | null;
  created_by_user_id: number | null;
  created_at: Instant;
}

export interface ProjectTranchesTable {
  id: Generated<number>;
  project_id: number;
  received_on: Day;
  amount_cents: number;
  note: string | null;
  created_by_user_id: number | null;
  created_at: Instant;
}

// Advice requests (Antragsberatung, migration 0037, src/advice/). Personal data: deleted after the
// retention period once closed; the numbers stay in advice_request_tallies.
export interface AdviceRequestsTable {
  id: Generated<number>;
  programme_id: number;
  /** The published directory entry the organisation's name matched, if any. */
  organisation_id: number | null;
  organisation_name: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  idea: string;
  question: string;
  /** The public language the form was sent in (the confirmation mail's). */
  lang: Generated<string>;
  consent_at: Instant;
  status: Generated<'open' | 'closed'>;
  assigned_user_id: number | null;
  assigned_at: Instant | null;
  /** When the first answer went out. */
  answered_at: Instant | null;
  closed_at: Instant | null;
  close_note: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface AdviceAnswersTable {
  id: Generated<number>;
  request_id: number;
  sender_user_id: number | null;
  subject: string;
  body: string;
  /** The mail in the outbox (gone from there after the retention period, like every mail). */
  outbox_id: number | null;
  sent_at: Instant;
}

/** What stays of deleted requests: per year of receipt (UTC) and programme, how many came and were answered. */
export interface AdviceRequestTalliesTable {
  year: number;
  programme_id: number;
  received: number;
  answered: number;
}
