import type { Formatters } from '../../src/lib/berlin-time.js';
import type { MessageKey, Translate } from '../../src/i18n/index.js';
import { formatEuro } from '../../src/projects/accounts/money.js';
import { EXPORT_SECTIONS, type ExportRow, type ExportSection, type ExportValue, type PersonExport } from '../../src/privacy/export.js';

/** How one exported field is shown: its label and how its value reads. */
type Format = 'text' | 'instant' | 'day' | 'flag' | 'json' | 'cents' | ((value: string) => MessageKey);
type Column = [key: string, label: MessageKey, format?: Format];

const on = (prefix: string) => (value: string) => `${prefix}${value}` as MessageKey;

/** The columns of each section, in the JSON's field names (src/privacy/export.ts). */
const COLUMNS: Record<ExportSection, Column[]> = {
  person: [
    ['name', 'privacy.field.name'],
    ['email', 'privacy.field.email'],
    ['phone', 'privacy.field.phone'],
    ['job_function', 'privacy.field.jobFunction'],
    ['organisation', 'privacy.field.organisation'],
    ['city', 'privacy.field.city'],
    ['contact_consent_at', 'privacy.field.consentAt', 'instant'],
    ['contact_consent_method', 'privacy.field.consentMethod', on('privacy.consentMethod.')],
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['updated_at', 'privacy.field.updatedAt', 'instant'],
    ['anonymised_at', 'privacy.field.anonymisedAt', 'instant'],
  ],
  account: [
    ['role', 'privacy.field.role', on('role.')],
    ['active', 'privacy.field.active', 'flag'],
    ['has_password', 'privacy.field.hasPassword', 'flag'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['last_login_at', 'privacy.field.lastLogin', 'instant'],
  ],
  sessions: [
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['last_verified_at', 'privacy.field.lastSeen', 'instant'],
  ],
  one_time_links: [
    ['purpose', 'privacy.field.purpose', on('privacy.purpose.')],
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['expires_at', 'privacy.field.expiresAt', 'instant'],
    ['used_at', 'privacy.field.usedAt', 'instant'],
  ],
  address_change: [
    ['new_email', 'privacy.field.newEmail'],
    ['requested_at', 'privacy.field.requestedAt', 'instant'],
    ['expires_at', 'privacy.field.expiresAt', 'instant'],
  ],
  feeds: [
    ['name', 'privacy.field.name'],
    ['scope', 'privacy.field.scope', on('privacy.scope.')],
    ['group', 'privacy.field.group'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['rotated_at', 'privacy.field.rotatedAt', 'instant'],
    ['last_used_on', 'privacy.field.lastUsedOn', 'day'],
  ],
  memberships: [
    ['group', 'privacy.field.group'],
    ['role', 'privacy.field.membershipRole', on('membershipRole.')],
    ['organisation', 'privacy.field.organisation'],
    ['starts_on', 'privacy.field.startsOn', 'day'],
    ['ends_on', 'privacy.field.endsOn', 'day'],
  ],
  group_invitations: [
    ['group', 'privacy.field.group'],
    ['email', 'privacy.field.email'],
    ['name', 'privacy.field.invitedName'],
    ['role', 'privacy.field.membershipRole', on('membershipRole.')],
    ['organisation', 'privacy.field.organisation'],
    ['starts_on', 'privacy.field.startsOn', 'day'],
    ['ends_on', 'privacy.field.endsOn', 'day'],
    ['created_at', 'privacy.field.invitedAt', 'instant'],
    ['expires_at', 'privacy.field.expiresAt', 'instant'],
  ],
  invitations: [
    ['meeting', 'privacy.field.meeting'],
    ['group', 'privacy.field.group'],
    ['starts_at', 'privacy.field.meetingDate', 'instant'],
    ['invited_at', 'privacy.field.invitedAt', 'instant'],
    ['answer', 'privacy.field.answer', on('answer.')],
    ['comment', 'privacy.field.comment'],
    ['substitute', 'privacy.field.substitute'],
    ['answered_at', 'privacy.field.answeredAt', 'instant'],
    ['reminded_at', 'privacy.field.remindedAt', 'instant'],
  ],
  attendance: [
    ['meeting', 'privacy.field.meeting'],
    ['group', 'privacy.field.group'],
    ['starts_at', 'privacy.field.meetingDate', 'instant'],
    ['status', 'privacy.field.status', on('attendance.')],
    ['recorded_at', 'privacy.field.recordedAt', 'instant'],
  ],
  minute_comments: [
    ['meeting', 'privacy.field.meeting'],
    ['starts_at', 'privacy.field.meetingDate', 'instant'],
    ['agenda_item', 'privacy.field.agendaItem'],
    ['body', 'privacy.field.text'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
  ],
  action_items: [
    ['meeting', 'privacy.field.meeting'],
    ['starts_at', 'privacy.field.meetingDate', 'instant'],
    ['description', 'privacy.field.description'],
    ['due_on', 'privacy.field.dueOn', 'day'],
    ['status', 'privacy.field.status', on('actions.')],
    ['done_note', 'privacy.field.doneNote'],
    ['done_at', 'privacy.field.doneAt', 'instant'],
    ['responsible', 'privacy.field.responsible', 'flag'],
    ['done_by_you', 'privacy.field.doneBy', 'flag'],
  ],
  consent_links: [['created_at', 'privacy.field.createdAt', 'instant']],
  directory_submissions: [
    ['organisation', 'privacy.field.organisation'],
    ['status', 'privacy.field.status', on('directory.status.')],
    ['submitter_name', 'privacy.field.submitterName'],
    ['submitter_email', 'privacy.field.submitterEmail'],
    ['consent_at', 'privacy.field.publicationConsent', 'instant'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
  ],
  documents: [
    ['name', 'privacy.field.fileName'],
    ['content_type', 'privacy.field.fileType'],
    ['size', 'privacy.field.size'],
    ['meeting', 'privacy.field.meeting'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
  ],
  minutes_versions: [
    ['meeting', 'privacy.field.meeting'],
    ['version', 'privacy.field.version'],
    ['status', 'privacy.field.status', on('minutes.status.')],
    ['reason', 'privacy.field.reason'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
  ],
  directory_reviews: [
    ['organisation', 'privacy.field.organisation'],
    ['status', 'privacy.field.status', on('directory.status.')],
    ['reviewed_at', 'privacy.field.reviewedAt', 'instant'],
  ],
  directory_changes: [
    ['organisation', 'privacy.field.organisation'],
    ['status', 'privacy.field.status', on('privacy.changeStatus.')],
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['decided_at', 'privacy.field.decidedAt', 'instant'],
    ['proposed_by_you', 'privacy.field.proposedBy', 'flag'],
  ],
  site_texts: [
    ['key', 'privacy.field.textKey'],
    ['updated_at', 'privacy.field.updatedAt', 'instant'],
  ],
  mails: [
    ['to_address', 'privacy.field.to'],
    ['subject', 'privacy.field.subject'],
    ['status', 'privacy.field.status', on('admin.outbox.status.')],
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['sent_at', 'privacy.field.sentAt', 'instant'],
  ],
  audit_log: [
    ['at', 'privacy.field.at', 'instant'],
    ['action', 'privacy.field.action'],
    ['entity', 'privacy.field.entity'],
    ['by', 'privacy.field.by', on('privacy.by.')],
    ['before', 'privacy.field.before', 'json'],
    ['after', 'privacy.field.after', 'json'],
  ],
  poll_answers: [
    ['kind', 'privacy.field.pollKind', on('privacy.pollKind.')],
    ['poll', 'privacy.field.poll'],
    ['group', 'privacy.field.group'],
    ['starts_at', 'privacy.field.pollDate', 'instant'],
    ['answer', 'privacy.field.answer', on('polls.answer.')],
    ['answered_at', 'privacy.field.answeredAt', 'instant'],
    ['invited_at', 'privacy.field.invitedAt', 'instant'],
    ['status', 'privacy.field.status', on('polls.status.')],
    ['created_at', 'privacy.field.createdAt', 'instant'],
  ],
  statistics_changes: [
    ['indicator', 'privacy.field.indicator'],
    ['city', 'privacy.field.city'],
    ['year', 'privacy.field.year'],
    ['via', 'privacy.field.via', on('privacy.statisticsVia.')],
    ['changed_at', 'privacy.field.updatedAt', 'instant'],
  ],
  advice_requests: [
    ['programme', 'privacy.field.programme'],
    ['organisation', 'privacy.field.organisation'],
    ['name', 'privacy.field.name'],
    ['email', 'privacy.field.email'],
    ['phone', 'privacy.field.phone'],
    ['idea', 'advice.detail.idea'],
    ['question', 'advice.detail.question'],
    ['consent_at', 'privacy.field.consentAt', 'instant'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['answered_at', 'privacy.field.answeredAt', 'instant'],
    ['closed_at', 'privacy.field.closedAt', 'instant'],
  ],
  advice_work: [
    ['programme', 'privacy.field.programme'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
    ['assigned_to_you', 'privacy.field.assignedToYou', 'flag'],
    ['answers_by_you', 'privacy.field.answersByYou'],
  ],
  projects: [
    ['role', 'privacy.field.projectRole', on('privacy.projectRole.')],
    ['project', 'privacy.field.project'],
    ['status', 'privacy.field.status', on('projects.status.')],
    ['name', 'privacy.field.name'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
  ],
  project_accounts: [
    ['kind', 'privacy.field.accountsKind', on('privacy.accountsKind.')],
    ['project', 'privacy.field.project'],
    ['booked_on', 'privacy.field.bookedOn', 'day'],
    ['amount_cents', 'privacy.field.amount', 'cents'],
    ['payee', 'privacy.field.payee'],
    ['created_at', 'privacy.field.createdAt', 'instant'],
  ],
};

/** The page shows this many rows per section; the JSON file has them all. */
const PAGE_ROWS = 500;

function show(t: Translate, fmt: Formatters, value: ExportValue | undefined, format: Format = 'text'): string {
  if (value === null || value === undefined || value === '') return '–';
  if (format === 'flag') return t(value ? 'privacy.yes' : 'privacy.no');
  if (format === 'json') return JSON.stringify(value);
  if (format === 'cents' && typeof value === 'number') return formatEuro(value, t('app.locale') === 'en' ? 'en' : 'de');
  if (typeof value !== 'string') return String(value);
  if (format === 'instant') return fmt.dateTime(value);
  if (format === 'day') return fmt.date(`${value}T12:00:00Z`);
  if (typeof format === 'function') return t(format(value));
  return value;
}

/** Audit rows name their record as "type #id" on the page. */
function displayRow(section: ExportSection, row: ExportRow): ExportRow {
  return section === 'audit_log' ? { ...row, entity: row.entity_id === null ? String(row.entity_type) : `${String(row.entity_type)} #${String(row.entity_id)}` } : row;
}

/**
 * Section: one part of the export under its h2. The section is no landmark of its own: the scrollable
 * table in it is one (a region named by the heading), and two regions of one name are two entries
 * nobody can tell apart in a screen reader's list of landmarks.
 */
function Section({ t, fmt, section, rows }: { t: Translate; fmt: Formatters; section: ExportSection; rows: ExportRow[] }) {
  const columns = COLUMNS[section];
  const title = t(`privacy.section.${section}`);
  if (rows.length === 0) {
    return (
      <section>
        <h2 id={`section-${section}`}>{title}</h2>
        <p class="empty-state">{t('privacy.export.empty')}</p>
      </section>
    );
  }
  // A single record (the person, the account) reads better as a list of fields than as a one-row table.
  if (section === 'person' || section === 'account') {
    const row = rows[0]!;
    return (
      <section>
        <h2 id={`section-${section}`}>{title}</h2>
        <dl class="facts">
          {columns.map(([key, label, format]) => (
            <>
              <dt>{t(label)}</dt>
              <dd>{show(t, fmt, row[key], format)}</dd>
            </>
          ))}
        </dl>
      </section>
    );
  }
  const shown = rows.slice(0, PAGE_ROWS).map((r) => displayRow(section, r));
  return (
    <section>
      <h2 id={`section-${section}`}>{title}</h2>
      {/* Focusable, so that keyboard users can scroll a wide table sideways. */}
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby={`section-${section}`}>
        <table class="table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map(([, label]) => (
                <th scope="col">{t(label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr>
                {columns.map(([key, , format]) => (
                  <td>{format === 'json' && row[key] !== null ? <code>{show(t, fmt, row[key], format)}</code> : show(t, fmt, row[key], format)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > PAGE_ROWS ? <p class="meta">{t('privacy.export.more', { count: rows.length - PAGE_ROWS })}</p> : null}
    </section>
  );
}

export interface DataExportPageProps {
  t: Translate;
  fmt: Formatters;
  data: PersonExport;
  /** The person's own export, or the staff's export of someone (then with the person's name). */
  self: boolean;
  personName: string;
  jsonHref: string;
  backHref: string;
}

/** DataExportPage: everything the hub holds about a person, section by section (Art. 15 DSGVO). */
export function DataExportPage(p: DataExportPageProps) {
  const { t, fmt, data } = p;
  return (
    <section>
      <h1>{p.self ? t('privacy.export.titleSelf') : t('privacy.export.titleOf', { name: p.personName })}</h1>
      <p>{t(p.self ? 'privacy.export.leadSelf' : 'privacy.export.leadStaff')}</p>
      <p class="meta">{t('privacy.export.generated', { date: fmt.dateTime(data.generated_at) })}</p>
      <div class="toolbar">
        <a class="button" href={p.jsonHref} download hx-boost="false">
          {t('privacy.json')}
        </a>
        <a href={p.backHref}>{t(p.self ? 'privacy.export.backSelf' : 'privacy.export.backPerson')}</a>
      </div>
      {EXPORT_SECTIONS.map((section) => (
        <Section t={t} fmt={fmt} section={section} rows={data.sections[section]} />
      ))}
    </section>
  );
}
